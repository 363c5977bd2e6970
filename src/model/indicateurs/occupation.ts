// Occupation and fragility indicators (INDICATORS.md F1-F3) over the published table `occupation`.
import { conditions } from './filtres.ts';
import { lit } from '../db.ts';

export interface FiltreOccupation {
  niveau: 'epci' | 'territoire' | 'commune' | 'residence';
  code?: string;
  parent?: string;
  vague?: number;
}

export const CRITERES = ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'] as const;

/** F1 (households per fragility level) and F2 (share per criterion) among respondents. */
export function requeteOccupation(f: FiltreOccupation): string {
  const parts = [0, 1, 2, 3, 4].map((n) => `niveau_${n}::DOUBLE / nullif(repondants, 0) AS part_niveau_${n}`);
  const criteres = CRITERES.map((c) =>
    // c1 (commercial vacancy) and c9 (arrears): shares among the households for which the value is known
    c === 'c9' || c === 'c1'
      ? `${c}::DOUBLE / nullif(${c}_renseigne, 0) AS part_${c}`
      : `${c}::DOUBLE / nullif(repondants, 0) AS part_${c}`,
  );
  return `SELECT vague, niveau, code, parent, secret, menages, repondants,
  repondants::DOUBLE / nullif(menages, 0) AS taux_reponse,
  niveau_0, niveau_1, niveau_2, niveau_3, niveau_4, fragiles, c1_renseigne,
  fragiles::DOUBLE / nullif(repondants, 0) AS part_fragiles,
  ${[...parts, ...criteres].join(',\n  ')}
FROM occupation WHERE ${conditions({ niveau: f.niveau, code: f.code, parent: f.parent, vague: f.vague })}
ORDER BY vague, code`;
}

/**
 * F4: survey coverage = OPS households surveyed / occupied family dwellings of the
 * RPLS (students' dwellings excluded, vacant ones excluded), and response rate.
 */
export function requeteCouverture(f: { niveau: 'epci' | 'territoire' | 'commune'; code: string; vague: number; millesime: number }, o: { parCode?: boolean } = {}): string {
  if (o.parCode && f.niveau !== 'epci') return requeteCouvertureParCode({ ...f, niveau: f.niveau });
  const filtreParc = f.niveau === 'commune' ? `commune_insee = ${lit(f.code)}` : f.niveau === 'territoire' ? `territoire = ${lit(f.code)}` : 'TRUE';
  return `WITH o AS (SELECT menages, repondants, secret FROM occupation WHERE ${conditions({ niveau: f.niveau, code: f.code, vague: f.vague })}),
p AS (SELECT sum(logements - vacants)::INTEGER AS occupes FROM parc
      WHERE ${filtreParc} AND millesime = ${lit(f.millesime)} AND type_logement <> 'etudiant')
SELECT p.occupes AS logements_occupes, o.menages, o.repondants, o.secret,
  o.menages::DOUBLE / nullif(p.occupes, 0) AS taux_couverture,
  o.repondants::DOUBLE / nullif(o.menages, 0) AS taux_reponse
FROM p LEFT JOIN o ON TRUE`;
}

/** F4 for every commune or territoire at once (build-time pages): the query above grouped by zone, `code` first.
 *  A zone with neither stock nor survey has no row (the one-zone query gives a row of NULLs). */
function requeteCouvertureParCode(f: { niveau: 'territoire' | 'commune'; vague: number; millesime: number }): string {
  const zone = f.niveau === 'commune' ? 'commune_insee' : 'territoire';
  return `WITH o AS (SELECT code, menages, repondants, secret FROM occupation WHERE ${conditions({ niveau: f.niveau, vague: f.vague })}),
p AS (SELECT ${zone}::VARCHAR AS code, sum(logements - vacants)::INTEGER AS occupes FROM parc
      WHERE millesime = ${lit(f.millesime)} AND type_logement <> 'etudiant' GROUP BY ${zone})
SELECT coalesce(p.code, o.code::VARCHAR) AS code, p.occupes AS logements_occupes, o.menages, o.repondants, o.secret,
  o.menages::DOUBLE / nullif(p.occupes, 0) AS taux_couverture,
  o.repondants::DOUBLE / nullif(o.menages, 0) AS taux_reponse
FROM p FULL JOIN o ON p.code = o.code::VARCHAR
ORDER BY 1`;
}
