// Arrow IPC streams of DuckDB tables, for the browser: DuckDB-WASM inserts them
// with insertArrowFromIPCStream and needs no extension (its Parquet reader is one).
// Tables are read from DuckDB chunk by chunk and written as column batches: no
// JS object per row, so memory stays bounded at national size (docs/performance.md).
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  Bool, Field, Float64, Int32, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Utf8, makeData,
  type DataType,
} from 'apache-arrow';
import type { DbNode } from '../model/db-node.ts';

/** Rows per Arrow record batch: large enough for few headers, small enough to bound memory. */
export const LIGNES_PAR_LOT = 65_536;

interface Colonne { nom: string; sql: string; type: DataType }

function typeArrow(sqlType: string): { type: DataType; cast: string } {
  // BIGINT from year()/count(): published values are small; the INTEGER cast fails (clearly) if not
  if (sqlType === 'INTEGER' || sqlType === 'SMALLINT' || sqlType === 'TINYINT' || sqlType === 'BIGINT' || sqlType === 'HUGEINT') return { type: new Int32(), cast: 'INTEGER' };
  if (sqlType === 'DOUBLE' || sqlType === 'FLOAT' || sqlType.startsWith('DECIMAL')) return { type: new Float64(), cast: 'DOUBLE' };
  if (sqlType === 'BOOLEAN') return { type: new Bool(), cast: 'BOOLEAN' };
  if (sqlType === 'VARCHAR') return { type: new Utf8(), cast: 'VARCHAR' };
  throw new Error(`type ${sqlType} non prévu pour l'export Arrow (convertir en INTEGER, DOUBLE, BOOLEAN ou VARCHAR)`);
}

const ident = (nom: string) => `"${nom.replaceAll('"', '""')}"`;

async function colonnes(db: DbNode, source: string): Promise<Colonne[]> {
  return (await db.query(`DESCRIBE SELECT * FROM ${source}`)).map((c) => {
    const nom = String(c.column_name);
    const { type, cast } = typeArrow(String(c.column_type));
    return { nom, type, sql: `${ident(nom)}::${cast} AS ${ident(nom)}` };
  });
}

function schema(cols: Colonne[]): Schema {
  return new Schema(cols.map((c) => new Field(c.nom, c.type, true)));
}

/** Validity bitmap (bit set = value present) and null count, as Arrow lays them out. */
function validite(v: unknown[], n: number): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(((n + 63) >> 6) << 3);
  let nulls = 0;
  for (let i = 0; i < n; i++) {
    if (v[i] === null || v[i] === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return { bitmap, nulls };
}

/** One column's Arrow data straight into typed arrays (vectorFromArray's builders cost ≈ 10× more per value). */
function donneesColonne(type: DataType, v: unknown[], n: number) {
  const { bitmap, nulls } = validite(v, n);
  const base = { type, length: n, nullCount: nulls, nullBitmap: nulls ? bitmap : new Uint8Array(0) } as const;
  if (type instanceof Int32) {
    const d = new Int32Array(n);
    for (let i = 0; i < n; i++) d[i] = (v[i] as number | null) ?? 0;
    return makeData({ ...base, type, data: d });
  }
  if (type instanceof Float64) {
    const d = new Float64Array(n);
    for (let i = 0; i < n; i++) d[i] = (v[i] as number | null) ?? 0;
    return makeData({ ...base, type, data: d });
  }
  if (type instanceof Bool) {
    const d = new Uint8Array(((n + 63) >> 6) << 3);
    for (let i = 0; i < n; i++) if (v[i] === true) d[i >> 3]! |= 1 << (i & 7);
    return makeData({ ...base, type, data: d });
  }
  if (type instanceof Utf8) {
    const textes = v.map((x) => (x === null || x === undefined ? '' : String(x)));
    const tout = textes.join('');
    const octets = Buffer.from(tout, 'utf8');
    const offsets = new Int32Array(n + 1);
    // ASCII only (codes, names without accents): one byte per character
    const ascii = octets.length === tout.length;
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + (ascii ? textes[i]!.length : Buffer.byteLength(textes[i]!, 'utf8'));
    return makeData({ ...base, type, valueOffsets: offsets, data: new Uint8Array(octets.buffer, octets.byteOffset, octets.length) });
  }
  throw new Error(`type Arrow ${String(type)} non prévu`);
}

function lot(s: Schema, valeurs: unknown[][], n: number): RecordBatch {
  const enfants = s.fields.map((f, i) => donneesColonne(f.type, valeurs[i]!, n));
  return new RecordBatch(s, makeData({ type: new Struct(s.fields), length: n, nullCount: 0, children: enfants }));
}

/** A table streamed into Arrow record batches; the partition column (if any) is read, not written. */
async function* lots(db: DbNode, sql: string, s: Schema, partition: boolean): AsyncGenerator<{ cle: string | null; lot: RecordBatch }> {
  const erreurEntier = (e: unknown) =>
    e instanceof Error && /out of range|Conversion Error/i.test(e.message)
      ? new Error(`export Arrow : entier hors de la plage 32 bits, à convertir en DOUBLE (${e.message.split('\n')[0]})`)
      : e;
  let res;
  try {
    res = await db.connexion.stream(sql);
  } catch (e) {
    throw erreurEntier(e);
  }
  const k = s.fields.length;
  let tampon: unknown[][] = s.fields.map(() => []);
  let n = 0;
  let cle: string | null = null;
  const vider = function* () {
    if (n > 0) yield { cle, lot: lot(s, tampon, n) };
    tampon = s.fields.map(() => []);
    n = 0;
  };
  for (;;) {
    let chunk;
    try {
      chunk = await res.fetchChunk();
    } catch (e) {
      throw erreurEntier(e);
    }
    if (!chunk || chunk.rowCount === 0) break;
    const cols = chunk.getColumns();
    const cles = partition ? (cols[k] as (string | null)[]) : null;
    let debut = 0;
    while (debut < chunk.rowCount) {
      // rows up to the next partition change or the batch size
      const c = cles ? (cles[debut] ?? null) : null;
      if (cles && c !== cle) {
        yield* vider();
        cle = c;
      }
      let fin = debut + 1;
      const max = Math.min(chunk.rowCount, debut + (LIGNES_PAR_LOT - n));
      while (fin < max && (!cles || (cles[fin] ?? null) === cle)) fin++;
      for (let i = 0; i < k; i++) for (let r = debut; r < fin; r++) tampon[i]!.push(cols[i]![r] ?? null);
      n += fin - debut;
      debut = fin;
      if (n >= LIGNES_PAR_LOT) yield* vider();
    }
  }
  yield* vider();
}

/** A stream writer whose bytes go to a file as they are produced. */
function ecrivain(chemin: string, s: Schema) {
  mkdirSync(dirname(chemin), { recursive: true });
  const w = new RecordBatchStreamWriter();
  w.reset(undefined, s);
  const fin = pipeline(Readable.from(w), createWriteStream(chemin));
  return {
    ecrire: (b: RecordBatch) => w.write(b),
    async fermer() {
      w.finish();
      await fin;
    },
  };
}

/** Arrow IPC stream of a whole table in memory (small tables, tests). */
export async function tableEnArrowIpc(db: DbNode, table: string, ordre: string): Promise<Uint8Array> {
  const cols = await colonnes(db, table);
  const s = schema(cols);
  const w = new RecordBatchStreamWriter();
  w.reset(undefined, s);
  for await (const { lot: b } of lots(db, `SELECT ${cols.map((c) => c.sql).join(', ')} FROM ${table} ORDER BY ${ordre}`, s, false)) w.write(b);
  w.finish();
  return w.toUint8Array(true);
}

/** Writes a table as one Arrow IPC file, batch by batch. */
export async function ecrireArrowIpc(db: DbNode, table: string, ordre: string, chemin: string): Promise<void> {
  const cols = await colonnes(db, table);
  const s = schema(cols);
  const e = ecrivain(chemin, s);
  try {
    for await (const { lot: b } of lots(db, `SELECT ${cols.map((c) => c.sql).join(', ')} FROM ${table} ORDER BY ${ordre}`, s, false)) e.ecrire(b);
  } finally {
    await e.fermer();
  }
}

/**
 * One Arrow file per partition: `<dossier>/<cle>/<nom>.arrow`, rows ordered by `ordre`
 * in each. `cle` is an SQL expression over the table (the EPCI of each row); one
 * ordered pass over the table, a new file at each change of key. Partitions listed
 * in `toutes` but without rows get an empty table (same columns), so every
 * partition folder holds every table.
 */
export async function ecrireArrowParPartition(
  db: DbNode,
  o: { table: string; ordre: string; cle: string; dossier: string; nom: string; toutes: string[] },
): Promise<Map<string, string>> {
  const cols = await colonnes(db, o.table);
  const s = schema(cols);
  const fichiers = new Map<string, string>();
  const ouvert: { cle: string; e: ReturnType<typeof ecrivain> }[] = [];
  // ORDER BY ALL (every column) cannot follow another key: spelled out
  const ordre = o.ordre.trim().toUpperCase() === 'ALL' ? cols.map((c) => ident(c.nom)).join(', ') : o.ordre;
  const sql = `SELECT ${cols.map((c) => c.sql).join(', ')}, (${o.cle})::VARCHAR AS __partition FROM ${o.table} ORDER BY __partition, ${ordre}`;
  try {
    for await (const { cle, lot: b } of lots(db, sql, s, true)) {
      if (cle === null) throw new Error(`export Arrow de ${o.table} : ligne sans partition (${o.cle} est NULL)`);
      let courant = ouvert[0];
      if (courant?.cle !== cle) {
        await ouvert.pop()?.e.fermer();
        const chemin = join(o.dossier, cle, `${o.nom}.arrow`);
        courant = { cle, e: ecrivain(chemin, s) };
        ouvert.push(courant);
        fichiers.set(cle, chemin);
      }
      courant.e.ecrire(b);
    }
  } finally {
    await ouvert.pop()?.e.fermer();
  }
  for (const cle of o.toutes) {
    if (fichiers.has(cle)) continue;
    const chemin = join(o.dossier, cle, `${o.nom}.arrow`);
    const e = ecrivain(chemin, s);
    await e.fermer();
    fichiers.set(cle, chemin);
  }
  return fichiers;
}

/**
 * SQL giving the EPCI of each row of a published table, for a territory of several
 * EPCIs (each commune's `territoire` is its EPCI): from `territoire` (communes, parc),
 * or from niveau/code/parent (cubes: a commune's parent is its EPCI, a résidence's
 * parent is its commune); rows of the top level go to `sommet`. Null: the table is
 * not territorial (bailleurs, ACD objectives) and every partition gets all of it.
 */
export function clePartitionEpci(colonnesTable: string[], sommet: string, communes = 'pub_communes'): string | null {
  const a = new Set(colonnesTable);
  if (a.has('territoire')) return 'territoire';
  if (a.has('niveau') && a.has('code') && a.has('parent')) {
    return `CASE niveau WHEN 'commune' THEN parent WHEN 'territoire' THEN code
      WHEN 'residence' THEN (SELECT c.territoire FROM ${communes} c WHERE c.code_insee = parent)
      ELSE ${`'${sommet.replaceAll("'", "''")}'`} END`;
  }
  return null;
}
