// Arrow IPC written by column batches from DuckDB chunks (src/publish/arrow.ts):
// every row, in order, typed, across batch and partition boundaries.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { tableFromIPC } from 'apache-arrow';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { ecrireArrowIpc, ecrireArrowParPartition, LIGNES_PAR_LOT, tableEnArrowIpc } from '../../../src/publish/arrow.ts';

let db: DbNode;
const tmp = mkdtempSync(join(tmpdir(), 'obs-arrow-'));
// 150 000 rows: three batches; 3 partitions of 50 000 rows each cross DuckDB's 2 048-row chunks
const N = 150_000;

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE t AS SELECT i::INTEGER AS i, (i % 3)::VARCHAR AS p, CASE WHEN i % 7 = 0 THEN NULL ELSE i / 2 END::DOUBLE AS x,
    i % 2 = 0 AS b, count(*) OVER ()::BIGINT AS n, 'v' || i AS s FROM range(${N}) r(i)`);
});
afterAll(() => db?.close());

test('un fichier : toutes les lignes dans l’ordre, types et NULL gardés, lots de 65 536 lignes', async () => {
  const chemin = join(tmp, 't.arrow');
  await ecrireArrowIpc(db, 't', 'i DESC', chemin);
  const t = tableFromIPC(readFileSync(chemin));
  expect(t.numRows).toBe(N);
  expect(t.batches.map((b) => b.numRows)).toEqual([LIGNES_PAR_LOT, LIGNES_PAR_LOT, N - 2 * LIGNES_PAR_LOT]);
  expect(t.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual(['i:Int32', 'p:Utf8', 'x:Float64', 'b:Bool', 'n:Int32', 's:Utf8']);
  expect(t.get(0)!.toJSON()).toEqual({ i: N - 1, p: String((N - 1) % 3), x: (N - 1) / 2, b: false, n: N, s: `v${N - 1}` });
  expect(t.get(N - 1)!.toJSON()).toEqual({ i: 0, p: '0', x: null, b: true, n: N, s: 'v0' });
  // same bytes as the in-memory variant
  expect(Buffer.from(readFileSync(chemin)).equals(Buffer.from(await tableEnArrowIpc(db, 't', 'i DESC')))).toBe(true);
});

test('par partition : un fichier par clé, chaque ligne une fois, ordre gardé ; partition sans ligne = table vide', async () => {
  const dossier = join(tmp, 'parts');
  await ecrireArrowParPartition(db, { table: 't', ordre: 'i', cle: `'k' || p`, dossier, nom: 't', toutes: ['k0', 'k1', 'k2', 'vide'] });
  expect(readdirSync(dossier).sort()).toEqual(['k0', 'k1', 'k2', 'vide']);
  let total = 0;
  for (const k of ['0', '1', '2']) {
    const t = tableFromIPC(readFileSync(join(dossier, `k${k}`, 't.arrow')));
    const i = [...t.getChild('i')!.toArray()] as number[];
    expect(i.length).toBe(N / 3);
    expect(i.every((v, j) => v % 3 === Number(k) && (j === 0 || v > i[j - 1]!))).toBe(true);
    expect(t.schema.fields.map((f) => f.name)).not.toContain('__partition');
    total += i.length;
  }
  expect(total).toBe(N);
  const vide = tableFromIPC(readFileSync(join(dossier, 'vide', 't.arrow')));
  expect(vide.numRows).toBe(0);
  expect(vide.schema.fields.map((f) => f.name)).toEqual(['i', 'p', 'x', 'b', 'n', 's']);
});

test('ORDER BY ALL accepté avec une partition ; entier hors 32 bits refusé clairement', async () => {
  await ecrireArrowParPartition(db, { table: 't', ordre: 'ALL', cle: 'p', dossier: join(tmp, 'all'), nom: 't', toutes: [] });
  expect(tableFromIPC(readFileSync(join(tmp, 'all', '1', 't.arrow'))).get(0)!.toJSON().i).toBe(1);
  await db.exec(`CREATE TABLE grand AS SELECT 3000000000::BIGINT AS n`);
  await expect(ecrireArrowIpc(db, 'grand', 'n', join(tmp, 'grand.arrow'))).rejects.toThrow(/hors de la plage 32 bits/);
});
