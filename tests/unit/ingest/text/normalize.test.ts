import { describe, expect, test } from 'vitest';
import {
  chercherMots,
  compacter,
  contientMots,
  distanceEdition,
  memeMot,
  mots,
  nettoyerCellule,
  plier,
  sansAccents,
} from '../../../../src/ingest/text/normalize.ts';

describe('plier', () => {
  test.each([
    ['N° RPLS', 'n rpls'],
    ['N°RPLS', 'n rpls'],
    ["Date d'expiration de la convention", 'date d expiration de la convention'],
    ['Date d’expiration', 'date d expiration'],
    ['  Réservataire\tdu   bien ', 'reservataire du bien'],
    ['QPV/hors QPV', 'qpv hors qpv'],
    ['Collectif / Individuel', 'collectif individuel'],
    ['BAZIÈGE', 'baziege'],
    ['Bazi\u0065\u0300ge', 'baziege'], // accent combinant (NFD)
    ['Cœur et Coteaux', 'coeur et coteaux'],
    ['ÆSTHÉTIQUE', 'aesthetique'],
    ['Straße', 'strasse'],
    ['\uFEFFRPLS\u200B', 'rpls'],
    ['Taux\u00A0de\u202Frotation', 'taux de rotation'],
    ['', ''],
    ['---', ''],
    ['ＲＰＬＳ', 'rpls'], // pleine chasse (NFKD)
  ])('%j → %j', (entree, sortie) => {
    expect(plier(entree)).toBe(sortie);
  });
});

test('compacter réunit les sigles écrits de plusieurs façons', () => {
  for (const s of ['P.L.A', 'PLA', 'p l a', ' P-L-A ']) expect(compacter(s)).toBe('pla');
  expect(compacter('PLA T Social')).toBe('platsocial');
  expect(compacter('PLA INT/PLA')).toBe('plaintpla');
});

test('nettoyerCellule garde la casse et les accents, retire invisibles et contrôles', () => {
  expect(nettoyerCellule('  Résidence\u00A0le  Millet\r\n')).toBe('Résidence le Millet');
  expect(nettoyerCellule('\uFEFF0030816617\u200B')).toBe('0030816617');
  expect(nettoyerCellule('a\u0000b\u0007c')).toBe('a b c');
  expect(nettoyerCellule('soft\u00ADhyphen')).toBe('softhyphen');
});

test('sansAccents conserve la casse', () => {
  expect(sansAccents('Élodie À Œuvre')).toBe('Elodie A OEuvre');
});

describe('recherche de mots', () => {
  test('mots et pluriels', () => {
    expect(mots('  ')).toEqual([]);
    expect(mots('C I L Interlogement')).toEqual(['c', 'i', 'l', 'interlogement']);
    expect(memeMot('prioritaire', 'prioritaires')).toBe(true);
    expect(memeMot('general', 'generaux')).toBe(false);
    expect(memeMot('a', 'as')).toBe(false); // mots trop courts : pas de pluriel
  });
  test('suite de mots entiers, jamais un morceau de mot', () => {
    expect(contientMots('PREFECTURE FONCTIONNAIRES', 'prefecture fonctionnaire')).toBe(true);
    expect(contientMots('COMMUNE DE BAZIEGE', 'commune')).toBe(true);
    expect(contientMots('COMMUNES', 'commune')).toBe(true);
    expect(contientMots('INTERCOMMUNALE', 'commune')).toBe(false);
    expect(contientMots('CIL', 'c i l')).toBe(false);
    expect(contientMots('', 'x')).toBe(false);
    expect(contientMots('x', '')).toBe(false);
    expect(chercherMots('cd 31 habitat', 'cd 31')).toBe(0);
    expect(chercherMots('le cd 31', 'cd 31')).toBe(1);
  });
});

describe('distanceEdition', () => {
  test.each([
    ['rpls', 'rpl5', 1],
    ['baziege', 'bazege', 1],
    ['sicoval', 'siccoval', 1],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['kitten', 'sitting', 3],
    ['même', 'même', 0],
  ])('%s / %s = %i', (a, b, d) => {
    expect(distanceEdition(a, b)).toBe(d);
    expect(distanceEdition(b, a)).toBe(d);
  });
  test('bornée : renvoie max + 1 dès que la borne est dépassée', () => {
    expect(distanceEdition('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(distanceEdition('a', 'abcdefgh', 1)).toBe(2);
    expect(distanceEdition('baziege', 'bazege', 1)).toBe(1);
  });
});
