// Numbers rendered into the static pages, computed by the indicator SQL of
// src/model/indicateurs over the published tables — the same SQL the browser runs.
import { slug } from '../lib/slug.ts';
import type { Territoire } from '../config/territoire.ts';
import type { Db, Ligne } from '../model/db.ts';
import { requeteAttributions, type FiltreAttributions } from '../model/indicateurs/attributions.ts';
import { croisementPublie } from '../model/catalogue/croisements.ts';
import { requeteParcSynthese, requeteParcPar, type DimensionParc, type FiltreParc } from '../model/indicateurs/parc.ts';
import { requeteCouverture, requeteOccupation } from '../model/indicateurs/occupation.ts';
import type { ConventionPubliee } from './conventions.ts';
import type { ResultatBilansFlux } from './bilan-flux.ts';
import { requeteDecisions, requeteEntrees, requeteRefus } from '../model/indicateurs/decisions.ts';
import { rapprocherObjectifs, requeteCapaciteAcdBailleurs, requeteEvaluationAcd, requeteEvaluationAcdCumul, type Rapprochement, type ArreteAnnee } from '../model/acd/index.ts';
import { chargerParametresAcd } from '../model/acd/config-node.ts';
import type { DonneesDemande } from './pages-demande.ts';
import type { ResumeSecret } from '../confidentialite/secret-publication.ts';
import { calculerDonneesBilan, type DonneesBilan } from './bilan-annuel-donnees.ts';
import { TOUS } from '../model/catalogue/index.ts';
import { chargerPetitsEffectifs } from '../model/modele.ts';

export const DIMENSIONS_PARC: DimensionParc[] = ['financement', 'type_logement', 'pieces', 'periode_construction', 'dpe', 'pmr', 'bailleur', 'commune_insee', 'en_qpv'];

export interface DonneesZone {
  code: string;
  nom: string;
  parc: Ligne | null;
  parcPar: Record<DimensionParc, Ligne[]>;
  /** one row per year, periode 'annee' */
  attributions: Ligne[];
  /** latest year: cumulative quarters T1..T3 and the year */
  trimestres: Ligne[];
  /** latest year, per contingent (A4) */
  contingents: Ligne[];
  /** latest year, per bailleur */
  parBailleur: Ligne[];
  occupation: Ligne | null;
  /** OPS households per résidence (communes only) */
  residences: Ligne[];
  /** A10: entrants of the latest year by profile variable */
  entrees: Ligne[];
  /** F4: OPS coverage of the occupied family stock */
  couverture: Ligne | null;
}

/** A target of the territory's CIA / the law, for one indicator (from objectifs_cia.csv). */
export interface ObjectifTerritoire {
  indicateur: string;
  cible: number;
  sens: '>=' | '<=';
  /** as a reader knows it ("CIA du Sicoval, article 1, objectif 1") */
  source: string;
  /** the signed text's place, for the methodology annex */
  reference?: string;
  note: string;
}

/** Indicator ids → names used in objectifs_cia.csv: from the catalogue (variants carry no objective). */
export const OBJECTIFS_PAR_INDICATEUR: Record<string, string> = {
  ...Object.fromEntries(TOUS.filter((i) => i.objectif).map((i) => [i.id, i.objectif!.nom])),
  // the State's contingent: 100 % (CIA l.5180), a row of its own in objectifs_cia.csv
  a4_etat: 'part_attributions_prioritaires_contingent_etat',
};

export interface DonneesPages {
  /** targets in force on this territory, by indicator id */
  objectifs: Record<string, ObjectifTerritoire>;
  /** below this many cases a share is shown "9 sur 11", without verdict (data/config/attributions.json; read there when absent) */
  petitsEffectifs?: number;
  /** the territory's documents (CIA, ACD…), for footers and the methodology page */
  sources: Record<string, string>;
  territoire: { id: string; nom: string; nomCourt: string; siren: string; aDesQpv: boolean };
  synthetique: boolean;
  millesime: number | null;
  annees: number[];
  derniereAnnee: number | null;
  vague: number | null;
  epci: DonneesZone;
  territoires: (DonneesZone & { communes: string[] })[];
  communes: (DonneesZone & { population: number; territoire: string; territoireLibelle: string })[];
  bailleursZones: (DonneesZone & { slug: string })[];
  bailleurs: string[];
  contingents: string[];
  conventions: ConventionPubliee[];
  /** R5: bilan of each convention en flux (computed by the pipeline on the private decisions, after secrecy) */
  bilansFlux?: ResultatBilansFlux;
  /** A8-A9: proposals and refusals per year (EPCI), per bailleur (latest year), refusals by reason and public */
  decisions: { parAnnee: Ligne[]; parBailleur: Ligne[]; refusParMotif: Ligne[]; refusParPublic: Ligne[] };
  /** ACD (indicators A2, A3, C1) per bailleur × year, and cumulated over the ACD period; published totals vs Σ bailleurs */
  acd: {
    evaluation: Ligne[];
    cumul: Ligne[];
    capacite: Ligne[];
    rapprochement?: Rapprochement[];
    periode?: number[];
    /** the month (YYYY-MM) of the exports' last date and, per ACD year, whether they reach its 31 March N+1 freeze (set by the pipeline) */
    arrete?: { jusquAu: string | null; annees: ArreteAnnee[] };
  };
  /** the yearly bilan's figures per year (src/publish/bilan-annuel-donnees.ts) */
  bilan: DonneesBilan;
  /** filled by the pipeline: D1-D4 from the demand extract (src/publish/pages-demande.ts) */
  demande?: DonneesDemande;
  /** filled by the pipeline: summary of the statistical secret and its audit (counts only, src/confidentialite/) */
  secret?: ResumeSecret;
  /** filled by the pipeline: the data-quality report, personal values shown by kind only */
  qualite?: {
    bilans: {
      fichier: string; format: string; encodage: string; separateur: string; lignesLues: number; chargees: number; rejetees: number; horsPerimetre: number; avertissements: number;
      /** anomalies per column, all counted, the first N detailed (src/ingest/importer.ts) */
      comptesAnomalies?: { colonne: string; rejets: number; avertissements: number; detaillees: number }[];
      /** free-text cells that matched no category, counted "autre" (src/ingest/categories.ts) */
      textesNonReconnus?: { colonne: string; nombre: number }[];
    }[];
    anomalies: { fichier: string; ligne: number; colonne: string; valeur: string; attendu: string; gravite: string }[];
    anomaliesTotal: number;
  };
}

export { slug };

export interface Contexte {
  siren: string;
  millesime: number | null;
  vague: number | null;
  derniereAnnee: number | null;
  bailleurs: string[];
  contingents: string[];
  aDesQpv: boolean;
}

type Niveau = 'epci' | 'territoire' | 'commune';

export async function zone(db: Db, cx: Contexte, niveau: Niveau, code: string, nom: string, filtreParc: FiltreParc, bailleur?: string): Promise<DonneesZone> {
  const fp = { ...filtreParc, millesime: cx.millesime ?? undefined };
  const [parc] = await db.query(requeteParcSynthese(fp));
  const parcPar = {} as Record<DimensionParc, Ligne[]>;
  for (const d of DIMENSIONS_PARC) {
    // one-commune and one-bailleur views need no split by themselves
    const inutile = (d === 'commune_insee' && niveau === 'commune') || (d === 'bailleur' && bailleur !== undefined);
    parcPar[d] = inutile ? [] : await db.query(requeteParcPar(d, fp));
  }
  const annee = cx.derniereAnnee ?? undefined;
  const trimestres: Ligne[] = [];
  const contingents: Ligne[] = [];
  const parBailleur: Ligne[] = [];
  if (annee !== undefined) {
    // only the crossings the cube publishes (src/model/catalogue/croisements.ts): the quarters and the
    // splits by contingent and by bailleur are the EPCI's
    const publie = (f: Omit<FiltreAttributions, 'code'>) => croisementPublie(f, cx.aDesQpv);
    for (const periode of ['T1', 'T2', 'T3', 'annee'] as const) {
      if (publie({ niveau, periode, bailleur })) trimestres.push(...(await db.query(requeteAttributions({ niveau, code, annee, periode, bailleur }))));
    }
    for (const contingent of cx.contingents.filter((c) => publie({ niveau, contingent: c, bailleur }))) {
      const [l] = await db.query(requeteAttributions({ niveau, code, annee, contingent, bailleur }));
      if (l) contingents.push({ ...l, contingent });
    }
    for (const b of bailleur ? [] : cx.bailleurs.filter((x) => publie({ niveau, bailleur: x }))) {
      const [l] = await db.query(requeteAttributions({ niveau, code, annee, bailleur: b }));
      if (l) parBailleur.push({ ...l, bailleur: b });
    }
  }
  const occ = cx.vague === null || bailleur ? [] : await db.query(requeteOccupation({ niveau, code, vague: cx.vague }));
  const residences = cx.vague === null || niveau !== 'commune' ? [] : await db.query(requeteOccupation({ niveau: 'residence', parent: code, vague: cx.vague }));
  const entrees = annee === undefined || bailleur ? [] : await db.query(requeteEntrees({ niveau, code, annee }));
  const [couverture] = cx.vague === null || cx.millesime === null || bailleur ? [] : await db.query(requeteCouverture({ niveau, code, vague: cx.vague, millesime: cx.millesime }));
  return {
    code,
    nom,
    entrees,
    couverture: couverture ?? null,
    parc: parc ?? null,
    parcPar,
    attributions: await db.query(requeteAttributions({ niveau, code, bailleur })),
    trimestres,
    contingents,
    parBailleur,
    occupation: occ[0] ?? null,
    residences,
  };
}

type Groupes = Map<string, Ligne[]>;

/** Splits an all-zones result by zone, in query order; `garder` keeps the zone column (already part of the one-zone rows). */
function parZone(lignes: Ligne[], cle = 'code', garder = false): Groupes {
  const m: Groupes = new Map();
  for (const l of lignes) {
    const k = String(l[cle]);
    let ligne = l;
    if (!garder) {
      const { [cle]: _, ...reste } = l;
      ligne = reste;
    }
    const g = m.get(k);
    if (g) g.push(ligne);
    else m.set(k, [ligne]);
  }
  return m;
}

/**
 * The figures of `zone` for every territoire or commune at once: each indicator's
 * SQL runs once for the whole level (no zone filter, zone as first column) and the
 * rows are split here. ≈ 20 queries per level instead of ≈ 50 per zone, which is
 * what makes 35 000 communes tractable (docs/performance.md); same rows as `zone`.
 */
export async function zonesDuNiveau(db: Db, cx: Contexte, niveau: 'territoire' | 'commune', zones: { code: string; nom: string }[]): Promise<DonneesZone[]> {
  const par = niveau === 'commune' ? 'commune_insee' : 'territoire';
  const fp = { millesime: cx.millesime ?? undefined };
  const parc = parZone(await db.query(requeteParcSynthese(fp, { par })));
  const parcPar = new Map<DimensionParc, Groupes | null>();
  for (const d of DIMENSIONS_PARC) {
    parcPar.set(d, d === 'commune_insee' && niveau === 'commune' ? null : parZone(await db.query(requeteParcPar(d, fp, { par }))));
  }
  const annee = cx.derniereAnnee ?? undefined;
  const trimestres: Groupes[] = [];
  if (annee !== undefined) {
    for (const periode of ['T1', 'T2', 'T3', 'annee'] as const) {
      if (croisementPublie({ niveau, periode }, cx.aDesQpv)) trimestres.push(parZone(await db.query(requeteAttributions({ niveau, code: '', annee, periode }, { parCode: true }))));
    }
  }
  const occ = cx.vague === null ? null : parZone(await db.query(requeteOccupation({ niveau, vague: cx.vague })), 'code', true);
  const residences = cx.vague === null || niveau !== 'commune' ? null : parZone(await db.query(requeteOccupation({ niveau: 'residence', vague: cx.vague })), 'parent', true);
  const entrees = annee === undefined ? null : parZone(await db.query(requeteEntrees({ niveau, code: '', annee }, { parCode: true })));
  let couverture: Groupes | null = null;
  let couvertureVide: Ligne | null = null;
  if (cx.vague !== null && cx.millesime !== null) {
    const lignes = await db.query(requeteCouverture({ niveau, code: '', vague: cx.vague, millesime: cx.millesime }, { parCode: true }));
    couverture = parZone(lignes);
    const [premiere] = couverture.values();
    // the one-zone query answers a row of NULLs for a zone with neither stock nor survey
    if (premiere?.[0]) couvertureVide = Object.fromEntries(Object.keys(premiere[0]).map((k) => [k, null]));
  }
  const attributions = parZone(await db.query(requeteAttributions({ niveau, code: '' }, { parCode: true })));

  const resultat: DonneesZone[] = [];
  for (const { code, nom } of zones) {
    let cv: Ligne | null = null;
    if (couverture && cx.vague !== null && cx.millesime !== null) {
      cv = couverture.get(code)?.[0] ?? couvertureVide ?? (await db.query(requeteCouverture({ niveau, code, vague: cx.vague, millesime: cx.millesime })))[0] ?? null;
    }
    const pp = {} as Record<DimensionParc, Ligne[]>;
    for (const d of DIMENSIONS_PARC) pp[d] = parcPar.get(d)?.get(code) ?? [];
    resultat.push({
      code,
      nom,
      entrees: entrees?.get(code) ?? [],
      couverture: cv,
      parc: parc.get(code)?.[0] ?? null,
      parcPar: pp,
      attributions: attributions.get(code) ?? [],
      trimestres: trimestres.flatMap((t) => t.get(code) ?? []),
      contingents: [],
      parBailleur: [],
      occupation: occ?.get(code)?.[0] ?? null,
      residences: residences?.get(code) ?? [],
    });
  }
  return resultat;
}

export async function calculerDonneesPages(db: Db, t: Territoire, synthetique: boolean, conventions: ConventionPubliee[] = []): Promise<DonneesPages> {
  const [m] = await db.query(`SELECT max(millesime) AS m FROM parc`);
  const millesime = m?.m === null || m?.m === undefined ? null : Number(m.m);
  const annees = (await db.query(`SELECT DISTINCT annee FROM attributions ORDER BY 1`)).map((r) => Number(r.annee));
  const [v] = await db.query(`SELECT max(vague) AS v FROM occupation`);
  const vague = v?.v === null || v?.v === undefined ? null : Number(v.v);
  const communes = await db.query(`SELECT * FROM communes ORDER BY nom`);
  const territoires = await db.query(
    `SELECT territoire, any_value(territoire_libelle) AS libelle, string_agg(code_insee, ',' ORDER BY nom) AS communes FROM communes GROUP BY territoire ORDER BY territoire`,
  );
  const distincts = async (col: string) =>
    (await db.query(`SELECT DISTINCT ${col} AS v FROM attributions WHERE ${col} <> '*' ORDER BY 1`)).map((r) => String(r.v));
  const bailleursParc = (await db.query(`SELECT DISTINCT bailleur AS v FROM parc ORDER BY 1`)).map((r) => String(r.v));
  const bailleurs = [...new Set([...(await distincts('bailleur')), ...bailleursParc])].sort((a, b) => a.localeCompare(b, 'fr'));
  const cx: Contexte = { siren: t.epciSiren, millesime, vague, derniereAnnee: annees.at(-1) ?? null, bailleurs, contingents: await distincts('contingent'), aDesQpv: t.aDesQpv };

  // sequential: one DuckDB connection runs one query at a time
  const zt = await zonesDuNiveau(db, cx, 'territoire', territoires.map((x) => ({ code: String(x.territoire), nom: String(x.libelle) })));
  const zonesTerritoires: DonneesPages['territoires'] = territoires.map((x, i) => ({ ...zt[i]!, communes: String(x.communes).split(',') }));
  const zc = await zonesDuNiveau(db, cx, 'commune', communes.map((c) => ({ code: String(c.code_insee), nom: String(c.nom) })));
  const zonesCommunes: DonneesPages['communes'] = communes.map((c, i) => ({
    ...zc[i]!,
    population: Number(c.population),
    territoire: String(c.territoire),
    territoireLibelle: String(c.territoire_libelle),
  }));
  const bailleursZones: DonneesPages['bailleursZones'] = [];
  for (const b of bailleurs) {
    bailleursZones.push({ ...(await zone(db, cx, 'epci', t.epciSiren, b, { bailleur: b }, b)), slug: slug(b) });
  }
  const objectifs: Record<string, ObjectifTerritoire> = {};
  for (const [id, nom] of Object.entries(OBJECTIFS_PAR_INDICATEUR)) {
    const o = t.objectifsCia.find((x) => x.indicateur === nom);
    if (o) objectifs[id] = { indicateur: nom, cible: o.ciblePct / 100, sens: o.sens, source: o.source, reference: o.reference, note: o.note };
  }
  return {
    objectifs,
    petitsEffectifs: chargerPetitsEffectifs(),
    sources: t.sources,
    territoire: { id: t.id, nom: t.nom, nomCourt: t.nomCourt, siren: t.epciSiren, aDesQpv: t.aDesQpv },
    synthetique,
    millesime,
    annees,
    derniereAnnee: cx.derniereAnnee,
    vague,
    epci: await zone(db, cx, 'epci', t.epciSiren, t.nom, {}),
    territoires: zonesTerritoires,
    communes: zonesCommunes,
    bailleursZones,
    bailleurs,
    contingents: cx.contingents,
    conventions,
    acd: await donneesAcd(db, t),
    decisions: await donneesDecisions(db, cx),
    bilan: await calculerDonneesBilan(db, annees, cx.contingents),
  };
}

async function donneesDecisions(db: Db, cx: Contexte): Promise<DonneesPages['decisions']> {
  const annee = cx.derniereAnnee;
  const parBailleur: Ligne[] = [];
  if (annee !== null) {
    for (const b of cx.bailleurs) {
      const [l] = await db.query(requeteDecisions({ annee, bailleur: b }));
      if (l) parBailleur.push({ ...l, bailleur: b });
    }
  }
  return {
    parAnnee: await db.query(requeteDecisions({})),
    parBailleur,
    refusParMotif: annee === null ? [] : await db.query(requeteRefus({ annee, par: 'motif' })),
    refusParPublic: annee === null ? [] : await db.query(requeteRefus({ annee, par: 'public' })),
  };
}

async function donneesAcd(db: Db, t: Territoire): Promise<DonneesPages['acd']> {
  const parametres = chargerParametresAcd();
  return {
    evaluation: await db.query(requeteEvaluationAcd({ parametres })),
    cumul: await db.query(requeteEvaluationAcdCumul({ parametres })),
    capacite: await db.query(requeteCapaciteAcdBailleurs({ parametres })),
    rapprochement: rapprocherObjectifs(t.objectifsAcd, t.objectifsAcdTotaux.map((x) => ({ annee: x.annee, total: x.total })), parametres.toleranceRapprochement),
    periode: parametres.annees,
  };
}
