// The map page in headless Chromium: a static SVG and a table without
// JavaScript; with it, MapLibre loads from the site's own files only, is
// reachable and usable by keyboard; without WebGL the static map stays.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest } from '../../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../../helpers/navigateur.ts';
import { construireSite } from '../../../../src/construire.ts';
import { journalMuet } from '../../../../src/lib/journal.ts';
import { startStaticServer, type StaticServer } from '../../../../src/serve/static-server.ts';
import { chargerTerritoire } from '../../../../src/config/territoire.ts';
import { ouvrirDuckDb } from '../../../../src/model/db-node.ts';
import { creerReferentiel, construireModele } from '../../../../src/model/modele.ts';
import { lireEntrees } from '../../../../src/ingest/entrees.ts';
import { publierGeo, FICHIER_POINTS } from '../../../../src/publish/geo.ts';
import { PARTAGE } from '../../../helpers/racine.ts';

const CONTOURS_PARTAGES = join(PARTAGE, 'geo', 'communes-31-haute-garonne.geojson');

let navigateur: Browser;
let serveur: StaticServer;
let aFermer: StaticServer | null = null;
let url: string;
const requetes: string[] = [];

beforeAll(async () => {
  const site = await siteDeTest();
  serveur = site.serveur;
  if (!existsSync(join(site.donnees, FICHIER_POINTS))) {
    // the pipeline does not call publierGeo yet: publish the map files as it will, and build again
    const t = chargerTerritoire('sicoval');
    const db = await ouvrirDuckDb();
    try {
      await creerReferentiel(db, t);
      await lireEntrees(t, mkdtempSync(join(tmpdir(), 'obs-carte-')), db);
      await construireModele(db);
      await publierGeo(db, t, site.donnees, { contoursCommunes: existsSync(CONTOURS_PARTAGES) && !process.env.OBS_E2E_SANS_CONTOURS ? CONTOURS_PARTAGES : null, contoursQpv: null });
    } finally {
      db.close();
    }
    const dist = join(mkdtempSync(join(tmpdir(), 'obs-carte-dist-')), 'dist');
    await construireSite('sicoval', journalMuet, dist);
    serveur = aFermer = await startStaticServer({ root: dist, port: 0 });
  }
  url = `${serveur.url}carte/`;
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
  await aFermer?.close();
  await (await siteDeTest()).serveur.close();
});

async function nouvellePage(options: { js?: boolean; sansWebgl?: boolean } = {}): Promise<Page> {
  const ctx = await navigateur.newContext({ javaScriptEnabled: options.js ?? true, viewport: { width: 1100, height: 900 } });
  const p = await ctx.newPage();
  p.on('request', (r) => requetes.push(r.url()));
  if (options.sansWebgl) {
    await p.addInitScript(() => {
      const orig = HTMLCanvasElement.prototype.getContext;
      HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
        if (/webgl/i.test(type)) return null;
        return (orig as (...a: unknown[]) => unknown).call(this, type, ...rest);
      } as typeof orig;
    });
  }
  return p;
}

describe('page /carte/', () => {
  test('sans JavaScript : carte SVG statique (une forme titrée par commune, légende) et tableau des 36 communes', async () => {
    const p = await nouvellePage({ js: false });
    await p.goto(url);
    const svg = p.locator('[data-testid=carte-statique] svg.carte-svg');
    await expect(svg.isVisible()).resolves.toBe(true);
    expect(await svg.getAttribute('role')).toBe('img');
    const mode = await svg.getAttribute('data-mode');
    expect(['contours', 'symboles']).toContain(mode);
    // contours: every commune; symbols: every commune that has social dwellings
    const formes = await svg.locator('.commune').count();
    if (mode === 'contours') expect(formes).toBe(36);
    else expect(formes).toBeGreaterThan(25);
    const titres = await svg.locator('.commune > title').allTextContents();
    expect(titres).toHaveLength(formes);
    expect(titres.some((t) => t.startsWith('Baziège : '))).toBe(true);
    expect(await svg.locator('g.legende').textContent()).toMatch(/%/);
    if (mode === 'symboles') expect(await p.locator('[data-testid=mention-approximative]').textContent()).toMatch(/position approximative/);
    expect(await p.locator('[data-testid=tableau-carte] tbody tr').count()).toBe(36);
    expect(await p.locator('[data-commandes]').isVisible()).toBe(false);
    await p.context().close();
  });

  test('avec JavaScript : MapLibre se charge (événement load) depuis les fichiers du site, rien ne sort de localhost', async () => {
    const avant = requetes.length;
    const p = await nouvellePage();
    const erreurs: string[] = [];
    p.on('pageerror', (e) => erreurs.push(e.message));
    await p.goto(url);
    await p.waitForSelector('[data-carte][data-carte-prete="1"]', { timeout: 60_000 });
    expect(await p.locator('canvas.maplibregl-canvas').isVisible()).toBe(true);
    expect(await p.locator('[data-testid=carte-statique]').isVisible()).toBe(false);
    expect(await p.locator('[data-legende]').textContent()).toMatch(/PLAI/);
    const ici = requetes.slice(avant);
    expect(ici.some((u) => u.endsWith('/data/logements-points.geojson'))).toBe(true);
    expect(horsLocal(ici)).toEqual([]);
    expect(erreurs).toEqual([]);
    // print: the static map comes back
    await p.emulateMedia({ media: 'print' });
    expect(await p.locator('[data-testid=carte-statique] svg').isVisible()).toBe(true);
    await p.context().close();
  });

  test('au clavier : la liste des indicateurs et la carte sont atteintes par Tab ; + zoome, les flèches déplacent', async () => {
    const p = await nouvellePage();
    await p.goto(url);
    await p.waitForSelector('[data-carte][data-carte-prete="1"]', { timeout: 60_000 });
    const atteint = async (predicat: string) => {
      for (let i = 0; i < 80; i++) {
        await p.keyboard.press('Tab');
        if (await p.evaluate(predicat)) return true;
      }
      return false;
    };
    expect(await atteint(`document.activeElement?.id === 'carte-indicateur'`)).toBe(true);
    // change the indicator with the keyboard: the legend follows
    const legendeAvant = await p.locator('[data-legende]').textContent();
    await p.keyboard.press('ArrowDown');
    await p.waitForFunction((l) => document.querySelector('[data-legende]')?.textContent !== l, legendeAvant);
    expect(await atteint(`document.activeElement?.classList.contains('maplibregl-canvas')`)).toBe(true);
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(/flèches/);
    const zoom = async () => Number(await p.locator('[data-carte]').getAttribute('data-zoom'));
    const z0 = await zoom();
    await p.keyboard.press('+');
    await p.waitForFunction((z) => Number((document.querySelector('[data-carte]') as HTMLElement).dataset.zoom) > z, z0, { timeout: 10_000 });
    expect(await zoom()).toBeGreaterThan(z0);
    const c0 = await p.locator('[data-carte]').getAttribute('data-centre');
    await p.keyboard.press('ArrowRight');
    await p.waitForFunction((c) => (document.querySelector('[data-carte]') as HTMLElement).dataset.centre !== c, c0, { timeout: 10_000 });
    // the commune list is keyboard reachable and tells the value
    await p.locator('.carte-liste summary').focus();
    await p.keyboard.press('Enter');
    await p.locator('button[data-commune="31048"]').focus();
    await p.keyboard.press('Enter');
    await p.waitForFunction(() => /Baziège/.test(document.querySelector('[data-info]')?.textContent ?? ''));
    await p.context().close();
  });

  test('sans WebGL : la carte statique reste, avec un message, et suit l’indicateur choisi', async () => {
    const p = await nouvellePage({ sansWebgl: true });
    await p.goto(url);
    await p.waitForFunction(() => (document.querySelector('[data-carte]') as HTMLElement).dataset.carteStatique === '1');
    expect(await p.locator('[data-etat]').textContent()).toMatch(/WebGL/);
    expect(await p.locator('[data-testid=carte-statique] svg').isVisible()).toBe(true);
    expect(await p.locator('canvas.maplibregl-canvas').count()).toBe(0);
    await p.selectOption('#carte-indicateur', 'a5');
    await p.waitForFunction(() => /1er quartile/.test(document.querySelector('[data-testid=carte-statique] svg > title')?.textContent ?? ''));
    expect(await p.locator('[data-testid=carte-statique] svg .commune').count()).toBeGreaterThan(25);
    await p.context().close();
  });
});
