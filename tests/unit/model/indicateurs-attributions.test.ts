// Indicator SQL on a small hand-made `attributions` table, against real DuckDB.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { requeteAttributions, COMPTES_ATTRIBUTIONS } from '../../../src/model/indicateurs/attributions.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  const cols = COMPTES_ATTRIBUTIONS.map((c) => `${c} INTEGER`).join(', ');
  await db.exec(`CREATE TABLE attributions (annee INTEGER, periode VARCHAR, niveau VARCHAR, code VARCHAR, parent VARCHAR,
    bailleur VARCHAR, contingent VARCHAR, ${cols}, secret BOOLEAN)`);
  const ligne = (annee: number, code: string, v: Partial<Record<(typeof COMPTES_ATTRIBUTIONS)[number], number | null>>, secret = false) =>
    `(${annee}, 'annee', 'commune', '${code}', '2', '*', '*', ${COMPTES_ATTRIBUTIONS.map((c) => (c in v ? (v[c] ?? "NULL") : 0)).join(', ')}, ${secret})`;
  await db.exec(`INSERT INTO attributions VALUES
    ${ligne(2025, '31048', { attributions: 40, prioritaires: 15, mutations: 8, etudiants: 10, hors_qpv: 40, q1_hors_qpv: 12, q1_hors_qpv_etudiants: 8, etudiants_hors_qpv: 10, edl: 36 })},
    ${ligne(2024, '31048', { attributions: 20, prioritaires: 5, hors_qpv: 20, q1_hors_qpv: 5 })},
    ${ligne(2025, '31004', { attributions: null, prioritaires: null, hors_qpv: null }, true)}`);
});
afterAll(() => db.close());

test('A1, A5, A5 hors étudiants (deux variantes), A7 : valeurs calculées à la main', async () => {
  const [r] = await db.query(requeteAttributions({ niveau: 'commune', code: '31048', annee: 2025 }));
  expect(r?.attributions).toBe(40);
  expect(r?.a1).toBeCloseTo(15 / 40, 12); // 37,5 % : exactly on target
  expect(r?.a5).toBeCloseTo(12 / 40, 12);
  expect(r?.a5e_toutes).toBeCloseTo((12 - 8) / 40, 12); // 10 %
  expect(r?.a5e_non_etudiants).toBeCloseTo((12 - 8) / (40 - 10), 12); // 13,3 %
  expect(r?.a7).toBeCloseTo(8 / 40, 12);
  expect(r?.taux_edl).toBeCloseTo(36 / 40, 12);
  expect(r?.a5q).toBeNull(); // no attribution in QPV: no rate, not 0
});

test('une ligne par année, sans filtre d’année', async () => {
  const r = await db.query(requeteAttributions({ niveau: 'commune', code: '31048' }));
  expect(r.map((x) => x.annee)).toEqual([2024, 2025]);
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
