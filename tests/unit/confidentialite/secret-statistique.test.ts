// Primary and secondary suppression on a hand-made cube.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { appliquerSecret } from '../../../src/confidentialite/secret-statistique.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
});
afterAll(() => db.close());

async function cube(lignes: [string, string, string | null, string, number][]) {
  await db.exec(`CREATE OR REPLACE TABLE c (annee INTEGER, niveau VARCHAR, code VARCHAR, parent VARCHAR, bailleur VARCHAR, n INTEGER, x INTEGER)`);
  await db.exec(`INSERT INTO c VALUES ${lignes.map(([niv, code, parent, b, n]) => `(2025, '${niv}', '${code}', ${parent ? `'${parent}'` : 'NULL'}, '${b}', ${n}, ${n})`).join(', ')}`);
  return appliquerSecret(db, {
    table: 'c', effectif: 'n', seuil: 5, categories: ['bailleur'], fixes: ['annee'],
    geographie: { niveaux: [['commune', 'epci']] }, mesures: ['x'],
  });
}
const secrets = async () => (await db.query(`SELECT niveau, code, bailleur FROM c WHERE secret ORDER BY ALL`)).map((r) => `${r.niveau}:${r.code}:${r.bailleur}`);

test('une seule case sous le seuil : une seconde case (la plus petite) est masquée', async () => {
  const r = await cube([
    ['epci', 'E', null, '*', 30],
    ['commune', 'A', 'E', '*', 3],
    ['commune', 'B', 'E', '*', 12],
    ['commune', 'C', 'E', '*', 15],
  ]);
  expect(r).toEqual({ primaires: 1, secondaires: 1 });
  expect(await secrets()).toEqual(['commune:A:*', 'commune:B:*']);
  const [a] = await db.query(`SELECT n, x FROM c WHERE code = 'A'`);
  expect(a).toEqual({ n: null, x: null });
});

test('deux cases déjà sous le seuil : rien de plus à masquer', async () => {
  const r = await cube([
    ['epci', 'E', null, '*', 30],
    ['commune', 'A', 'E', '*', 3],
    ['commune', 'B', 'E', '*', 4],
    ['commune', 'C', 'E', '*', 23],
  ]);
  expect(r).toEqual({ primaires: 2, secondaires: 0 });
});

test('le secret se propage entre dimensions jusqu’à un point fixe, et aucune case masquée ne se recalcule', async () => {
  await cube([
    ['epci', 'E', null, '*', 40],
    ['epci', 'E', null, 'b1', 22],
    ['epci', 'E', null, 'b2', 18],
    ['commune', 'A', 'E', '*', 20],
    ['commune', 'B', 'E', '*', 20],
    ['commune', 'A', 'E', 'b1', 2],
    ['commune', 'A', 'E', 'b2', 18],
    ['commune', 'B', 'E', 'b1', 20],
  ]);
  // A·b1 secret (2) → A·b2 hidden (A = A·b1 + A·b2) → E·b2 hidden (its only child is A·b2)
  // → E·b1 hidden (E = E·b1 + E·b2) → B·b1 hidden (E·b1's children) → B hidden (its only child is B·b1)
  // → A hidden (E = A + B)
  expect(await secrets()).toEqual(['commune:A:*', 'commune:A:b1', 'commune:A:b2', 'commune:B:*', 'commune:B:b1', 'epci:E:b1', 'epci:E:b2']);
  // invariant: no published parent has exactly one hidden child
  const fuites = await db.query(`
    SELECT p.code, p.bailleur FROM c p JOIN c e ON e.parent = p.code AND e.bailleur = p.bailleur AND e.niveau = 'commune' AND p.niveau = 'epci'
    WHERE NOT p.secret GROUP BY ALL HAVING count(*) FILTER (WHERE e.secret) = 1
    UNION ALL
    SELECT p.code, p.niveau FROM c p JOIN c e ON e.code = p.code AND e.niveau = p.niveau AND p.bailleur = '*' AND e.bailleur <> '*'
    WHERE NOT p.secret GROUP BY ALL HAVING count(*) FILTER (WHERE e.secret) = 1`);
  expect(fuites).toEqual([]);
});
