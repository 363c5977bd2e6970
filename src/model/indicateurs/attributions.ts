// Attribution indicators (INDICATORS.md A1, A5, A5e, A5q, A6, A7, A10) as SQL over
// the published table `attributions` (one row per cell; '*' = all). The same
// text runs in native DuckDB at build time and in DuckDB-WASM in the browser.
import { conditions, type Niveau } from './filtres.ts';

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

export const INDICATEURS_ATTRIBUTIONS: DefinitionIndicateur[] = [
  {
    id: 'a1',
    libelle: 'Part des attributions aux publics prioritaires (ACD, indicateur B)',
    numerateur: 'prioritaires',
    denominateur: 'attributions',
    definition: 'Attributions à des ménages reconnus prioritaires (DALO, PDALHPD, CIL) / toutes les attributions, refus compris.',
    source: 'ACD 31 2025-2027, indicateur B (l.6559) ; CCH L.441-1',
  },
  {
    id: 'a5',
    libelle: 'Attributions hors QPV au 1er quartile',
    numerateur: 'q1_hors_qpv',
    denominateur: 'hors_qpv',
    definition: "Attributions hors QPV à des ménages dont les ressources annuelles par unité de consommation sont sous le seuil du 1er quartile de l'année du bail / attributions hors QPV.",
    source: 'CCH L.441-1 (loi Égalité et Citoyenneté)',
  },
  {
    id: 'a5e_toutes',
    libelle: '1er quartile hors étudiants, sur toutes les attributions hors QPV',
    numerateur: 'q1_hors_qpv - q1_hors_qpv_etudiants',
    denominateur: 'hors_qpv',
    definition: 'Attributions hors QPV au 1er quartile à des non-étudiants / toutes les attributions hors QPV.',
    source: 'Variante suivie par la CIA du Sicoval (diagnostic : 16 % hors étudiants, l.4988)',
  },
  {
    id: 'a5e_non_etudiants',
    libelle: '1er quartile hors étudiants, sur les attributions hors QPV à des non-étudiants',
    numerateur: 'q1_hors_qpv - q1_hors_qpv_etudiants',
    denominateur: 'hors_qpv - etudiants_hors_qpv',
    definition: 'Attributions hors QPV au 1er quartile à des non-étudiants / attributions hors QPV à des non-étudiants.',
    source: 'Variante suivie par la CIA du Sicoval (l.4988)',
  },
  {
    id: 'a5q',
    libelle: 'Attributions en QPV aux ménages des quartiles 2 à 4',
    numerateur: 'q2_4_en_qpv',
    denominateur: 'en_qpv',
    definition: 'Attributions en QPV à des ménages au-dessus du seuil du 1er quartile / attributions en QPV.',
    source: 'CCH L.441-1',
  },
  {
    id: 'a6',
    libelle: 'Attributions aux ménages sous 60 % des plafonds PLUS',
    numerateur: 'sous_60_plus',
    denominateur: 'plafond_plus_connu',
    definition:
      "Attributions à des ménages dont les ressources annuelles (12 × ressources mensuelles) sont strictement inférieures à 60 % du plafond de ressources PLUS de leur catégorie de ménage, pour l'année du bail (de la décision sans bail) / attributions dont le plafond et les ressources sont connus. Sans plafonds publiés pour l'année du bail, l'attribution n'est pas classée.",
    source: 'INDICATORS.md A6 ; plafonds : arrêté du 29 juillet 1987 modifié, annexe I, « autres régions » (data/config/plafonds_plus.csv)',
  },
  {
    id: 'a6_q1',
    libelle: 'Ménages sous 60 % des plafonds PLUS : part du 1er quartile',
    numerateur: 'sous_60_plus_q1',
    denominateur: 'sous_60_plus',
    definition: 'Parmi les attributions aux ménages sous 60 % des plafonds PLUS, part des ménages sous le seuil du 1er quartile (A5) de l\u2019année du bail.',
    source: 'INDICATORS.md A6',
  },
  {
    id: 'a7',
    libelle: 'Part des attributions aux demandeurs de mutation',
    numerateur: 'mutations',
    denominateur: 'attributions',
    definition: 'Attributions à des ménages déjà locataires du parc social / attributions.',
    source: 'Objectif local de CIA (Sicoval : art. 3 obj. 1, l.5360)',
  },
  {
    id: 'taux_edl',
    libelle: 'Attributions suivies d\u2019un bail signé (entrées dans les lieux)',
    numerateur: 'edl',
    denominateur: 'attributions',
    definition: 'Attributions suivies de la signature d\u2019un bail / attributions.',
    source: 'ACD 31 (objectifs comptés en entrées dans les lieux)',
  },
];

export const COMPTES_ATTRIBUTIONS = [
  'attributions', 'prioritaires', 'dalo', 'mutations', 'etudiants', 'q1', 'q1_etudiants', 'q1_inconnu', 'edl',
  'edl_prioritaires', 'refus', 'hors_qpv', 'q1_hors_qpv', 'q1_hors_qpv_etudiants', 'etudiants_hors_qpv', 'en_qpv', 'q2_4_en_qpv',
  'sous_60_plus', 'sous_60_plus_q1', 'plafond_plus_connu',
] as const;

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
  const taux = INDICATEURS_ATTRIBUTIONS.map(
    (i) => `sum(${i.numerateur})::DOUBLE / nullif(sum(${i.denominateur}), 0) AS ${i.id}`,
  ).join(',\n  ');
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
