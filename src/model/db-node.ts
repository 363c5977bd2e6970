// Native DuckDB (@duckdb/node-api) behind the Db interface, for the build.
import { totalmem } from 'node:os';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { valeurJs, type Db, type Ligne } from './db.ts';

export interface DbNode extends Db {
  connexion: DuckDBConnection;
  /** Idempotent. */
  close(): void;
}

export interface OptionsDuckDb {
  /** DuckDB's memory_limit (`5GB`, `3000MiB`…); default: OBS_DUCKDB_MEMOIRE, else memoireParDefaut(). */
  memoire?: string;
  /** Where DuckDB spills what exceeds the limit (temp_directory); default: DuckDB's own (`.tmp` next to an in-memory base). */
  temporaire?: string;
}

/**
 * DuckDB's own default is 80 % of the RAM, which at national size pushed the build
 * beyond its 8 GB budget (docs/performance.md): 60 % of the RAM, at most 5 GiB,
 * leaves room for Node and for a second instance; larger work spills to disk.
 */
export function memoireParDefaut(ram = totalmem()): string {
  return `${Math.floor(Math.min(0.6 * ram, 5 * 1024 ** 3) / 1024 ** 2)}MiB`;
}

/** Opens DuckDB (in memory by default). Extension autoloading is off: nothing is downloaded at run time. */
export async function ouvrirDuckDb(chemin = ':memory:', o: OptionsDuckDb = {}): Promise<DbNode> {
  const instance = await DuckDBInstance.create(chemin, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
    memory_limit: o.memoire ?? process.env.OBS_DUCKDB_MEMOIRE ?? memoireParDefaut(),
    ...(o.temporaire ? { temp_directory: o.temporaire } : {}),
  });
  const connexion = await instance.connect();
  let ouverte = true;
  return {
    connexion,
    async query(sql: string): Promise<Ligne[]> {
      const r = await connexion.runAndReadAll(sql);
      return r.getRowObjectsJS().map((row) => {
        const o: Ligne = {};
        for (const [k, v] of Object.entries(row)) o[k] = valeurJs(v);
        return o;
      });
    },
    async exec(sql: string): Promise<void> {
      await connexion.run(sql);
    },
    close() {
      if (!ouverte) return;
      ouverte = false;
      connexion.closeSync();
      instance.closeSync();
    },
  };
}
