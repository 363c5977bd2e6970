// The CSV of a chart's data table: French display cells → values a French Excel reads.
import { describe, expect, test } from 'vitest';
import { csvDepuisTableau, nomFichierCsv } from '../../../../src/site/lib/csv-tableau.ts';
import { nombre, pourcent } from '../../../../src/lib/format-fr.ts';

describe('csvDepuisTableau', () => {
  test('nombres sans séparateur de milliers, colonne de parts en nombres avec « (%) », « — » vide', () => {
    const csv = csvDepuisTableau(
      ['Année', 'Attributions', 'Part des publics prioritaires', 'Objectif', 'Objectif atteint'],
      [
        ['2024', nombre(1234), pourcent(0.786), `≥ ${pourcent(0.375)}`, 'oui'],
        ['2025', nombre(-12.5, 1).replace('-', '−'), '—', `≥ ${pourcent(0.375)}`, 'secret statistique'],
      ],
    );
    expect(csv).toBe(
      '\uFEFFAnnée;Attributions;Part des publics prioritaires (%);Objectif;Objectif atteint\r\n' +
        '2024;1234;78,6;≥ 37,5 %;oui\r\n' +
        '2025;-12,5;;≥ 37,5 %;secret statistique\r\n',
    );
  });

  test('une colonne mêlant parts et nombres garde le signe « % » de chaque part', () => {
    expect(csvDepuisTableau(['Modalité', 'Valeur'], [['PLAI', nombre(30)], ['Part', pourcent(0.201)]])).toBe('\uFEFFModalité;Valeur\r\nPLAI;30\r\nPart;20,1 %\r\n');
  });

  test('guillemets pour « ; » et nom de fichier sans accents', () => {
    expect(csvDepuisTableau(['a'], [['x ; y']])).toBe('\uFEFFa\r\n"x ; y"\r\n');
    expect(nomFichierCsv('Part des attributions (ACD, indicateur B) de Baziège')).toBe('part-des-attributions-acd-indicateur-b-de-baziege.csv');
    expect(nomFichierCsv('—')).toBe('donnees.csv');
  });
});
