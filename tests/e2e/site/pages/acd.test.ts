// The ACD bilan on the built site: one row per bailleur × year with the pipeline's evaluation
// (A = signed leases of priority households, B, « A ou B »), the published 2026 total (172)
// beside the sum of the bailleurs' objectives (173), and commune fiches without any verdict.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../../helpers/site.ts';
import { lancerChromium } from '../../../helpers/navigateur.ts';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { nombre } from '../../../../src/lib/format-fr.ts';

let site: SiteDeTest;
let navigateur: Browser;
let p: Page;

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  p = await navigateur.newPage();
});
afterAll(async () => {
  await navigateur?.close();
});

const texte = async (sel: string) => ((await p.locator(sel).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

describe('bilan de l’accord collectif', () => {
  test('2026 : total publié 172, somme des bailleurs 173, écart expliqué ; 2025 : 151 sans écart', async () => {
    await p.goto(`${site.url}acd/`);
    expect(await texte('[data-testid=acd-2026] tfoot')).toContain('173 (total publié : 172)');
    expect(await texte('[data-testid=ecart-total-2026]')).toMatch(/total de 172 .* fait 173 \(écart de −1\)/);
    expect(await texte('[data-testid=acd-2025] tfoot')).toContain('151');
    expect(await p.locator('[data-testid=ecart-total-2025]').count()).toBe(0);
  });

  test('chaque bailleur : A et verdict égaux à l’évaluation du pipeline', async () => {
    await p.goto(`${site.url}acd/`);
    const evaluation = site.pages.acd.evaluation.filter((l) => l.annee === 2025 && l.donnees === true && l.secret !== true && typeof l.objectif === 'number');
    // the cell-by-cell secret withholds most bailleurs' A in the synthetic data: at least one is published
    expect(evaluation.length).toBeGreaterThan(0);
    const secrets = site.pages.acd.evaluation.filter((l) => l.annee === 2025 && l.donnees === true && l.secret === true);
    const lignes = new Map(
      await p.$$eval('[data-testid=acd-2025] tbody tr', (trs) => trs.map((tr) => [tr.querySelector('th')?.textContent?.trim() ?? '', (tr.textContent ?? '').replace(/\s+/g, ' ')] as [string, string])),
    );
    for (const l of evaluation) {
      const ligne = lignes.get(String(l.bailleur)) ?? '';
      expect(ligne).toContain(`${nombre(l.a as number)} / ${nombre(l.objectif as number)}`.replace(/\s/g, ' '));
      if (l.a_atteint === true) expect(ligne).toContain('✔ atteint (A)');
      if (l.objectif_atteint === false) expect(ligne).not.toContain('✔');
    }
    // a withheld A is said, with no verdict
    for (const l of secrets) {
      const ligne = lignes.get(String(l.bailleur)) ?? '';
      expect(ligne, String(l.bailleur)).toContain('secret');
      expect(ligne, String(l.bailleur)).not.toMatch(/[✔✘]/);
    }
  });

  test('ACD l.6563 : l’année N arrêtée au 31 mars N+1 ; 2025 provisoire tant que les exports s’arrêtent avant le 31 mars 2026', async () => {
    // the exports' last decision or lease date, recomputed from the raw files (dd/mm/yyyy)
    let dernier = '';
    for (const f of readdirSync(site.entrees).filter((x) => x.startsWith('attributions'))) {
      const [entete, ...lignes] = readFileSync(join(site.entrees, f), 'utf8').trimEnd().split(/\r?\n/);
      const cols = entete!.split(';');
      const [ic, ib] = [cols.indexOf('date_caleol'), cols.indexOf('date_bail')];
      for (const l of lignes) {
        const v = l.split(';');
        for (const x of [v[ic], v[ib]]) {
          const m = /^(\d\d)\/(\d\d)\/(\d{4})$/.exec(x ?? '');
          if (m && `${m[3]}-${m[2]}-${m[1]}` > dernier) dernier = `${m[3]}-${m[2]}-${m[1]}`;
        }
      }
    }
    expect(dernier >= '2025-01-01' && dernier < '2026-03-31', `dernière date des exports synthétiques : ${dernier}`).toBe(true);
    // published as its month only (the day is that of one household's decision or lease)
    const [a, m] = dernier.split('-').map(Number);
    const enClair = `${['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'][m! - 1]} ${a}`;
    await p.goto(`${site.url}acd/`);
    expect(await texte('#acd-2025')).toBe('2025 (chiffres provisoires)');
    const phrase = await texte('[data-testid=arrete-2025]');
    expect(phrase).toContain('arrête l’année 2025 au 31 mars 2026');
    expect(phrase).toContain(`s’arrêtent en ${enClair}`);
    expect(phrase).not.toContain(`${Number(dernier.slice(8))} ${enClair}`);
  });

  test('fiches de commune et de territoire : ni ✔ ni ✘, l’objectif du territoire en clair', async () => {
    for (const chemin of ['communes/31048/', 'communes/31113/', 'territoires/1/']) {
      await p.goto(site.url + chemin);
      // the fiche's shares are in « En bref » (priority households, 1st quartile), the EPCI's target beside them
      const cles = (await p.locator('[data-testid=bref-prioritaires], [data-testid=bref-premier-quartile]').allTextContents()).join(' ').replace(/\s+/g, ' ');
      expect(cles).not.toMatch(/[✔✘]/);
      expect(cles).toMatch(/Objectif pour l'ensemble du Sicoval : au moins \d/);
    }
  });
});
