// WHERE clauses built from user filters: every value goes through lit().
import { lit } from '../db.ts';

export type Niveau = 'epci' | 'territoire' | 'commune';

export function conditions(c: Record<string, string | number | undefined | null>): string {
  const parties = Object.entries(c)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k} = ${lit(v as string | number)}`);
  return parties.length ? parties.join(' AND ') : 'TRUE';
}
