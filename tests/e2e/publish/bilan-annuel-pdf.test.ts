// The yearly bilan 2025 printed by the project's Chromium (the code of `npm run bilan`) and
// read back with pdfjs: more pages than cover + contents, A4 portrait, every page numbered,
// the contents' and the list of tables' page numbers are the pages where the headings and captions are, the eight sections and a
// team comment are there, the text is selectable; the page's CSV downloads are French Excel CSV.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium } from '../../helpers/navigateur.ts';
import { imprimerBilanPdf, type ResultatPdfBilan } from '../../../src/publish/bilan-annuel-pdf.ts';
import { lireTextePdf, type TextePdf } from '../../../src/navigateur/texte-pdf.ts';
import { SECTIONS_BILAN } from '../../../src/publish/bilan-annuel.ts';

let site: SiteDeTest;
let navigateur: Browser;
let r: ResultatPdfBilan;
let texte: TextePdf;
let octets: string;
const sansEspaces = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, '');

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  const sortie = join(mkdtempSync(join(tmpdir(), 'obs-bilan-pdf-')), 'bilan-2025.pdf');
  r = await imprimerBilanPdf({ dist: site.dist, annee: 2025, sortie, navigateur });
  texte = await lireTextePdf(sortie);
  octets = readFileSync(sortie).toString('latin1');
});

afterAll(async () => {
  await navigateur?.close();
});

describe('PDF du bilan 2025', () => {
  test('plus de pages que la couverture et le sommaire, A4 portrait, chaque page numérotée « page i sur n »', () => {
    console.info(`bilan 2025 : ${r.pages} pages, ${r.passes} impressions pour le sommaire`);
    expect(r.pages).toBe(texte.nombrePages);
    expect(texte.nombrePages).toBeGreaterThan(2 + 8); // cover, contents, and at least a page per section
    const boites = [...octets.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boites.length).toBeGreaterThan(0);
    for (const [, l, h] of boites) {
      expect(Math.abs(Number(l) - 595.3)).toBeLessThan(1.5);
      expect(Math.abs(Number(h) - 841.9)).toBeLessThan(1.5);
    }
    texte.pages.forEach((p, i) => expect(p, `pied de la page ${i + 1}`).toContain(`page ${i + 1} sur ${texte.nombrePages}`));
  });

  test('le texte est sélectionnable : titres, tableaux numérotés, chiffres', () => {
    const tout = texte.pages.join(' ');
    expect(tout).toContain('Bilan annuel 2025 de la convention intercommunale d’attribution');
    expect(tout).toMatch(/Tableau 1 — Attributions de logements sociaux par année/);
    expect(tout).toMatch(/Figure 1 — /);
    expect(tout).toMatch(/\d+,\d %/);
    expect(texte.pages.every((p) => p.length > 40)).toBe(true);
  });

  /** Each title of `entrees` printed in `liste` in order, followed by its page number; each title on that page and not on the one before. */
  function verifierListe(liste: string, entrees: ResultatPdfBilan['sommaire'], pageListe: number): void {
    let curseur = 0;
    entrees.forEach((e, i) => {
      const debut = liste.indexOf(sansEspaces(e.titre), curseur);
      expect(debut, `liste : ${e.titre}`).toBeGreaterThanOrEqual(0);
      const fin = debut + sansEspaces(e.titre).length;
      const suivant = entrees[i + 1];
      const numero = suivant ? liste.slice(fin, liste.indexOf(sansEspaces(suivant.titre), fin)) : /^\d+/.exec(liste.slice(fin))?.[0];
      expect(numero, `numéro imprimé pour ${e.titre}`).toBe(String(e.page));
      curseur = fin;
    });
    for (const e of entrees) {
      expect(e.page).toBeGreaterThan(pageListe);
      expect(sansEspaces(texte.pages[e.page - 1]!), `page ${e.page} : ${e.titre}`).toContain(sansEspaces(e.titre));
      // and not already on the page before (the heading starts there)
      if (e.page - 2 >= pageListe) expect(sansEspaces(texte.pages[e.page - 2]!)).not.toContain(sansEspaces(e.titre));
    }
  }

  test('les numéros de page du sommaire sont ceux des pages où sont les titres', () => {
    const pageSommaire = texte.pages.findIndex((p) => p.includes('Sommaire')) + 1;
    expect(pageSommaire).toBe(2);
    const entrees = r.sommaire.filter((e) => e.liste === 'sommaire');
    expect(entrees.length).toBeGreaterThan(8);
    verifierListe(sansEspaces(texte.pages[pageSommaire - 1]!), entrees, pageSommaire);
  });

  test('la liste des tableaux et figures suit le sommaire : chacun avec la page où il est imprimé', () => {
    const pageListe = texte.pages.findIndex((p) => sansEspaces(p).includes('Tableauxetfigures')) + 1;
    expect(pageListe).toBe(3);
    const entrees = r.sommaire.filter((e) => e.liste === 'illustrations');
    // every numbered table and figure printed after the list is in it, once; tables and figures each in their order
    const imprimes = new Set([...texte.pages.slice(pageListe).join(' ').matchAll(/(Tableau|Figure) (\d+) —/g)].map((m) => `${m[1]} ${m[2]}`));
    const listes = entrees.map((e) => /^(Tableau|Figure) \d+/.exec(e.titre)![0]);
    expect([...listes].sort()).toEqual([...imprimes].sort());
    for (const genre of ['Tableau', 'Figure']) {
      const n = listes.filter((l) => l.startsWith(genre)).map((l) => Number(l.split(' ')[1]));
      expect(n, genre).toEqual(n.map((_, i) => i + 1));
    }
    expect(entrees.filter((e) => e.titre.startsWith('Figure')).length).toBeGreaterThan(0);
    // the list may continue on the next page
    verifierListe(sansEspaces(texte.pages[pageListe - 1]! + texte.pages[pageListe]!), entrees, pageListe);
  });

  test('les huit sections, dans l’ordre, chacune sur sa page', () => {
    const pages = SECTIONS_BILAN.map((s) => {
      const titre = `${s.numero}. ${s.titre}`;
      const p = texte.pages.findIndex((t, i) => i > 1 && sansEspaces(t).startsWith(sansEspaces(titre)));
      expect(p, titre).toBeGreaterThan(1);
      return p;
    });
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
  });

  test('le commentaire de l’équipe (data/territoires/sicoval/bilan/2025) est imprimé dans la section 1', () => {
    const debut = texte.pages.findIndex((t, i) => i > 1 && t.startsWith('1. Les objectifs'));
    expect(texte.pages[debut]).toContain('Exemple de commentaire rédigé par l\'équipe de l\'observatoire');
  });
});

describe('page /bilan/2025/', () => {
  test('commentaires seulement dans les sections qui en ont ; chaque tableau a sa source et son CSV pour Excel', async () => {
    const page = await navigateur.newPage();
    await page.goto(`${site.url}bilan/2025/`);
    expect(await page.locator('[data-section=objectifs] [data-testid=bilan-commentaire]').count()).toBe(1);
    expect(await page.locator('[data-section=territoires] [data-testid=bilan-commentaire]').count()).toBe(0);
    const tableaux = page.locator('[data-testid=bilan-tableau]');
    const n = await tableaux.count();
    expect(n).toBeGreaterThan(15);
    const numeros = await tableaux.evaluateAll((ts) => ts.map((t) => Number((t as HTMLElement).dataset.numero)));
    expect(numeros).toEqual(numeros.map((_x, i) => i + 1));
    const href = await tableaux.first().locator('a[data-csv]').getAttribute('href');
    expect(href).toBe('tableau-1.csv');
    const csv = Buffer.from(await (await fetch(`${site.url}bilan/2025/${href}`)).arrayBuffer()).toString('utf8');
    expect(csv).toMatch(/^\uFEFFAttributions;2021;2022;2023;2024;2025\r\n/);
    expect(csv).toContain('\r\nAttributions décidées en CALEOL;');
    await page.close();
  });
});
