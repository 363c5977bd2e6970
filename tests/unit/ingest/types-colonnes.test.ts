// Typed cells: the value rules come from src/ingest/text/values.ts, the column
// types only word what was expected.
import { describe, expect, test } from 'vitest';
import { lireCellule, nombreFrancais } from '../../../src/ingest/types-colonnes.ts';

const ok = (type: string, brut: string) => {
  const r = lireCellule(type, brut);
  if (!r.ok) throw new Error(`${type} « ${brut} » refusé : ${r.attendu}`);
  return r.valeur;
};
const ko = (type: string, brut: string) => {
  const r = lireCellule(type, brut);
  if (r.ok) throw new Error(`${type} « ${brut} » accepté : ${r.valeur}`);
  return r;
};

describe('nombres à la française', () => {
  test.each([
    ['1 234,5', 1234.5],
    ['1\u00a0234,5', 1234.5],
    ['1\u202f234', 1234],
    ['60,5', 60.5],
    ['1234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['-3', -3],
  ])('%s → %s', (brut, v) => expect(ok('decimal', brut)).toBe(v));

  test('12,3,4 et 1e5 sont refusés, avec la raison', () => {
    expect(ko('decimal', '12,3,4')).toEqual({ ok: false, attendu: 'un nombre (virgule décimale acceptée)', detail: 'plusieurs virgules : une seule virgule décimale est admise' });
    expect(ko('decimal', '1e5').detail).toMatch(/notation scientifique/);
    expect(ko('entier:1-20', '1E+05').detail).toMatch(/notation scientifique/);
    expect(nombreFrancais('1e5')).toBeNull();
    expect(nombreFrancais('12 34')).toBeNull(); // groups of three only
  });

  test('entiers bornés', () => {
    expect(ok('entier:1-20', '3')).toBe(3);
    expect(ko('entier:1-20', 'T3').attendu).toBe('un nombre entier entre 1 et 20');
    expect(ko('entier:1-20', '21').attendu).toBe('un nombre entier entre 1 et 20');
    expect(ko('entier:1-20', '2,5').detail).toBe('nombre décimal dans une colonne de nombres entiers');
  });

  test('pourcentages : 7,9% et 9,39 % en points', () => {
    expect(ok('pourcentage', '7,9%')).toBe(7.9);
    expect(ok('pourcentage', '9,39 %')).toBe(9.39);
    expect(ok('pourcentage', '12')).toBe(12);
    expect(ko('decimal', '7,9%').detail).toBe('pourcentage dans une colonne de nombres');
  });

  test('classes de ressources : classe ou pourcentage', () => {
    expect(ok('classe_ressources', '<20')).toBe(0);
    expect(ok('classe_ressources', '60-100')).toBe(60);
    expect(ok('classe_ressources', '45 %')).toBe(40);
    expect(ok('classe_ressources', '20')).toBe(20);
    expect(ok('classe_ressources', '99,9')).toBe(60);
    expect(ko('classe_ressources', 'beaucoup').attendu).toMatch(/classe/);
  });
});

describe('dates', () => {
  test('jj/mm/aaaa, j/m/aaaa, ISO, mm/aaaa', () => {
    expect(ok('date', '15/01/2025')).toBe('2025-01-15');
    expect(ok('date', '1/3/2024')).toBe('2024-03-01');
    expect(ok('date', '2024-02-29')).toBe('2024-02-29');
    expect(ok('date', '03/2024')).toBe('2024-03-01');
    expect(ok('mois', '03/2024')).toBe('2024-03-01');
  });
  test('31/12/2999 = sans fin → vide', () => {
    expect(ok('date', '31/12/2999')).toBeNull();
    expect(ok('mois', '12/2999')).toBeNull();
  });
  test('dates impossibles : raison donnée, sans répéter la valeur', () => {
    const r = ko('date', '31/02/2025');
    expect(r.attendu).toBe('une date réelle jj/mm/aaaa');
    expect(r.detail).toBe('date impossible, février 2025 a 28 jours');
    expect(ko('date', '29/02/2023').detail).toMatch(/28 jours/);
    expect(ko('mois', '13/2024').attendu).toBe('un mois réel mm/aaaa');
    expect(ko('date', '01/01/2500').detail).toMatch(/invraisemblable/);
    expect(ko('date', '01/01/25').detail).toMatch(/2 chiffres/);
    expect(ko('date', 'demain').attendu).toBe('une date jj/mm/aaaa');
  });
});

describe('identifiants et codes', () => {
  test('zéros initiaux conservés, notation scientifique refusée', () => {
    expect(ok('identifiant', '0030839354')).toBe('0030839354');
    expect(ko('identifiant', '3,08E+07').detail).toMatch(/notation scientifique/);
  });
  test('codes INSEE : zéro perdu rétabli, Corse, arrondissements ramenés à leur commune', () => {
    expect(ok('code_insee', '31048')).toBe('31048');
    expect(ok('code_insee', '1053')).toBe('01053');
    expect(ok('code_insee', '2a004')).toBe('2A004');
    expect(ok('code_insee', '13201')).toBe('13055');
    expect(ok('code_insee', '13216')).toBe('13055');
    expect(ok('code_insee', '69381')).toBe('69123');
    expect(ok('code_insee', '75120')).toBe('75056');
    expect(ok('code_insee', '75056')).toBe('75056');
    expect(ko('code_insee', '310480').attendu).toBe('un code INSEE de commune à 5 caractères');
  });
  test('booléens et listes de codes', () => {
    expect(ok('booleen', 'Oui')).toBe(true);
    expect(ok('booleen', 'NON')).toBe(false);
    expect(ko('booleen', 'peut-être').attendu).toBe('oui ou non');
    expect(ok('code:C|I|E', 'c')).toBe('C');
    expect(ko('code:C|I|E', 'X').attendu).toBe('une des valeurs C, I, E');
    expect(() => lireCellule('inconnu', 'x')).toThrow(/type de colonne inconnu/);
  });
});
