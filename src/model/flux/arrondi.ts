// Rounding rules as printed in the conventions (FLUX.md § Model HG, table "Rounding as printed").
import { arrondiDemiLoin } from './nombres.ts';
import type { RegleArrondi, ValeurRegle } from './types.ts';

/** Decimals printed by the PERIOD rule (ALTEAL Baziège prints "0,064", l.10030). */
export const DECIMALES_PERIODE = 3;

export const REGLES_ARRONDI: readonly RegleArrondi[] = ['MIN1', 'PERIOD', 'NONE'];

/**
 * MIN1: x > 0 → max(1, round half away from zero(x)) (0,15 → 1; 0,47 → 1; 1,2 → 1; 1,5 → 2).
 * x ≤ 0 (no flux, or a negative h in BdR) → 0: nothing is owed.
 */
export function arrondiMin1(x: number): number {
  if (!(x > 0)) return 0;
  return Math.max(1, arrondiDemiLoin(x));
}

/** "1 logement tous les N ans": N = round(1/x) when 0 < x < 1, else null. */
export function periodeAnnees(x: number): number | null {
  return x > 0 && x < 1 ? arrondiDemiLoin(1 / x) : null;
}

/** The value a convention's rounding rule gives for a raw flux. */
export function appliquerRegle(regle: RegleArrondi, flux: number): ValeurRegle {
  const periode_annees = periodeAnnees(flux);
  switch (regle) {
    case 'MIN1': {
      const n = arrondiMin1(flux);
      return { regle, contractuel: n, affiche: n, periode_annees };
    }
    case 'PERIOD':
      // No integer: the flux with 3 decimals and "1 logement tous les N ans".
      return { regle, contractuel: null, affiche: arrondiDemiLoin(flux, DECIMALES_PERIODE), periode_annees };
    case 'NONE':
      // Flux left blank in the document.
      return { regle, contractuel: null, affiche: null, periode_annees };
  }
}
