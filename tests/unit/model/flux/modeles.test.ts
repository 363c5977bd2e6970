import { describe, expect, test } from 'vitest';
import { evaluerConvention } from '../../../../src/model/flux/convention.ts';
import { calculerBdR } from '../../../../src/model/flux/modele-bdr.ts';
import { calculerHG } from '../../../../src/model/flux/modele-hg.ts';
import type { ConventionAnnexe1, EntreeBdR } from '../../../../src/model/flux/types.ts';

describe('modèle HG (part = R/E, flux = R × τ)', () => {
  test('le flux vient de R et τ, pas du pourcentage arrondi', () => {
    const c = calculerHG({ modele: 'HG', E: 45, R: 2, tau: 0.0989 }, 2025);
    expect(c.part).toBeCloseTo(0.044444444444, 10);
    expect(c.flux_brut).toBe(0.1978);
    // E × 4,44 % × τ would give 0,19760… : not what is stored
    expect(c.flux_brut).not.toBeCloseTo(45 * 0.0444 * 0.0989, 6);
  });
  test('E = 0 : part nulle, pas de division par zéro', () => {
    expect(calculerHG({ modele: 'HG', E: 0, R: 0, tau: 0.08 }, 2025)).toMatchObject({ part: 0, flux_brut: 0 });
  });
  test('déductions du décret de 2020 : interrupteur par année (dérogation 2024)', () => {
    const e = { modele: 'HG', E: 100, R: 10, tau: 0.08, deductions: 2 } as const;
    expect(calculerHG(e, 2024)).toMatchObject({ flux_brut: 0.8, deductions_appliquees: 0 });
    expect(calculerHG(e, 2025)).toMatchObject({ flux_brut: 0.6, deductions_appliquees: 2 });
    expect(calculerHG(e, 2024, { anneesSansDeductions: [] })).toMatchObject({ flux_brut: 0.6 });
    expect(calculerHG(e, 2025, { anneesSansDeductions: [2024, 2025] })).toMatchObject({ flux_brut: 0.8 });
  });
});

const bdr = (a: number, b: number, d: number, f: number, g: number, i: number): EntreeBdR => ({ modele: 'BdR', a, b, d, f, g, i });

describe('modèle BdR (c = a − b, e = c × d, h = e − f − g, j = h × i) — cas calculés à la main', () => {
  test('a 1200, b 50, d 8 %, f 12, g 3, i 5 % → c 1150, e 92, h 77, j 3,85', () => {
    expect(calculerBdR(bdr(1200, 50, 0.08, 12, 3, 0.05))).toEqual({
      modele: 'BdR', c: 1150, e: 92, h: 77, j: 3.85, j_e_arrondi: 3.85, part: 0.05, flux_brut: 3.85,
    });
  });
  test('e arrondi avant de déduire f : 0,604 25 (brut) contre 0,58', () => {
    const c = calculerBdR(bdr(200, 10, 0.0815, 3.4, 0, 0.05));
    expect(c).toMatchObject({ c: 190, e: 15.485, h: 12.085, j: 0.60425, j_e_arrondi: 0.58 });
  });
  test('h négatif : j brut négatif conservé, flux contractuel MIN1 = 0', () => {
    const c = calculerBdR(bdr(10, 0, 0.05, 1, 0, 0.2));
    expect(c).toMatchObject({ c: 10, e: 0.5, h: -0.5, j: -0.1 });
    const r = evaluerConvention(conv(bdr(10, 0, 0.05, 1, 0, 0.2), 'MIN1', '0'));
    expect(r).toMatchObject({ flux_brut: -0.1, flux_contractuel: 0, periode_annees: null, prioritaires_brut: -0.025 });
    expect(r.drapeaux).toEqual([]);
  });
  test('« 0,1 soit 0 à 1 logement » et « 0.01 soit 0 logement » : pas de drapeau', () => {
    const r1 = evaluerConvention(conv(bdr(100, 4, 0.0625, 1, 0, 0.02), 'NONE', '0,1 soit 0 à 1 logement'));
    expect(r1).toMatchObject({ flux_brut: 0.1, flux_contractuel: null, periode_annees: 10, drapeaux: [] });
    const r2 = evaluerConvention(conv(bdr(50, 0, 0.06, 2, 0, 0.01), 'NONE', '0.01 soit 0 logement'));
    expect(r2).toMatchObject({ flux_brut: 0.01, drapeaux: [] });
  });
  test('convention BdR complète : R2 = i, R3 = j, R4 = 25 % de j', () => {
    const r = evaluerConvention(conv(bdr(1200, 50, 0.08, 12, 3, 0.05), 'MIN1', '3,85 arrondi à 4'));
    expect(r).toMatchObject({ part: 0.05, flux_brut: 3.85, flux_contractuel: 4, prioritaires_brut: 0.9625, periode_annees: null, drapeaux: [] });
  });
});

function conv(entree: ConventionAnnexe1['entree'], arrondi: ConventionAnnexe1['arrondi'], valeur: string, extra: Partial<ConventionAnnexe1> = {}): ConventionAnnexe1 {
  return { reservataire: 'Commune X', bailleur: 'Bailleur Y', annee: 2025, entree, arrondi, valeur_imprimee: valeur, ...extra };
}
