// Indicator SQL on a small hand-made `attributions` table, against real DuckDB.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { requeteAttributions, COMPTES_ATTRIBUTIONS } from '../../../../src/model/indicateurs/attributions.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  const cols = COMPTES_ATTRIBUTIONS.map((c) => `${c} INTEGER`).join(', ');
  await db.exec(`CREATE TABLE attributions (annee INTEGER, periode VARCHAR, niveau VARCHAR, code VARCHAR, parent VARCHAR,
    bailleur VARCHAR, contingent VARCHAR, financement VARCHAR, qpv VARCHAR, ${cols}, secret BOOLEAN)`);
  const ligne = (annee: number, code: string, v: Partial<Record<(typeof COMPTES_ATTRIBUTIONS)[number], number | null>>, secret = false, financement = '*') =>
    `(${annee}, 'annee', 'commune', '${code}', '2', '*', '*', '${financement}', '*', ${COMPTES_ATTRIBUTIONS.map((c) => (c in v ? (v[c] ?? "NULL") : 0)).join(', ')}, ${secret})`;
  await db.exec(`INSERT INTO attributions VALUES
    ${ligne(2025, '31048', { attributions: 40, prioritaires: 15, mutations: 8, etudiants: 10, hors_qpv: 40, q1_hors_qpv: 12, q1_hors_qpv_etudiants: 8, etudiants_hors_qpv: 10, edl: 36, sous_60_plus: 25, sous_60_plus_q1: 10, plafond_plus_connu: 38,
      baux: 30, baux_prioritaires: 11, baux_hors_qpv: 30, q1_baux_hors_qpv: 9, q1_baux_hors_qpv_etudiants: 6, baux_hors_qpv_etudiants: 8 })},
    ${ligne(2025, '31048', { attributions: 12, prioritaires: 6, hors_qpv: 12, sous_60_plus: 9, sous_60_plus_q1: 4, plafond_plus_connu: 12 }, false, 'PLAI')},
    ${ligne(2026, '31048', { attributions: 7, prioritaires: 2, hors_qpv: 7, sous_60_plus: 0, sous_60_plus_q1: 0, plafond_plus_connu: 0, hors_qpv_seuil_inconnu: 7, baux: 6, baux_hors_qpv: 6, baux_hors_qpv_seuil_inconnu: 6 })},
    ${ligne(2024, '31048', { attributions: 20, prioritaires: 5, hors_qpv: 20, q1_hors_qpv: 5 })},
    ${ligne(2025, '31004', { attributions: null, prioritaires: null, hors_qpv: null }, true)}`);
});
afterAll(() => db.close());

test('A1, A5 (baux signés), ses variantes hors étudiants et décisions, A7 : valeurs calculées à la main', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2025 }));
  expect(r?.attributions).toBe(40);
  expect(r?.a1).toBeCloseTo(15 / 40, 12); // 37,5 % : exactly on target
  expect(r?.a5).toBeCloseTo(9 / 30, 12); // legal: signed leases outside QPV
  expect(r?.a5_hors_etudiants).toBeCloseTo((9 - 6) / (30 - 8), 12); // orientation 1.2: 13,6 %
  expect(r?.a5_decisions).toBeCloseTo(12 / 40, 12); // CALEOL-decision variant
  expect(r?.a7).toBeCloseTo(8 / 40, 12);
  expect(r?.taux_edl).toBeCloseTo(36 / 40, 12);
  expect(r?.a5q).toBeNull(); // no attribution in QPV: no rate, not 0
});

test('A6 : part sous 60 % des plafonds PLUS (sur les attributions classées), dont 1er quartile', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2025 }));
  expect(r).toMatchObject({ sous_60_plus: 25, sous_60_plus_q1: 10, plafond_plus_connu: 38 });
  expect(r?.a6).toBeCloseTo(25 / 38, 12); // 2 attributions with a 2026 lease are not classified
  expect(r?.a6_q1).toBeCloseTo(10 / 25, 12);
});

test('1er quartile : année sans seuil renseigné → non calculé (vide) pour la loi et ses variantes, jamais 0 %', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2026 }));
  expect(r?.baux_hors_qpv).toBe(6);
  expect(r?.a5).toBeNull();
  expect(r?.a5_hors_etudiants).toBeNull();
  expect(r?.a5_decisions).toBeNull();
  expect(r?.a1).toBeCloseTo(2 / 7, 12); // other indicators unaffected
});

test('A6 : année sans plafonds renseignés → non calculé (vide), pas 0 %', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2026 }));
  expect(r?.attributions).toBe(7);
  expect(r?.a6).toBeNull();
  expect(r?.a6_q1).toBeNull();
});

test('filtre financement : « * » par défaut (chiffres inchangés), une classe sur demande', async () => {
  const [tous] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2025 }));
  expect(tous?.attributions).toBe(40);
  const [plai] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2025, financement: 'PLAI' }));
  expect(plai?.attributions).toBe(12);
  expect(plai?.a1).toBeCloseTo(6 / 12, 12);
  expect(plai?.a6).toBeCloseTo(9 / 12, 12);
});

test('une ligne par année, sans filtre d’année', async () => {
  const r = await db.query(requeteAttributions({ niveau: 'commune', code: '31048' }));
  expect(r.map((x) => x.annee)).toEqual([2024, 2025, 2026]);
  expect(r[0]?.a1).toBeCloseTo(0.25, 12);
});

test('case en secret : indicateurs vides et drapeau levé', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31004', annee: 2025 }));
  expect(r?.secret).toBe(true);
  expect(r?.attributions).toBeNull();
  expect(r?.a1).toBeNull();
});

test('les valeurs saisies par un utilisateur ne peuvent pas injecter de SQL', async () => {
  const r = await db.query(requeteAttributions({ niveau: 'commune', code: "31048' OR '1'='1" }));
  expect(r).toEqual([]);
});
