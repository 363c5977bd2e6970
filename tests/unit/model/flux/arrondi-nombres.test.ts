import { describe, expect, test } from 'vitest';
import { appliquerRegle, arrondiMin1, periodeAnnees } from '../../../../src/model/flux/arrondi.ts';
import {
  arrondiDemiLoin,
  formatNombre,
  formatNombreCourt,
  formatPourcent,
  lireNombre,
  lireTaux,
  nettoyer,
} from '../../../../src/model/flux/nombres.ts';

describe('arrondi au plus proche, moitié en s’éloignant de zéro', () => {
  test.each([
    [0.5, 1],
    [1.5, 2],
    [2.5, 3],
    [0, 0],
    [0.4999, 0],
    [-0.5, -1],
    [-2.5, -3],
    [6 * 0.25, 2], // 1,5 obtained by a product
  ])('%s → %s', (x, attendu) => {
    expect(arrondiDemiLoin(x)).toBe(attendu);
  });
  test('à n décimales, sans bruit binaire', () => {
    expect(arrondiDemiLoin(1.005, 2)).toBe(1.01);
    expect(arrondiDemiLoin(2.675, 2)).toBe(2.68);
    expect(arrondiDemiLoin(3 * 0.835, 2)).toBe(2.51);
    expect(arrondiDemiLoin(0.0641, 3)).toBe(0.064);
  });
  test('nettoyer retire le bruit des produits', () => {
    expect(3 * 0.1).not.toBe(0.3);
    expect(nettoyer(3 * 0.1)).toBe(0.3);
    expect(nettoyer(0)).toBe(0);
  });
});

describe('règle MIN1 (FLUX.md : x > 0 → max(1, arrondi(x)))', () => {
  test.each([
    [0.15, 1],
    [0.47, 1],
    [1.2, 1],
    [0.5, 1],
    [1.5, 2],
    [2.5, 3],
    [0.0001, 1],
    [0, 0],
    [-0.1, 0], // negative h (BdR): nothing owed
  ])('%s → %s', (x, attendu) => {
    expect(arrondiMin1(x)).toBe(attendu);
  });
  test('valeur de la règle', () => {
    expect(appliquerRegle('MIN1', 0.474)).toEqual({ regle: 'MIN1', contractuel: 1, affiche: 1, periode_annees: 2 });
    expect(appliquerRegle('MIN1', 3.85)).toEqual({ regle: 'MIN1', contractuel: 4, affiche: 4, periode_annees: null });
  });
});

describe('règle PERIOD et NONE', () => {
  test('PERIOD : 3 décimales et « 1 logement tous les round(1/x) ans » (ALTEAL Baziège, 0,064 → 16 ans)', () => {
    expect(appliquerRegle('PERIOD', 0.0641)).toEqual({ regle: 'PERIOD', contractuel: null, affiche: 0.064, periode_annees: 16 });
  });
  test('période : seulement pour 0 < x < 1', () => {
    expect(periodeAnnees(0.0641)).toBe(16);
    expect(periodeAnnees(0.1978)).toBe(5);
    expect(periodeAnnees(0.4)).toBe(3); // 2,5 → 3
    expect(periodeAnnees(1)).toBeNull();
    expect(periodeAnnees(0)).toBeNull();
    expect(periodeAnnees(-0.2)).toBeNull();
  });
  test('NONE : rien d’imprimé', () => {
    expect(appliquerRegle('NONE', 0.3)).toEqual({ regle: 'NONE', contractuel: null, affiche: null, periode_annees: 3 });
  });
});

describe('lecture des nombres et des taux', () => {
  test('virgule ou point, précision', () => {
    expect(lireNombre('0,198')).toEqual({ valeur: 0.198, decimales: 3 });
    expect(lireNombre('0.265')).toEqual({ valeur: 0.265, decimales: 3 });
    expect(lireNombre('45')).toEqual({ valeur: 45, decimales: 0 });
    expect(lireNombre('1 234,5')).toEqual({ valeur: 1234.5, decimales: 1 });
    expect(lireNombre('-2')).toEqual({ valeur: -2, decimales: 0 });
  });
  test.each(['', 'abc', '1.234,5', '1,2,3', '0,15 arrondi à 1', '12a'])('« %s » refusé', (t) => {
    expect(lireNombre(t)).toBeNull();
  });
  test.each([
    ['7,9%', 0.079, true],
    ['7,9 %', 0.079, true],
    ['7.90%', 0.079, true],
    ['9.89 %', 0.0989, true],
    ['0.079', 0.079, false],
    ['6,41\u00a0%', 0.0641, true],
  ])('taux « %s » → %s', (t, fraction, pourcent) => {
    expect(lireTaux(t)).toMatchObject({ fraction, pourcent });
  });
  test('taux illisible', () => {
    expect(lireTaux('sept %')).toBeNull();
    expect(lireTaux('%')).toBeNull();
  });
});

describe('écriture à la française', () => {
  test('nombres et pourcentages', () => {
    expect(formatNombre(0.1978, 3)).toBe('0,198');
    expect(formatNombre(2 / 45, 3)).toBe('0,044');
    expect(formatPourcent(2 / 45)).toBe('4,44 %');
    expect(formatPourcent(0.125)).toBe('12,50 %');
    expect(formatNombre(-0.0001, 3)).toBe('0,000');
    expect(formatNombreCourt(0.25)).toBe('0,25');
    expect(formatNombreCourt(3)).toBe('3');
    expect(formatNombreCourt(0.0641)).toBe('0,0641');
  });
});
