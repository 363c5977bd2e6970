import { describe, expect, test } from 'vitest';
import {
  dateDepuisObjet,
  estBlanc,
  joursDansMois,
  lireBooleen,
  lireDate,
  lireNombre,
  lirePourcentage,
} from '../../../../src/ingest/text/values.ts';
import type { Resultat } from '../../../../src/ingest/text/values.ts';

function valeur<T>(r: Resultat<T>): T {
  if (!r.ok) throw new Error(`échec inattendu : ${r.erreur.message}`);
  return r.valeur;
}

describe('lireNombre', () => {
  test.each([
    ['1 234,5', 1234.5],
    ['1\u00A0234,5', 1234.5],
    ['1\u202F234\u202F567', 1234567],
    ['7,9', 7.9],
    ['0.079', 0.079],
    ['1.234.567', 1234567],
    ['1.234,5', 1234.5],
    ['1,234.5', 1234.5],
    ['-3', -3],
    ['−3,5', -3.5],
    ['+12', 12],
    [',5', 0.5],
    ['  42  ', 42],
    ['007', 7],
    ['-0', 0],
    ['0,1', 0.1],
  ])('%j → %d', (texte, attendu) => {
    expect(valeur(lireNombre(texte))).toBe(attendu);
  });

  test('0,1 + 0,2 exacts au plus proche double (pas de 0.30000000000000004 par division)', () => {
    expect(valeur(lireNombre('0,3'))).toBe(0.3);
  });

  test.each([
    ['', 'vide'],
    ['   ', 'vide'],
    ['abc', 'format'],
    ['12 34', 'format'], // groupes de milliers invalides : deux valeurs ?
    ['1,2,3', 'format'],
    ['1.234,5,6', 'format'],
    ['1e3', 'format'],
    ['NaN', 'format'],
    ['Infinity', 'format'],
    ['0x10', 'format'],
    ['5,', 'format'],
    ['-', 'format'],
    ['7,9%', 'format'],
    ['١٢', 'format'],
  ])('%j refusé (%s)', (texte, code) => {
    const r = lireNombre(texte);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.erreur.code).toBe(code);
      expect(r.erreur.valeur).toBe(texte);
      expect(r.erreur.attendu).toMatch(/nombre/u);
      expect(r.erreur.message).toMatch(/attendu/u);
    }
  });

  test('entier et bornes', () => {
    expect(lireNombre('2,5', { entier: true })).toMatchObject({ ok: false, erreur: { attendu: 'nombre entier (ex. 12)' } });
    expect(valeur(lireNombre('12', { entier: true }))).toBe(12);
    expect(lireNombre('25', { min: 1, max: 20 })).toMatchObject({ ok: false, erreur: { code: 'hors-bornes' } });
  });
});

describe('lirePourcentage (renvoie une fraction)', () => {
  test.each([
    ['7,9%', 0.079],
    ['9,39 %', 0.0939],
    ['9,39\u00A0%', 0.0939],
    ['11,22%', 0.1122],
    ['7,99%', 0.0799],
    ['0.079', 0.079],
    ['0,0939', 0.0939],
    ['7,9', 0.079],
    ['100 %', 1],
    ['0%', 0],
  ])('%j → %d', (texte, attendu) => {
    expect(valeur(lirePourcentage(texte))).toBe(attendu);
  });

  test('9,39 % donne exactement 0.0939 (pas 9.39 / 100 = 0.09390000000000001)', () => {
    expect(valeur(lirePourcentage('9,39 %'))).toBe(0.0939);
    expect(9.39 / 100).not.toBe(0.0939);
  });

  test('modes sans signe %', () => {
    expect(valeur(lirePourcentage('0,5', { sansSigne: 'pourcentage' }))).toBe(0.005);
    expect(valeur(lirePourcentage('0,5', { sansSigne: 'fraction' }))).toBe(0.5);
  });

  test.each(['', '%', 'sept %', '7,9%%', '-1 %', '150 %', '7,9 % de plus'])('%j refusé', (texte) => {
    const r = lirePourcentage(texte);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.erreur.attendu).toMatch(/pourcentage/u);
  });
});

describe('lireDate', () => {
  test.each([
    ['31/12/2024', '2024-12-31', 'jour'],
    ['01/01/1959', '1959-01-01', 'jour'],
    ['1/1/1959', '1959-01-01', 'jour'],
    ['24-11-1996', '1996-11-24', 'jour'],
    ['24.11.1996', '1996-11-24', 'jour'],
    ['2024-12-31', '2024-12-31', 'jour'],
    ['2024-12-31T00:00:00Z', '2024-12-31', 'jour'],
    ['12/12/2025 12:34', '2025-12-12', 'jour'],
    ['29/02/2024', '2024-02-29', 'jour'],
    ['29/02/2000', '2000-02-29', 'jour'],
    ['12/2024', '2024-12', 'mois'],
    ['1/2024', '2024-01', 'mois'],
  ])('%j → %s', (texte, iso, precision) => {
    expect(valeur(lireDate(texte))).toEqual({ iso, ouverte: false, precision });
  });

  test('31/12/2999 (et 9999) = convention sans fin', () => {
    expect(valeur(lireDate('31/12/2999'))).toEqual({ iso: null, ouverte: true, precision: 'jour' });
    expect(valeur(lireDate('31/12/9999'))).toMatchObject({ iso: null, ouverte: true });
  });

  test.each([
    ['31/02/2024', 'date-impossible', /février 2024 a 29 jours/u],
    ['29/02/2023', 'date-impossible', /février 2023 a 28 jours/u],
    ['29/02/1900', 'date-impossible', /28 jours/u],
    ['31/04/2020', 'date-impossible', /avril 2020 a 30 jours/u],
    ['00/01/2020', 'date-impossible', /janvier/u],
    ['15/13/2020', 'date-impossible', /mois 13/u],
    ['13/2020', 'date-impossible', /mois 13/u],
    ['31/02/2999', 'date-impossible', /février/u],
    ['01/01/0001', 'hors-bornes', /invraisemblable/u],
    ['31/12/24', 'format', /2 chiffres/u],
    ['2024/12/31', 'format', /jj\/mm\/aaaa/u],
    ['hier', 'format', /jj\/mm\/aaaa/u],
    ['', 'vide', /vide/u],
  ])('%j refusée (%s)', (texte, code, message) => {
    const r = lireDate(texte);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.erreur.code).toBe(code);
      expect(r.erreur.attendu).toMatch(/date au format jj\/mm\/aaaa/u);
      expect(r.erreur.message).toMatch(message);
    }
  });

  test('dateDepuisObjet (cellule de tableur, minuit UTC)', () => {
    expect(valeur(dateDepuisObjet(new Date(Date.UTC(1996, 10, 24))))).toEqual({ iso: '1996-11-24', ouverte: false, precision: 'jour' });
    expect(valeur(dateDepuisObjet(new Date(Date.UTC(2999, 11, 31))))).toMatchObject({ ouverte: true });
    expect(dateDepuisObjet(new Date(Number.NaN)).ok).toBe(false);
  });

  test('joursDansMois', () => {
    expect([2023, 2024, 1900, 2000].map((a) => joursDansMois(a, 2))).toEqual([28, 29, 28, 29]);
  });
});

describe('booléens et blancs', () => {
  test.each([
    ['Oui', true],
    ['NON', false],
    ['vrai', true],
    ['0', false],
    ['x', true],
  ])('%j → %s', (texte, attendu) => {
    expect(valeur(lireBooleen(texte))).toBe(attendu);
  });
  test('refus', () => {
    expect(lireBooleen('peut-être')).toMatchObject({ ok: false, erreur: { attendu: 'Oui ou Non' } });
  });
  test('estBlanc', () => {
    expect(estBlanc(' \u00A0\t')).toBe(true);
    expect(estBlanc(null)).toBe(true);
    expect(estBlanc('0')).toBe(false);
  });
});
