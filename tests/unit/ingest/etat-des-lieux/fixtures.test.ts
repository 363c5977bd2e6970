/**
 * Les fixtures dérivées (CSV Windows-1252, XLSX) sont régénérables à
 * l'identique depuis les extraits .tsv : `generer.ts` les reproduit octet
 * pour octet, et les extraits .tsv sont bien ceux du document source quand
 * ../shared est présent.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { TABLEAUX_BAZIEGE, classeur, csvCp1252 } from '../../../fixtures/etat-des-lieux/generer.ts';
import { FIXTURES, SOURCES_PARTAGEES, TABLEAUX, partageDisponible } from '../../../helpers/etat-des-lieux.ts';

describe.each(TABLEAUX_BAZIEGE)('%s', (nom) => {
  test('CSV Windows-1252 à jour', () => {
    expect(Buffer.from(csvCp1252(nom)).equals(readFileSync(join(FIXTURES, `${nom}-cp1252.csv`)))).toBe(true);
  });
  test('XLSX à jour', () => {
    expect(Buffer.from(classeur(nom)).equals(readFileSync(join(FIXTURES, `${nom}.xlsx`)))).toBe(true);
  });
});

describe.skipIf(!partageDisponible())('extraits fidèles au document source (../shared absent : ignoré)', () => {
  // read lazily: a skipped describe still runs its body to collect the tests
  const source = partageDisponible() ? readFileSync(SOURCES_PARTAGEES, 'utf8').split('\n') : [];
  test.each([...TABLEAUX, { fixture: 'baziege-alteal', premiereLigneExtrait: 5290 }])('$fixture', ({ fixture, premiereLigneExtrait }) => {
    const lignes = readFileSync(join(FIXTURES, `${fixture}.tsv`), 'utf8').split('\n');
    if (lignes.at(-1) === '') lignes.pop();
    expect(lignes).toEqual(source.slice(premiereLigneExtrait - 1, premiereLigneExtrait - 1 + lignes.length));
  });
});
