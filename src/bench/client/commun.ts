// Bench-only browser code: DuckDB-WASM started as the explorer starts it
// (same engine files from dist/_astro, no extension), wrapped in the Db interface.
import * as duckdb from '@duckdb/duckdb-wasm';
import type { Db } from '../../model/db.ts';
import { envelopperConnexion } from '../../site/client/connexion-wasm.ts';

export interface Moteur {
  duck: duckdb.AsyncDuckDB;
  conn: duckdb.AsyncDuckDBConnection;
  db: Db;
}

export async function demarrer(): Promise<Moteur> {
  const ds = document.body.dataset;
  const duck = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(ds.worker!));
  await duck.instantiate(ds.wasm!);
  const conn = await duck.connect();
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  const db: Db = envelopperConnexion(conn);
  return { duck, conn, db };
}

export async function chargerArrow(m: Moteur, base: string, tables: string[]): Promise<void> {
  for (const t of tables) {
    const r = await fetch(`${base}/${t}.arrow`);
    if (!r.ok) throw new Error(`${t}.arrow : ${r.status}`);
    await m.conn.insertArrowFromIPCStream(new Uint8Array(await r.arrayBuffer()), { name: t, create: true });
  }
}

export async function attacherDuckDb(m: Moteur, url: string): Promise<void> {
  await m.duck.registerFileURL('obs.duckdb', new URL(url, location.href).href, duckdb.DuckDBDataProtocol.HTTP, false);
  await m.conn.query(`ATTACH 'obs.duckdb' AS obs (READ_ONLY)`);
  await m.conn.query(`USE obs`);
}

export function publier(resultat: Record<string, unknown>): void {
  (window as unknown as { __banc: unknown }).__banc = resultat;
  document.body.dataset.fini = '1';
}
