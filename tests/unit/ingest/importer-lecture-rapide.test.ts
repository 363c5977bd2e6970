// What the faster reading must not change: fields of no column are not copied
// but their blankness still decides blank records and row widths; a value
// repeated on many rows (memoised parse) is still reported on each row.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lireLots, sonderFichier, NON_LUE, type Enregistrement, type LectureColonnes } from '../../../src/ingest/lecteur-delimite.ts';
import { importerFichier, type Anomalie } from '../../../src/ingest/importer.ts';
import { chargerFormat } from '../../../src/ingest/format.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-rapide-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const rpls = chargerFormat('rpls');

// column 2 (LIBELLE_LONG) is read by no format; > 64 KB before the rows that matter, so they are in a later block
const ENTETE = 'DEPCOM;FINAN_CODE;LIBELLE_LONG;TYPECONST_CODE;NBPIECE';
const remplissage = Array.from({ length: 3000 }, (_, i) => `31048;13;Résidence numéro ${i} du boulevard;C;3`);
const fin = [
  ';;texte seul;;', // only the unread column: a row, rejected (required cells empty)
  ';;   ;;', // blanks only: a blank line, skipped
  '31048;13;"sur\ndeux lignes";C;3', // a quoted unread field spanning two lines
  '31048;13; espace devant;C;4',
  '31048;13;;C;5;', // one empty field more than the header: accepted
  '31048;13;x;C;5;y', // one non-empty field more: rejected
];
const contenu = [ENTETE, ...remplissage, ...fin].join('\n') + '\n';
const chemin = join(dir, 'rpls_2025.csv');
writeFileSync(chemin, contenu);

async function enregistrements(ignorer: boolean): Promise<Enregistrement[]> {
  const lecture: LectureColonnes = {};
  const r: Enregistrement[] = [];
  for await (const lot of lireLots(chemin, await sonderFichier(chemin), lecture)) {
    if (ignorer) lecture.ignorees = [false, false, true, false, false];
    r.push(...lot);
  }
  return r;
}

describe('champs non lus', () => {
  test('mêmes enregistrements, mêmes lignes, mêmes largeurs ; seul le texte des champs non lus change', async () => {
    const tout = await enregistrements(false);
    const partiel = await enregistrements(true);
    expect(partiel.map((e) => [e.ligne, e.valeurs.length])).toEqual(tout.map((e) => [e.ligne, e.valeurs.length]));
    expect(partiel.map((e) => e.valeurs.filter((_, k) => k !== 2))).toEqual(tout.map((e) => e.valeurs.filter((_, k) => k !== 2)));
    const n = tout.length;
    expect(n).toBe(1 + 3000 + 5); // the blank line is skipped in both
    // the first block was read before the header was known; the last rows were not
    expect(partiel[1]!.valeurs[2]).toBe('Résidence numéro 0 du boulevard');
    expect(partiel.slice(-5).map((e) => e.valeurs[2])).toEqual([NON_LUE, 'sur\ndeux lignes', ' espace devant', '', NON_LUE]);
    expect(partiel.slice(-4).map((e) => e.ligne)).toEqual([3004, 3006, 3007, 3008]);
  });

  test('importées : la ligne au seul champ non lu est comptée et rejetée, la ligne blanche ignorée', async () => {
    const anomalies: Anomalie[] = [];
    const b = await importerFichier(chemin, rpls, join(dir, 'propre.csv'), anomalies);
    expect([b.lignesLues, b.chargees, b.rejetees]).toEqual([3005, 3003, 2]);
    expect(b.colonnesIgnorees).toEqual(['LIBELLE_LONG']);
    expect(anomalies.map((a) => [a.ligne, a.colonne])).toEqual([
      [3002, 'depcom'],
      [3002, 'finan_code'],
      [3002, 'typeconst'],
      [3002, 'nbpiece'],
      [3008, '(ligne entière)'],
    ]);
  });
});

describe('valeurs répétées', () => {
  test('une date impossible répétée est signalée à chaque ligne, une date juste lue à chaque ligne', async () => {
    const p = join(dir, 'rpls_2024.csv');
    const lignes = ['DEPCOM;FINAN_CODE;TYPECONST_CODE;NBPIECE;BAIL;DPEENERGIE'];
    for (let i = 0; i < 50; i++) lignes.push(`31048;13;C;3;${i % 2 ? '13/2020' : '05/2021'};${i % 2 ? 'Z' : 'c'}`);
    writeFileSync(p, lignes.join('\n'));
    const anomalies: Anomalie[] = [];
    const sortie = join(dir, 'propre-2024.csv');
    const b = await importerFichier(p, rpls, sortie, anomalies);
    expect([b.lignesLues, b.chargees, b.avertissements]).toEqual([50, 50, 50]);
    expect(anomalies.filter((a) => a.colonne === 'bail').map((a) => a.ligne)).toEqual(Array.from({ length: 25 }, (_, k) => 3 + 2 * k));
    expect(anomalies.filter((a) => a.colonne === 'dpe').every((a) => a.valeur === 'Z' && a.attendu.startsWith('une des valeurs A, B'))).toBe(true);
    const { readFileSync } = await import('node:fs');
    const propre = readFileSync(sortie, 'utf8').split('\n');
    expect(propre[1]).toMatch(/,2021-05-01,/);
    expect(propre[1]).toMatch(/,C,/);
    expect(propre[2]).not.toMatch(/2020/);
  });
});
