// Reconciliation of the published ACD objectives: Σ per-bailleur objectives of an EPCI vs the
// published EPCI total (ACD 31 l.6510-6540; the document's totals may differ by ±1-2).
import { lit } from '../db.ts';

export interface ObjectifBailleur { annee: number; bailleur: string; objectif: number }
export interface TotalPublie { annee: number; total: number }
export interface Rapprochement {
  annee: number;
  bailleurs: number;
  somme_bailleurs: number;
  total_publie: number | null;
  /** total_publie − somme_bailleurs */
  ecart: number | null;
  exact: boolean;
  dans_tolerance: boolean;
}

export function rapprocherObjectifs(objectifs: ObjectifBailleur[], totaux: TotalPublie[], tolerance = 2): Rapprochement[] {
  const annees = [...new Set([...objectifs.map((o) => o.annee), ...totaux.map((t) => t.annee)])].sort((a, b) => a - b);
  return annees.map((annee) => {
    const lignes = objectifs.filter((o) => o.annee === annee);
    const somme = lignes.reduce((s, o) => s + o.objectif, 0);
    const t = totaux.find((x) => x.annee === annee);
    const total = t ? t.total : null;
    const ecart = total === null ? null : total - somme;
    return {
      annee,
      bailleurs: lignes.length,
      somme_bailleurs: somme,
      total_publie: total,
      ecart,
      exact: ecart === 0,
      dans_tolerance: ecart !== null && Math.abs(ecart) <= tolerance,
    };
  });
}

/** Same reconciliation as SQL over the published `objectifs_acd`, totals given as parameters. */
export function requeteRapprochementObjectifs(totaux: TotalPublie[], tolerance = 2): string {
  const t = totaux.length
    ? `SELECT * FROM (VALUES ${totaux.map((x) => `(${lit(x.annee)}, ${lit(x.total)})`).join(', ')}) AS v(annee, total_publie)`
    : `SELECT NULL::INTEGER AS annee, NULL::INTEGER AS total_publie WHERE FALSE`;
  return `WITH s AS (SELECT annee, count(*)::INTEGER AS bailleurs, sum(objectif_edl_prioritaires)::INTEGER AS somme_bailleurs
    FROM objectifs_acd GROUP BY annee),
  t AS (${t})
SELECT coalesce(s.annee, t.annee) AS annee, coalesce(s.bailleurs, 0) AS bailleurs, coalesce(s.somme_bailleurs, 0) AS somme_bailleurs,
  t.total_publie, t.total_publie - coalesce(s.somme_bailleurs, 0) AS ecart,
  coalesce(t.total_publie = coalesce(s.somme_bailleurs, 0), FALSE) AS exact,
  coalesce(abs(t.total_publie - coalesce(s.somme_bailleurs, 0)) <= ${lit(tolerance)}, FALSE) AS dans_tolerance
FROM s FULL OUTER JOIN t ON t.annee = s.annee ORDER BY 1`;
}
