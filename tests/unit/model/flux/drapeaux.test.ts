// Each flag of FLUX.md, raised and not raised.
import { describe, expect, test } from 'vitest';
import { evaluerConvention } from '../../../../src/model/flux/convention.ts';
import { dansPrecision, tolerance } from '../../../../src/model/flux/drapeaux.ts';
import type { CodeDrapeau, ConventionAnnexe1, EntreeModele } from '../../../../src/model/flux/types.ts';

const hg = (E: number, R: number, tau: number): EntreeModele => ({ modele: 'HG', E, R, tau });
const bdr = (a: number, b: number, d: number, f: number, g: number, i: number): EntreeModele => ({ modele: 'BdR', a, b, d, f, g, i });

function drapeaux(entree: EntreeModele, arrondi: ConventionAnnexe1['arrondi'], valeur: string | undefined, extra: Partial<ConventionAnnexe1> = {}): CodeDrapeau[] {
  return evaluerConvention({ reservataire: 'C', bailleur: 'B', annee: 2025, entree, arrondi, valeur_imprimee: valeur, ...extra }).drapeaux.map((d) => d.code);
}
function message(entree: EntreeModele, arrondi: ConventionAnnexe1['arrondi'], valeur: string, extra: Partial<ConventionAnnexe1> = {}): string {
  const r = evaluerConvention({ reservataire: 'C', bailleur: 'B', annee: 2025, entree, arrondi, valeur_imprimee: valeur, ...extra });
  return r.drapeaux.map((d) => `${d.code}: ${d.message}`).join('\n');
}

describe('précision imprimée', () => {
  test('une demi-unité du dernier chiffre imprimé', () => {
    expect(tolerance(1)).toBeCloseTo(0.05, 12);
    expect(tolerance(2)).toBeCloseTo(0.005, 12);
    expect(tolerance(0)).toBe(0.5);
    expect(dansPrecision(0.15, 0.145, 2)).toBe(true); // bound included
    expect(dansPrecision(0.15, 0.1449, 2)).toBe(false);
  });
});

describe('FLUX_MISMATCH', () => {
  test('levé : « 0.265=>1 » pour R × τ = 0,198 (OPH 31 Baziège)', () => {
    expect(drapeaux(hg(45, 2, 0.0989), 'MIN1', '0.265=>1')).toContain('FLUX_MISMATCH');
    expect(message(hg(45, 2, 0.0989), 'MIN1', '0.265=>1')).toMatch(/flux imprimé 0,265 .* ≠ flux recalculé 0,1978 \(R × τ = 2 × 9,89 %\)/);
  });
  test('non levé : « 0.47 arrondi à 1 » pour 0,474 ; « 0,15 arrondi à 1 » pour 0,146', () => {
    expect(drapeaux(hg(62, 6, 0.079), 'MIN1', '0.47 arrondi à 1')).toEqual([]);
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '0,15 arrondi à 1')).toEqual([]);
  });
  test('non levé : seul l’entier de la règle est imprimé (« 1 » pour 0,146, MIN1)', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '1')).toEqual([]);
  });
  test('levé : « 1 » pour 0,146 sans règle d’arrondi (NONE)', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'NONE', '1')).toEqual(['FLUX_MISMATCH']);
  });
  test('« 1.2 arrondi à 1 » tolère ± 0,05', () => {
    expect(drapeaux(hg(100, 10, 0.123), 'MIN1', '1.2 arrondi à 1')).toEqual([]); // 1,23
    expect(drapeaux(hg(100, 10, 0.13), 'MIN1', '1.2 arrondi à 1')).toEqual(['FLUX_MISMATCH']); // 1,3
  });
  test('levé : valeur contractuelle imprimée différente de la règle', () => {
    expect(message(hg(62, 6, 0.079), 'MIN1', '0.47 arrondi à 0')).toMatch(/valeur contractuelle imprimée 0 ≠ 1 donné par la règle MIN1/);
  });
  test('PERIOD : période imprimée comparée à round(1/flux)', () => {
    expect(drapeaux(hg(8, 1, 0.0641), 'PERIOD', '0,064 (1 logement tous les 16 ans)')).toEqual([]);
    expect(message(hg(8, 1, 0.0641), 'PERIOD', '0,064 (1 logement tous les 12 ans)')).toMatch(/période imprimée 12 ans ≠ 16 ans/);
    expect(drapeaux(hg(8, 1, 0.0641), 'PERIOD', '0,06')).toEqual([]); // 0,0641 within ± 0,005
    expect(drapeaux(hg(8, 1, 0.0641), 'PERIOD', '0,07')).toEqual(['FLUX_MISMATCH']);
  });
  test('BdR : signale un document qui a arrondi e avant de déduire f', () => {
    const e = bdr(200, 10, 0.0815, 3.4, 0, 0.05); // j = 0,60425 ; avec e arrondi 0,58
    expect(drapeaux(e, 'NONE', '0,6')).toEqual([]);
    expect(drapeaux(e, 'NONE', '0,58')).toEqual(['FLUX_MISMATCH']);
    expect(message(e, 'NONE', '0,58')).toMatch(/arrondi e avant de déduire f et g \(j = 0,58\)/);
  });
});

describe('PCT_UNIT', () => {
  const e = hg(45, 2, 0.0989);
  test('levé : « 0.044% » où 4,44 % est voulu', () => {
    expect(drapeaux(e, 'MIN1', '0,198 arrondi à 1', { part_imprimee: '0.044%' })).toEqual(['PCT_UNIT']);
    expect(message(e, 'MIN1', '0,198 arrondi à 1', { part_imprimee: '0.044%' })).toMatch(/il faut lire 4,44 %/);
  });
  test('non levé : « 4,44 % », « 0,0444 » sans %, part absente', () => {
    expect(drapeaux(e, 'MIN1', '0,198 arrondi à 1', { part_imprimee: '4,44 %' })).toEqual([]);
    expect(drapeaux(e, 'MIN1', '0,198 arrondi à 1', { part_imprimee: '0,0444' })).toEqual([]);
    expect(drapeaux(e, 'MIN1', '0,198 arrondi à 1', { part_imprimee: '' })).toEqual([]);
  });
  test('non levé pour une part nulle', () => {
    expect(drapeaux(hg(45, 0, 0.0989), 'MIN1', '0', { part_imprimee: '0 %' })).toEqual([]);
  });
});

describe('COUNT_MISMATCH et RATE_MISMATCH (état des lieux fourni en option)', () => {
  const e = hg(45, 2, 0.0989);
  test('levé : OPH 31 Baziège, 44 lignes au lieu de 45, 3 « COMMUNE » au lieu de 2', () => {
    const m = message(e, 'MIN1', '0,2', { etat_des_lieux: { nb_logements: 44, nb_logements_reservataire: 3 } });
    expect(m).toMatch(/COUNT_MISMATCH: état des lieux : 44 logements ≠ 45 pour E .*3 logements du réservataire ≠ R = 2/);
  });
  test('non levé : comptes identiques, ou non fournis', () => {
    expect(drapeaux(e, 'MIN1', '0,2', { etat_des_lieux: { nb_logements: 45, nb_logements_reservataire: 2 } })).toEqual([]);
    expect(drapeaux(e, 'MIN1', '0,2', { etat_des_lieux: {} })).toEqual([]);
  });
  test('BdR : comparé à l’assiette c et à i × c', () => {
    const b = bdr(1200, 50, 0.08, 12, 3, 0.05); // c = 1150, i × c = 57,5
    expect(drapeaux(b, 'MIN1', '3,85', { etat_des_lieux: { nb_logements: 1150, nb_logements_reservataire: 58 } })).toEqual([]);
    expect(drapeaux(b, 'MIN1', '3,85', { etat_des_lieux: { nb_logements: 1200 } })).toEqual(['COUNT_MISMATCH']);
    expect(drapeaux(b, 'MIN1', '3,85', { etat_des_lieux: { nb_logements_reservataire: 60 } })).toEqual(['COUNT_MISMATCH']);
  });
  test('RATE_MISMATCH levé : Patrimoine Baziège 7,99 % contre 7,30 %', () => {
    const m = message(hg(34, 2, 0.073), 'MIN1', '0,15 arrondi à 1', { etat_des_lieux: { taux_rotation: 0.0799 } });
    expect(m).toBe('RATE_MISMATCH: taux de rotation de l\'état des lieux 7,99 % ≠ τ (Art.4) 7,30 %');
  });
  test('RATE_MISMATCH non levé : 7,9 % et 7,90 %', () => {
    expect(drapeaux(hg(62, 6, 0.079), 'MIN1', '0.47 arrondi à 1', { etat_des_lieux: { taux_rotation: 0.079 } })).toEqual([]);
  });
});

describe('FLUX_MISSING', () => {
  test('levé : case vide, « néant », règle NONE sans valeur', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '')).toEqual(['FLUX_MISSING']);
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', 'néant')).toEqual(['FLUX_MISSING']);
    expect(drapeaux(hg(34, 2, 0.073), 'NONE', undefined)).toEqual(['FLUX_MISSING']);
  });
  test('non levé quand un flux est imprimé', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '1')).toEqual([]);
  });
});

describe('DURATION_MISMATCH', () => {
  test('levé : convention de 3 ans, flux calculé pour 1 an', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '1', { durees: { convention_ans: 3, flux_ans: 1 } })).toEqual(['DURATION_MISMATCH']);
  });
  test('non levé : durées égales ou non fournies', () => {
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '1', { durees: { convention_ans: 3, flux_ans: 3 } })).toEqual([]);
    expect(drapeaux(hg(34, 2, 0.073), 'MIN1', '1')).toEqual([]);
  });
});

test('texte imprimé illisible : RangeError explicite', () => {
  expect(() => drapeaux(hg(34, 2, 0.073), 'MIN1', 'environ un')).toThrow(/valeur_imprimee « environ un » : attendu un flux imprimé/);
});
