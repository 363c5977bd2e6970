import { describe, expect, test } from 'vitest';
import { calculerBilan, objectifAnnuel } from '../../../../src/model/flux/bilan.ts';
import type { BilanAnneeEntree } from '../../../../src/model/flux/bilan.ts';

const an = (annee: number, flux: number, baux: number, extra: Partial<BilanAnneeEntree> = {}): BilanAnneeEntree => ({
  reservataire: 'Commune de Baziège',
  bailleur: 'La Cité Jardins',
  annee,
  flux,
  mises_a_disposition: baux + 1,
  attributions: baux,
  baux_signes: baux,
  prioritaires: 0,
  ...extra,
});

describe('bilan R5 : report des objectifs non atteints', () => {
  test('HG sur 3 ans : manque reporté, excédent perdu', () => {
    // flux 2/an ; 2025 : 0 bail → report 2 ; 2026 : objectif 4, 5 baux → excédent 1 perdu ; 2027 : objectif 2, 1 bail → report 1
    const b = calculerBilan([an(2026, 2, 5), an(2025, 2, 0), an(2027, 2, 1)]);
    expect(b.map((x) => [x.annee, x.report_entrant, x.objectif, x.realise, x.ecart, x.report_sortant])).toEqual([
      [2025, 0, 2, 0, -2, 2],
      [2026, 2, 4, 5, 1, 0],
      [2027, 0, 2, 1, -1, 1],
    ]);
    expect(b.map((x) => x.taux_atteinte)).toEqual([0, 1.25, 0.5]);
  });
  test('BdR sur 3 ans : l’excédent est déduit de l’année suivante', () => {
    const b = calculerBilan([an(2025, 2, 0), an(2026, 2, 5), an(2027, 2, 1)], { report: 'BdR' });
    expect(b.map((x) => [x.annee, x.report_entrant, x.objectif, x.report_sortant])).toEqual([
      [2025, 0, 2, 2],
      [2026, 2, 4, -1],
      [2027, -1, 1, 0],
    ]);
  });
  test('manque justifié par le bailleur : non reporté', () => {
    const b = calculerBilan([an(2025, 3, 0, { manque_justifie: 2 }), an(2026, 3, 3)]);
    expect(b.map((x) => x.report_sortant)).toEqual([1, 1]);
    expect(b[1]?.objectif).toBe(4);
  });
  test('flux fractionnaire (PERIOD, 0,0641/an) : le report cumule jusqu’à un logement', () => {
    const b = calculerBilan([an(2025, 0.0641, 0), an(2026, 0.0641, 0), an(2027, 0.0641, 0)]);
    expect(b.map((x) => x.objectif)).toEqual([0.0641, 0.1282, 0.1923]);
  });
  test('mesure choisie : mises à disposition au lieu des baux signés', () => {
    const b = calculerBilan([an(2025, 2, 1)], { mesure: 'mises_a_disposition' });
    expect(b[0]).toMatchObject({ mesure: 'mises_a_disposition', realise: 2, report_sortant: 0 });
  });
  test('paires réservataire × bailleur indépendantes', () => {
    const b = calculerBilan([an(2025, 1, 0), an(2026, 1, 0), an(2026, 1, 0, { bailleur: 'Alteal' })]);
    expect(b.map((x) => [x.bailleur, x.annee, x.objectif])).toEqual([
      ['La Cité Jardins', 2025, 1],
      ['La Cité Jardins', 2026, 2],
      ['Alteal', 2026, 1],
    ]);
  });
});

describe('bilan R5 : publics prioritaires (25 %, CCH L.441-1)', () => {
  test('part des prioritaires parmi les attributions', () => {
    const [a, b, c] = calculerBilan([
      an(2025, 4, 4, { prioritaires: 1 }),
      an(2026, 4, 4, { prioritaires: 0 }),
      an(2027, 4, 0),
    ]);
    expect(a).toMatchObject({ prioritaires_attendus: 1, part_prioritaires: 0.25, prioritaires_atteint: true });
    expect(b).toMatchObject({ part_prioritaires: 0, prioritaires_atteint: false });
    expect(c).toMatchObject({ part_prioritaires: null, prioritaires_atteint: null, taux_atteinte: 0 });
  });
});

describe('bilan R5 : entrées refusées', () => {
  test('année en double, valeur négative, plus de prioritaires que d’attributions', () => {
    expect(() => calculerBilan([an(2025, 1, 0), an(2025, 1, 1)])).toThrow(/année 2025 en double/);
    expect(() => calculerBilan([an(2025, 1, -1)])).toThrow(/nombre positif ou nul attendu/);
    expect(() => calculerBilan([an(2025, 1, 1, { prioritaires: 2 })])).toThrow(/prioritaires \(2\) > attributions \(1\)/);
  });
});

test('objectif annuel : flux contractuel, sinon flux brut positif', () => {
  expect(objectifAnnuel({ flux_contractuel: 1, flux_brut: 0.474 })).toBe(1);
  expect(objectifAnnuel({ flux_contractuel: null, flux_brut: 0.0641 })).toBe(0.0641);
  expect(objectifAnnuel({ flux_contractuel: null, flux_brut: -0.1 })).toBe(0);
});
