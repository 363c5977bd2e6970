// The map page in headless Chromium: a static SVG with outlines and names, and a
// table, without JavaScript; with it, MapLibre loads from the site's own files only
// (names as HTML labels, tooltip on hover, a panel in view on click with a link to the
// fiche, a legend of what the map holds), reachable and usable by keyboard; without
// WebGL the static map stays.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest } from '../../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../../helpers/navigateur.ts';
import { axeGraves } from '../../../helpers/axe.ts';

let navigateur: Browser;
let url: string;
const requetes: string[] = [];
const captures = mkdtempSync(join(tmpdir(), 'obs-carte-captures-'));

beforeAll(async () => {
  url = `${siteDeTest().url}carte/`;
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
});

async function nouvellePage(options: { js?: boolean; sansWebgl?: boolean } = {}): Promise<Page> {
  const ctx = await navigateur.newContext({ javaScriptEnabled: options.js ?? true, viewport: { width: 1100, height: 900 }, bypassCSP: true });
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
  test('sans JavaScript : carte SVG statique avec les contours et les noms des 36 communes, légende sans QPV, tableau', async () => {
    const p = await nouvellePage({ js: false });
    await p.goto(url);
    const svg = p.locator('[data-testid=carte-statique] svg.carte-svg');
    await expect(svg.isVisible()).resolves.toBe(true);
    expect(await svg.getAttribute('role')).toBe('img');
    // the territory's own outlines (data/territoires/sicoval/contours-communes.geojson): no circles any more
    expect(await svg.getAttribute('data-mode')).toBe('contours');
    expect(await svg.locator('path.commune').count()).toBe(36);
    const titres = await svg.locator('.commune > title').allTextContents();
    expect(titres).toHaveLength(36);
    expect(titres.some((t) => t.startsWith('Baziège : '))).toBe(true);
    const noms = await svg.locator("g.noms text.nom").allTextContents();
    expect(noms).toHaveLength(36);
    expect(noms).toContain('Baziège');
    expect(await svg.locator('g.noms text.nom[data-code="31446"]').textContent()).toBe('Ramonville-Saint-Agne');
    const legende = (await svg.locator('g.legende').textContent()) ?? '';
    expect(legende).toMatch(/%/);
    expect(legende).not.toMatch(/QPV|quartier prioritaire/);
    expect(await p.locator('[data-testid=mention-approximative]').count()).toBe(0);
    expect(await p.locator('[data-testid=carte-statique] figcaption').textContent()).toMatch(/IGN — Admin Express COG 2018.*Licence Ouverte/);
    await svg.screenshot({ path: join(captures, 'carte-statique.png') });
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
    // the panel's link to the fiche is the next stop of the keyboard
    expect(await p.locator('[data-info] a').getAttribute('href')).toMatch(/\/communes\/31048\/$/);
    await p.context().close();
  });

  test('noms sur la carte, info-bulle au survol (nom, valeur, effectif), panneau visible au clic avec le lien vers la fiche, légende sans QPV', async () => {
    const p = await nouvellePage();
    await p.goto(url);
    await p.waitForSelector('[data-carte][data-carte-prete="1"]', { timeout: 60_000 });
    // names: one HTML label per commune, most of them shown at the first zoom (the others would cover a name)
    expect(await p.locator('.carte-nom').count()).toBe(36);
    const visibles = await p.locator('.carte-nom').evaluateAll((els) => els.filter((e) => (e as HTMLElement).style.visibility !== 'hidden').map((e) => e.textContent));
    expect(visibles.length).toBeGreaterThan(20);
    expect(visibles).toContain('Baziège');
    // hover over Baziège's label position: the tooltip names it, with the value and the count it is computed on
    await p.locator('[data-map]').scrollIntoViewIfNeeded();
    const nom = p.locator('.carte-nom[data-code="31048"]');
    const b = (await nom.boundingBox())!;
    await p.mouse.move(b.x + b.width / 2, b.y + b.height + 4);
    const bulle = p.locator('.carte-infobulle');
    await bulle.waitFor({ timeout: 10_000 });
    const texteBulle = (await bulle.textContent()) ?? '';
    expect(texteBulle).toMatch(/^Baziège/);
    expect(texteBulle).toMatch(/PLAI.*: \d+,\d\s%/);
    expect(texteBulle).toMatch(/\d+ logements familiaux/);
    await p.screenshot({ path: join(captures, 'carte-survol.png') });
    // click: the panel opens over the map, inside the viewport, with a link to the fiche
    await p.mouse.click(b.x + b.width / 2, b.y + b.height + 4);
    const panneau = p.locator('[data-testid=panneau-commune]');
    await panneau.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await panneau.textContent()).toMatch(/Baziège/);
    const bp = (await panneau.boundingBox())!;
    const vue = p.viewportSize()!;
    expect(bp.y).toBeGreaterThanOrEqual(0);
    expect(bp.y + bp.height).toBeLessThanOrEqual(vue.height);
    expect(bp.x + bp.width).toBeLessThanOrEqual(vue.width);
    const lien = panneau.locator('a');
    expect(await lien.textContent()).toBe('Fiche de Baziège');
    expect(await lien.getAttribute('href')).toMatch(/\/communes\/31048\/$/);
    await p.screenshot({ path: join(captures, 'carte-clic.png') });
    // legend: classes, no QPV item on a territory without QPV
    const legende = (await p.locator('[data-legende]').textContent()) ?? '';
    expect(legende).toMatch(/PLAI/);
    expect(legende).not.toMatch(/QPV|quartier prioritaire/);
    expect(await p.locator('[data-couche=qpv]').count()).toBe(0);
    // the CIA's 37,5 % is a class boundary, and the legend says whom the target is set for
    await p.selectOption('#carte-indicateur', 'a1');
    await p.waitForFunction(() => /Trait noir : 37,5/.test(document.querySelector('[data-legende]')?.textContent ?? ''));
    expect(await p.locator('[data-legende] li.depuis-cible').textContent()).toMatch(/^de 37,5\s%/);
    expect(await p.locator('[data-testid=legende-cible]').textContent()).toMatch(/pas commune par commune/);
    // the panel follows the indicator choice: closed on change
    expect(await panneau.isVisible()).toBe(false);
    expect(await axeGraves(p)).toEqual([]);
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
