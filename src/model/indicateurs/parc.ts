// Stock indicators (INDICATORS.md S1-S3) over the published table `parc`.
import { conditions } from './filtres.ts';

export interface FiltreParc {
  millesime?: number;
  commune_insee?: string;
  territoire?: string;
  bailleur?: string;
}

/** Zone column for the all-zones variant of the stock queries (build-time pages): its value comes out as `code`. */
export interface ParZoneParc { par?: 'commune_insee' | 'territoire' }

/** S1 + S2: dwellings by kind, PLAI share of the family stock (students excluded, as in the CIA fiches). */
export function requeteParcSynthese(f: FiltreParc, o: ParZoneParc = {}): string {
  const cle = o.par ? `${o.par}, ` : '';
  return `SELECT ${o.par ? `${o.par} AS code, ` : ''}millesime,
  sum(logements)::INTEGER AS logements,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'collectif'), 0)::INTEGER AS collectifs,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'individuel'), 0)::INTEGER AS individuels,
  coalesce(sum(logements) FILTER (WHERE type_logement = 'etudiant'), 0)::INTEGER AS etudiants,
  coalesce(sum(logements) FILTER (WHERE en_qpv), 0)::INTEGER AS en_qpv,
  sum(logements) FILTER (WHERE financement = 'PLAI' AND type_logement <> 'etudiant')::DOUBLE
    / nullif(sum(logements) FILTER (WHERE type_logement <> 'etudiant'), 0) AS part_plai_familial,
  sum(baux_annee_precedente)::DOUBLE / nullif(sum(logements), 0) AS taux_rotation
FROM parc WHERE ${conditions({ ...f })}
GROUP BY ${cle}millesime ORDER BY ${cle}millesime`;
}

export type DimensionParc = 'financement' | 'type_logement' | 'pieces' | 'periode_construction' | 'dpe' | 'pmr' | 'bailleur' | 'commune_insee' | 'en_qpv';

/** S3: dwellings by one dimension. */
export function requeteParcPar(dim: DimensionParc, f: FiltreParc, o: ParZoneParc = {}): string {
  const cle = o.par ? `${o.par}, ` : '';
  return `SELECT ${o.par ? `${o.par} AS code, ` : ''}${dim} AS modalite, sum(logements)::INTEGER AS logements,
  sum(logements)::DOUBLE / sum(sum(logements)) OVER (${o.par ? `PARTITION BY ${o.par}` : ''}) AS part
FROM parc WHERE ${conditions({ ...f })}
GROUP BY ${cle}${dim} ORDER BY ${cle}${dim}`;
}
