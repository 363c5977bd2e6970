// Measures around the pipeline's stages (the benchmark runs executerPipeline
// itself, src/bench/enfant-pipeline.ts): RSS sampling, and the sizes of what a
// national run published (Parquet for France, Arrow partitioned by EPCI).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { TABLES_PUBLIEES } from '../pipeline.ts';

/** The EPCI whose partition is reported (the Sicoval: the site's first user). */
export const TRANCHE_EPCI = '243100633';

export interface MesureEtape {
  etape: string;
  ms: number;
  /** Highest RSS sampled during the stage (DuckDB's native memory included). */
  rssMaxOctets: number;
  detail?: Record<string, unknown>;
}

/** Samples this process's RSS every 200 ms (DuckDB works off the event loop, so sampling continues). */
export function echantillonneurRss(): { debut(): void; max(): number; arreter(): void } {
  let max = 0;
  const lire = () => {
    max = Math.max(max, process.memoryUsage.rss());
  };
  const h = setInterval(lire, 200);
  h.unref();
  return {
    debut() {
      max = process.memoryUsage.rss();
    },
    max() {
      lire();
      return max;
    },
    arreter() {
      clearInterval(h);
    },
  };
}

export interface MesurePublication {
  /** national Parquet, per table */
  parquet: Record<string, number>;
  /** Arrow partitions (epci/<code>/): their number, and per table the total, the largest and the reported EPCI's */
  partitions: number;
  arrow: Record<string, { total: number; max: number; tranche: number; trancheGzip: number }>;
  tranche: string;
}

/** Sizes of a national run's published files (sortie = the published folder). */
export function mesurerPublication(sortie: string, tranche: string): MesurePublication {
  const parquet: Record<string, number> = {};
  const arrow: MesurePublication['arrow'] = {};
  const dossierEpci = join(sortie, 'epci');
  const codes = existsSync(dossierEpci) ? readdirSync(dossierEpci) : [];
  for (const table of Object.keys(TABLES_PUBLIEES)) {
    const pq = join(sortie, `${table}.parquet`);
    if (existsSync(pq)) parquet[table] = statSync(pq).size;
    const a = { total: 0, max: 0, tranche: 0, trancheGzip: 0 };
    for (const code of codes) {
      const f = join(dossierEpci, code, `${table}.arrow`);
      if (!existsSync(f)) continue;
      const n = statSync(f).size;
      a.total += n;
      a.max = Math.max(a.max, n);
      if (code === tranche) {
        a.tranche = n;
        a.trancheGzip = gzipSync(readFileSync(f), { level: 6 }).byteLength;
      }
    }
    arrow[table] = a;
  }
  return { parquet, partitions: codes.length, arrow, tranche };
}
