// DuckDB-WASM behind the Db interface. Loaded only when a user starts
// exploring: the engine is ~7 MB gzip. No extension may load (the Parquet
// reader is one, fetched from a CDN): tables arrive as Arrow IPC from this site.
import * as duckdb from '@duckdb/duckdb-wasm';
import { URL_WASM } from './worker-duckdb.ts';
import type { Db } from '../../model/db.ts';
import { envelopperConnexion } from './connexion-wasm.ts';

/** `worker`: from lancerWorker (worker-duckdb.ts), started before this module loads. */
export async function ouvrirDuckDbWasm(worker: Worker, baseDonnees: string, tables: string[], progression: (m: string) => void): Promise<Db> {
  progression('Démarrage du moteur de requêtes…');
  // the tables download while the engine compiles (the engine dominates the cold start)
  const telechargements = tables.map(async (t) => {
    const r = await fetch(`${baseDonnees}/${t}.arrow`);
    if (!r.ok) throw new Error(`${t}.arrow : réponse ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  // a failed download is reported when awaited below, not as an unhandled rejection meanwhile
  for (const p of telechargements) p.catch(() => {});
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(URL_WASM);
  const conn = await db.connect();
  await conn.query(`SET autoinstall_known_extensions = false`);
  await conn.query(`SET autoload_known_extensions = false`);
  for (const [i, t] of tables.entries()) {
    progression(`Chargement de la table ${t}…`);
    await conn.insertArrowFromIPCStream(await telechargements[i]!, { name: t, create: true });
  }
  return envelopperConnexion(conn);
}
