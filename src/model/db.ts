// The one database interface the indicator SQL runs against: native DuckDB at
// build time (db-node.ts), DuckDB-WASM in the browser (site/client/db-wasm.ts).
// Rows come back as plain JS objects with numbers (no BigInt), so results can
// be serialised into pages and compared across both engines.

export type Valeur = string | number | boolean | null;
export type Ligne = Record<string, Valeur>;

export interface Db {
  query(sql: string): Promise<Ligne[]>;
  exec(sql: string): Promise<void>;
}

/** SQL string literal. Filters chosen by users go through this, never raw. */
export function lit(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`valeur numérique invalide : ${v}`);
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replaceAll("'", "''")}'`;
}

/** Plain JS value from whatever the engine returned (BigInt, Decimal-like, Date…). */
export function valeurJs(v: unknown): Valeur {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}
