// Hostile exports against a good publication: each one is refused with a French
// message, nothing is published, and the previous publication (Parquet, Arrow,
// CSV, manifest, pages.json) stays byte for byte. The exports are written by
// this test in its own temporary folder, from a small base whose every figure is known.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { executerPipeline, ErreurPublication } from '../../src/pipeline.ts';
import { ErreurEntrees } from '../../src/ingest/entrees.ts';
import { ouvrirDuckDb } from '../../src/model/db-node.ts';
import { lit } from '../../src/model/db.ts';
import type { Journal } from '../../src/lib/journal.ts';
import { ABSURDE, ATTR_ENTETE, attribution, contient, ecrireBase, lignes, N, RPLS_ENTETE, rpls, TEXTE_INTERDIT } from './exports-hostiles.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-garde-fous-'));
const base = join(tmp, 'entrees-base');
const site = join(tmp, 'site');
const sortie = join(site, 'data');
const pages = join(site, 'pages.json');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A copy of the base exports with some files replaced. */
function variante(nom: string, fichiers: Record<string, string | Buffer>): string {
  const d = join(tmp, `entrees-${nom}`);
  mkdirSync(d, { recursive: true });
  for (const f of readdirSync(base)) copyFileSync(join(base, f), join(d, f));
  for (const [f, contenu] of Object.entries(fichiers)) writeFileSync(join(d, f), contenu);
  return d;
}

/** Every message the build printed (a log, as an operator would see it). */
function journalCapture(): Journal & { lignes: string[] } {
  const lignes: string[] = [];
  return {
    lignes,
    async etape(nom, f, resume) {
      lignes.push(nom);
      const r = await f();
      if (resume) lignes.push(resume(r));
      return r;
    },
    info(m) {
      lignes.push(m);
    },
  };
}

const executer = (entrees: string, o: { accepterBaisse?: boolean; journal?: Journal; sortie?: string; pages?: string } = {}) =>
  executerPipeline('sicoval', { entrees, sortie: o.sortie ?? sortie, travail: join(tmp, 'travail'), pages: o.pages ?? pages, journal: o.journal, accepterBaisse: o.accepterBaisse });

const fichiers = (dossier: string): string[] =>
  readdirSync(dossier, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dossier, join(e.parentPath, e.name)))
    .sort();
/** The published site's inputs, byte for byte. */
const instantane = (): Record<string, Buffer> => ({ pages: readFileSync(pages), ...Object.fromEntries(fichiers(sortie).map((f) => [f, readFileSync(join(sortie, f))])) });
let avant: Record<string, Buffer>;
let journalBase: ReturnType<typeof journalCapture>;

beforeAll(async () => {
  ecrireBase(base);
  journalBase = journalCapture();
  await executer(base, { journal: journalBase });
  avant = instantane();
}, 120_000);

/** Runs a hostile build: it must fail with a French message and leave the previous publication byte for byte. */
async function refusee(entrees: string, attendu: RegExp): Promise<string> {
  let message = '';
  try {
    await executer(entrees);
  } catch (e) {
    expect(e instanceof ErreurPublication || e instanceof ErreurEntrees, String(e)).toBe(true);
    message = (e as Error).message;
  }
  expect(message, 'la construction aurait dû être refusée').toMatch(attendu);
  const apres = instantane();
  expect(Object.keys(apres)).toEqual(Object.keys(avant));
  for (const f of Object.keys(avant)) expect(apres[f]!.equals(avant[f]!), `${f} modifié`).toBe(true);
  // nothing staged or private left beside the publication or in the working folder
  expect(readdirSync(site).sort()).toEqual(['data', 'pages.json']);
  expect(readdirSync(join(tmp, 'travail')).filter((f) => f.startsWith('.'))).toEqual([]);
  return message;
}

describe('une publication de référence', () => {
  test('base publiée : lignes lues = chargées + rejetées ; la ressource absurde et la ressource négative rejetées avec leur ligne, sans leur valeur', () => {
    const m = JSON.parse(readFileSync(join(sortie, 'manifeste.json'), 'utf8'));
    expect(m.entrees_par_format).toEqual([
      { format: 'rpls', lignes_chargees: N.rpls, annees: [2025] },
      { format: 'ops', lignes_chargees: N.ops, annees: [2024] },
      // last date: decision of row i = 11 (2025, month 1 + 11 % 12 = 12) on 15/12/2025 — published as its month only
      { format: 'attributions', lignes_chargees: N.attributions - 2, annees: [2024, 2025], jusqu_au: '2025-12' },
    ]);
    const anomalies = readFileSync(join(sortie, 'qualite-anomalies.csv'), 'utf8');
    // lines 9 and 11 of the file (rows 7 and 9 after the header on line 1)
    expect(anomalies).toContain('attributions_2025.csv;9;ressources_mensuelles;;nombre de 24 chiffres;un nombre positif ou nul;nombre démesuré;rejet');
    expect(anomalies).toContain('attributions_2025.csv;11;ressources_mensuelles;;nombre négatif;un nombre positif ou nul;nombre négatif;rejet');
  });

  test('texte libre : le motif de refus est ramené à une catégorie ; la note de la secrétaire n’apparaît dans aucun fichier publié, ni dans pages.json, ni dans le journal', async () => {
    const db = await ouvrirDuckDb();
    try {
      const motifs = (await db.query(`SELECT DISTINCT motif FROM read_parquet(${lit(join(sortie, 'refus.parquet'))}) ORDER BY 1`)).map((r) => r.motif);
      expect(motifs).toEqual(expect.arrayContaining(['*']));
      for (const m of motifs) expect(['*', 'logement trop petit', 'autre', 'pas de réponse', 'localisation', 'loyer trop élevé', 'non précisé']).toContain(m);
      // every string cell of every Parquet file (compressed: a byte search would not see the text)
      const textes: string[] = [];
      for (const f of fichiers(sortie).filter((x) => x.endsWith('.parquet'))) {
        for (const l of await db.query(`SELECT * FROM read_parquet(${lit(join(sortie, f))})`)) textes.push(...Object.values(l).filter((v): v is string => typeof v === 'string'));
      }
      expect(textes.length).toBeGreaterThan(100);
      for (const t of TEXTE_INTERDIT) expect(textes.filter((x) => contient(x, t))).toEqual([]);
    } finally {
      db.close();
    }
    // every byte of every published file (Arrow, CSV, JSON…), pages.json and the build's messages
    for (const [f, octets] of Object.entries(avant)) for (const t of TEXTE_INTERDIT) expect(contient(octets, t), `${f} contient « ${t} »`).toBe(false);
    for (const t of [...TEXTE_INTERDIT, ABSURDE]) expect(contient(journalBase.lignes.join('\n'), t), t).toBe(false);
    // counted in the quality report: the note matched no category
    const bilans = readFileSync(join(sortie, 'qualite-fichiers.csv'), 'utf8');
    expect(bilans).toMatch(/attributions_2025\.csv;attributions;[^\r\n]*;1;motif_refus : 1 texte\(s\) libre\(s\) sans catégorie reconnue, compté\(s\) « autre »/);
    // nor in the private working folder once the build is over
    for (const f of fichiers(join(tmp, 'travail'))) {
      const octets = readFileSync(join(tmp, 'travail', f));
      for (const t of TEXTE_INTERDIT) expect(contient(octets, t), f).toBe(false);
    }
  });
});

describe('exports hostiles : publication refusée, publication précédente intacte', () => {
  test('fichier tronqué (dernier enregistrement coupé, sans fin de ligne)', async () => {
    const complet = readFileSync(join(base, 'rpls_2025.csv'), 'utf8');
    const coupe = complet.slice(0, complet.length - 30);
    const m = await refusee(variante('tronque', { 'rpls_2025.csv': coupe }), /rpls_2025\.csv, ligne 61 : fichier tronqué — le dernier enregistrement est coupé \(\d+ champ\(s\) au lieu des 19 de l'en-tête\)/);
    expect(m).not.toMatch(/OPH|585000/);
  });

  test('fichier tronqué dans une valeur (dernier champ coupé, ligne illisible sans fin de ligne)', async () => {
    // the commission date as last column: a copy cut in it keeps every field, « 15/08/2025 » becoming « 15/08/20 »
    const dernierePlace = (l: string) => {
      const v = l.split(';');
      return [...v.slice(0, 2), ...v.slice(3), v[2]].join(';');
    };
    const complet = readFileSync(join(base, 'attributions_2025.csv'), 'utf8').trimEnd().split('\n').map(dernierePlace).join('\n');
    const m = await refusee(variante('tronque-valeur', { 'attributions_2025.csv': complet.slice(0, -2) }), /attributions_2025\.csv, ligne 81 : fichier tronqué — le dernier enregistrement est coupé \(une valeur illisible, et pas de retour à la ligne final\)/);
    expect(m).not.toContain('15/08/20');
  });

  test('un fichier d’attributions avec une seule ligne valide : bien moins de lignes que la publication précédente', async () => {
    const m = await refusee(variante('une-ligne', { 'attributions_2025.csv': lignes(ATTR_ENTETE, 1, (i) => attribution(i)) }), /publication refusée, bien moins de données que la publication précédente/);
    expect(m).toContain('décisions de CALEOL : 1 ligne(s) chargée(s) contre 78 à la publication précédente');
    expect(m).toContain('--accepter-baisse');
  });

  test('un fichier RPLS dont toutes les lignes sont rejetées (et les restes d’une construction tuée retirés)', async () => {
    // what a build killed outright (SIGKILL) left: its staging folder beside the publication, its private folder
    const mort = 2 ** 22 + 4321;
    mkdirSync(join(site, `.tmp-data-${mort}`));
    writeFileSync(join(site, `.tmp-data-${mort}`, 'attributions.parquet'), 'à moitié écrit');
    mkdirSync(join(tmp, 'travail', `.prive-${mort}`));
    writeFileSync(join(tmp, 'travail', `.prive-${mort}`, 'attributions-2.csv'), 'copie propre');
    const m = await refusee(variante('rpls-rejete', { 'rpls_2025.csv': lignes(RPLS_ENTETE, N.rpls, (i) => rpls(i, { nbpiece: 'T3' })) }), /publication refusée, la plupart des lignes d'un export sont rejetées/);
    expect(m).toContain('rpls_2025.csv : 60 ligne(s) rejetée(s) sur 60 (100 %, au-delà du seuil de 50 %)');
  });

  test('des surfaces négatives dans tout le fichier RPLS : lignes rejetées, publication refusée', async () => {
    await refusee(variante('surfaces', { 'rpls_2025.csv': lignes(RPLS_ENTETE, N.rpls, (i) => rpls(i, { surface: `-${40 + i}` })) }), /rpls_2025\.csv : 60 ligne\(s\) rejetée\(s\) sur 60/);
  });

  test('des attributions en 74 exemplaires : doublons rejetés (jamais comptés deux fois), publication refusée', async () => {
    const originales = readFileSync(join(base, 'attributions_2025.csv'), 'utf8').trimEnd().split('\n');
    const copies = [originales[0]!, ...originales.slice(1).flatMap((l) => Array<string>(74).fill(l))].join('\n') + '\n';
    const m = await refusee(variante('doublons', { 'attributions_2025.csv': copies }), /publication refusée, la plupart des lignes d'un export sont rejetées/);
    // 80 × 74 rows: the 78 valid decisions kept once, 78 × 73 copies and the 2 × 74 rows with bad resources rejected
    expect(78 * 73 + 2 * 74).toBe(5842);
    expect(m).toMatch(/attributions_2025\.csv : 5.842 ligne\(s\) rejetée\(s\) sur 5.920 \(99 %/);
  });

  test('un fichier RPLS avec bien moins de lignes que la publication précédente ; publié avec --accepter-baisse, inscrit au manifeste', async () => {
    const entrees = variante('baisse', { 'rpls_2025.csv': lignes(RPLS_ENTETE, 20, (i) => rpls(i)) });
    const m = await refusee(entrees, /RPLS \(logements\) : 20 ligne\(s\) chargée\(s\) contre 60 à la publication précédente \(baisse de 67 %, au-delà du seuil de 50 %\)/);
    expect(m).toMatch(/Rien n'a été publié/);
    // elsewhere, not to disturb the reference publication
    const autre = join(tmp, 'site-baisse');
    mkdirSync(autre);
    for (const f of fichiers(sortie)) {
      mkdirSync(join(autre, 'data', f, '..'), { recursive: true });
      copyFileSync(join(sortie, f), join(autre, 'data', f));
    }
    await executer(entrees, { accepterBaisse: true, sortie: join(autre, 'data'), pages: join(autre, 'pages.json') });
    const manifeste = JSON.parse(readFileSync(join(autre, 'data', 'manifeste.json'), 'utf8'));
    expect(manifeste.baisse_acceptee).toEqual({ option: '--accepter-baisse', motifs: [expect.stringContaining('RPLS (logements) : 20 ligne(s) chargée(s) contre 60')] });
    expect(manifeste.entrees_par_format[0]).toEqual({ format: 'rpls', lignes_chargees: 20, annees: [2025] });
  });

  test('une ressource absurde sur toutes les lignes : refusée avec un message en français, sans la valeur ni la ligne', async () => {
    const m = await refusee(
      variante('absurde', { 'attributions_2025.csv': lignes(ATTR_ENTETE, N.attributions, (i) => attribution(i, { ressources: ABSURDE })) }),
      /attributions_2025\.csv : 80 ligne\(s\) rejetée\(s\) sur 80/,
    );
    expect(m).not.toContain(ABSURDE);
    expect(m).not.toMatch(/Conversion Error|Original Line|OPH de la Haute-Garonne/);
  });
});

describe('quelques doublons : rejetés, publication faite, rien compté deux fois', () => {
  test('trois décisions recopiées : trois rejets « doublon », mêmes attributions publiées', async () => {
    const originales = readFileSync(join(base, 'attributions_2025.csv'), 'utf8').trimEnd().split('\n');
    const avecDoublons = [...originales, originales[1]!, originales[2]!, originales[20]!].join('\n') + '\n';
    const autre = join(tmp, 'site-doublons');
    const r = await executer(variante('trois-doublons', { 'attributions_2025.csv': avecDoublons }), { sortie: join(autre, 'data'), pages: join(autre, 'pages.json') });
    const bilan = r.entrees.bilans.find((b) => b.fichier === 'attributions_2025.csv')!;
    expect([bilan.lignesLues, bilan.chargees, bilan.rejetees]).toEqual([83, 78, 5]);
    const doublons = r.entrees.anomalies.filter((a) => /doublon non compté/.test(a.attendu));
    expect(doublons.map((a) => a.ligne)).toEqual([82, 83, 84]);
    expect(doublons[0]!.attendu).toContain('même demande, même logement, même date que attributions_2025.csv, ligne 2');
    expect(readFileSync(join(autre, 'data', 'attributions.parquet')).equals(avant['attributions.parquet']!)).toBe(true);
  });
});

describe('anomalies : les N premières par fichier et colonne, toutes comptées', () => {
  test('600 lignes fautives dans une colonne : 100 détaillées, 600 comptées', async () => {
    const autre = join(tmp, 'site-anomalies');
    const rplsFautif = lignes(RPLS_ENTETE, 1200, (i) => rpls(i, i % 2 ? {} : { nbpiece: 'T3' }));
    // beyond the rejection threshold: the count is checked on the import's report, nothing is published
    const entrees = variante('anomalies', { 'rpls_2025.csv': rplsFautif });
    const { lireEntrees } = await import('../../src/ingest/entrees.ts');
    const { chargerTerritoire } = await import('../../src/config/territoire.ts');
    const db = await ouvrirDuckDb();
    try {
      const prive = join(autre, 'prive');
      const r = await lireEntrees({ ...chargerTerritoire('sicoval'), dossierEntrees: entrees }, prive, db);
      const b = r.bilans.find((x) => x.fichier === 'rpls_2025.csv')!;
      expect(b.rejetees).toBe(600);
      expect(b.comptesAnomalies).toEqual([{ colonne: 'nbpiece', rejets: 600, avertissements: 0, detaillees: 100 }]);
      expect(r.anomalies.filter((a) => a.fichier === 'rpls_2025.csv')).toHaveLength(100);
      // the private folder of the import: owner-only, and empty once the files are loaded
      expect(statSync(prive).mode & 0o777).toBe(0o700);
      expect(readdirSync(prive)).toEqual([]);
    } finally {
      db.close();
    }
  });
});
