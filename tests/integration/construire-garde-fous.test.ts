// The whole build (data, then the Astro site) on small exports, then again on hostile ones:
// the refused build exits with a French message before the site is touched, and the previous
// site (dist/, its data and pages) is byte for byte what it was. A CALEOL secretary's note
// typed as a refusal reason is found in no file of the site, HTML pages included.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { construireTout } from '../../src/construire.ts';
import { journalMuet } from '../../src/lib/journal.ts';
import { contient, ecrireBase, TEXTE_INTERDIT } from './exports-hostiles.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-construire-garde-fous-'));
const base = join(tmp, 'entrees');
const dossiers = { build: join(tmp, 'build'), dist: join(tmp, 'dist') };
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fichiers = (dossier: string): string[] =>
  readdirSync(dossier, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dossier, join(e.parentPath, e.name)))
    .sort();
/** The site and what it is built from (the working report build/<id>/qualite-detail.csv describes each run, refused ones too). */
const instantane = (): Map<string, Buffer> =>
  new Map(fichiers(tmp).filter((f) => !f.startsWith('entrees') && !f.endsWith('qualite-detail.csv')).map((f) => [f, readFileSync(join(tmp, f))]));
let avant: Map<string, Buffer>;

beforeAll(async () => {
  ecrireBase(base);
  await construireTout('sicoval', journalMuet, { ...dossiers, entrees: base });
  avant = instantane();
}, 600_000);

test('site construit : la note de la secrétaire n’apparaît dans aucun fichier du site (HTML, données, téléchargements)', () => {
  const site = [...avant].filter(([f]) => f.startsWith('dist'));
  expect(site.filter(([f]) => f.endsWith('.html')).length).toBeGreaterThan(20);
  for (const [f, octets] of site) for (const t of TEXTE_INTERDIT) expect(contient(octets, t), `${f} contient « ${t} »`).toBe(false);
});

test('décisions recopiées 74 fois : construction refusée en français, site précédent identique octet pour octet', async () => {
  const hostile = join(tmp, 'entrees-doublons');
  mkdirSync(hostile);
  for (const f of readdirSync(base)) copyFileSync(join(base, f), join(hostile, f));
  const [entete, ...lignes] = readFileSync(join(base, 'attributions_2025.csv'), 'utf8').trimEnd().split('\n');
  writeFileSync(join(hostile, 'attributions_2025.csv'), [entete, ...lignes.flatMap((l) => Array<string>(74).fill(l))].join('\n') + '\n');
  await expect(construireTout('sicoval', journalMuet, { ...dossiers, entrees: hostile })).rejects.toThrow(
    /publication refusée, la plupart des lignes d'un export sont rejetées :\n {2}- attributions_2025\.csv : 5.842 ligne\(s\) rejetée\(s\) sur 5.920/,
  );
  const apres = instantane();
  expect([...apres.keys()]).toEqual([...avant.keys()]);
  expect([...avant.keys()]).toEqual(expect.arrayContaining(['dist/index.html', 'dist/data/attributions.parquet', 'build/sicoval/donnees/manifeste.json', 'build/sicoval/pages.json']));
  for (const [f, octets] of avant) expect(apres.get(f)!.equals(octets), `${f} modifié`).toBe(true);
});
