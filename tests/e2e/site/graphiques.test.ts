// Charts wide enough to project: at 1 280 px, the text of every chart (axes, labels) is drawn at
// 12 px or more on the pages a commission projects, the drawing being scaled with the page.
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../helpers/site.ts';
import { lancerChromium } from '../../helpers/navigateur.ts';

let site: SiteDeTest;
let navigateur: Browser;
beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
});
afterAll(async () => {
  await navigateur?.close();
});

test.each(['', 'communes/31048/', 'territoires/1/', 'parc/', 'attributions/', 'occupation/', 'demande/', 'bailleurs/alteal/'])('/%s : texte des graphiques ≥ 12 px à 1 280 px', async (chemin) => {
  const p = await navigateur.newPage({ viewport: { width: 1280, height: 900 } });
  await p.goto(site.url + chemin);
  const tailles = await p.evaluate(() =>
    [...document.querySelectorAll('figure[data-graphique] svg')].flatMap((svg) => {
      const vb = (svg as SVGSVGElement).viewBox.baseVal;
      const echelle = vb && vb.width ? svg.getBoundingClientRect().width / vb.width : 1;
      return [...svg.querySelectorAll('text')].map((t) => ({
        texte: t.textContent ?? '',
        px: parseFloat(getComputedStyle(t).fontSize) * echelle,
      }));
    }),
  );
  // pages with charts on every territory (the others are checked when they have some)
  if (['', 'communes/31048/', 'territoires/1/'].includes(chemin)) expect(tailles.length, chemin).toBeGreaterThan(0);
  const petits = tailles.filter((t) => t.px < 12).map((t) => `${t.texte} (${t.px.toFixed(1)} px)`);
  expect(petits, chemin).toEqual([]);
  await p.close();
});
