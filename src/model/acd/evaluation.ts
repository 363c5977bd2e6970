// A2 (ACD indicateur A) and A3 (objectif ACD atteint), per bailleur × year and cumulated
// over the ACD period, as SQL over the published tables `attributions` and `objectifs_acd`.
//
//   A(b, N)          = baux_prioritaires of the cell (niveau 'epci', contingent '*', periode 'annee', bailleur b):
//                      leases signed in N by priority households, whatever the rank, dated by the lease (l.6555)
//   taux_a           = A / objectif(b, N)           (NULL when the objective is 0)
//   a_atteint        = A ≥ objectif(b, N)
//   B(b, N)          = prioritaires_acd / attributions_acd of the same cell (student-dedicated dwellings excluded, l.6471)
//   b_atteint        = B ≥ 37,5 %  (FALSE when the bailleur made no attribution: B undefined, target not reached)
//   objectif_atteint = a_atteint OR b_atteint       (ACD l.6571; SQL three-valued logic: unknown OR true = true)
// A secret cell (< 5 attributions) gives NULL values and secret = true: never recomputed from
// other cells. A year present in `attributions` where the bailleur has no cell means no attribution (0).
import { lit } from '../db.ts';
import type { ParametresAcd } from './parametres.ts';

export interface OptionsEvaluation {
  parametres: ParametresAcd;
  /** years of the ACD period (default: parametres.annees) */
  annees?: number[];
  bailleur?: string;
  /** EPCI code in `attributions` (default: the only EPCI present) */
  code?: string;
}

function cteBase(o: OptionsEvaluation): string {
  const ans = o.annees ?? o.parametres.annees;
  if (!ans.length) throw new Error('ACD : aucune année à évaluer');
  const liste = ans.map((a) => lit(a)).join(', ');
  const code = o.code !== undefined ? ` AND code = ${lit(o.code)}` : '';
  const bail = o.bailleur !== undefined ? ` AND bailleur = ${lit(o.bailleur)}` : '';
  const mesure = (c: string) => `CASE WHEN a.annee IS NOT NULL THEN (CASE WHEN coalesce(a.secret, FALSE) THEN NULL ELSE a.${c} END)
         WHEN obs.annee IS NOT NULL THEN 0 END`;
  return `ev_obs AS (
  SELECT DISTINCT annee FROM attributions
  WHERE niveau = 'epci' AND periode = 'annee' AND contingent = '*' AND annee IN (${liste})${code}
),
ev_a AS (
  -- the ACD's perimeter: dwellings not dedicated to students (l.6471)
  SELECT annee, bailleur, attributions_acd AS attributions, prioritaires_acd AS prioritaires, baux_prioritaires, secret FROM attributions
  WHERE niveau = 'epci' AND periode = 'annee' AND contingent = '*' AND bailleur <> '*' AND annee IN (${liste})${code}${bail}
),
ev_o AS (
  SELECT annee, bailleur, objectif_edl_prioritaires AS objectif FROM objectifs_acd WHERE annee IN (${liste})${bail}
),
ev_k AS (SELECT annee, bailleur FROM ev_a UNION SELECT annee, bailleur FROM ev_o),
ev_base AS (
  SELECT k.annee, k.bailleur, o.objectif,
    obs.annee IS NOT NULL AS donnees,
    coalesce(a.secret, FALSE) AS secret,
    (a.annee IS NULL AND obs.annee IS NOT NULL) AS sans_attribution,
    (${mesure('attributions')})::INTEGER AS attributions,
    (${mesure('prioritaires')})::INTEGER AS prioritaires,
    (${mesure('baux_prioritaires')})::INTEGER AS baux_prioritaires
  FROM ev_k k
  LEFT JOIN ev_a a ON a.annee = k.annee AND a.bailleur = k.bailleur
  LEFT JOIN ev_o o ON o.annee = k.annee AND o.bailleur = k.bailleur
  LEFT JOIN ev_obs obs ON obs.annee = k.annee
)`;
}

function colonnesIndicateurs(cibleB: number, objectif: string): string {
  const b = `prioritaires::DOUBLE / nullif(attributions, 0)`;
  const aAtteint = `(baux_prioritaires >= ${objectif})`;
  // no attribution at all (not secret): B cannot reach the target → not met (b itself stays NULL)
  const bAtteint = `(CASE WHEN attributions = 0 THEN FALSE ELSE ${b} >= CAST(${lit(cibleB)} AS DOUBLE) END)`;
  return `baux_prioritaires AS a,
  baux_prioritaires::DOUBLE / nullif(${objectif}, 0) AS taux_a,
  ${aAtteint} AS a_atteint,
  ${b} AS b,
  ${bAtteint} AS b_atteint,
  (${aAtteint} OR ${bAtteint}) AS objectif_atteint`;
}

/**
 * A2 / A3 par bailleur × année (EPCI). Colonnes : annee, bailleur, objectif, donnees (l'année figure dans les
 * attributions publiées), secret, sans_attribution, attributions, prioritaires, baux_prioritaires, a, taux_a,
 * a_atteint, b, b_atteint, objectif_atteint.
 */
export function requeteEvaluationAcd(o: OptionsEvaluation): string {
  return `WITH ${cteBase(o)}
SELECT annee, bailleur, objectif, donnees, secret, sans_attribution, attributions, prioritaires, baux_prioritaires,
  ${colonnesIndicateurs(o.parametres.cibleB, 'objectif')}
FROM ev_base
ORDER BY annee, bailleur`;
}

/**
 * A2 / A3 cumulés sur la période de l'ACD, par bailleur : années observées seulement (objectif_cumule), et
 * objectif de toute la période pour l'avancement (objectif_periode, taux_a_periode). Une année en secret rend
 * le cumul NULL (secret = true). Colonnes : bailleur, annees_observees, premiere_annee, derniere_annee,
 * objectif_cumule, objectif_periode, secret, attributions, prioritaires, baux_prioritaires, a, taux_a, a_atteint,
 * b, b_atteint, objectif_atteint, taux_a_periode.
 */
export function requeteEvaluationAcdCumul(o: OptionsEvaluation): string {
  const cumul = (c: string) => `CASE WHEN coalesce(bool_or(secret) FILTER (WHERE donnees), FALSE) THEN NULL ELSE sum(${c}) FILTER (WHERE donnees) END`;
  return `WITH ${cteBase(o)},
ev_cumul AS (
  SELECT bailleur,
    count(*) FILTER (WHERE donnees)::INTEGER AS annees_observees,
    min(annee) FILTER (WHERE donnees) AS premiere_annee,
    max(annee) FILTER (WHERE donnees) AS derniere_annee,
    sum(objectif) FILTER (WHERE donnees)::INTEGER AS objectif_cumule,
    sum(objectif)::INTEGER AS objectif_periode,
    coalesce(bool_or(secret) FILTER (WHERE donnees), FALSE) AS secret,
    (${cumul('attributions')})::INTEGER AS attributions,
    (${cumul('prioritaires')})::INTEGER AS prioritaires,
    (${cumul('baux_prioritaires')})::INTEGER AS baux_prioritaires
  FROM ev_base GROUP BY bailleur
)
SELECT bailleur, annees_observees, premiere_annee, derniere_annee, objectif_cumule, objectif_periode, secret,
  attributions, prioritaires, baux_prioritaires,
  ${colonnesIndicateurs(o.parametres.cibleB, 'objectif_cumule')},
  baux_prioritaires::DOUBLE / nullif(objectif_periode, 0) AS taux_a_periode
FROM ev_cumul
ORDER BY bailleur`;
}
