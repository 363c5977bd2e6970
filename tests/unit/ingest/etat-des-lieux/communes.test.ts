import { describe, expect, test } from 'vitest';
import {
  ResolveurCommunes,
  departementsDuCodePostal,
  normaliserDepartement,
  plierCommune,
  resolveurCommunes,
} from '../../../../src/ingest/etat-des-lieux/communes.ts';

describe('résolveur sur un petit référentiel', () => {
  const r = new ResolveurCommunes([
    { code: '31048', nom: 'Baziège', departement: '31', codesPostaux: ['31450'] },
    { code: '31533', nom: 'Saint-Orens-de-Gameville', departement: '31', codesPostaux: ['31650'] },
    { code: '31184', nom: 'Le Faget', departement: '31', codesPostaux: ['31460'] },
    { code: '81001', nom: 'Saint-Orens', departement: '81', codesPostaux: ['81000'] },
    { code: '32001', nom: 'Saint-Orens', departement: '32', codesPostaux: ['32120'] },
  ]);

  test.each([
    ['BAZIEGE', {}, '31048', false],
    ['Baziège', {}, '31048', false],
    ['  baziege ', { departement: '31' }, '31048', false],
    ['Bazège', { departement: '31' }, '31048', true], // OCR : une lettre manquante
    ['BAZIEGES', { codePostal: '31450' }, '31048', true],
    ['ST ORENS DE GAMEVILLE', {}, '31533', false],
    ['Faget (Le)', {}, '31184', false],
    ['Saint-Orens', { departement: '32' }, '32001', false],
    ['31048', {}, '31048', false],
  ])('%j %j → %s', (nom, indices, code, approchee) => {
    expect(r.resoudre(nom, indices)).toMatchObject({ code, approchee });
  });

  test('homonymes sans département : pas de choix arbitraire', () => {
    expect(r.resoudre('Saint-Orens')).toBeNull();
  });
  test('faute de frappe sans département : refusée (trop risqué sur toute la France)', () => {
    expect(r.resoudre('Bazège')).toBeNull();
  });
  test('inconnue, vide, code inexistant', () => {
    expect(r.resoudre('Atlantide', { departement: '31' })).toBeNull();
    expect(r.resoudre('')).toBeNull();
    expect(r.resoudre('99999')).toBeNull();
  });
});

test('plierCommune, départements', () => {
  expect(plierCommune('St-Orens-de-Gameville')).toBe(plierCommune('SAINT ORENS DE GAMEVILLE'));
  expect(plierCommune('Faget (Le)')).toBe(plierCommune('Le Faget'));
  expect(departementsDuCodePostal('31450')).toEqual(['31']);
  expect(departementsDuCodePostal('20000')).toEqual(['2A', '2B']);
  expect(departementsDuCodePostal('97400')).toEqual(['974']);
  expect(departementsDuCodePostal('3145')).toEqual([]);
  expect(normaliserDepartement('031')).toBe('31');
  expect(normaliserDepartement('2a')).toBe('2A');
  expect(normaliserDepartement('Haute-Garonne')).toBeNull();
});

test('référentiel complet (COG via @etalab/decoupage-administratif) : communes du Sicoval', () => {
  const r = resolveurCommunes();
  expect(r.resoudre('BAZIEGE', { departement: '31' })?.code).toBe('31048');
  expect(r.resoudre('Bazège', { departement: '31' })).toMatchObject({ code: '31048', approchee: true });
  expect(r.resoudre('Ayguesvives', { codePostal: '31450' })?.code).toBe('31004');
  expect(r.resoudre('AUZEVILLE TOLOSANE')?.code).toBe('31035');
  expect(r.resoudre('Marseille 1er Arrondissement')?.code).toBe('13201');
  // Même instance à chaque appel : le COG n'est chargé qu'une fois.
  expect(resolveurCommunes()).toBe(r);
});
