// F1, F2, F4 SQL on hand-made published tables.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { requeteCouverture, requeteOccupation } from '../../../../src/model/indicateurs/occupation.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE occupation (vague INTEGER, niveau VARCHAR, code VARCHAR, parent VARCHAR, menages INTEGER, repondants INTEGER,
    niveau_0 INTEGER, niveau_1 INTEGER, niveau_2 INTEGER, niveau_3 INTEGER, niveau_4 INTEGER, fragiles INTEGER,
    c2 INTEGER, c3 INTEGER, c4 INTEGER, c5 INTEGER, c6 INTEGER, c7 INTEGER, c8 INTEGER, c9 INTEGER, c9_renseigne INTEGER, secret BOOLEAN, c1 INTEGER, c1_renseigne INTEGER)`);
  await db.exec(`INSERT INTO occupation VALUES (2024, 'commune', '31048', '2', 100, 80, 20, 30, 10, 16, 4, 20, 8, 40, 24, 16, 12, 20, 36, 3, 30, false, 2, 10)`);
  await db.exec(`CREATE TABLE parc (millesime INTEGER, commune_insee VARCHAR, territoire VARCHAR, type_logement VARCHAR, logements INTEGER, vacants INTEGER)`);
  await db.exec(`INSERT INTO parc VALUES (2025, '31048', '2', 'collectif', 110, 5), (2025, '31048', '2', 'individuel', 20, 0), (2025, '31048', '2', 'etudiant', 50, 1)`);
});
afterAll(() => db.close());

test('F1/F2 : niveaux et critères rapportés aux ménages répondants ; impayés aux seuls ménages renseignés', async () => {
  const [r] = await db.query(requeteOccupation({ niveau: 'commune', code: '31048', vague: 2024 }));
  expect(r?.part_niveau_0).toBeCloseTo(20 / 80, 12);
  expect(r?.part_fragiles).toBeCloseTo(20 / 80, 12);
  expect(r?.part_c3).toBeCloseTo(40 / 80, 12);
  expect(r?.part_c9).toBeCloseTo(3 / 30, 12);
  expect(r?.part_c1).toBeCloseTo(2 / 10, 12); // commercial vacancy: among households whose résidence has a value
  expect(r?.c1_renseigne).toBe(10);
  expect(r?.taux_reponse).toBeCloseTo(0.8, 12);
});

test('F4 : couverture = ménages enquêtés / logements familiaux occupés (hors étudiants, hors vacants)', async () => {
  const [r] = await db.query(requeteCouverture({ niveau: 'commune', code: '31048', vague: 2024, millesime: 2025 }));
  expect(r?.logements_occupes).toBe(125);
  expect(r?.taux_couverture).toBeCloseTo(100 / 125, 12);
});
