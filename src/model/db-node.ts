// Native DuckDB (@duckdb/node-api) behind the Db interface, for the build.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { valeurJs, type Db, type Ligne } from './db.ts';

export interface DbNode extends Db {
  connexion: DuckDBConnection;
  close(): void;
}

/** Opens DuckDB (in memory by default). Extension autoloading is off: nothing is downloaded at run time. */
export async function ouvrirDuckDb(chemin = ':memory:'): Promise<DbNode> {
  const instance = await DuckDBInstance.create(chemin, {
    autoinstall_known_extensions: 'false',
    autoload_known_extensions: 'false',
  });
  const connexion = await instance.connect();
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
      connexion.closeSync();
      instance.closeSync();
    },
  };
}
