// Stock indicators (INDICATORS.md S1-S3) over the published table `parc`.
import { conditions } from './filtres.ts';

export interface FiltreParc {
  millesime?: number;
  commune_insee?: string;
  territoire?: string;
  bailleur?: string;
}

/** S1 + S2: dwellings by kind, PLAI share of the family stock (students excluded, as in the CIA fiches). */
export function requeteParcSynthese(f: FiltreParc): string {
  return `SELECT millesime,
  sum(logements)::INTEGER AS logements,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'collectif'), 0)::INTEGER AS collectifs,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'individuel'), 0)::INTEGER AS individuels,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'etudiant'), 0)::INTEGER AS etudiants,
  coalesce(sum(logements) FILTER (WHERE en_qpv), 0)::INTEGER AS en_qpv,
  sum(logements) FILTER (WHERE financement = 'PLAI' AND type_logement <> 'etudiant')::DOUBLE
    / nullif(sum(logements) FILTER (WHERE type_logement <> 'etudiant'), 0) AS part_plai_familial,
  sum(baux_annee_precedente)::DOUBLE / nullif(sum(logements), 0) AS taux_rotation
FROM parc WHERE ${conditions({ ...f })}
GROUP BY millesime ORDER BY millesime`;
}

export type DimensionParc = 'financement' | 'type_logement' | 'pieces' | 'periode_construction' | 'dpe' | 'pmr' | 'bailleur' | 'commune_insee' | 'en_qpv';

/** S3: dwellings by one dimension. */
export function requeteParcPar(dim: DimensionParc, f: FiltreParc): string {
  return `SELECT ${dim} AS modalite, sum(logements)::INTEGER AS logements,
  sum(logements)::DOUBLE / sum(sum(logements)) OVER () AS part
FROM parc WHERE ${conditions({ ...f })}
GROUP BY ${dim} ORDER BY ${dim}`;
}
