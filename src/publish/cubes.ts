// Published tables: aggregates only. Every personal record (OPS household,
// CALEOL decision) stops here; what leaves is counted per cell. The statistical secret
// is applied to all these tables together afterwards (src/confidentialite/secret-publication.ts).
import type { Territoire } from '../config/territoire.ts';
import { lit, type Db } from '../model/db.ts';
import { COMPTES, COMPTES_DECISIONS } from '../model/catalogue/index.ts';
import { ensemblesCroisements, sqlCroisementsPublies } from '../model/catalogue/croisements.ts';

/** Every combination of the listed optional groups, each group kept whole or dropped. */
export function ensemblesGroupes(fixes: string[], options: string[][][]): string {
  let ensembles: string[][] = [fixes];
  for (const choix of options) ensembles = ensembles.flatMap((e) => choix.map((c) => [...e, ...c]));
  return ensembles.map((e) => `(${e.join(', ')})`).join(',\n    ');
}

/** Geography columns of a grouping-sets cube: level, code and parent code. */
export function colonnesGeo(t: Territoire, avecResidence = false): string {
  const res = avecResidence ? `WHEN grouping(residence) = 0 THEN 'residence' ` : '';
  const codeRes = avecResidence ? `WHEN grouping(residence) = 0 THEN commune_insee || ' · ' || residence ` : '';
  const parentRes = avecResidence ? `WHEN grouping(residence) = 0 THEN commune_insee ` : '';
  return `CASE ${res}WHEN grouping(commune_insee) = 0 THEN 'commune' WHEN grouping(territoire) = 0 THEN 'territoire' ELSE 'epci' END AS niveau,
    CASE ${codeRes}WHEN grouping(commune_insee) = 0 THEN commune_insee WHEN grouping(territoire) = 0 THEN territoire ELSE ${lit(t.epciSiren)} END AS code,
    CASE ${parentRes}WHEN grouping(commune_insee) = 0 THEN territoire WHEN grouping(territoire) = 0 THEN ${lit(t.epciSiren)} ELSE NULL END AS parent`;
}

/** Measures of the attributions cube other than its effectif: the catalogue's counts (src/model/catalogue/comptes.ts). */
export const MESURES_ATTRIBUTIONS: readonly string[] = COMPTES.filter((c) => c.id !== 'attributions').map((c) => c.id);

export async function publierAttributions(db: Db, t: Territoire): Promise<{ lignes: number }> {
  // Two kinds of facts in one cube (src/model/catalogue/comptes.ts): attributions dated by the
  // CALEOL, and signed leases (any rank) dated by the lease — for the years the export's decisions cover.
  const comptes = COMPTES.map((c) => `count(*) FILTER (WHERE fait = '${c.base}' AND (${c.condition}))::INTEGER AS ${c.id}`).join(',\n    ');
  await db.exec(`CREATE OR REPLACE TABLE pub_attributions AS
  WITH m AS (SELECT *, CASE WHEN en_qpv THEN 'en QPV' ELSE 'hors QPV' END AS qpv FROM attributions_modele),
  a AS (
    SELECT *, 'decisions' AS fait FROM m WHERE est_attribution
    UNION ALL BY NAME
    SELECT * REPLACE (annee_bail AS annee, trimestre_bail AS trimestre), 'baux' AS fait FROM m
    WHERE est_bail AND annee_bail IN (SELECT DISTINCT annee FROM m WHERE est_attribution)
  ),
  p(periode, tmax) AS (VALUES ('annee', 4), ('T1', 1), ('T2', 2), ('T3', 3)),
  b AS (SELECT a.*, p.periode FROM a JOIN p ON a.trimestre <= p.tmax),
  cube AS (
  SELECT annee, periode,
    ${colonnesGeo(t)},
    CASE WHEN grouping(bailleur) = 1 THEN '*' ELSE bailleur END AS bailleur,
    CASE WHEN grouping(contingent) = 1 THEN '*' ELSE contingent END AS contingent,
    CASE WHEN grouping(financement) = 1 THEN '*' ELSE financement END AS financement,
    ${t.aDesQpv ? `CASE WHEN grouping(qpv) = 1 THEN '*' ELSE qpv END` : `'*'`} AS qpv,
    ${comptes}
  FROM b
  GROUP BY GROUPING SETS (
    ${ensemblesCroisements(t.aDesQpv)}
  ))
  -- the published crossings only (src/model/catalogue/croisements.ts): the quarters exist for some of them only
  SELECT * FROM cube WHERE ${sqlCroisementsPublies(t.aDesQpv)}`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_attributions`);
  return { lignes: Number(n?.n) };
}

export const MESURES_OCCUPATION = [
  'menages', 'niveau_0', 'niveau_1', 'niveau_2', 'niveau_3', 'niveau_4', 'fragiles',
  'c1', 'c1_renseigne', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c9_renseigne',
] as const;

export async function publierOccupation(db: Db, t: Territoire, niveauFragile: number): Promise<{ lignes: number }> {
  const somme = (cond: string) => `count(*) FILTER (WHERE repondant AND ${cond})::INTEGER`;
  await db.exec(`CREATE OR REPLACE TABLE pub_occupation AS
  SELECT vague,
    ${colonnesGeo(t, true)},
    count(*)::INTEGER AS menages,
    count(*) FILTER (WHERE repondant)::INTEGER AS repondants,
    ${[0, 1, 2, 3, 4].map((n) => `${somme(`niveau = ${n}`)} AS niveau_${n}`).join(',\n    ')},
    ${somme(`niveau >= ${niveauFragile}`)} AS fragiles,
    ${['c1', 'c1_renseigne', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'c9_renseigne'].map((c) => `${somme(c)} AS ${c}`).join(',\n    ')}
  FROM menages_modele
  GROUP BY GROUPING SETS (
    ${ensemblesGroupes(['vague'], [[['territoire', 'commune_insee', 'residence'], ['territoire', 'commune_insee'], ['territoire'], []]])}
  )`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_occupation`);
  return { lignes: Number(n?.n) };
}

/** RPLS stock: dwelling-level fields are public, the cube needs no secrecy. */
export async function publierParc(db: Db): Promise<{ lignes: number }> {
  await db.exec(`CREATE OR REPLACE TABLE pub_parc AS
  SELECT millesime, commune_insee, territoire, bailleur, financement, type_logement, pieces,
         periode_construction, dpe, pmr, en_qpv,
         count(*)::INTEGER AS logements,
         count(*) FILTER (WHERE vacant)::INTEGER AS vacants,
         count(*) FILTER (WHERE bail_annee_precedente)::INTEGER AS baux_annee_precedente
  FROM logements_modele GROUP BY ALL`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_parc`);
  return { lignes: Number(n?.n) };
}

export async function publierReferentiel(db: Db, t: Territoire): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE pub_communes AS SELECT * FROM communes`);
  await db.exec(`CREATE OR REPLACE TABLE pub_objectifs_acd (annee INTEGER, bailleur VARCHAR, objectif_edl_prioritaires INTEGER, source VARCHAR)`);
  if (t.objectifsAcd.length) {
    await db.exec(`INSERT INTO pub_objectifs_acd VALUES ${t.objectifsAcd
      .map((o) => `(${o.annee}, ${lit(o.bailleur)}, ${o.objectif}, ${lit(o.source)})`)
      .join(', ')}`);
  }
}

/**
 * CALEOL proposals (A9) and refusals by reason and public (A8), per year, bailleur and
 * reason: every candidate examined counts as a proposal when the decision is an
 * attribution (ranked or not); refusals are applicants' refusals of an attribution.
 */
export async function publierDecisions(db: Db, t: Territoire): Promise<{ lignes: number }> {
  const somme = (cond: string) => `count(*) FILTER (WHERE ${cond})::INTEGER`;
  await db.exec(`CREATE OR REPLACE TABLE pub_decisions AS
  SELECT annee, 'epci' AS niveau, ${lit(t.epciSiren)} AS code, NULL::VARCHAR AS parent,
    CASE WHEN grouping(bailleur) = 1 THEN '*' ELSE bailleur END AS bailleur,
    ${COMPTES_DECISIONS.map((c) => `${somme(c.condition)} AS ${c.id}`).join(',\n    ')}
  FROM attributions_modele
  GROUP BY GROUPING SETS ((annee, bailleur), (annee))`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_decisions`);
  return { lignes: Number(n?.n) };
}

/** A8 detail: refusals per reason and public, EPCI level, with secrecy on each count. */
export async function publierRefus(db: Db, t: Territoire): Promise<{ lignes: number }> {
  await db.exec(`CREATE OR REPLACE TABLE pub_refus AS
  WITH r AS (
    SELECT annee, motif_refus AS motif,
      CASE WHEN dalo THEN 'DALO' WHEN prioritaire THEN 'prioritaire (hors DALO)' WHEN q1 THEN '1er quartile' ELSE 'autre' END AS public
    FROM attributions_modele WHERE est_attribution AND refus)
  SELECT annee, 'epci' AS niveau, ${lit(t.epciSiren)} AS code, NULL::VARCHAR AS parent,
    CASE WHEN grouping(motif) = 1 THEN '*' ELSE motif END AS motif,
    CASE WHEN grouping(public) = 1 THEN '*' ELSE public END AS public,
    count(*)::INTEGER AS refus
  FROM r GROUP BY GROUPING SETS ((annee, motif, public), (annee, motif), (annee, public), (annee))`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_refus`);
  return { lignes: Number(n?.n) };
}

/** A10: households entering a dwelling (signed lease), by profile variable, per year and place. */
export const VARIABLES_ENTREES = ['composition', 'taille_menage', 'age_classe', 'typologie'] as const;

export async function publierEntrees(db: Db, t: Territoire): Promise<{ lignes: number }> {
  const unions = VARIABLES_ENTREES.map(
    (v) => `SELECT annee, territoire, commune_insee, '${v}' AS variable, ${v} AS modalite FROM attributions_modele WHERE est_attribution AND edl`,
  ).join('\n    UNION ALL ');
  await db.exec(`CREATE OR REPLACE TABLE pub_entrees AS
  WITH e AS (${unions})
  SELECT annee, variable,
    ${colonnesGeo(t)},
    CASE WHEN grouping(modalite) = 1 THEN '*' ELSE modalite END AS modalite,
    count(*)::INTEGER AS entrees
  FROM e
  GROUP BY GROUPING SETS (
    ${ensemblesGroupes(['annee', 'variable'], [[['territoire', 'commune_insee'], ['territoire'], []], [['modalite'], []]])}
  )`);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_entrees`);
  return { lignes: Number(n?.n) };
}
