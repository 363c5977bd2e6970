import { describe, expect, test } from 'vitest';
import { decouperAdresse } from '../../../src/generate/noms.ts';
import { avecCharniere } from '../../../src/generate/territoire.ts';

describe("adresses des états des lieux → champs d'adresse RPLS", () => {
  test.each([
    ['11 allée Paul Marty', { numVoie: '11', typVoie: 'ALL', nomVoie: 'PAUL MARTY', complGeo: '' }],
    ['4 Rue EN COUSTOUS 31450 BAZIEGE', { numVoie: '4', typVoie: 'RUE', nomVoie: 'EN COUSTOUS', complGeo: '' }],
    ['1 Résidence le Millet', { numVoie: '1', typVoie: 'RES', nomVoie: 'LE MILLET', complGeo: '' }],
    [
      'Residence desSaules / PAVILLON 1 / RUE DES SAULES',
      { numVoie: '', typVoie: 'RUE', nomVoie: 'DES SAULES', complGeo: 'Residence desSaules / PAVILLON 1' },
    ],
    [
      '4, rue Traversiere / Pavillon N°1 / 1 Residence Le Pastel',
      { numVoie: '4', typVoie: 'RUE', nomVoie: 'TRAVERSIERE', complGeo: 'Pavillon N°1 / 1 Residence Le Pastel' },
    ],
  ])('%s', (adresse, attendu) => {
    expect(decouperAdresse(adresse, '31450')).toEqual(attendu);
  });
});

describe('charnières du code officiel géographique', () => {
  test('de la / d’ / de', () => {
    expect(`Préfecture ${avecCharniere('Haute-Garonne', 3)}`).toBe('Préfecture de la Haute-Garonne');
    expect(`Commune ${avecCharniere('Auzeville-Tolosane', 1)}`).toBe("Commune d'Auzeville-Tolosane");
    expect(`Commune ${avecCharniere('Baziège', 0)}`).toBe('Commune de Baziège');
  });
});
