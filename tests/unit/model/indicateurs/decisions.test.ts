// A8-A10 SQL on hand-made published tables, against real DuckDB.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { requeteDecisions, requeteEntrees, requeteRefus } from '../../../../src/model/indicateurs/decisions.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE decisions (annee INTEGER, niveau VARCHAR, code VARCHAR, parent VARCHAR, bailleur VARCHAR,
    propositions INTEGER, propositions_prioritaires INTEGER, propositions_dalo INTEGER, propositions_q1 INTEGER, propositions_mutations INTEGER,
    non_attributions INTEGER, refus INTEGER, refus_prioritaires INTEGER, refus_q1 INTEGER, secret BOOLEAN, propositions_q1_inconnu INTEGER)`);
  await db.exec(`INSERT INTO decisions VALUES
    (2025, 'epci', 'E', NULL, '*', 200, 80, 10, 60, 30, 40, 20, 9, 6, false, 0),
    (2025, 'epci', 'E', NULL, 'B1', 150, 50, 8, 40, 20, 30, 15, 5, 4, false, 0),
    (2025, 'epci', 'E', NULL, 'B2', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, true, NULL),
    (2026, 'epci', 'E', NULL, '*', 100, 30, 5, 0, 10, 20, 10, 4, 0, false, 100)`);
  await db.exec(`CREATE TABLE refus (annee INTEGER, niveau VARCHAR, code VARCHAR, parent VARCHAR, motif VARCHAR, public VARCHAR, refus INTEGER, secret BOOLEAN)`);
  await db.exec(`INSERT INTO refus VALUES
    (2025, 'epci', 'E', NULL, '*', '*', 20, false), (2025, 'epci', 'E', NULL, 'localisation', '*', 12, false),
    (2025, 'epci', 'E', NULL, 'loyer trop élevé', '*', 8, false), (2025, 'epci', 'E', NULL, '*', 'autre', 20, false)`);
  await db.exec(`CREATE TABLE entrees (annee INTEGER, variable VARCHAR, niveau VARCHAR, code VARCHAR, parent VARCHAR, modalite VARCHAR, entrees INTEGER, secret BOOLEAN)`);
  await db.exec(`INSERT INTO entrees VALUES
    (2025, 'composition', 'epci', 'E', NULL, '*', 40, false), (2025, 'composition', 'epci', 'E', NULL, 'personne seule', 30, false),
    (2025, 'composition', 'epci', 'E', NULL, 'couple', NULL, true), (2025, 'composition', 'epci', 'E', NULL, 'famille', NULL, true)`);
});
afterAll(() => db.close());

test('A8/A9 : taux de refus et parts des propositions, calculés à la main', async () => {
  const [r] = await db.query(requeteDecisions({ annee: 2025 }));
  expect(r?.taux_refus).toBeCloseTo(20 / 200, 12);
  expect(r?.part_propositions_prioritaires).toBeCloseTo(0.4, 12);
  expect(r?.part_propositions_q1).toBeCloseTo(0.3, 12);
  // a year without its 1st-quartile threshold: the share is not computed, not 0 %
  const [x] = await db.query(requeteDecisions({ annee: 2026 }));
  expect(x?.propositions_q1_inconnu).toBe(100);
  expect(x?.part_propositions_q1).toBeNull();
  expect(x?.part_propositions_prioritaires).toBeCloseTo(0.3, 12);
  expect(r?.part_propositions_mutations).toBeCloseTo(0.15, 12);
  const [b1] = await db.query(requeteDecisions({ annee: 2025, bailleur: 'B1' }));
  expect(b1?.taux_refus).toBeCloseTo(0.1, 12);
  const [b2] = await db.query(requeteDecisions({ annee: 2025, bailleur: 'B2' }));
  expect(b2).toMatchObject({ secret: true, propositions: null, taux_refus: null });
});

test('A8 : refus par motif, parts du total, sans la ligne « tous »', async () => {
  const r = await db.query(requeteRefus({ annee: 2025, par: 'motif' }));
  expect(r.map((x) => [x.modalite, x.refus, x.part])).toEqual([
    ['localisation', 12, 0.6],
    ['loyer trop élevé', 8, 0.4],
  ]);
});

test('A10 : profil des entrants, parts du total de la variable ; cases en secret vides', async () => {
  const r = await db.query(requeteEntrees({ niveau: 'epci', code: 'E', annee: 2025 }));
  expect(r.find((x) => x.modalite === 'personne seule')?.part).toBeCloseTo(0.75, 12);
  expect(r.find((x) => x.modalite === 'couple')).toMatchObject({ entrees: null, secret: true, part: null });
});
