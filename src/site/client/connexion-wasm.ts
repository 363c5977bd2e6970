// A DuckDB-WASM connection behind the Db interface (shared by the explorer and the benchmark).
import type { AsyncDuckDBConnection } from '@duckdb/duckdb-wasm';
import { valeurJs, type Db, type Ligne } from '../../model/db.ts';

export function envelopperConnexion(conn: AsyncDuckDBConnection): Db {
  return {
    async query(sql: string): Promise<Ligne[]> {
      const res = await conn.query(sql);
      return res.toArray().map((row) => {
        const o: Ligne = {};
        for (const [k, v] of Object.entries(row.toJSON())) o[k] = valeurJs(v);
        return o;
      });
    },
    async exec(sql: string): Promise<void> {
      await conn.query(sql);
    },
  };
}
