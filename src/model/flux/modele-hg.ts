// Model HG — Haute-Garonne DDETS model convention (FLUX.md § Model HG; Baziège conventions,
// Annexe 1 Art.1-5, e.g. l.8751-8781 of the original deliberation file).
import { nettoyer } from './nombres.ts';
import type { CalculHG, EntreeHG } from './types.ts';

/**
 * Years in which the décret of 20 Feb 2020 deductions were not applied (departmental derogation
 * in 2024, FLUX.md). The switch is per year: pass another list in the options to change it.
 */
export const ANNEES_SANS_DEDUCTIONS_HG: readonly number[] = [2024];

export interface OptionsHG {
  anneesSansDeductions?: readonly number[];
}

/**
 * part = R / E (R2); flux = E × part × τ = R × τ (R3): computed from R and τ, never from the
 * rounded percentage. With deductions D (years without derogation): flux = (E × τ − D) × R / E.
 */
export function calculerHG(entree: EntreeHG, annee: number, options: OptionsHG = {}): CalculHG {
  const { E, R, tau } = entree;
  const part = E > 0 ? nettoyer(R / E) : 0;
  const sansDeductions = options.anneesSansDeductions ?? ANNEES_SANS_DEDUCTIONS_HG;
  const D = entree.deductions !== undefined && !sansDeductions.includes(annee) ? entree.deductions : 0;
  const flux = D === 0 || E === 0 ? R * tau : R * tau - (D * R) / E;
  return { modele: 'HG', part, flux_brut: nettoyer(flux), deductions_appliquees: D };
}
