// The "Demande" page and the commune fiche's demand box in headless Chromium,
// without WebAssembly: figures equal to the indicator SQL on the published
// Parquet, in French number format; nothing leaves localhost (axe-core on this page: accessibilite-pages.test.ts).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../../helpers/navigateur.ts';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { lit, type Ligne } from '../../../../src/model/db.ts';
import { requeteDemande } from '../../../../src/model/indicateurs/demande.ts';
import { nombre, pourcent } from '../../../../src/lib/format-fr.ts';

let site: SiteDeTest;
let navigateur: Browser;
let db: DbNode;
let epci: Ligne;
const requetes: string[] = [];

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  db = await ouvrirDuckDb();
  for (const t of ['attributions', 'demande', 'demande_delais']) {
    await db.exec(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${lit(join(site.donnees, `${t}.parquet`))})`);
  }
  epci = (await db.query(requeteDemande({ niveau: 'epci', code: '243100633' }))).at(-1)!;
});
afterAll(async () => {
  await navigateur?.close();
  db?.close();
});

async function ouvrir(chemin: string): Promise<Page> {
  const ctx = await navigateur.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  ctx.on('request', (r) => requetes.push(r.url()));
  const p = await ctx.newPage();
  await p.route(/\.wasm(\?|$)/, (r) => r.abort());
  await p.goto(`${site.url}${chemin}`);
  return p;
}
const texte = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
const fr = (s: string) => s.replace(/\s/g, ' ');

describe('page Demande', () => {
  test('D1, D3, D4 du Sicoval égaux au SQL sur le Parquet publié, au format français', async () => {
    expect(epci.demandeurs as number).toBeGreaterThan(1000);
    const p = await ouvrir('demande/');
    expect(await texte(p, '[data-testid=d1] [data-valeur]')).toBe(fr(nombre(epci.demandeurs as number)));
    expect(await texte(p, '[data-testid=d1] .compare')).toContain(fr(pourcent(epci.part_prioritaires as number)));
    expect(await texte(p, '[data-testid=d3] [data-valeur]')).toBe(fr(nombre(epci.d3 as number, 1)));
    expect(await texte(p, '[data-testid=d4] [data-valeur]')).toBe(fr(`${nombre(epci.d4 as number, 1)} mois`));
    // one row per commune, Castanet-Tolosan (first choice of many demands) with its count
    await expect(p.locator('[data-testid=demande-communes] tbody tr').count()).resolves.toBe(36);
    const [castanet] = await db.query(requeteDemande({ niveau: 'commune', code: '31113', annee: epci.annee as number }));
    const ligne = p.locator('[data-testid=demande-communes] tbody tr', { hasText: 'Castanet-Tolosan' });
    expect(fr((await ligne.locator('td').first().textContent()) ?? '')).toBe(fr(nombre(castanet!.demandeurs as number)));
    // the page is in the main navigation
    await expect(p.locator('nav a[href$="/demande/"]').count()).resolves.toBe(1);
  });
  // axe-core on this page: accessibilite-pages.test.ts, with every page type
});

test('fiche commune, « En bref » : demandes avec la commune en premier choix et pression (hors logements étudiants), à côté du Sicoval', async () => {
  const [c] = await db.query(requeteDemande({ niveau: 'commune', code: '31113', annee: epci.annee as number }));
  const p = await ouvrir('communes/31113/');
  expect(await texte(p, '[data-testid=bref-demande] [data-valeur]')).toBe(fr(nombre(c!.demandeurs as number)));
  const phrase = await texte(p, '[data-testid=bref-demande] .bref-phrase');
  const pression = (c!.d3_hors_etudiants ?? c!.d3) as number | null;
  const pressionSicoval = fr(nombre((epci.d3_hors_etudiants ?? epci.d3) as number | null, 1));
  // the commune's pressure withheld or not computable: the Sicoval's alone, said as such
  expect(phrase).toContain(pression === null ? `Sicoval : ${pressionSicoval} demandes pour une attribution.` : `${fr(nombre(pression, 1))} demandes pour une attribution (Sicoval : ${pressionSicoval})`);
});

test('aucune requête hors de localhost', () => {
  expect(requetes.length).toBeGreaterThan(0);
  expect(horsLocal(requetes)).toEqual([]);
});
