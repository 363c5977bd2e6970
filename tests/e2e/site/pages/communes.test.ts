// The commune fiche as a mayor reads it, in headless Chromium: "En bref" first (five figures,
// one sentence each against the EPCI), a table of contents, no verdict (the CIA's targets
// apply to the EPCI), withheld rows said once per section; the commune picker and the
// breadcrumbs of every page; a phone header under 100 px; printed on two A4 pages with no
// chart title left alone at the bottom of a page (PDF read back with pdfjs).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../../helpers/site.ts';
import { lancerChromium } from '../../../helpers/navigateur.ts';
import { lireTextePdf } from '../../../../src/navigateur/texte-pdf.ts';
import { nombre, pourcent } from '../../../../src/lib/format-fr.ts';

let site: SiteDeTest;
let navigateur: Browser;
const dossier = mkdtempSync(join(tmpdir(), 'obs-fiche-'));

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
});
afterAll(async () => {
  await navigateur?.close();
});

async function ouvrir(chemin: string, largeur = 1280): Promise<Page> {
  const p = await navigateur.newPage({ viewport: { width: largeur, height: 900 } });
  await p.goto(`${site.url}${chemin}`);
  return p;
}
const propre = (s: string | null) => (s ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim();

describe('fiche communale', () => {
  test('« En bref » d’abord : cinq chiffres, chacun avec une phrase qui compare au Sicoval ; puis le sommaire', async () => {
    const p = await ouvrir('communes/31048/');
    const pages = site.pages;
    const baziege = pages.communes.find((c) => c.code === '31048')!;
    const ids = await p.locator('[data-testid=en-bref] li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-testid')));
    expect(ids).toEqual(['bref-parc', 'bref-attributions', 'bref-demande', 'bref-prioritaires', 'bref-premier-quartile']);
    for (const id of ids) expect(propre(await p.locator(`[data-testid=${id}] .bref-phrase`).textContent()), id!).toContain('Sicoval');
    expect(propre(await p.locator('[data-testid=bref-parc] [data-valeur]').textContent())).toBe('149');
    const derniere = baziege.attributions.find((l) => l.annee === pages.derniereAnnee)!;
    expect(propre(await p.locator('[data-testid=bref-attributions] [data-valeur]').textContent())).toBe(propre(nombre(derniere.attributions as number)));
    // a withheld count shows "—" (it may be above the threshold: secondary secret), and the reason is said once below the five figures
    if (derniere.attributions === null) expect(propre(await p.locator('[data-testid=bref-retenus]').textContent())).toMatch(/secret statistique.*nombre d'attributions en \d{4}/);
    // the first heading of the fiche is "En bref", the contents come next and point at sections that exist
    expect(propre(await p.locator('main h2').first().textContent())).toBe('En bref');
    for (const ancre of await p.locator('.sommaire a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) {
      expect(await p.locator(ancre!).count(), ancre!).toBe(1);
    }
    // under 20 attributions in the latest year, the shares pool the latest years until 20 and say so
    const prioritaires = propre(await p.locator('[data-testid=bref-prioritaires]').textContent());
    // (a withheld count is not pooled: null is not "under 20"); a share whose counts are withheld every year says so
    const partRetenue = propre(await p.locator('[data-testid=bref-prioritaires] [data-valeur]').textContent()) === '—';
    if (partRetenue) expect(prioritaires).toMatch(/Part non publiée ; Sicoval : \d+,\d %/);
    else if (typeof derniere.attributions === 'number' && derniere.attributions < 20) expect(prioritaires).toMatch(/Sur \d{4}-\d{4} \(une seule année compte trop peu d'attributions\)/);
    // the EPCI's target is given for the EPCI as a whole, with the text that sets it
    expect(prioritaires).toContain(`Objectif pour l'ensemble du Sicoval : au moins ${propre(pourcent(0.375))}`);
    expect(propre(await p.locator('[data-testid=bref-prioritaires] a').first().textContent())).toMatch(/^CIA du Sicoval, article 1, objectif 1$/);
    await p.close();
  });

  test('fiches de commune et de territoire : aucun ✔/✘, et le secret dit au plus une fois par section', async () => {
    for (const chemin of ['communes/31048/', 'communes/31058/', 'communes/31401/', 'territoires/2/', 'territoires/0/']) {
      const p = await ouvrir(chemin);
      const texte = propre(await p.locator('main').textContent());
      expect(texte, chemin).not.toMatch(/[✔✘]|objectif (non )?atteint/);
      for (const s of await p.locator('.fiche > section').all()) {
        // outside the charts (whose text alternative names each withheld year)
        const t = await s.evaluate((e) => {
          const c = e.cloneNode(true) as HTMLElement;
          for (const x of c.querySelectorAll('figure, script')) x.remove();
          return c.textContent ?? '';
        });
        expect(t.split('secret statistique').length - 1, `${chemin} ${await s.getAttribute('id')}`).toBeLessThanOrEqual(1);
      }
      await p.close();
    }
  });

  test('fil d’Ariane et choix de la commune sur toutes les pages ; le nom tapé ouvre la fiche', async () => {
    const p = await ouvrir('parc/');
    const fil = async () => (await p.locator('[data-testid=fil-ariane] li').allTextContents()).map(propre).join(' › ');
    expect(await fil()).toBe('Accueil › Parc social');
    expect(await p.locator('header nav a[aria-current]').count()).toBe(1);
    expect(await p.locator('header nav li').count()).toBeLessThanOrEqual(6);
    await p.locator('#commune-cherchee').fill('bazi');
    await Promise.all([p.waitForURL(/\/communes\/31048\/$/), p.locator('form[data-choix-commune] button').click()]);
    expect(await fil()).toBe('Accueil › Communes › Territoire central sud › Baziège');
    await p.close();
  });

  test('sur un téléphone (375 px), l’en-tête fait moins de 100 px de haut', async () => {
    const p = await ouvrir('communes/31048/', 375);
    const hauteur = await p.locator('header.site').evaluate((h) => h.getBoundingClientRect().height);
    expect(hauteur).toBeLessThan(100);
    expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await p.close();
  });

  test('imprimée : deux pages A4, « En bref », chiffres, sources et date ; aucun titre de graphique seul en bas de page', async () => {
    const p = await ouvrir('communes/31048/', 1100);
    const fichier = join(dossier, 'baziege.pdf');
    writeFileSync(fichier, await p.pdf({ format: 'A4', preferCSSPageSize: true }));
    const pdf = await lireTextePdf(fichier);
    console.info(`impression de la fiche de Baziège : ${pdf.nombrePages} page(s) A4`);
    expect(pdf.nombrePages).toBeLessThanOrEqual(2);
    const tout = pdf.pages.join(' ');
    for (const attendu of ['Baziège', 'En bref', 'Données synthétiques', 'Sources : RPLS']) expect(tout).toContain(attendu);
    expect(tout).toContain('LOGEMENTS SOCIAUX 149 logements sociaux');
    expect(tout).toMatch(/publié le \d{2}\/\d{2}\/\d{4}/);
    expect(tout).not.toContain('Aller au contenu');
    // each chart's title is on the same page as the chart's last label
    const figures = await p.locator('.fiche figure[data-graphique]').evaluateAll((fs) =>
      fs.map((f) => ({
        titre: (f.querySelector('.graphique-titre')?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim(),
        etiquette: ([...f.querySelectorAll('svg text')].at(-1)?.textContent ?? '').replace(/[\s\u00a0\u202f]+/g, ' ').trim(),
      })),
    );
    expect(figures.length).toBeGreaterThan(0);
    // compared without spaces: pdfjs splits ligatures ("fi nancement")
    const compact = (s: string) => s.replace(/\s+/g, '');
    const pagesCompactes = pdf.pages.map(compact);
    for (const f of figures) {
      const pageTitre = pagesCompactes.findIndex((t) => t.includes(compact(f.titre)));
      expect(pageTitre, f.titre).toBeGreaterThanOrEqual(0);
      const apres = pagesCompactes[pageTitre]!.slice(pagesCompactes[pageTitre]!.indexOf(compact(f.titre)));
      expect(apres, f.titre).toContain(compact(f.etiquette));
    }
    await p.close();
  });
});
