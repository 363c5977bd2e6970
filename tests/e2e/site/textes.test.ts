// Every built page speaks to a reader (GUIDE-DEV « Pages speak to a mayor »), read as Chromium renders
// it: no internal reference (specification file names, repository paths, line numbers of the signed
// texts, flag codes, raw identifiers), no words glued by the build ("étudiants.Les", "etCSV",
// ":dictionnaire"), and every acronym of the glossary explained on the page where it appears.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium } from '../../helpers/navigateur.ts';
import { glossaire } from '../../../src/site/lib/glossaire.ts';

let site: SiteDeTest;
let navigateur: Browser;
let page: Page;
const textes = new Map<string, { texte: string; abbr: string[] }>();

const REFERENCES_INTERNES: [string, RegExp][] = [
  ['fichier de spécification', /\b[\w-]+\.md\b/],
  ['numéro de ligne', /\bl\.\s?\d{3,5}\b/],
  ['chemin du dépôt', /\b(?:src|data|build|docs|tests|scripts)\/[\w./-]+/],
  ['code de drapeau', /\b[A-Z][A-Z0-9]+_[A-Z0-9_]+\b/],
  ['identifiant brut', /\b[a-z]+_[a-z0-9_]+\b/],
];
const COLLES = /(?<![\w/.-])[a-zàâçéèêëîïôûùü]{2,}[.:;](?:[A-ZÀÉ][a-zàâçéèêëîïôûùü]|[a-zàâçéèêëîïôûùü]{3,})/u;

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  page = await navigateur.newPage({ viewport: { width: 1280, height: 900 } });
  await page.route(/\.wasm(\?|$)/, (r) => r.abort());
  const fichiers = readdirSync(site.dist, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html') && !f.startsWith('data/'));
  for (const f of fichiers.sort()) {
    const chemin = relative(site.dist, join(site.dist, f)).replace(/index\.html$/, '');
    await page.goto(`${site.url}${chemin}`);
    textes.set(
      chemin || '/',
      await page.evaluate(() => {
        // the data dictionary and the explorer name the published columns on purpose (in <code> or their tables)
        const c = document.body.cloneNode(true) as HTMLElement;
        document.body.append(c);
        for (const x of c.querySelectorAll('script, style, code, svg, select, datalist, [data-brut], table[data-testid^=dictionnaire], [data-colonnes], a[download]')) x.remove();
        const texte = c.innerText;
        c.remove();
        return { texte, abbr: [...document.querySelectorAll('abbr')].map((a) => a.textContent ?? '') };
      }),
    );
  }
}, 600_000);
afterAll(async () => {
  await navigateur?.close();
});

describe('les mots de chaque page', () => {
  test('toutes les pages sont lues', () => {
    expect(textes.size).toBeGreaterThan(60);
    for (const p of ['/', 'communes/31048/', 'glossaire/', 'mentions-legales/', 'accessibilite/', 'donnees/', 'methodologie/']) expect([...textes.keys()], p).toContain(p);
  });

  test('aucune référence interne : fichier de spécification, chemin, numéro de ligne, code de drapeau, identifiant brut', () => {
    const fautes: string[] = [];
    for (const [p, { texte }] of textes)
      for (const [quoi, motif] of REFERENCES_INTERNES) {
        // the names of the data files received or published are what a reader downloads or sends: not internal
        const m = motif.exec(texte.replace(/\bhttps?:\/\/\S+/g, '').replace(/\b[\w-]+\.(?:csv|tsv|xlsx|parquet|arrow|json)\b/g, ''));
        if (m) fautes.push(`${p} : ${quoi} « ${m[0]} » (…${texte.slice(Math.max(0, m.index - 40), m.index + 40).replace(/\s+/g, ' ')}…)`);
      }
    expect(fautes).toEqual([]);
  });

  test('aucun mot collé par la construction (« étudiants.Les », « etCSV », « :dictionnaire »)', () => {
    const fautes: string[] = [];
    for (const [p, { texte }] of textes) {
      const propre = texte.replace(/\b\S+\.(?:fr|org|dev|gouv|com|net|csv|json|parquet|arrow)\S*/g, '');
      const m = COLLES.exec(propre) ?? /\b(?:et|ou)(?:CSV|PDF|Parquet)\b/.exec(propre) ?? /\s:[A-Za-zé]/.exec(propre);
      if (m) fautes.push(`${p} : « ${propre.slice(Math.max(0, m.index - 30), m.index + 30).replace(/\s+/g, ' ')} »`);
    }
    expect(fautes).toEqual([]);
  });

  test('chaque sigle du glossaire est expliqué (<abbr title>) sur la page où il apparaît', () => {
    const sigles = glossaire().flatMap((e) => (e.sigle ? [e.sigle] : []));
    const fautes: string[] = [];
    for (const [p, { texte, abbr }] of textes)
      for (const s of sigles)
        if (new RegExp(`(^|[^\\p{L}\\p{N}_])${s}(?![\\p{L}\\p{N}_])`, 'u').test(texte) && !abbr.includes(s)) fautes.push(`${p} : ${s}`);
    expect(fautes).toEqual([]);
  });
});
