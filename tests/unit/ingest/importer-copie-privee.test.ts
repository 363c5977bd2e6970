// The clean copy written by the import holds households' data: readable by the build's user only.
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importerFichier, type Anomalie } from '../../../src/ingest/importer.ts';
import { chargerFormat } from '../../../src/ingest/format.ts';
import { FIXTURES } from '../../helpers/racine.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-copie-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

test('copie propre en 0600 (un umask usuel, 022, donnerait 0644)', async () => {
  {
    const sortie = join(tmp, 'ops-0.csv');
    const anomalies: Anomalie[] = [];
    const b = await importerFichier(join(FIXTURES, 'mini', 'ops_2024.csv'), chargerFormat('ops'), sortie, anomalies);
    expect(b.chargees).toBe(3);
    expect(statSync(sortie).mode & 0o777).toBe(0o600);
  }
});

test('colonne personnelle fautive : nature de la valeur, et raison sans morceau de la valeur ; colonne non personnelle : valeur telle quelle', async () => {
  const csv = join(tmp, 'ops_2024.csv');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(
    csv,
    'ident_rep;bailleur;commune;vague;reponse;date_emmenagement;age_titulaire;nb_pieces\n' +
      '0030000001;OPH;31048;2024;repondu;29/02/2019;41;3\n' +
      '0030000002;OPH;31048;2024;repondu;01/03/2015;-7;T3\n',
  );
  const anomalies: Anomalie[] = [];
  await importerFichier(csv, chargerFormat('ops'), join(tmp, 'ops-1.csv'), anomalies);
  const vues = anomalies.map((a) => [a.ligne, a.colonne, a.valeur, a.detail ?? '']);
  expect(vues).toEqual([
    [2, 'date_emmenagement', 'date invalide', ''],
    [3, 'age_titulaire', 'nombre négatif', ''],
    [3, 'nb_pieces', 'T3', ''],
  ]);
  expect(JSON.stringify(anomalies)).not.toMatch(/2019|-7/);
});
