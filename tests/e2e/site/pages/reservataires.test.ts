// R5 on the built site: Baziège's réservataire page shows one bilan per bailleur × year, with the figures
// the pipeline computed, the achieved counts equal to a plain count of the decisions export where published
// (a count of 1 to 4 never is: the statistical secret), the secret on priority households, "1 logement tous
// les 16 ans" for Alteal, readable at phone width.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../../helpers/site.ts';
import { lancerChromium } from '../../../helpers/navigateur.ts';
import { nombre, pourcent } from '../../../../src/lib/format-fr.ts';
import { lireTextePdf } from '../../../../src/navigateur/texte-pdf.ts';
import type { BilanFluxPublie } from '../../../../src/publish/bilan-flux.ts';

let site: SiteDeTest;
let navigateur: Browser;
let p: Page;
let bilans: BilanFluxPublie[];

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  p = await navigateur.newPage({ viewport: { width: 375, height: 800 } });
  await p.goto(`${site.url}reservataires/31048/`);
  bilans = (site.pages.bilansFlux?.bilans ?? []).filter((b) => b.reservataire === 'Commune de Baziège');
});
afterAll(async () => {
  await navigateur?.close();
});

// an empty figure is withheld by the statistical secret: the page says « secret »
const log = (n: number | null) => (n === null ? 'secret' : Number.isInteger(n) ? nombre(n) : nombre(n, 3));
const signe = (n: number | null) => (n !== null && n > 0 ? `+${log(n)}` : log(n));
const texte = async (sel: string) => ((await p.textContent(sel)) ?? '').replace(/[ \t\r\n]+/g, ' ').trim();

/** Plain count in the decisions export: commune contingent of Baziège, by bailleur, leases by year of the lease. */
function bauxParBailleurAnnee(): Map<string, number> {
  const entrees = site.entrees;
  const n = new Map<string, number>();
  for (const f of readdirSync(entrees).filter((x) => /^attributions_.*\.csv$/.test(x))) {
    const [tete, ...lignes] = readFileSync(join(entrees, f), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter(Boolean);
    const col = tete!.split(';');
    const k = (c: string) => col.indexOf(c);
    for (const l of lignes) {
      const v = l.split(';');
      if (v[k('reservataire_contingent')] !== 'commune' || v[k('reservataire_nom')] !== 'Commune de Baziège') continue;
      if (!['attribution', 'attribution_sous_condition', 'attribution_rang'].includes(v[k('decision')]!)) continue;
      const bail = v[k('date_bail')] ?? '';
      if (bail === '') continue;
      const cle = `${v[k('bailleur')]}|${bail.slice(-4)}`;
      n.set(cle, (n.get(cle) ?? 0) + 1);
    }
  }
  return n;
}

describe('page réservataire de Baziège : bilan R5', () => {
  test('une section par bailleur × année, chiffres du pipeline au format français', async () => {
    expect(bilans.map((b) => b.bailleur).sort()).toEqual(['Alteal', 'La Cité Jardins', 'OPH de la Haute-Garonne', 'Patrimoine SA Languedocienne']);
    const blocs = await p.$$('[data-testid=bilan-annee]');
    expect(blocs.length).toBe(bilans.reduce((s, b) => s + b.annees.length, 0));
    expect(blocs.length).toBeGreaterThan(0);
    for (const b of bilans) {
      for (const a of b.annees) {
        const bloc = `[data-testid=bilan-bailleur][data-bailleur="${b.bailleur}"] [data-annee="${a.annee}"]`;
        expect(await texte(`${bloc} [data-testid=objectif]`)).toBe(log(a.objectif));
        expect(await texte(`${bloc} [data-testid=report-entrant]`)).toBe(signe(a.report_entrant));
        expect(await texte(`${bloc} [data-testid=realise]`)).toBe(log(a.realise));
        expect(await texte(`${bloc} [data-testid=attributions]`)).toBe(log(a.attributions));
        expect(await texte(`${bloc} [data-testid=ecart]`)).toBe(signe(a.ecart));
        expect(await texte(`${bloc} [data-testid=report-sortant]`)).toBe(signe(a.report_sortant));
        expect(await texte(`${bloc} [data-testid=taux]`)).toBe(a.taux_atteinte !== null ? pourcent(a.taux_atteinte, 0) : a.realise === null || a.objectif === null ? 'secret' : '—');
      }
    }
  });

  test('le réalisé (baux signés) publié égale un simple comptage de l’export des décisions ; de 1 à 4, il n’est jamais publié', () => {
    const baux = bauxParBailleurAnnee();
    let compares = 0;
    for (const b of bilans) for (const a of b.annees) {
      const compte = baux.get(`${b.bailleur}|${a.annee}`) ?? 0;
      if (a.baux_signes === null) expect(a.realise).toBeNull();
      else expect(a.baux_signes, `${b.bailleur} ${a.annee}`).toBe(compte);
      if (compte > 0 && compte < 5) expect(a.baux_signes, `${b.bailleur} ${a.annee} : ${compte} bail(baux)`).toBeNull();
      compares++;
    }
    expect(compares).toBeGreaterThan(0);
  });

  test('objectif et report : flux de l’annexe 1 en vigueur, manque reporté (modèle HG) ; un réalisé retenu retient les objectifs suivants', () => {
    for (const b of bilans) {
      expect(b.report).toBe('HG');
      let report: number | null = 0;
      for (const a of b.annees) {
        if (report === null) {
          // the objective would carry a withheld count
          expect([a.report_entrant, a.objectif]).toEqual([null, null]);
          continue;
        }
        expect(a.report_entrant).toBeCloseTo(report, 9);
        expect(a.objectif).toBeCloseTo(a.flux + report, 9);
        report = a.realise === null ? null : Math.max(0, a.objectif! - a.realise - a.manque_justifie);
      }
    }
  });

  test('Alteal : « 1 logement tous les 16 ans »', async () => {
    expect(await texte('[data-bailleur="Alteal"] [data-testid=periode]')).toContain('1 logement tous les 16 ans');
    expect(await p.$('[data-bailleur="La Cité Jardins"] [data-testid=periode]')).toBeNull();
  });

  test('secret : « dont prioritaires » masqué sous 11 attributions, dans la page et dans pages.json', async () => {
    let secrets = 0;
    for (const b of bilans) for (const a of b.annees) {
      const t = await texte(`[data-bailleur="${b.bailleur}"] [data-annee="${a.annee}"] [data-testid=prioritaires]`);
      if (a.attributions === null || a.attributions < 11) {
        secrets++;
        expect(a.prioritaires).toBeNull();
        expect(a.part_prioritaires).toBeNull();
        expect(a.prioritaires_atteint).toBeNull();
        expect(t).toBe('secret statistique');
      } else if (a.prioritaires === null) {
        // withheld by the secret of every published count (a count of 1 to 4, or one that would give another)
        expect(t).toBe('secret statistique');
      } else {
        expect(t).toContain(`${nombre(a.prioritaires)} sur ${nombre(a.attributions)}`);
      }
    }
    expect(secrets).toBeGreaterThan(0);
  });

  test('définitions, sources (article 7) ; lisible sur téléphone sans défilement horizontal', async () => {
    const section = await texte('[data-testid=bilan-flux]');
    expect(section).toContain('Définitions');
    expect(section).toContain('art. 7');
    expect(section).toContain('28 février');
    expect(section).toContain('moins de 11 attributions');
    const largeur = await p.evaluate(() => document.documentElement.scrollWidth);
    expect(largeur).toBeLessThanOrEqual(375);
    const tableaux = await p.$$eval('.bilan-annee .tableau-defile', (l) => l.map((x) => x.scrollWidth - x.clientWidth));
    expect(Math.max(...tableaux)).toBeLessThanOrEqual(0);
  });

  test('imprimable : A4, chaque bilan annuel entier, texte du bilan dans le PDF', async () => {
    await p.emulateMedia({ media: 'print' });
    const coupe = await p.$$eval('.bilan-annee', (l) => l.map((x) => getComputedStyle(x).breakInside));
    expect(new Set(coupe)).toEqual(new Set(['avoid']));
    const pdf = await p.pdf({ format: 'A4', preferCSSPageSize: true });
    await p.emulateMedia({ media: 'screen' });
    const texte = (await lireTextePdf(pdf)).pages.join(' ');
    expect(texte).toContain('Bilan annuel des conventions');
    expect(texte).toContain('1 logement tous les 16 ans');
    expect(texte).toContain('Report sur l');
  });
});
