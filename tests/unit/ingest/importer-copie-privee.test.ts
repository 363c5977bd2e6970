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
