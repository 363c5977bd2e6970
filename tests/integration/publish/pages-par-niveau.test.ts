// The page figures of every commune and territoire are computed level by level
// (one query per indicator for all zones, src/publish/pages.ts zonesDuNiveau):
// they must equal, row for row and key for key, the one-zone queries they replace.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { executerPipeline, TABLES_PUBLIEES } from '../../../src/pipeline.ts';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { lit } from '../../../src/model/db.ts';
import { zone, zonesDuNiveau, type Contexte } from '../../../src/publish/pages.ts';
import { FIXTURES } from '../../helpers/racine.ts';

const FIXTURE = join(FIXTURES, 'mini');
let db: DbNode;
let cx: Contexte;

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'obs-pages-niveau-'));
  const sortie = join(tmp, 'data');
  await executerPipeline('sicoval', { entrees: FIXTURE, sortie, travail: join(tmp, 'travail'), pages: join(tmp, 'pages.json') });
  db = await ouvrirDuckDb();
  for (const t of Object.keys(TABLES_PUBLIEES)) await db.exec(`CREATE TABLE ${t} AS SELECT * FROM read_parquet(${lit(join(sortie, `${t}.parquet`))})`);
  const [m] = await db.query(`SELECT max(millesime) AS m FROM parc`);
  const [v] = await db.query(`SELECT max(vague) AS v FROM occupation`);
  const [a] = await db.query(`SELECT max(annee) AS a FROM attributions`);
  cx = { siren: '243100633', millesime: Number(m!.m), vague: Number(v!.v), derniereAnnee: Number(a!.a), bailleurs: [], contingents: [], aDesQpv: false };
}, 120_000);
afterAll(() => db?.close());

test('communes : mêmes chiffres, dans le même ordre, que commune par commune (communes sans données comprises)', async () => {
  const communes = await db.query(`SELECT code_insee, nom FROM communes ORDER BY nom`);
  const zones = communes.map((c) => ({ code: String(c.code_insee), nom: String(c.nom) }));
  const groupees = await zonesDuNiveau(db, cx, 'commune', zones);
  expect(groupees.map((z) => z.code)).toEqual(zones.map((z) => z.code));
  let avecParc = 0;
  for (const [i, z] of zones.entries()) {
    const seule = await zone(db, cx, 'commune', z.code, z.nom, { commune_insee: z.code });
    expect(JSON.stringify(groupees[i])).toBe(JSON.stringify(seule));
    if (seule.parc) avecParc++;
  }
  // the fixture has stock in 2 communes out of 36: both cases are compared
  expect(avecParc).toBe(2);
  expect(zones.length).toBe(36);
});

test('territoires : mêmes chiffres que territoire par territoire', async () => {
  const t = await db.query(`SELECT DISTINCT territoire, territoire_libelle FROM communes ORDER BY territoire`);
  const zones = t.map((x) => ({ code: String(x.territoire), nom: String(x.territoire_libelle) }));
  const groupees = await zonesDuNiveau(db, cx, 'territoire', zones);
  for (const [i, z] of zones.entries()) {
    expect(JSON.stringify(groupees[i])).toBe(JSON.stringify(await zone(db, cx, 'territoire', z.code, z.nom, { territoire: z.code })));
  }
  expect(groupees.some((z) => z.attributions.length > 0)).toBe(true);
});
