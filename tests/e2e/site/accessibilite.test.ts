// RGAA / WCAG 2.1 AA in the real browser, what is not axe on every page (accessibilite-pages.test.ts):
// keyboard (skip link, every control reached by Tab with a visible focus, the explorer used with the
// keyboard only, its answer announced); status and charts not carried by colour alone.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../helpers/navigateur.ts';

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
  const ctx = await navigateur.newContext({ viewport: { width: 1280, height: 900 } });
  ctx.on('request', (r) => requetes.push(r.url()));
  return ctx;
}

describe('clavier', () => {
  test("lien d'évitement : premier arrêt de Tab, visible, il mène au contenu", async () => {
    const ctx = await contexte();
    const p = await ctx.newPage();
    await p.goto(`${site.url}communes/31048/`);
    await p.keyboard.press('Tab');
    const lien = await p.evaluate(() => {
      const a = document.activeElement as HTMLElement;
      const r = a.getBoundingClientRect();
      return { texte: a.textContent, href: a.getAttribute('href'), visible: r.left >= 0 && r.top >= 0 && r.width > 0 };
    });
    expect(lien).toEqual({ texte: 'Aller au contenu', href: '#contenu', visible: true });
    await p.keyboard.press('Enter');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('contenu');
    // the next Tab goes into the content, not back to the navigation
    await p.keyboard.press('Tab');
    expect(await p.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    await ctx.close();
  });

  for (const [nom, chemin] of [['fiche de Baziège', 'communes/31048/'], ['accueil', ''], ['données', 'donnees/']] as const) {
    test(`${nom} : chaque lien et contrôle visible est atteint par Tab, avec un indicateur de focus visible`, async () => {
      const ctx = await contexte();
      const p = await ctx.newPage();
      await p.goto(site.url + chemin);
      const attendus = await p.evaluate(() => {
        const tous = [...document.querySelectorAll<HTMLElement>('a[href], button, select, input, summary, [tabindex="0"]')];
        tous.forEach((e, i) => (e.dataset.ordreTest = String(i)));
        const cache = (e: HTMLElement) => !!e.parentElement?.closest('details:not([open])') && e.tagName !== 'SUMMARY';
        return tous.filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden' && !cache(e)).map((e) => e.dataset.ordreTest!);
      });
      expect(attendus.length).toBeGreaterThan(10);
      const atteints = new Set<string>();
      const sansFocusVisible: string[] = [];
      for (let i = 0; i < attendus.length + 40; i++) {
        await p.keyboard.press('Tab');
        const e = await p.evaluate(() => {
          const a = document.activeElement as HTMLElement | null;
          if (!a || a === document.body) return null;
          const s = getComputedStyle(a);
          const visible = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
          return { ordre: a.dataset.ordreTest ?? null, visible, nom: `${a.tagName} ${(a.textContent ?? '').trim().slice(0, 40)}` };
        });
        if (!e) continue;
        if (e.ordre) atteints.add(e.ordre);
        if (!e.visible) sansFocusVisible.push(e.nom);
        if (atteints.size === attendus.length) break;
      }
      expect(attendus.filter((o) => !atteints.has(o))).toEqual([]);
      expect(sansFocusVisible).toEqual([]);
      await ctx.close();
    });
  }

  test("l'explorateur au clavier seul : choix d'une commune au clavier, réponse sans bouton, annoncée (aria-live)", async () => {
    const ctx = await contexte();
    const p = await ctx.newPage();
    await p.goto(`${site.url}explorer/`);
    const annonce = p.locator('[data-testid=annonce-resultat]');
    expect(await annonce.getAttribute('aria-live')).toBe('polite');
    // Tab until the territory list has the focus
    for (let i = 0; i < 40 && !(await p.evaluate(() => (document.activeElement as HTMLSelectElement | null)?.name === 'zone')); i++) await p.keyboard.press('Tab');
    expect(await p.evaluate(() => (document.activeElement as HTMLSelectElement).name)).toBe('zone');
    // type-ahead selects Baziège in the closed list (as a keyboard user does)
    await p.keyboard.type('Baz');
    expect(await p.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('commune:31048');
    // no button: the change is answered (Chromium fires `change` on a keyboard choice in a closed list)
    expect(await p.locator('form[data-explorateur] button').count()).toBe(0);
    await p.locator('[data-testid=reponse]').waitFor({ timeout: 60_000 });
    await p.waitForFunction(() => /Résultat pour Baziège/.test(document.querySelector('[data-annonce]')?.textContent ?? ''), undefined, { timeout: 10_000 });
    expect(await annonce.textContent()).toMatch(/^Résultat pour Baziège.*(attributions|secret statistique|aucune attribution)/);
    expect(await p.evaluate(() => location.search)).toContain('zone=commune%3A31048');
    await ctx.close();
  });
});

describe("pas d'information par la couleur seule", () => {
  test('objectifs : symbole et texte (✔ / ✘) ; chaque graphique a un titre, une description et un tableau de données', async () => {
    const ctx = await contexte();
    const p = await ctx.newPage();
    let nFigures = 0;
    for (const chemin of ['', 'communes/31048/', 'territoires/1/', 'attributions/', 'parc/']) {
      await p.goto(site.url + chemin);
      const statuts = await p.locator('.statut-ok, .statut-ko').allTextContents();
      for (const s of statuts) expect(s.trim()).toMatch(/^(✔ objectif atteint|✘ objectif non atteint)/);
      const figures = await p.evaluate(() =>
        [...document.querySelectorAll('figure[data-graphique]')].map((f) => ({
          svg: f.querySelector('svg[role=img]') ? !!f.querySelector('svg > title')?.textContent && !!f.querySelector('svg > desc')?.textContent : true,
          lignes: f.querySelectorAll('[data-graphique-tableau] tbody tr').length,
          alternative: (f.querySelector('[data-graphique-alternative]')?.textContent ?? '').length,
        })),
      );
      nFigures += figures.length;
      for (const f of figures) expect(f.svg && f.lignes > 0 && f.alternative > 20).toBe(true);
    }
    expect(nFigures).toBeGreaterThan(3);
    // series told apart by pattern as well as colour (stacked and compared bars); on a commune whose fragility
    // counts are all published (Baziège's are partly under the cell-by-cell secret: no stacked chart there, its table says so)
    await p.goto(`${site.url}communes/31113/`);
    expect(await p.locator('figure[data-graphique] svg pattern').count()).toBeGreaterThan(0);
    // the static map: a legend with text, each commune titled with its value
    await p.goto(`${site.url}carte/`);
    expect(await p.locator('[data-testid=carte-statique] svg g.legende text').count()).toBeGreaterThan(1);
    await ctx.close();
  });

  test('aucune requête hors de localhost', () => {
    expect(requetes.length).toBeGreaterThan(20);
    expect(horsLocal(requetes)).toEqual([]);
  });
});
