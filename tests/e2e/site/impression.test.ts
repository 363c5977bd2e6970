// Printing on A4 portrait: Chromium prints the fiches to PDF (page.pdf); the
// page count stays sensible and the PDF text has the title, the date of
// publication, the sources, the "données synthétiques" notice and a key number.
// The PDF's text is read with pdf.js (src/navigateur/texte-pdf.ts). Layout checks run in print emulation.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium } from '../../helpers/navigateur.ts';
import { lireTextePdf } from '../../../src/navigateur/texte-pdf.ts';

let site: SiteDeTest;
let navigateur: Browser;

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
});

interface Impression { pages: number; pdf: Buffer; page: Page }

/** The PDF Chromium prints for a page (A4, default margins from the site's @page). */
async function imprimer(chemin: string): Promise<Impression> {
  const page = await navigateur.newPage({ viewport: { width: 1100, height: 900 } });
  await page.goto(site.url + chemin);
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  // page objects of the page tree (Chromium writes them uncompressed)
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
  return { pages, pdf, page };
}

async function textePdf(pdf: Buffer): Promise<string> {
  return (await lireTextePdf(pdf)).pages.join(' ');
}

const normaliser = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

const FICHES: [string, string, number][] = [
  ['fiche de Baziège', 'communes/31048/', 2],
  ['accueil', '', 8],
  ['fiche de territoire', 'territoires/1/', 8],
  ['page bailleur', 'bailleurs/alteal/', 6],
];

describe('impression sur A4 (PDF de Chromium)', () => {
  test.each(FICHES)('%s (/%s) : A4 portrait, au plus %i pages', async (_nom, chemin, max) => {
    const { pages, pdf, page } = await imprimer(chemin);
    console.info(`impression /${chemin} : ${pages} page(s) A4`);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(max);
    const lu = await lireTextePdf(pdf);
    expect(lu.nombrePages).toBe(pages);
    // A4 portrait: 595 × 842 pt (210 × 297 mm), every page
    for (const f of lu.formats) {
      expect(Math.abs(f.largeur - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(f.hauteur - 841.9)).toBeLessThan(1.5);
    }
    await page.close();
  });

  test('fiche de Baziège : titre, avertissement, date, sources et chiffres clés dans le texte du PDF', async () => {
    const { pdf, page } = await imprimer('communes/31048/');
    const texte = await textePdf(pdf);
    expect(texte).toContain('Baziège');
    expect(texte).toContain('Données synthétiques');
    expect(texte).toMatch(/publié le \d{2}\/\d{2}\/\d{4}/);
    expect(texte).toMatch(/Sources : .*RPLS \d{4}/);
    const parc = normaliser(await page.locator('[data-testid=bref-parc] [data-valeur]').textContent());
    expect(parc).toBe('149');
    expect(texte).toMatch(new RegExp(`En bref .*${parc} logements sociaux au 1er`));
    const a1 = normaliser(await page.locator('[data-testid=bref-prioritaires] [data-valeur]').textContent());
    expect(texte).toContain(a1);
    // on two pages, the fiche prints its charts without their data tables (one click away on screen)
    // no navigation, no buttons
    expect(texte).not.toContain('Aller au contenu');
    expect(texte).not.toContain('Explorer les attributions de Baziège');
    expect(texte).not.toContain('Télécharger les données (CSV)');
    await page.close();
  });

  test('accueil : objectifs, avertissement, sources et date', async () => {
    const { pdf, page } = await imprimer('');
    const texte = await textePdf(pdf);
    expect(texte).toContain('Observatoire de la Conférence intercommunale du logement');
    expect(texte).toContain('Données synthétiques');
    expect(texte).toMatch(/publié le \d{2}\/\d{2}\/\d{4}/);
    expect(texte).toContain('Sources :');
    const a1 = normaliser(await page.locator('[data-testid=epci-a1] [data-valeur]').textContent());
    expect(a1).toMatch(/%$/);
    expect(texte).toContain(a1);
    await page.close();
  });
});

describe('feuille de style d’impression', () => {
  test('fiche de Baziège en média print : navigation et commandes masquées, en-tête imprimé, tableaux des graphiques laissés à l’écran (deux pages), rien de coupé en largeur', async () => {
    // 186 mm of printable width at 96 px/in ≈ 703 px
    const page = await navigateur.newPage({ viewport: { width: 703, height: 1000 } });
    await page.goto(`${site.url}communes/31048/`);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site nav').isVisible()).toBe(false);
    expect(await page.locator('.evitement').isVisible()).toBe(false);
    expect(await page.locator('[data-graphique-csv]').first().isVisible()).toBe(false);
    const entete = page.locator('.entete-impression');
    expect(await entete.isVisible()).toBe(true);
    expect(normaliser(await entete.textContent())).toMatch(/Baziège · publié le \d{2}\/\d{2}\/\d{4} · données synthétiques/);
    expect(await page.locator('[data-testid=avertissement-synthetique]').isVisible()).toBe(true);
    expect(await page.locator('footer.site').isVisible()).toBe(true);
    // the fiche holds on two A4 pages: its charts print without their tables (one click away on screen)
    const tableaux = page.locator('figure[data-graphique] [data-graphique-tableau] table');
    expect(await tableaux.count()).toBeGreaterThan(1);
    for (const t of await tableaux.all()) expect(await t.isVisible()).toBe(false);
    expect(await page.locator('[data-testid=en-bref]').isVisible()).toBe(true);
    const debords = await page.evaluate(() => {
      const largeur = document.documentElement.clientWidth;
      return [...document.querySelectorAll('main table, main figure svg, main .chiffre')]
        .filter((e) => e.getBoundingClientRect().right > largeur + 1)
        .map((e) => `${e.tagName} ${(e.textContent ?? '').slice(0, 40)}`);
    });
    expect(debords).toEqual([]);
    // the A4 page size is declared for the print dialog as well
    const css = await page.evaluate(() =>
      [...document.styleSheets].flatMap((s) => [...s.cssRules]).map((r) => r.cssText).filter((t) => t.startsWith('@page')).join(' '),
    );
    expect(css).toMatch(/size: a4( portrait)?;/i);
    await page.close();
  });
});
