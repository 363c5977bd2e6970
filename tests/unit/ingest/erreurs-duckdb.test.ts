// DuckDB's own messages quote values and rows: what is shown instead, on real DuckDB errors.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { lit } from '../../../src/model/db.ts';
import { messageChargement, messageSansValeurs } from '../../../src/ingest/erreurs-duckdb.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-erreurs-duckdb-'));
let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
});
afterAll(() => {
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

async function erreur(sql: string): Promise<string> {
  try {
    await db.exec(sql);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('DuckDB aurait dû échouer');
}

test('ligne refusée au chargement d’une copie propre : fichier, ligne du fichier source, colonne, attendu ; ni la ligne ni la valeur', async () => {
  const csv = join(tmp, 'propre.csv');
  writeFileSync(csv, 'ligne,ressources,motif\n2,900,localisation\n17,987654321987654,Mme X dossier 123\n');
  const brut = await erreur(`CREATE TABLE t AS SELECT * FROM read_csv(${lit(csv)}, header = true, columns = {ligne: 'INTEGER', ressources: 'INTEGER', motif: 'VARCHAR'})`);
  expect(brut).toContain('Mme X dossier 123'); // what DuckDB says…
  const m = messageChargement('attributions_2025.csv', new Error(brut));
  expect(m).toBe(
    "attributions_2025.csv, ligne 17, colonne ressources : valeur refusée au chargement, attendu un nombre entier (à 10 chiffres au plus) — la valeur n'est pas affichée (donnée possiblement personnelle) ; aucune ligne de ce fichier n'a été chargée",
  );
});

test('conversion impossible dans le modèle : le message garde sa nature, sans la valeur', async () => {
  const brut = await erreur(`SELECT CAST(987654321987654321987654 AS DECIMAL(18, 2))`);
  expect(brut).toContain('987654321987654321987654');
  const m = messageSansValeurs(brut);
  expect(m).toMatch(/^Conversion Error: Could not cast value … to DECIMAL\(18,2\)$/);
  expect(m).not.toMatch(/98765/);
  expect(messageSansValeurs(`Invalid Input Error: value 'Mme X' at "dossier 12"`)).toBe('Invalid Input Error: value «…» at «…»');
});
