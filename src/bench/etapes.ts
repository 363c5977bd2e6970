// The pipeline's stages run one by one on a Territoire object, with time and
// memory per stage: the same functions executerPipeline (src/pipeline.ts) calls,
// in the same order, for a territory chargerTerritoire cannot load (France).
// Arrow is written last so that, if it fails at national size, the Parquet
// files and the page figures are still measured.
import { mkdirSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import { lireEntrees } from '../ingest/entrees.ts';
import { ouvrirDuckDb } from '../model/db-node.ts';
import { lit } from '../model/db.ts';
import { chargerConfigFragilite, construireModele, creerReferentiel } from '../model/modele.ts';
import { tableEnArrowIpc } from '../publish/arrow.ts';
import { publierAttributions, publierDecisions, publierEntrees, publierOccupation, publierParc, publierRefus, publierReferentiel } from '../publish/cubes.ts';
import { publierBailleurs } from '../publish/bailleurs.ts';
import { lireConventions } from '../publish/conventions.ts';
import { calculerDonneesPages } from '../publish/pages.ts';
import { TABLES_PUBLIEES } from '../pipeline.ts';

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

export interface OptionsEtapes {
  sortie: string;
  travail: string;
  /** Page figures on a sample of communes only (national size), extrapolated by the caller. */
  echantillonCommunes?: number;
  /** EPCI code whose slice of every table is measured (partitioning estimate). */
  tranche?: { code: string };
  rapporter: (m: MesureEtape) => void;
  debut?: (etape: string) => void;
}

export async function pipelineParEtapes(t: Territoire, o: OptionsEtapes): Promise<MesureEtape[]> {
  mkdirSync(o.sortie, { recursive: true });
  mkdirSync(o.travail, { recursive: true });
  const rss = echantillonneurRss();
  const mesures: MesureEtape[] = [];
  const etape = async <T>(nom: string, f: () => Promise<T>, detail?: (r: T) => Record<string, unknown>): Promise<T> => {
    o.debut?.(nom);
    rss.debut();
    const t0 = performance.now();
    const r = await f();
    const m: MesureEtape = { etape: nom, ms: performance.now() - t0, rssMaxOctets: rss.max(), ...(detail ? { detail: detail(r) } : {}) };
    mesures.push(m);
    o.rapporter(m);
    return r;
  };
  const db = await ouvrirDuckDb();
  try {
    await etape('référentiel des communes', () => creerReferentiel(db, t));
    await etape('lecture et contrôle des exports', () => lireEntrees(t, join(o.travail, 'entrees-propres'), db), (r) => ({
      fichiers: r.bilans.map((b) => ({ fichier: b.fichier, lues: b.lignesLues, chargees: b.chargees, rejetees: b.rejetees })),
    }));
    await etape('modèle (logements, ménages, attributions)', () => construireModele(db), (r) => r);
    await etape('agrégation et secret statistique', async () => {
      await publierReferentiel(db, t);
      await publierBailleurs(db, t);
      const parc = await publierParc(db);
      const attributions = await publierAttributions(db, t);
      const occupation = await publierOccupation(db, t, chargerConfigFragilite().residence_fragile.niveau_min);
      await publierDecisions(db, t);
      await publierRefus(db, t);
      await publierEntrees(db, t);
      return { parc, attributions, occupation };
    }, (r) => r);
    // tables of TABLES_PUBLIEES the stages above produced (the pipeline evolves: a new table is reported missing, not fatal)
    const existantes = new Set((await db.query(`SELECT table_name FROM information_schema.tables WHERE table_name LIKE 'pub_%'`)).map((r) => String(r.table_name)));
    const publiees = Object.entries(TABLES_PUBLIEES).filter(([table]) => existantes.has(`pub_${table}`));
    const absentes = Object.keys(TABLES_PUBLIEES).filter((table) => !existantes.has(`pub_${table}`));
    await etape('écriture Parquet (zstd)', async () => {
      const tailles: Record<string, { octets: number; lignes: number }> = {};
      for (const [table, ordre] of publiees) {
        const chemin = join(o.sortie, `${table}.parquet`);
        await db.exec(`COPY (SELECT * FROM pub_${table} ORDER BY ${ordre}) TO ${lit(chemin)} (FORMAT parquet, COMPRESSION zstd)`);
        const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_${table}`);
        tailles[table] = { octets: statSync(chemin).size, lignes: Number(n?.n) };
      }
      return tailles;
    }, (r) => ({ tables: r, absentes }));
    if (o.tranche) {
      const code = lit(o.tranche.code);
      await etape(`tranche d’un EPCI (${o.tranche.code}) en Parquet et Arrow`, async () => {
        const filtres: Record<string, string> = {
          communes: `territoire = ${code}`,
          parc: `territoire = ${code}`,
          attributions: `code = ${code} OR parent = ${code}`,
          occupation: `code = ${code} OR parent = ${code} OR parent IN (SELECT code_insee FROM pub_communes WHERE territoire = ${code})`,
          objectifs_acd: 'true',
          bailleurs: 'true',
        };
        const tailles: Record<string, { lignes: number; parquet: number; arrow: number }> = {};
        for (const [table, ordre] of publiees) {
          if (!filtres[table]) continue;
          await db.exec(`CREATE OR REPLACE TEMP TABLE tranche_${table} AS SELECT * FROM pub_${table} WHERE ${filtres[table]}`);
          const chemin = join(o.travail, `tranche-${table}.parquet`);
          await db.exec(`COPY (SELECT * FROM tranche_${table} ORDER BY ${ordre}) TO ${lit(chemin)} (FORMAT parquet, COMPRESSION zstd)`);
          const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM tranche_${table}`);
          const arrow = await tableEnArrowIpc(db, `tranche_${table}`, ordre);
          tailles[table] = { lignes: Number(n?.n), parquet: statSync(chemin).size, arrow: arrow.byteLength };
        }
        return tailles;
      }, (r) => ({ tables: r }));
    }
    // with a sample: once with no commune (fixed cost: EPCI and bailleur zones), once with the sample
    for (const n of o.echantillonCommunes !== undefined ? [0, o.echantillonCommunes] : [undefined]) await etape(n !== undefined ? `chiffres des pages (échantillon de ${n} communes)` : 'chiffres des pages', async () => {
      const lecteur = await ouvrirDuckDb();
      try {
        const pq = (table: string) => `read_parquet(${lit(join(o.sortie, `${table}.parquet`))})`;
        for (const [table] of publiees) {
          if (table === 'communes' && n !== undefined) {
            await lecteur.exec(`CREATE TABLE communes AS SELECT * FROM ${pq('communes')} WHERE code_insee IN (
              SELECT code_insee FROM ${pq('communes')} ORDER BY hash(code_insee) LIMIT ${n})`);
          } else await lecteur.exec(`CREATE TABLE ${table} AS SELECT * FROM ${pq(table)}`);
        }
        const p = await calculerDonneesPages(lecteur, t, true, (await Promise.resolve(lireConventions(t))).conventions);
        return { communes: p.communes.length, territoires: p.territoires.length, bailleurs: p.bailleurs.length, annees: p.annees };
      } finally {
        lecteur.close();
      }
    }, (r) => r);
    for (const [table, ordre] of publiees) {
      await etape(`écriture Arrow IPC : ${table}`, async () => {
        const octets = await tableEnArrowIpc(db, `pub_${table}`, ordre);
        await writeFile(join(o.sortie, `${table}.arrow`), octets);
        return { octets: octets.byteLength };
      }, (r) => r);
    }
  } finally {
    rss.arreter();
    db.close();
  }
  return mesures;
}
