// The built observatory in headless Chromium: numbers readable without
// WebAssembly, equal to what the indicator SQL gives on the published Parquet;
// the explorer answers with DuckDB-WASM; no request leaves localhost.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../helpers/site.ts';
import { lancerChromium, journalRequetes, horsLocal } from '../helpers/navigateur.ts';
import { ouvrirDuckDb, type DbNode } from '../../src/model/db-node.ts';
import { lit } from '../../src/model/db.ts';
import { requeteAttributions } from '../../src/model/indicateurs/attributions.ts';
import { pourcent, nombre } from '../../src/lib/format-fr.ts';

let site: SiteDeTest;
let navigateur: Browser;
let db: DbNode;
const toutesRequetes: string[] = [];

beforeAll(async () => {
  site = await siteDeTest();
  navigateur = await lancerChromium();
  db = await ouvrirDuckDb();
  for (const t of ['attributions', 'parc', 'communes']) {
    await db.exec(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${lit(join(site.donnees, `${t}.parquet`))})`);
  }
});

afterAll(async () => {
  await navigateur?.close();
  await site?.serveur.close();
  db?.close();
});

async function page(sansWasm: boolean): Promise<Page> {
  const p = await navigateur.newPage();
  toutesRequetes.push(...[]);
  p.on('request', (r) => toutesRequetes.push(r.url()));
  if (sansWasm) await p.route(/\.wasm(\?|$)/, (r) => r.abort());
  return p;
}

const texte = async (p: Page, sel: string) => ((await p.locator(sel).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('site construit', () => {
  test('une fiche par commune du territoire (36)', () => {
    const fiches = readdirSync(join(site.dist, 'communes'), { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(fiches).toHaveLength(36);
    expect(existsSync(join(site.dist, 'communes', '31048', 'index.html'))).toBe(true);
  });

  test("accueil lisible sans WebAssembly : objectifs de la CIA égaux au SQL sur le Parquet publié", async () => {
    const p = await page(true);
    const wasm: string[] = [];
    p.on('requestfailed', (r) => wasm.push(r.url()));
    await p.goto(site.serveur.url);
    const annee = site.pipeline.pages.derniereAnnee!;
    const [attendu] = await db.query(requeteAttributions({ niveau: 'epci', code: '243100633', annee }));
    expect(attendu?.attributions).toBeGreaterThan(100);
    expect(await texte(p, '[data-testid=epci-a1] [data-valeur]')).toBe(pourcent(attendu!.a1 as number).replace(/\s/g, ' '));
    expect(await texte(p, '[data-testid=epci-a5] [data-valeur]')).toBe(pourcent(attendu!.a5 as number).replace(/\s/g, ' '));
    // the objectives table carries the raw value for checking
    const brut = await p.locator('[data-testid=tableau-objectifs] td[data-brut]').first().getAttribute('data-brut');
    expect(Number(brut)).toBeCloseTo(attendu!.a1 as number, 12);
    expect(await p.locator('[data-testid=avertissement-synthetique]').count()).toBe(1);
    expect(wasm).toEqual([]); // the home page does not even ask for WebAssembly
    await p.close();
  });

  test('fiche de Baziège sans WebAssembly : parc et attributions égaux au Parquet', async () => {
    const p = await page(true);
    await p.goto(`${site.serveur.url}communes/31048/`);
    expect(await texte(p, '[data-testid=nom-commune]')).toBe('Baziège');
    const [parc] = await db.query(`SELECT sum(logements)::INTEGER AS n FROM parc WHERE commune_insee = '31048'`);
    expect(parc?.n).toBe(149);
    expect(await texte(p, '[data-testid=parc-total] [data-valeur]')).toBe(nombre(149));
    const annee = site.pipeline.pages.derniereAnnee!;
    const [a] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee }));
    const affiche = await texte(p, '[data-testid=attributions] [data-valeur]');
    expect(affiche).toBe(a?.secret && a.attributions === null ? 'moins de 5' : nombre(a!.attributions as number).replace(/\s/g, ' '));
    await p.close();
  });

  test("l'explorateur répond avec DuckDB-WASM, avec le même SQL", async () => {
    const p = await page(false);
    const erreurs: string[] = [];
    p.on('pageerror', (e) => erreurs.push(String(e)));
    const annee = site.pipeline.pages.derniereAnnee!;
    await p.goto(`${site.serveur.url}explorer/?zone=commune:31113&annee=${annee}`);
    const reponse = p.locator('table[data-testid=reponse]');
    await reponse.waitFor({ timeout: 60_000 });
    const [a] = await db.query(requeteAttributions({ niveau: 'commune', code: '31113', annee }));
    const cellule = await reponse.locator('tbody tr').first().locator('td').first().textContent();
    expect(cellule?.replace(/\s/g, ' ')).toBe(nombre(a!.attributions as number).replace(/\s/g, ' '));
    // the selection's chart is redrawn on the client: one year selected → one row behind the chart (two at build time)
    await p.waitForFunction(() => document.querySelector('figure[data-graphique] table tbody')?.querySelectorAll('tr').length === 1, null, { timeout: 30_000 });
    // a filter change is answered too, and the URL keeps the state
    await p.selectOption('select[name=contingent]', 'etat_prioritaires');
    await p.waitForFunction(() => location.search.includes('contingent=etat_prioritaires'));
    await p.waitForFunction(() => !document.querySelector('[data-progression]:not([hidden])'));
    expect(erreurs).toEqual([]);
    await p.close();
  });

  test('aucune requête ne quitte localhost', () => {
    expect(toutesRequetes.length).toBeGreaterThan(5);
    expect(horsLocal(toutesRequetes)).toEqual([]);
  });
});
