// ACD phase 4 — objectif spécifique DALO (ACD 31 annexe 3, l.7512-7514, 6723-6727). Pure functions.
//   DALO_global(N) = file active DALO au 31/12/N-1 + 0,5 × nouveaux ménages DALO estimés pour N
//   part_DALO(N)   = DALO_global(N) / Σ_b Objectif(b, N)
//   DALO(b, N)     = arrondi(part_DALO(N) × Objectif(b, N))      (part uniforme, non déclinée par territoire)
import { arrondir, type ModeArrondi } from './parametres.ts';

export function daloGlobal(fileActive: number, nouveauxEstimes: number, coefficientNouveaux = 0.5): number {
  return fileActive + coefficientNouveaux * nouveauxEstimes;
}

export function partDalo(daloGlobalN: number, sommeObjectifs: number): number {
  if (!(sommeObjectifs > 0)) throw new Error('part DALO : la somme des objectifs doit être positive');
  return daloGlobalN / sommeObjectifs;
}

export interface ObjectifDalo {
  objectif: number;
  part: number;
  /** part × objectif, before rounding */
  brut: number;
  arrondi: number;
  /** figure printed in the document, when given */
  publie: number | null;
  /** publie − arrondi */
  ecart: number | null;
  /** |ecart| ≤ tolerance (true when nothing is published) */
  conforme: boolean;
}

export function objectifDalo(objectif: number, part: number, options: { publie?: number | null; tolerance?: number; mode?: ModeArrondi } = {}): ObjectifDalo {
  const brut = part * objectif;
  const arrondi = arrondir(brut, options.mode ?? 'plus_proche');
  const publie = options.publie ?? null;
  const ecart = publie === null ? null : publie - arrondi;
  return { objectif, part, brut, arrondi, publie, ecart, conforme: ecart === null || Math.abs(ecart) <= (options.tolerance ?? 1) };
}
