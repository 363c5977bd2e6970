// A2 / A3 on a hand-made `attributions` table: every value computed by hand below.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import type { Ligne } from '../../../../src/model/db.ts';
import { chargerParametresAcd } from '../../../../src/model/acd/config-node.ts';
import { requeteEvaluationAcd, requeteEvaluationAcdCumul } from '../../../../src/model/acd/evaluation.ts';
import { creerTables, insererAttributions, insererObjectifs } from './tables.ts';

const P = chargerParametresAcd();
let db: DbNode;
let annuel: Record<string, Ligne>;
let cumul: Record<string, Ligne>;

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await creerTables(db);
  await insererObjectifs(db, [
    [2025, 'Alpha', 10], [2026, 'Alpha', 12], [2027, 'Alpha', 14],
    [2025, 'Beta', 20], [2026, 'Beta', 20], [2027, 'Beta', 20],
    [2025, 'Gamma', 8], [2026, 'Gamma', 8], [2027, 'Gamma', 8],
    [2025, 'Zero', 0], [2026, 'Zero', 0], [2027, 'Zero', 0],
    [2025, 'Secret', 5], [2026, 'Secret', 5], [2027, 'Secret', 5],
    [2025, 'Absent', 3], [2026, 'Absent', 3], [2027, 'Absent', 3],
    [2024, 'Alpha', 99], // outside the ACD period: ignored
  ]);
  await insererAttributions(db, [
    { annee: 2025, bailleur: '*', v: { attributions: 125, prioritaires: 34, baux_prioritaires: 18 } },
    { annee: 2025, bailleur: 'Alpha', v: { attributions: 40, prioritaires: 12, baux_prioritaires: 10 } },
    { annee: 2025, bailleur: 'Beta', v: { attributions: 20, prioritaires: 9, baux_prioritaires: 6 } },
    { annee: 2025, bailleur: 'Gamma', v: { attributions: 30, prioritaires: 3, baux_prioritaires: 2 } },
    { annee: 2025, bailleur: 'Zero', v: { attributions: 10, prioritaires: 0, baux_prioritaires: 0 } },
    { annee: 2025, bailleur: 'Secret', v: {}, secret: true },
    { annee: 2025, bailleur: 'Hors ACD', v: { attributions: 10, prioritaires: 5, baux_prioritaires: 0 } },
    // other cells of the cube that must not be read
    { annee: 2025, bailleur: 'Alpha', contingent: 'Etat', v: { attributions: 8, prioritaires: 8, baux_prioritaires: 8 } },
    { annee: 2025, bailleur: 'Alpha', niveau: 'commune', code: '31001', v: { attributions: 30, prioritaires: 30, baux_prioritaires: 30 } },
    { annee: 2025, bailleur: 'Gamma', periode: 'T1', v: { attributions: 9, prioritaires: 9, baux_prioritaires: 9 } },
    { annee: 2024, bailleur: 'Alpha', v: { attributions: 50, prioritaires: 50, baux_prioritaires: 50 } },
    { annee: 2026, bailleur: '*', v: { attributions: 72, prioritaires: 26, baux_prioritaires: 19 } },
    { annee: 2026, bailleur: 'Alpha', v: { attributions: 50, prioritaires: 15, baux_prioritaires: 9 } },
    { annee: 2026, bailleur: 'Beta', v: { attributions: 10, prioritaires: 5, baux_prioritaires: 4 } },
    { annee: 2026, bailleur: 'Secret', v: { attributions: 12, prioritaires: 6, baux_prioritaires: 6 } },
  ]);
  annuel = Object.fromEntries((await db.query(requeteEvaluationAcd({ parametres: P }))).map((r) => [`${r.annee}|${r.bailleur}`, r]));
  cumul = Object.fromEntries((await db.query(requeteEvaluationAcdCumul({ parametres: P }))).map((r) => [String(r.bailleur), r]));
});
afterAll(() => db.close());

test('A atteint, B non atteint → objectif atteint (Alpha 2025 : 10 EDL / objectif 10 ; B = 12/40 = 30 %)', () => {
  expect(annuel['2025|Alpha']).toMatchObject({ objectif: 10, attributions: 40, a: 10, taux_a: 1, a_atteint: true, b: 0.3, b_atteint: false, objectif_atteint: true, secret: false });
});

test('A non atteint, B atteint → objectif atteint (Beta 2025 : 6/20 ; B = 9/20 = 45 %)', () => {
  expect(annuel['2025|Beta']).toMatchObject({ a: 6, taux_a: 0.3, a_atteint: false, b: 0.45, b_atteint: true, objectif_atteint: true });
});

test('ni A ni B → non atteint (Gamma 2025 : 2/8 ; B = 3/30 = 10 %) ; trimestres, contingents et communes ignorés', () => {
  expect(annuel['2025|Gamma']).toMatchObject({ attributions: 30, a: 2, taux_a: 0.25, a_atteint: false, b: 0.1, b_atteint: false, objectif_atteint: false });
});

test('objectif 0 : taux A non défini, A atteint (0 ≥ 0)', () => {
  expect(annuel['2025|Zero']).toMatchObject({ objectif: 0, a: 0, taux_a: null, a_atteint: true, b: 0, b_atteint: false, objectif_atteint: true });
});

test('case en secret : valeurs vides, drapeau levé, rien n’est recalculé (ni depuis le total EPCI ni les autres bailleurs)', () => {
  expect(annuel['2025|Secret']).toMatchObject({ secret: true, attributions: null, prioritaires: null, a: null, taux_a: null, a_atteint: null, b: null, b_atteint: null, objectif_atteint: null });
});

test('bailleur sans attribution une année observée : 0, A non atteint, B non défini → non atteint', () => {
  expect(annuel['2025|Absent']).toMatchObject({ donnees: true, sans_attribution: true, attributions: 0, a: 0, taux_a: 0, a_atteint: false, b: null, b_atteint: false, objectif_atteint: false });
  expect(annuel['2026|Zero']).toMatchObject({ sans_attribution: true, a: 0, a_atteint: true, objectif_atteint: true });
});

test('bailleur sans objectif publié : A non évaluable, B seul', () => {
  expect(annuel['2025|Hors ACD']).toMatchObject({ objectif: null, a: 0, a_atteint: null, b: 0.5, b_atteint: true, objectif_atteint: true });
});

test('année sans données publiées (2027) : lignes présentes avec objectif, valeurs vides', () => {
  expect(annuel['2027|Alpha']).toMatchObject({ objectif: 14, donnees: false, sans_attribution: false, a: null, a_atteint: null, b_atteint: null, objectif_atteint: null });
  expect(Object.keys(annuel).filter((k) => k.startsWith('2024'))).toEqual([]);
  expect(Object.keys(annuel).filter((k) => k.includes('|*'))).toEqual([]);
});

test('2026 : Alpha 9/12, B = 15/50 = 30 % → non atteint ; Beta B = 50 % → atteint', () => {
  expect(annuel['2026|Alpha']).toMatchObject({ a: 9, taux_a: 0.75, a_atteint: false, b: 0.3, objectif_atteint: false });
  expect(annuel['2026|Beta']).toMatchObject({ a: 4, b: 0.5, objectif_atteint: true });
  expect(annuel['2026|Secret']).toMatchObject({ secret: false, a: 6, a_atteint: true });
});

test('cumul 2025-2027 sur les années observées', () => {
  // Alpha: A = 10 + 9 = 19 vs 10 + 12 = 22 ; B = 27/90 = 30 % ; period objective 36
  expect(cumul.Alpha).toMatchObject({ annees_observees: 2, premiere_annee: 2025, derniere_annee: 2026, objectif_cumule: 22, objectif_periode: 36, attributions: 90, prioritaires: 27, a: 19, a_atteint: false, b: 0.3, b_atteint: false, objectif_atteint: false });
  expect(cumul.Alpha?.taux_a).toBeCloseTo(19 / 22, 12);
  expect(cumul.Alpha?.taux_a_periode).toBeCloseTo(19 / 36, 12);
  // Beta: A = 10 vs 40 ; B = 14/30 = 46,7 %
  expect(cumul.Beta).toMatchObject({ objectif_cumule: 40, a: 10, taux_a: 0.25, a_atteint: false, b_atteint: true, objectif_atteint: true });
  expect(cumul.Beta?.b).toBeCloseTo(14 / 30, 12);
  // Gamma: 2 + 0 vs 16 ; B = 3/30
  expect(cumul.Gamma).toMatchObject({ objectif_cumule: 16, a: 2, attributions: 30, b: 0.1, objectif_atteint: false });
  // Zero: objective 0 over the period
  expect(cumul.Zero).toMatchObject({ objectif_cumule: 0, a: 0, taux_a: null, a_atteint: true, objectif_atteint: true });
  // Absent: 0 attributions over two observed years
  expect(cumul.Absent).toMatchObject({ objectif_cumule: 6, attributions: 0, a: 0, a_atteint: false, b: null, b_atteint: false, objectif_atteint: false });
});

test('cumul avec une année en secret : cumul non publié (sinon la case serait recalculable)', () => {
  expect(cumul.Secret).toMatchObject({ secret: true, objectif_cumule: 10, attributions: null, a: null, b: null, objectif_atteint: null });
});

test('filtre bailleur et injection', async () => {
  const r = await db.query(requeteEvaluationAcd({ parametres: P, bailleur: 'Beta', annees: [2025] }));
  expect(r).toHaveLength(1);
  expect(r[0]).toMatchObject({ bailleur: 'Beta', a: 6 });
  expect(await db.query(requeteEvaluationAcd({ parametres: P, bailleur: "Beta' OR '1'='1" }))).toEqual([]);
});

test('cible B en paramètre (37,5 % par défaut)', async () => {
  expect(P.cibleB).toBe(0.375);
  const [r] = await db.query(requeteEvaluationAcd({ parametres: { ...P, cibleB: 0.3 }, bailleur: 'Alpha', annees: [2025] }));
  expect(r).toMatchObject({ b_atteint: true, objectif_atteint: true });
});
