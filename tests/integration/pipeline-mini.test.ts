// The pipeline on a tiny hand-made set of exports whose every outcome is known:
// which rows load, which are rejected and why, and the published counts.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { executerPipeline, type ResultatPipeline } from '../../src/pipeline.ts';
import { ouvrirDuckDb, type DbNode } from '../../src/model/db-node.ts';
import { lit } from '../../src/model/db.ts';
import { FIXTURES } from '../helpers/racine.ts';

const FIXTURE = join(FIXTURES, 'mini');
let r: ResultatPipeline;
let sortie: string;
let db: DbNode;
// the same exports with five copies of each attribution row (only num_unique differs): every published
// count is a multiple of 5, so reaches the secrecy threshold, and the hand-computed figures below are × 5
let r5: ResultatPipeline;

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'obs-mini-'));
  sortie = join(tmp, 'data');
  r = await executerPipeline('sicoval', { entrees: FIXTURE, sortie, travail: join(tmp, 'travail'), pages: join(tmp, 'pages.json') });
  const entrees5 = join(tmp, 'entrees-x5');
  mkdirSync(entrees5);
  for (const f of ['rpls_2025.csv', 'ops_2024.csv']) copyFileSync(join(FIXTURE, f), join(entrees5, f));
  const [entete, ...corps] = readFileSync(join(FIXTURE, 'attributions_2025.csv'), 'utf8').trimEnd().split('\n');
  // 0312501000001A → 0312500000001A … 0312504000001A
  const copies = [0, 1, 2, 3, 4].flatMap((k) => corps.map((l) => `${l.slice(0, 5)}0${k}${l.slice(7)}`));
  writeFileSync(join(entrees5, 'attributions_2025.csv'), [entete, ...copies].join('\n') + '\n');
  const sortie5 = join(tmp, 'data-x5');
  r5 = await executerPipeline('sicoval', { entrees: entrees5, sortie: sortie5, travail: join(tmp, 'travail-x5'), pages: join(tmp, 'pages-x5.json') });
  db = await ouvrirDuckDb();
  for (const t of ['parc', 'attributions', 'occupation']) {
    await db.exec(`CREATE VIEW ${t} AS SELECT * FROM read_parquet(${lit(join(sortie, `${t}.parquet`))})`);
  }
  await db.exec(`CREATE VIEW attributions_x5 AS SELECT * FROM read_parquet(${lit(join(sortie5, 'attributions.parquet'))})`);
}, 600_000);
afterAll(() => db?.close());

describe('lecture des exports', () => {
  test('chaque ligne lue est chargée, rejetée ou hors territoire', () => {
    const parFichier = Object.fromEntries(r.entrees.bilans.map((b) => [b.fichier, [b.lignesLues, b.chargees, b.rejetees, b.horsPerimetre]]));
    expect(parFichier).toEqual({
      'rpls_2025.csv': [7, 4, 2, 1], // T3 as a room count, a duplicated id; Toulouse is outside
      'ops_2024.csv': [3, 3, 0, 0],
      'attributions_2025.csv': [9, 7, 2, 0], // a commune outside the EPCI, 31 February
    });
  });

  test('chaque rejet dit fichier, ligne, colonne, valeur et ce qui était attendu', () => {
    const rejets = r.entrees.anomalies.map((a) => [a.fichier, a.ligne, a.colonne, a.valeur, a.attendu]);
    expect(rejets).toContainEqual(['rpls_2025.csv', 6, 'nbpiece', 'T3', 'un nombre entier entre 1 et 20']);
    expect(rejets).toContainEqual(['rpls_2025.csv', 8, 'ident_rep', 'nombre de 10 chiffres', 'un identifiant RPLS unique (déjà vu : rpls_2025.csv, ligne 5)']);
    expect(rejets).toContainEqual(['attributions_2025.csv', 10, 'date_caleol', '31/02/2025', 'une date réelle jj/mm/aaaa']);
    expect(rejets).toContainEqual(['attributions_2025.csv', 9, 'commune', '31555', 'une commune du territoire CA du Sicoval']);
  });
});

describe('chiffres publiés', () => {
  test('parc : 3 logements à Baziège dont 1 PLAI, 1 étudiant à Castanet ; identifiants RPLS gardés en texte', async () => {
    const lignes = await db.query(`SELECT commune_insee, financement, type_logement, sum(logements)::INTEGER AS n FROM parc GROUP BY ALL ORDER BY ALL`);
    expect(lignes).toEqual([
      { commune_insee: '31048', financement: 'PLAI', type_logement: 'collectif', n: 1 },
      { commune_insee: '31048', financement: 'PLS', type_logement: 'individuel', n: 1 },
      { commune_insee: '31048', financement: 'PLUS', type_logement: 'collectif', n: 1 },
      { commune_insee: '31113', financement: 'PLUS', type_logement: 'etudiant', n: 1 },
    ]);
    const baziege = r.pages.communes.find((c) => c.code === '31048')!;
    expect(baziege.parc?.part_plai_familial).toBeCloseTo(1 / 3, 12);
  });

  test('les petites cases d’attributions sont toutes en secret (5 attributions au total, seuil 5)', async () => {
    // 5 attributions: OPH rank 1, OPH refused (still an attribution), Patrimoine under condition, two at Castanet;
    // 2 priority households and 4 leases are under the threshold, each measure is a cell (docs/secret-statistique.md):
    // the EPCI's row is hidden whole, nothing from 1 to 4 is published
    const [e] = await db.query(`SELECT attributions, prioritaires, baux, secret FROM attributions WHERE niveau = 'epci' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*' AND periode = 'annee'`);
    expect(e).toEqual({ attributions: null, prioritaires: null, baux: null, secret: true });
    const [petites] = await db.query(`SELECT count(*)::INTEGER AS n FROM attributions WHERE NOT secret AND (attributions < 5 OR prioritaires BETWEEN 1 AND 4 OR baux BETWEEN 1 AND 4)`);
    expect(petites?.n).toBe(0);
    // five copies of each row: the same cell is published, 5 × (5 attributions, 2 priority households)
    const [e5] = await db.query(`SELECT attributions, prioritaires, secret FROM attributions_x5 WHERE niveau = 'epci' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*' AND periode = 'annee'`);
    expect(e5).toEqual({ attributions: 25, prioritaires: 10, secret: false });
  });

  test('1er quartile : le Sicoval n’a que le seuil 2024 (arrêté du 13 mai 2024) → 2025 non classé, jamais avec le seuil 2024', async () => {
    // with 2024's 8 895 €, 4 of the 5 would be Q1 (a year with its threshold: tests/integration/pipeline-baux.test.ts);
    // the threshold is set every year (CIA l.5184): without 2025's, nobody is classified and the rate is not computed
    // (five copies of each row so that the counts are published: 5 × 5 attributions, 5 × 4 leases)
    const [e] = await db.query(`SELECT q1, q1_etudiants, q1_inconnu, baux, baux_hors_qpv_seuil_inconnu, q1_baux_hors_qpv FROM attributions_x5 WHERE niveau = 'epci' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*' AND periode = 'annee'`);
    expect(e).toEqual({ q1: 0, q1_etudiants: 0, q1_inconnu: 25, baux: 20, baux_hors_qpv_seuil_inconnu: 20, q1_baux_hors_qpv: 0 });
    const e2 = r5.pages.epci.attributions.find((l) => l.annee === 2025 && l.periode === 'annee');
    expect(e2?.a5).toBeNull();
    expect(e2?.a5_decisions).toBeNull();
  });

  test('A6 : ressources annuelles sous 60 % du plafond PLUS 2025 de la catégorie, calculées à la main', async () => {
    // 600 × 12 = 7 200 < 0,6 × 23 201 (1 pers.) ; 1 300 × 12 = 15 600 < 0,6 × 37 259 (3 pers.) ;
    // 1 600 × 12 = 19 200 < 0,6 × 44 982 (4 pers.) ; étudiant 5 400 < 13 920,6 ; 700 × 12 = 8 400 < 0,6 × 30 984 (2 pers.)
    // → 5 sous 60 % ; « dont 1er quartile » non calculé : pas de seuil 2025 (five copies of each row: × 5, published)
    const [e] = await db.query(`SELECT sous_60_plus, sous_60_plus_q1, sous_60_plus_q1_inconnu, plafond_plus_connu FROM attributions_x5 WHERE niveau = 'epci' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*' AND periode = 'annee'`);
    expect(e).toEqual({ sous_60_plus: 25, sous_60_plus_q1: 0, sous_60_plus_q1_inconnu: 25, plafond_plus_connu: 25 });
    const e2 = r5.pages.epci.attributions.find((l) => l.annee === 2025 && l.periode === 'annee');
    expect(e2?.a6).toBe(1);
    expect(e2?.a6_q1).toBeNull();
  });

  test('financement du logement : 2 PLAI, 2 PLUS, 1 PLS, toutes sous le seuil de 5 donc en secret', async () => {
    const l = await db.query(`SELECT financement, attributions, secret FROM attributions WHERE niveau = 'epci' AND financement <> '*' AND periode = 'annee' ORDER BY 1`);
    expect(l).toEqual([
      { financement: 'PLAI', attributions: null, secret: true },
      { financement: 'PLS', attributions: null, secret: true },
      { financement: 'PLUS', attributions: null, secret: true },
    ]);
  });

  test('aucune colonne personnelle dans les fichiers publiés', () => {
    for (const f of readdirSync(sortie, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(sortie.length + 1))) {
      const contenu = readFileSync(join(sortie, f));
      for (const interdit of ['num_unique', 'pseudo_demande', '0312501', 'ressources_mensuelles', '0030000004']) {
        expect(contenu.includes(interdit), `${f} contient ${interdit}`).toBe(false);
      }
    }
  });
});
