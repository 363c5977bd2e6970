// Arrow IPC stream of a DuckDB table, for the browser: DuckDB-WASM inserts it
// with insertArrowFromIPCStream and needs no extension (its Parquet reader is one).
import { Table, vectorFromArray, Utf8, Int32, Float64, Bool, tableToIPC, type Vector } from 'apache-arrow';
import type { Db } from '../model/db.ts';

function typeArrow(sqlType: string) {
  // BIGINT from year()/count(): published values are small; checked below
  if (sqlType === 'INTEGER' || sqlType === 'SMALLINT' || sqlType === 'TINYINT' || sqlType === 'BIGINT') return new Int32();
  if (sqlType === 'DOUBLE' || sqlType === 'FLOAT' || sqlType.startsWith('DECIMAL')) return new Float64();
  if (sqlType === 'BOOLEAN') return new Bool();
  if (sqlType === 'VARCHAR') return new Utf8();
  throw new Error(`type ${sqlType} non prévu pour l'export Arrow (convertir en INTEGER, DOUBLE, BOOLEAN ou VARCHAR)`);
}

export async function tableEnArrowIpc(db: Db, table: string, ordre: string): Promise<Uint8Array> {
  const colonnes = await db.query(`DESCRIBE SELECT * FROM ${table}`);
  const lignes = await db.query(`SELECT * FROM ${table} ORDER BY ${ordre}`);
  const vecteurs: Record<string, Vector> = {};
  for (const c of colonnes) {
    const nom = String(c.column_name);
    if (c.column_type === 'BIGINT' && lignes.some((l) => typeof l[nom] === 'number' && Math.abs(l[nom] as number) > 2 ** 31 - 1)) {
      throw new Error(`${table}.${nom} : entier hors de la plage 32 bits, à convertir en DOUBLE`);
    }
    vecteurs[nom] = vectorFromArray(lignes.map((l) => l[nom] ?? null), typeArrow(String(c.column_type)) as never);
  }
  return tableToIPC(new Table(vecteurs), 'stream');
}
