// Attribution indicators (INDICATORS.md A1, A5, A5e, A5q, A6, A7, A10) as SQL over
// the published table `attributions` (one row per cell; '*' = all). The same
// text runs in native DuckDB at build time and in DuckDB-WASM in the browser.
import { conditions, type Niveau } from './filtres.ts';
import { CATALOGUE, COMPTES, sqlTaux } from '../catalogue/index.ts';

export interface DefinitionIndicateur {
  id: string;
  libelle: string;
  numerateur: string;
  denominateur: string;
  /** targets are the territory's (data/territoires/<id>/objectifs_cia.csv), never fixed here */
  cible?: { valeur: number; sens: '>=' | '<=' };
  definition: string;
  source: string;
}

/** The catalogue's shares (src/model/catalogue), in display order: one column each in the query below. */
export const INDICATEURS_ATTRIBUTIONS: DefinitionIndicateur[] = CATALOGUE.map((i) => ({
  id: i.id,
  libelle: i.libelle,
  numerateur: i.numerateur,
  denominateur: i.denominateur,
  definition: i.definition,
  source: i.source,
}));

/** Counts of the published attributions table (src/model/catalogue/comptes.ts). */
export const COMPTES_ATTRIBUTIONS: readonly string[] = COMPTES.map((c) => c.id);

/** Financing classes of the dwelling attributed (src/model/regles/attributions.sql.ts), in display order. */
export const FINANCEMENTS_ATTRIBUTION = ['PLAI', 'PLUS', 'PLS', 'PLI', 'Autre', 'Non renseigné'] as const;

export interface FiltreAttributions {
  niveau: Niveau;
  code: string;
  annee?: number;
  periode?: 'annee' | 'T1' | 'T2' | 'T3';
  bailleur?: string;
  contingent?: string;
  /** financing of the dwelling (PLAI, PLUS…); published crossed with place and period only, not with bailleur or contingent */
  financement?: string;
  /** 'en QPV' / 'hors QPV'; same crossings as financement */
  qpv?: string;
}

/** One row per year (and period): counts, secrecy flag and every indicator value (fraction or NULL). */
/** With `parCode`, the same figures for every zone of the level at once: no code filter, `code` as first column (build-time pages). */
export function requeteAttributions(f: FiltreAttributions, o: { parCode?: boolean } = {}): string {
  const where = conditions({
    niveau: f.niveau,
    code: o.parCode ? undefined : f.code,
    annee: f.annee,
    periode: f.periode ?? 'annee',
    bailleur: f.bailleur ?? '*',
    contingent: f.contingent ?? '*',
    financement: f.financement ?? '*',
    qpv: f.qpv ?? '*',
  });
  const comptes = COMPTES_ATTRIBUTIONS.map((c) => `sum(${c})::INTEGER AS ${c}`).join(', ');
  const taux = CATALOGUE.map((i) => `${sqlTaux(i)} AS ${i.id}`).join(',\n  ');
  const cle = o.parCode ? 'code, ' : '';
  return `SELECT ${cle}annee, periode, bool_or(secret) AS secret, ${comptes},
  ${taux}
FROM attributions WHERE ${where}
GROUP BY ${cle}annee, periode ORDER BY ${cle}annee, periode`;
}

/** Values of the dimension `dim` present for a level/code (filter choices in the explorer). */
export function requeteModalites(dim: 'bailleur' | 'contingent' | 'annee' | 'financement' | 'qpv'): string {
  return `SELECT DISTINCT ${dim} AS valeur FROM attributions WHERE ${dim} <> '*' ORDER BY 1`;
}
