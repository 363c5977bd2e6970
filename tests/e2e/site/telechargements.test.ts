// Downloads: every published table as Parquet and as CSV for a French Excel,
// listed with sizes on /donnees/, with the data dictionary; each chart's data
// table downloadable as CSV from the page (Blob built by the page's script).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { siteDeTest } from '../../helpers/site.ts';
import { lancerChromium, horsLocal } from '../../helpers/navigateur.ts';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { lit } from '../../../src/model/db.ts';
import { DESCRIPTION_ABSENTE, DOSSIER_TELECHARGEMENTS } from '../../../src/publish/telechargements.ts';
import { octets } from '../../../src/lib/format-fr.ts';

let navigateur: Browser;
let serveur: { url: string; pages: { communes: { code: string; nom: string; attributions: Record<string, unknown>[] }[] } };
let donnees: string;
let tables: string[];
let db: DbNode;
const requetes: string[] = [];

beforeAll(async () => {
  const site = siteDeTest();
  serveur = site;
  donnees = site.donnees;
  tables = (JSON.parse(readFileSync(join(donnees, 'manifeste.json'), 'utf8')) as { tables: string[] }).tables;
  db = await ouvrirDuckDb();
  for (const t of tables) await db.exec(`CREATE TABLE pub_${t} AS SELECT * FROM read_parquet(${lit(join(donnees, `${t}.parquet`))})`);
  navigateur = await lancerChromium();
});

afterAll(async () => {
  await navigateur?.close();
  db?.close();
});

async function telecharger(chemin: string): Promise<{ statut: number; type: string; texte: string; octets: number }> {
  const r = await fetch(new URL(chemin, serveur.url));
  const b = Buffer.from(await r.arrayBuffer());
  return { statut: r.status, type: r.headers.get('content-type') ?? '', texte: b.toString('utf8'), octets: b.length };
}

describe('tables publiées en CSV pour un Excel français', () => {
  test('un CSV par table du manifeste, servi par le site : BOM, « ; », CRLF, mêmes colonnes et même nombre de lignes que le Parquet', async () => {
    expect(tables).toEqual(expect.arrayContaining(['communes', 'parc', 'attributions', 'occupation', 'objectifs_acd', 'bailleurs']));
    for (const t of tables) {
      const csv = await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/${t}.csv`);
      expect(csv.statut, t).toBe(200);
      expect(csv.type).toMatch(/^text\/csv/);
      expect(csv.texte.startsWith('\uFEFF'), t).toBe(true);
      expect(csv.texte.endsWith('\r\n')).toBe(true);
      const lignes = csv.texte.slice(1).split('\r\n').slice(0, -1);
      const colonnes = (await db.query(`DESCRIBE pub_${t}`)).map((c) => String(c.column_name));
      expect(lignes[0]!.split(';'), t).toEqual(colonnes);
      const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_${t}`);
      expect(lignes.length - 1, t).toBe(n!.n);
    }
  });

  test('virgule décimale, « oui » / « non », case vide pour une valeur masquée', async () => {
    const communes = (await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/communes.csv`)).texte;
    const [c] = await db.query(`SELECT taux_ponderation_acd_pct AS t FROM pub_communes WHERE code_insee = '31048'`);
    const ligne = communes.split('\r\n').find((l) => l.startsWith('31048;'))!;
    expect(ligne.split(';').at(-1)).toBe(String(c!.t).replace('.', ','));
    const parc = (await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/parc.csv`)).texte;
    const qpv = parc.split('\r\n')[0]!.split(';').indexOf('en_qpv');
    const valeurs = new Set(parc.split('\r\n').slice(1, -1).map((l) => l.split(';')[qpv]));
    expect([...valeurs].every((v) => v === 'oui' || v === 'non')).toBe(true);
    expect(valeurs.has('non')).toBe(true);
    const attributions = (await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/attributions.csv`)).texte.split('\r\n');
    const entete = attributions[0]!.replace('\uFEFF', '').split(';');
    const masquee = attributions.find((l) => l.endsWith(';oui'))!.split(';');
    expect(masquee[entete.indexOf('attributions')]).toBe('');
    expect(attributions.slice(1).every((l) => !/\d\.\d/.test(l))).toBe(true);
  });

  test('dictionnaire (CSV et JSON) : chaque colonne de chaque table, avec un type et une description en français', async () => {
    const json = JSON.parse((await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/dictionnaire.json`)).texte) as { tables: { table: string; colonnes: { colonne: string; type: string; description: string }[] }[] };
    expect(json.tables.map((t) => t.table)).toEqual(expect.arrayContaining(tables));
    for (const t of tables) {
      const colonnes = (await db.query(`DESCRIBE pub_${t}`)).map((c) => String(c.column_name));
      const decrites = json.tables.find((x) => x.table === t)!.colonnes;
      expect(decrites.map((c) => c.colonne), t).toEqual(colonnes);
      expect(decrites.filter((c) => c.description === DESCRIPTION_ABSENTE || c.description.length < 10).map((c) => `${t}.${c.colonne}`)).toEqual([]);
    }
    const csv = await telecharger(`data/${DOSSIER_TELECHARGEMENTS}/dictionnaire.csv`);
    expect(csv.texte.startsWith('\uFEFFtable;colonne;type;description\r\n')).toBe(true);
  });
});

describe('page « Télécharger les données »', () => {
  test('chaque table en Parquet et en CSV avec sa taille ; le dictionnaire ; tous les liens répondent', async () => {
    const p = await navigateur.newPage();
    p.on('request', (r) => requetes.push(r.url()));
    await p.goto(`${serveur.url}donnees/`);
    for (const t of tables) {
      const ligne = p.locator(`[data-testid=tables-publiees] tr[data-table="${t}"]`);
      for (const [format, relatif] of [['parquet', `${t}.parquet`], ['csv', `${DOSSIER_TELECHARGEMENTS}/${t}.csv`]] as const) {
        const lien = ligne.locator(`a[data-format=${format}]`);
        expect(await lien.count(), `${t} ${format}`).toBe(1);
        const taille = statSync(join(donnees, relatif)).size;
        const cellule = (await lien.locator('xpath=..').textContent())!.replace(/[\s\u00a0\u202f]+/g, ' ');
        expect(cellule).toContain(octets(taille).replace(/[\s\u00a0\u202f]+/g, ' '));
        const r = await telecharger(new URL((await lien.getAttribute('href'))!, p.url()).pathname.slice(1));
        expect(r.statut).toBe(200);
        expect(r.octets).toBe(taille);
      }
      expect(await p.locator(`[data-testid="dictionnaire-${t}"] tbody tr`).count()).toBeGreaterThan(1);
    }
    const dico = p.locator('[data-testid=dictionnaire-fichiers] a');
    expect(await dico.allTextContents()).toEqual(['dictionnaire.csv', 'dictionnaire.json']);
    await p.close();
  });
});

describe('données de chaque graphique en CSV', () => {
  test('fiche communale : le bouton sous le graphique des publics prioritaires télécharge son tableau (en-tête, virgule décimale)', async () => {
    // the first commune (by name) whose priority share of the first year is published: its chart's first row is a number
    // (under the cell-by-cell secret a small commune's shares may all be withheld, Baziège's among them)
    const commune = [...serveur.pages.communes].sort((a, b) => a.nom.localeCompare(b.nom, 'fr')).find((c) => typeof c.attributions.find((l) => l.periode === 'annee')?.a1 === 'number');
    expect(commune, 'une commune dont la part des prioritaires de la première année est publiée').toBeDefined();
    const ctx = await navigateur.newContext({ acceptDownloads: true });
    const p = await ctx.newPage();
    p.on('request', (r) => requetes.push(r.url()));
    await p.goto(`${serveur.url}communes/${commune!.code}/`);
    const figures = p.locator('figure[data-graphique]');
    const n = await figures.count();
    expect(n).toBeGreaterThan(1);
    expect(await p.locator('figure[data-graphique] [data-graphique-csv]').count()).toBe(n);
    const figure = p.locator('figure[data-graphique="evolutionAvecCible"]').first();
    const bouton = figure.locator('[data-graphique-csv]');
    expect(await bouton.getAttribute('aria-label')).toBe(`Télécharger les données (CSV) : Part des attributions à des ménages prioritaires de ${commune!.nom}, par année`);
    const [telechargement] = await Promise.all([p.waitForEvent('download'), bouton.click()]);
    expect(telechargement.suggestedFilename()).toMatch(/^part-des-attributions-a-des-menages-prioritaires-de-.*\.csv$/);
    const texte = readFileSync((await telechargement.path())!, 'utf8');
    // no target columns on a commune's chart: the CIA's target applies to the EPCI as a whole
    expect(texte).toMatch(/^\uFEFFAnnée;Part des ménages prioritaires( \(%\))?\r\n/);
    const lignes = texte.slice(1).split('\r\n').slice(1, -1);
    const affichees = await figure.locator('[data-graphique-tableau] tbody tr').count();
    expect(lignes).toHaveLength(affichees);
    // "78,6 %" on the page → 78,6 in the CSV (no thin space, decimal comma)
    const premiere = (await figure.locator('[data-graphique-tableau] tbody tr td').first().textContent())!;
    expect(lignes[0]!.split(';')[1]).toBe(premiere.replace(/[\s\u00a0\u202f]*%$/, ''));
    expect(lignes[0]!.split(';')[1]).toMatch(/^\d+,\d$/);
    expect(texte).not.toMatch(/[\u202f\u00a0]/);
    await ctx.close();
  });

  test('aucune requête hors de localhost', () => {
    expect(requetes.length).toBeGreaterThan(3);
    expect(horsLocal(requetes)).toEqual([]);
  });
});
