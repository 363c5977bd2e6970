// Invariants of the C1 simulator and of A2/A3 on a generated stock (fixed seed):
// capacities ≥ 0, eligible ≤ family stock, totals equal across levels before rounding.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { chargerParametresAcd } from '../../../../src/model/acd/config-node.ts';
import { requeteCapaciteAcd, requeteCapaciteAcdBailleurs, requeteCapaciteAcdTotal, type Livraison } from '../../../../src/model/acd/capacite.ts';
import { requeteEvaluationAcd, requeteEvaluationAcdCumul } from '../../../../src/model/acd/evaluation.ts';
import { creerTables, insererAttributions, insererBailleurs, insererCommunes, insererObjectifs, insererParc, type LigneParc, type LigneAttr } from './tables.ts';

const P = chargerParametresAcd();
const FIN = ['PLAI', 'PLUS', 'PLS', 'PLI', 'Avant 1977', 'Autre'];
const TYPES = ['collectif', 'individuel', 'etudiant'] as const;
const COMMUNES: [string, number][] = [['31001', 1], ['31002', 2], ['31003', 3], ['31004', 4], ['31005', 1]];
const BAILLEURS: [string, number][] = [['A', 7], ['B', 8], ['C', 9], ['D', 8]];

function alea(graine: number): () => number {
  let s = graine >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

let db: DbNode;
const livraisons: Livraison[] = [];
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await creerTables(db);
  await insererCommunes(db, COMMUNES);
  await insererBailleurs(db, BAILLEURS);
  const r = alea(31);
  const parc: LigneParc[] = [];
  for (const [b] of BAILLEURS) {
    for (const [c] of COMMUNES) {
      for (const f of FIN) {
        for (const type of TYPES) {
          for (const qpv of [false, true]) {
            if (r() < 0.45) parc.push({ commune: c, bailleur: b, financement: f, type, qpv, n: 1 + Math.floor(r() * 80) });
          }
        }
      }
      if (r() < 0.5) livraisons.push({ bailleur: b, commune_insee: c, en_qpv: r() < 0.3, financement: FIN[Math.floor(r() * 3)]!, logements: Math.floor(r() * 40), annee: 2025 + Math.floor(r() * 3) });
    }
  }
  await insererParc(db, parc);
  await insererObjectifs(db, BAILLEURS.flatMap(([b], i) => [2025, 2026, 2027].map((a): [number, string, number] => [a, b, 3 * i + a - 2025])));
  const attr: LigneAttr[] = [];
  for (const a of [2025, 2026]) {
    attr.push({ annee: a, bailleur: '*', v: { attributions: 999, prioritaires: 333, baux_prioritaires: 300 } });
    for (const [b] of BAILLEURS) {
      const n = Math.floor(r() * 30);
      const p = Math.floor(r() * (n + 1));
      if (n < 5) attr.push({ annee: a, bailleur: b, v: {}, secret: true });
      else attr.push({ annee: a, bailleur: b, v: { attributions: n, prioritaires: p, baux_prioritaires: Math.floor(r() * (p + 1)) } });
    }
  }
  await insererAttributions(db, attr);
});
afterAll(() => db.close());

test('capacités ≥ 0 et éligibles ≤ parc familial, à chaque cellule', async () => {
  const r = await db.query(requeteCapaciteAcd({ parametres: P, livraisons }));
  expect(r.length).toBeGreaterThan(20);
  for (const x of r) {
    for (const c of ['capacite_existant', 'capacite_neuf', 'capacite', 'eligibles_existant', 'eligibles_neuf']) expect(Number(x[c])).toBeGreaterThanOrEqual(0);
    expect(Number(x.eligibles_existant)).toBeLessThanOrEqual(Number(x.parc_familial) + 1e-9);
    expect(Number(x.eligibles_neuf)).toBeLessThanOrEqual(Number(x.livraisons_annee) + 1e-9);
    expect(Number(x.ponderation)).toBeLessThanOrEqual(0.425);
    expect(Number(x.parc_familial)).toBeCloseTo(['plai', 'plus', 'pls', 'pli', 'avant_1977', 'autres'].reduce((s, k) => s + Number(x[k]), 0), 9);
  }
});

test('le parc familial de l’année du millésime = parc hors étudiants', async () => {
  const [a] = await db.query(`SELECT sum(logements)::DOUBLE AS n FROM parc WHERE type_logement <> 'etudiant'`);
  const r = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025] }));
  expect(r.reduce((s, x) => s + Number(x.parc_familial), 0)).toBe(a?.n);
});

test('Σ des communes = total du bailleur (avant arrondi) ; Σ des bailleurs = total EPCI ; arrondi à ±0,5', async () => {
  const cellules = await db.query(requeteCapaciteAcd({ parametres: P, livraisons }));
  const bailleurs = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, livraisons }));
  const totaux = await db.query(requeteCapaciteAcdTotal({ parametres: P, livraisons }));
  for (const b of bailleurs) {
    const miennes = cellules.filter((c) => c.annee === b.annee && c.bailleur === b.bailleur);
    for (const k of ['capacite', 'capacite_existant', 'capacite_neuf', 'eligibles_existant', 'parc_familial']) {
      expect(Number(b[k]), `${b.annee} ${b.bailleur} ${k}`).toBeCloseTo(miennes.reduce((s, c) => s + Number(c[k]), 0), 9);
    }
    expect(Math.abs(Number(b.objectif_simule) - Number(b.capacite))).toBeLessThanOrEqual(0.5);
    expect(b.ecart).toBe(Number(b.objectif_simule) - Number(b.objectif_publie));
  }
  for (const t of totaux) {
    const miens = bailleurs.filter((b) => b.annee === t.annee);
    expect(Number(t.capacite)).toBeCloseTo(miens.reduce((s, b) => s + Number(b.capacite), 0), 9);
    expect(t.objectif_simule).toBe(miens.reduce((s, b) => s + Number(b.objectif_simule), 0));
  }
});

test('stock croissant avec les livraisons : capacité existante N+1 ≥ N (sans démolition)', async () => {
  const b = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, livraisons }));
  for (const [n] of BAILLEURS) {
    const s = b.filter((x) => x.bailleur === n).map((x) => Number(x.capacite_existant));
    for (let i = 1; i < s.length; i++) expect(s[i]!).toBeGreaterThanOrEqual(s[i - 1]! - 1e-9);
  }
});

test('A2/A3 : parts dans [0, 1], secret jamais recalculé, atteint = A ou B', async () => {
  const r = await db.query(requeteEvaluationAcd({ parametres: P }));
  for (const x of r) {
    if (x.b !== null) {
      expect(Number(x.b)).toBeGreaterThanOrEqual(0);
      expect(Number(x.b)).toBeLessThanOrEqual(1);
    }
    if (x.secret) expect([x.a, x.b, x.attributions, x.objectif_atteint]).toEqual([null, null, null, null]);
    if (x.a_atteint === true || x.b_atteint === true) expect(x.objectif_atteint).toBe(true);
    if (x.a_atteint === false && x.b_atteint === false) expect(x.objectif_atteint).toBe(false);
  }
  const c = await db.query(requeteEvaluationAcdCumul({ parametres: P }));
  for (const x of c) {
    const annees = r.filter((y) => y.bailleur === x.bailleur && y.donnees);
    if (annees.some((y) => y.secret)) expect(x.a).toBeNull();
    else expect(x.a).toBe(annees.reduce((s, y) => s + Number(y.a), 0));
  }
});
