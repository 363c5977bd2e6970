// A territory of several EPCIs (national scope, territoire.json `portee`): loaded by
// the same chargerTerritoire as one EPCI, with the same completeness rules per EPCI.
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { chargerTerritoire } from '../../../src/config/territoire.ts';
import { construireTerritoireNational, ID_NATIONAL } from '../../../src/generate/national.ts';

const racine = mkdtempSync(join(tmpdir(), 'obs-portee-'));
afterAll(() => rmSync(racine, { recursive: true, force: true }));
const n = construireTerritoireNational({ racine, logements: 100, epcis: ['243100633', '200000172'] });
const communesCsv = join(n.dossier, 'communes.csv');
const original = readFileSync(communesCsv, 'utf8');

test('deux EPCI : 43 communes, leur EPCI au niveau « territoire », « FR » au sommet', () => {
  const t = chargerTerritoire(ID_NATIONAL, { dossier: n.dossier });
  expect(t.epcis).toEqual(['200000172', '243100633']);
  expect(t.epciSiren).toBe('FR');
  expect(t.communes).toHaveLength(43);
  expect(t.communes.filter((c) => c.territoire === 243100633)).toHaveLength(36);
  expect(t.dossierEntrees).toBe(join(n.dossier, 'entrees'));
  // the usual one-EPCI territory is unchanged
  expect(chargerTerritoire('sicoval').epcis).toBeUndefined();
});

test('une commune manquante ou rattachée au mauvais EPCI : erreur qui nomme fichier, ligne, commune et EPCI', () => {
  const lignes = original.trimEnd().split('\n');
  try {
    writeFileSync(communesCsv, lignes.filter((l) => !l.startsWith('31048,')).join('\n') + '\n');
    expect(() => chargerTerritoire(ID_NATIONAL, { dossier: n.dossier })).toThrow(/communes de l'EPCI absentes : 31048/);
    writeFileSync(communesCsv, lignes.map((l) => (l.startsWith('31048,') ? l.replace('243100633', '200000172') : l)).join('\n') + '\n');
    const i = lignes.findIndex((l) => l.startsWith('31048,'));
    expect(() => chargerTerritoire(ID_NATIONAL, { dossier: n.dossier })).toThrow(new RegExp(`communes.csv, ligne ${i + 1} : la commune 31048 \\(Baziège\\) n'est pas membre de l'EPCI 200000172`));
  } finally {
    writeFileSync(communesCsv, original);
  }
});
