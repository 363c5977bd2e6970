// RGAA / WCAG 2.1 AA in the real browser: axe-core on every page type, with the charts' tables opened,
// at desktop width and at a phone's (375 px), where the page must not scroll sideways (tables scroll in
// their own focusable container). Keyboard and colour: accessibilite.test.ts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../helpers/navigateur.ts';
import { axeGraves } from '../../helpers/axe.ts';

/** A phone's width (the narrowest common one). */
const TELEPHONE = 375;

let site: SiteDeTest;
let navigateur: Browser;
const requetes: string[] = [];

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
});

async function contexte(): Promise<BrowserContext> {
  // bypassCSP: axe is injected as an inline script, which the site's CSP (script-src 'self') forbids
  const ctx = await navigateur.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  ctx.on('request', (r) => requetes.push(r.url()));
  return ctx;
}

const ouvrirDetails = (p: Page) => p.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
const defilementPage = (p: Page) => p.evaluate(() => ({ largeur: document.documentElement.scrollWidth, fenetre: innerWidth }));

async function auTelephone(p: Page): Promise<void> {
  await p.setViewportSize({ width: TELEPHONE, height: 844 });
  await p.waitForTimeout(150);
  const d = await defilementPage(p);
  expect(d.largeur, `largeur du document à ${TELEPHONE} px`).toBeLessThanOrEqual(d.fenetre);
  expect(await axeGraves(p), `à ${TELEPHONE} px`).toEqual([]);
}

const PAGES: [string, string][] = [
  ['accueil', ''],
  ['fiche commune (Baziège)', 'communes/31048/'],
  ['liste des communes', 'communes/'],
  ['fiche territoire', 'territoires/1/'],
  ['page bailleur', 'bailleurs/alteal/'],
  ['page réservataire', 'reservataires/31048/'],
  ['attributions', 'attributions/'],
  ['parc', 'parc/'],
  ['occupation', 'occupation/'],
  ['carte', 'carte/'],
  ['explorateur (avant réponse)', 'explorer/'],
  ['méthodologie', 'methodologie/'],
  ['qualité', 'qualite/'],
  ['données', 'donnees/'],
  ['demande', 'demande/'],
  ['glossaire', 'glossaire/'],
  ['mentions légales', 'mentions-legales/'],
  ['déclaration d’accessibilité', 'accessibilite/'],
  ['fiche commune sans logement social', 'communes/31058/'],
  ['bilan annuel 2025', 'bilan/2025/'],
  ['404', 'page-qui-n-existe-pas/'],
];

describe('axe-core : aucune violation grave ou critique', () => {
  // axe runs with every <details> open: what a closed one hides is checked with it, and what shows when
  // closed is checked too (the summaries stay)
  test.each(PAGES)('%s', async (_nom, chemin) => {
    const ctx = await contexte();
    const p = await ctx.newPage();
    const erreurs: string[] = [];
    p.on('pageerror', (e) => erreurs.push(e.message));
    await p.goto(site.url + chemin);
    if (chemin === 'carte/') await p.waitForSelector('[data-carte-prete="1"]', { timeout: 60_000 }).catch(() => undefined);
    await ouvrirDetails(p);
    expect(await axeGraves(p), 'à 1 280 px, tableaux des graphiques ouverts').toEqual([]);
    await auTelephone(p);
    expect(erreurs).toEqual([]);
    await ctx.close();
  });

  test('explorateur après une réponse (tableau écrit par DuckDB-WASM)', async () => {
    const ctx = await contexte();
    const p = await ctx.newPage();
    const annee = site.pages.derniereAnnee!;
    await p.goto(`${site.url}explorer/?zone=commune:31113&annee=${annee}`);
    await p.locator('[data-testid=reponse]').waitFor({ timeout: 60_000 });
    await p.waitForFunction(() => !document.querySelector('[data-progression]:not([hidden])'));
    expect(await axeGraves(p)).toEqual([]);
    await auTelephone(p);
    await ctx.close();
  });

  test('aucune requête hors de localhost', () => {
    expect(requetes.length).toBeGreaterThan(20);
    expect(horsLocal(requetes)).toEqual([]);
  });
});
