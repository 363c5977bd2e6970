// The yearly bilan printed to PDF by the project's own Chromium (src/navigateur/chromium.ts):
// A4 portrait, page numbers in the footer, and a table of contents with page numbers. Those
// numbers come from a first print: every heading carries an invisible marker (absolutely
// positioned, so the layout does not move), the PDF text (pdfjs, src/navigateur/texte-pdf.ts)
// tells on which page each marker landed; the markers are removed, the numbers written into
// the reserved slots of the table of contents, and the page printed again.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { lancerChromium } from '../navigateur/chromium.ts';
import { lireTextePdf } from '../navigateur/texte-pdf.ts';
import { startStaticServer } from '../serve/static-server.ts';

export interface OptionsPdfBilan {
  /** built site (dist/) */
  dist: string;
  annee: number;
  sortie: string;
  /** reuse an open browser (tests); otherwise one is launched and closed */
  navigateur?: Browser;
}

/** An entry of the contents (`sommaire`) or of the list of tables and figures (`illustrations`). */
export interface EntreeSommaire { cible: string; titre: string; page: number; liste: 'sommaire' | 'illustrations' }

export interface ResultatPdfBilan {
  sortie: string;
  pages: number;
  sommaire: EntreeSommaire[];
  /** prints needed until the page numbers were stable (2 normally) */
  passes: number;
}

const MARGES = { top: '15mm', bottom: '18mm', left: '14mm', right: '14mm' };
const repere = (i: number) => `QQREPERE${i}QQ`;

async function imprimer(page: Page, titre: string): Promise<Buffer> {
  return page.pdf({
    format: 'A4',
    landscape: false,
    printBackground: true,
    preferCSSPageSize: false,
    margin: MARGES,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: `<div style="font-family: sans-serif; font-size: 8px; width: 100%; margin: 0 14mm; display: flex; justify-content: space-between; color: #000;"><span>${titre.replace(/[<&>]/g, '')}</span><span>page <span class="pageNumber"></span> sur <span class="totalPages"></span></span></div>`,
  });
}

/** Pages (1-based) where each marker is printed, from the text of a PDF. */
export function pagesDesReperes(pages: string[], nombre: number): (number | null)[] {
  return Array.from({ length: nombre }, (_, i) => {
    const p = pages.findIndex((t) => t.replace(/\s+/g, '').includes(repere(i)));
    return p < 0 ? null : p + 1;
  });
}

export async function imprimerBilanPdf(o: OptionsPdfBilan): Promise<ResultatPdfBilan> {
  const serveur = await startStaticServer({ root: o.dist, port: 0 });
  const navigateur = o.navigateur ?? (await lancerChromium());
  const temp = mkdtempSync(join(tmpdir(), 'obs-bilan-'));
  try {
    const page = await navigateur.newPage();
    const reponse = await page.goto(`${serveur.url}bilan/${o.annee}/`, { waitUntil: 'load' });
    if (!reponse || reponse.status() !== 200) throw new Error(`le site construit n’a pas de bilan ${o.annee} (${o.dist}/bilan/${o.annee}/ : ${reponse?.status() ?? 'pas de réponse'})`);
    await page.emulateMedia({ media: 'print' });
    const titre = `Bilan ${o.annee} de la CIA — ${(await page.locator('.bilan-couverture .bilan-surtitre').textContent())?.replace(/^.*—\s*/, '').trim() ?? ''}`;
    const cibles: Omit<EntreeSommaire, 'page'>[] = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.bilan-sommaire [data-page-de]')].map((s) => {
        const cible = s.dataset.pageDe!;
        const el = document.getElementById(cible);
        // a heading's title is its text; a table or figure gives its caption in data-titre
        const titre = (el?.dataset.titre ?? el?.textContent ?? '').replace(/\s+/g, ' ').trim();
        return { cible, titre, liste: s.closest<HTMLElement>('[data-liste]')?.dataset.liste === 'illustrations' ? 'illustrations' : 'sommaire' };
      }),
    );
    if (cibles.length === 0) throw new Error(`bilan ${o.annee} : sommaire vide`);
    const remplir = (numeros: number[]) =>
      page.evaluate((numeros: number[]) => {
        // slots keep their reserved width whatever the number
        document.querySelectorAll<HTMLElement>('.bilan-sommaire [data-page-de]').forEach((s, i) => (s.textContent = numeros[i] ? String(numeros[i]) : ''));
      }, numeros);
    let numeros: number[] = cibles.map(() => 0);
    let passes = 0;
    let stable = false;
    while (!stable && passes < 4) {
      await remplir(numeros);
      await page.evaluate((n: number) => {
        const cibles = [...document.querySelectorAll<HTMLElement>('.bilan-sommaire [data-page-de]')].map((s) => s.dataset.pageDe!);
        cibles.slice(0, n).forEach((c, i) => {
          const s = document.createElement('span');
          s.className = 'bilan-repere';
          s.textContent = `QQREPERE${i}QQ`;
          s.style.cssText = 'position:absolute;font-size:2px;line-height:1;color:#fff;white-space:nowrap;';
          document.getElementById(c)!.prepend(s);
        });
      }, cibles.length);
      const fichier = join(temp, `passe-${passes}.pdf`);
      writeFileSync(fichier, await imprimer(page, titre));
      passes++;
      await page.evaluate(() => document.querySelectorAll('.bilan-repere').forEach((s) => s.remove()));
      const trouves = pagesDesReperes((await lireTextePdf(fichier)).pages, cibles.length);
      const manquants = cibles.filter((_c, i) => trouves[i] === null).map((c) => c.titre);
      if (manquants.length) throw new Error(`bilan ${o.annee} : titres introuvables dans le PDF : ${manquants.join(' ; ')}`);
      // stable once the numbers written in the contents leave every heading where it was
      stable = trouves.every((p, i) => p === numeros[i]);
      numeros = trouves as number[];
    }
    if (!stable) throw new Error(`bilan ${o.annee} : les numéros de page du sommaire ne se stabilisent pas`);
    await remplir(numeros);
    const pdf = await imprimer(page, titre);
    writeFileSync(o.sortie, pdf);
    const final = await lireTextePdf(o.sortie);
    await page.close();
    return { sortie: o.sortie, pages: final.nombrePages, sommaire: cibles.map((c, i) => ({ ...c, page: numeros[i]! })), passes };
  } finally {
    if (!o.navigateur) await navigateur.close();
    await serveur.close();
    rmSync(temp, { recursive: true, force: true });
  }
}
