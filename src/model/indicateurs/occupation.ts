// Occupation and fragility indicators (INDICATORS.md F1-F3) over the published table `occupation`.
import { conditions } from './filtres.ts';

export interface FiltreOccupation {
  niveau: 'epci' | 'territoire' | 'commune' | 'residence';
  code?: string;
  parent?: string;
  vague?: number;
}

export const CRITERES = ['c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'] as const;

/** F1 (households per fragility level) and F2 (share per criterion) among respondents. */
export function requeteOccupation(f: FiltreOccupation): string {
  const parts = [0, 1, 2, 3, 4].map((n) => `niveau_${n}::DOUBLE / nullif(repondants, 0) AS part_niveau_${n}`);
  const criteres = CRITERES.map((c) =>
    c === 'c9'
      ? `c9::DOUBLE / nullif(c9_renseigne, 0) AS part_c9`
      : `${c}::DOUBLE / nullif(repondants, 0) AS part_${c}`,
  );
  return `SELECT vague, niveau, code, parent, secret, menages, repondants,
  repondants::DOUBLE / nullif(menages, 0) AS taux_reponse,
  niveau_0, niveau_1, niveau_2, niveau_3, niveau_4, fragiles,
  fragiles::DOUBLE / nullif(repondants, 0) AS part_fragiles,
  ${[...parts, ...criteres].join(',\n  ')}
FROM occupation WHERE ${conditions({ niveau: f.niveau, code: f.code, parent: f.parent, vague: f.vague })}
ORDER BY vague, code`;
}
