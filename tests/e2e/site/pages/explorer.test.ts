// The explorer in headless Chromium: the engine starts when the page opens and answers
// without any click; every filter change is answered (no button); the answer reads as
// indicators in rows, years in columns, the EPCI's value beside a commune's, the target
// only where it is set (the whole EPCI); axe finds nothing serious.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { siteDeTest, type SiteDeTest } from '../../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../../helpers/navigateur.ts';
import { axeGraves } from '../../../helpers/axe.ts';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { lit } from '../../../../src/model/db.ts';
import { requeteAttributions } from '../../../../src/model/indicateurs/attributions.ts';
import { nombre } from '../../../../src/lib/format-fr.ts';

let site: SiteDeTest;
let navigateur: Browser;
let db: DbNode;
const captures = mkdtempSync(join(tmpdir(), 'obs-explorateur-captures-'));
const SIREN = '243100633';

beforeAll(async () => {
  site = siteDeTest();
  navigateur = await lancerChromium();
  db = await ouvrirDuckDb();
  await db.exec(`CREATE VIEW attributions AS SELECT * FROM read_parquet(${lit(join(site.donnees, 'attributions.parquet'))})`);
});

afterAll(async () => {
  await navigateur?.close();
  db?.close();
});

async function page(): Promise<{ p: Page; requetes: string[]; erreurs: string[] }> {
  const ctx = await navigateur.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
  const p = await ctx.newPage();
  const requetes: string[] = [];
  const erreurs: string[] = [];
  p.on('request', (r) => requetes.push(r.url()));
  p.on('pageerror', (e) => erreurs.push(e.message));
  return { p, requetes, erreurs };
}

const sp = (s: string | null) => (s ?? '').replace(/\s/g, ' ').trim();
const reponse = (p: Page) => p.locator('table[data-testid=reponse]');
/** Row header → cells of the answer table. */
async function lignes(p: Page): Promise<Map<string, string[]>> {
  const rows = await reponse(p).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent ?? '', ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')]));
  return new Map(rows.map(([h, ...c]) => [sp(h!), c.map(sp)]));
}
const entetes = async (p: Page) => (await reponse(p).locator('thead th').allTextContents()).map(sp);
const nombreSp = (n: unknown) => sp(nombre(n as number));

describe('explorateur', () => {
  test('sans bouton : le moteur démarre à l’ouverture et répond pour tout le territoire sans action', async () => {
    const { p, requetes, erreurs } = await page();
    await p.goto(`${site.url}explorer/`);
    expect(await p.locator('form[data-explorateur] button, form[data-explorateur] [type=submit]').count()).toBe(0);
    await reponse(p).waitFor({ timeout: 60_000 });
    const annees = site.pages.annees;
    // EPCI, all years: one column per year, then the target column; no EPCI column beside itself
    expect(await entetes(p)).toEqual(['Indicateur', ...annees.map(String), 'Objectif']);
    const l = await lignes(p);
    const attendu = await db.query(requeteAttributions({ niveau: 'epci', code: SIREN }));
    // a row whose count is hidden says so; a count hidden cell by cell (row not secret) reads « — », as its SQL value
    expect(l.get('Attributions (nombre)')!.slice(0, annees.length)).toEqual(attendu.map((a) => (a.secret && a.attributions === null ? 'secret statistique' : nombreSp(a.attributions))));
    // targets of the whole EPCI: 37,5 % prioritaires, with a verdict in words
    const a1 = [...l.entries()].find(([h]) => h.startsWith('Part des attributions à des ménages prioritaires'))![1];
    expect(a1.at(-1)).toMatch(/^au moins 37,5 % (✔ atteint|✘ non atteint)/);
    expect(l.get('Attributions (nombre)')!.at(-1)).toBe('');
    expect(horsLocal(requetes)).toEqual([]);
    expect(erreurs).toEqual([]);
    await p.context().close();
  });

  test('une commune : indicateurs en lignes, valeur de l’EPCI à côté, pas d’objectif ; chaque changement répond', async () => {
    const { p, erreurs } = await page();
    const annee = site.pages.derniereAnnee!;
    await p.goto(`${site.url}explorer/?zone=commune:31113&annee=${annee}`);
    await reponse(p).waitFor({ timeout: 60_000 });
    expect(await entetes(p)).toEqual(['Indicateur', String(annee), `CA du Sicoval (${annee})`]);
    const [c] = await db.query(requeteAttributions({ niveau: 'commune', code: '31113', annee }));
    const [e] = await db.query(requeteAttributions({ niveau: 'epci', code: SIREN, annee }));
    const attributions = (await lignes(p)).get('Attributions (nombre)')!;
    expect(attributions[0]).toBe(c!.secret && c!.attributions === null ? 'secret statistique' : nombreSp(c!.attributions));
    expect(attributions[1]).toBe(nombreSp(e!.attributions));
    expect([...(await lignes(p)).keys()].some((h) => h.startsWith('Part des attributions à des ménages prioritaires'))).toBe(true);
    await p.screenshot({ path: join(captures, 'explorateur-commune.png'), fullPage: true });
    // a change is answered at once: all years → one column per year
    await p.selectOption('select[name=annee]', '');
    await p.waitForFunction((n) => document.querySelectorAll('table[data-testid=reponse] thead th').length === n, site.pages.annees.length + 2, { timeout: 30_000 });
    // the whole EPCI with a contingent: the CIA's targets are not set for a contingent, no target column
    await p.selectOption('select[name=zone]', `epci:${SIREN}`);
    await p.selectOption('select[name=contingent]', 'etat_prioritaires');
    await p.waitForFunction(() => location.search.includes('contingent=etat_prioritaires'));
    // the answer for the contingent, not the one for the whole EPCI just before (its caption says « tous contingents »)
    await p.waitForFunction(() => /État \(publics prioritaires\)/.test(document.querySelector('table[data-testid=reponse] caption')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await entetes(p)).not.toContain('Objectif');
    expect(await axeGraves(p)).toEqual([]);
    expect(erreurs).toEqual([]);
    await p.context().close();
  });
});
