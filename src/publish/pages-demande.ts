// Numbers of the "Demande" page and of the commune fiches (D1-D4), computed by the
// indicator SQL (src/model/indicateurs/demande.ts) over the published files.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lit, type Db, type Ligne } from '../model/db.ts';
import { requeteAttenteDemande, requeteDemande, requeteProfilDemande } from '../model/indicateurs/demande.ts';
import type { DbNode } from '../model/db-node.ts';
import { ecrireArrowIpc } from './arrow.ts';
import { TABLES_DEMANDE } from './cube-demande.ts';

export interface DonneesDemande {
  /** false: no demand extract among the inputs (or nothing loaded from it) */
  fournie: boolean;
  annees: number[];
  derniereAnnee: number | null;
  /** D1, D3, D4 of the EPCI, one row per year */
  epci: Ligne[];
  /** latest year, one row per territoire d'équilibre / commune (code) */
  territoires: Ligne[];
  communes: Ligne[];
  /** D2 of the EPCI, latest year: variable, modalite, demandeurs, part, secret */
  profil: Ligne[];
  /** D4 detail of the EPCI, latest year: satisfied demands per class of waiting time */
  attente: Ligne[];
}

export const DEMANDE_ABSENTE: DonneesDemande = { fournie: false, annees: [], derniereAnnee: null, epci: [], territoires: [], communes: [], profil: [], attente: [] };

/** Writes the demand cubes (Parquet zstd + Arrow) next to the other published tables. */
export async function ecrireCubeDemande(db: DbNode, dossier: string): Promise<void> {
  for (const [table, ordre] of Object.entries(TABLES_DEMANDE)) {
    await db.exec(`COPY (SELECT * FROM pub_${table} ORDER BY ${ordre}) TO ${lit(join(dossier, `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
    await ecrireArrowIpc(db, `pub_${table}`, ordre, join(dossier, `${table}.arrow`));
  }
}

/** Loads the published demand cubes of `dossier` (when there) into `db`, which already holds `attributions`, and computes D1-D4. */
export async function calculerPagesDemande(db: Db, dossier: string, siren: string): Promise<DonneesDemande> {
  const fichiers = Object.keys(TABLES_DEMANDE).map((t) => join(dossier, `${t}.parquet`));
  if (!fichiers.every((f) => existsSync(f))) return DEMANDE_ABSENTE;
  for (const table of Object.keys(TABLES_DEMANDE)) {
    await db.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_parquet(${lit(join(dossier, `${table}.parquet`))})`);
  }
  const epci = await db.query(requeteDemande({ niveau: 'epci', code: siren }));
  if (epci.length === 0) return DEMANDE_ABSENTE;
  const annees = epci.map((l) => Number(l.annee));
  const annee = annees.at(-1)!;
  return {
    fournie: true,
    annees,
    derniereAnnee: annee,
    epci,
    territoires: await db.query(requeteDemande({ niveau: 'territoire', annee })),
    communes: await db.query(requeteDemande({ niveau: 'commune', annee })),
    profil: await db.query(requeteProfilDemande({ niveau: 'epci', code: siren, annee })),
    attente: await db.query(requeteAttenteDemande({ niveau: 'epci', code: siren, annee })),
  };
}
