// Several exports read at once, one file per worker thread (a national run
// reads 5,4 M RPLS rows and 6,6 M OPS and attribution rows: two files side by
// side keep both cores busy). Each file is read by the same importerFichier
// as in the main thread; results come back in the files' order, so reports
// and anomalies are those of a sequential reading.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { statSync } from 'node:fs';
import { chargerFormat, type IdFormat } from './format.ts';
import { importerFichier, type Anomalie, type BilanFichier } from './importer.ts';
import { ErreurFichier } from './lecteur-delimite.ts';
import { optionsImport, type ParametresImport } from './options-import.ts';

export interface TacheImport {
  id: IdFormat;
  chemin: string;
  sortie: string;
  parametres: ParametresImport;
}
/** A file's report, or its error; with the anomalies noted before the error, as a sequential reading keeps them. */
export type ReponseImport =
  | { ok: true; bilan: BilanFichier; anomalies: Anomalie[] }
  | { ok: false; fichier: boolean; message: string; ligne?: number; pile?: string; anomalies: Anomalie[] };
export interface ResultatImport {
  anomalies: Anomalie[];
  bilan?: BilanFichier;
  erreur?: Error;
}

/** Below this many bytes in all, threads cost more to start (≈ 0,2 s each) than they save. */
export const OCTETS_MIN_PARALLELE = 32 * 1024 * 1024;

/** Threads used for these files: up to the cores, never more than the files, none for small inputs. */
export function threadsPourFichiers(chemins: string[], demandes?: number): number {
  if (demandes !== undefined) return Math.max(0, Math.min(demandes, chemins.length));
  const octets = chemins.reduce((s, c) => s + statSync(c).size, 0);
  return octets < OCTETS_MIN_PARALLELE ? 0 : Math.min(availableParallelism(), chemins.length);
}

/** One file, in whichever thread calls it (worker or main): errors are returned, not thrown. */
export async function importerTache(t: TacheImport): Promise<ResultatImport> {
  const anomalies: Anomalie[] = [];
  try {
    const bilan = await importerFichier(t.chemin, chargerFormat(t.id), t.sortie, anomalies, optionsImport(t.id, t.chemin, t.parametres));
    return { bilan, anomalies };
  } catch (e) {
    return { anomalies, erreur: e instanceof Error ? e : new Error(String(e)) };
  }
}

/** Rebuilds in the main thread the error a worker reported (ErreurFichier stays an ErreurFichier). */
export function erreurDeReponse(r: Extract<ReponseImport, { ok: false }>): Error {
  const e = r.fichier ? new ErreurFichier(r.message, r.ligne) : new Error(r.message);
  if (r.pile && !r.fichier) e.stack = r.pile;
  return e;
}

export interface ImportsEnCours {
  /** One promise per task, in the tasks' order (never rejected: a file's error is in its result). */
  resultats: Promise<ResultatImport>[];
  /** Stops the threads (after an error that ends the reading, or at the end). */
  arreter(): Promise<void>;
}

/**
 * Starts the imports of `taches` on `threads` worker threads, bigger files first so that a
 * national RPLS file does not start last. With 0 threads, the files are read one after the
 * other in this thread (each while the caller loads the previous one into DuckDB).
 */
export function lancerImports(taches: TacheImport[], threads: number): ImportsEnCours {
  let arrete = false;
  const travailleurs: Worker[] = [];
  let resultats: Promise<ResultatImport>[];
  if (threads > 0) {
    const tenir: ((r: ReponseImport) => void)[] = [];
    const reponses = taches.map(() => new Promise<ReponseImport>((ok) => tenir.push(ok)));
    resultats = reponses.map((p) => p.then((r) => (r.ok ? r : { anomalies: r.anomalies, erreur: erreurDeReponse(r) })));
    const file = taches.map((_, k) => k).sort((a, b) => taille(taches[b]!.chemin) - taille(taches[a]!.chemin) || a - b);
    const url = new URL('./import-worker.ts', import.meta.url);
    let vivants = Math.min(threads, file.length);
    for (let w = 0; w < threads && file.length; w++) {
      const worker = new Worker(url);
      travailleurs.push(worker);
      let courante = -1;
      const suivante = () => {
        const k = file.shift();
        if (k === undefined) return void worker.terminate();
        courante = k;
        worker.postMessage(taches[k]);
      };
      worker.on('message', (r: ReponseImport) => {
        tenir[courante]!(r);
        suivante();
      });
      // a thread that dies (out of memory…) fails its file; the files left go to the threads left
      worker.on('error', (e) => tenir[courante]?.({ ok: false, fichier: false, message: e.message, pile: e.stack, anomalies: [] }));
      worker.on('exit', () => {
        if (courante >= 0) tenir[courante]!(INTERROMPUE);
        if (--vivants === 0) for (const k of file.splice(0)) tenir[k]!(INTERROMPUE);
      });
      suivante();
    }
  } else {
    resultats = [];
    let precedente: Promise<unknown> = Promise.resolve();
    for (const t of taches) {
      const r = precedente.then(() => (arrete ? { anomalies: [], erreur: erreurDeReponse(INTERROMPUE) } : importerTache(t)));
      precedente = r;
      resultats.push(r);
    }
  }
  return {
    resultats,
    async arreter() {
      arrete = true;
      await Promise.all(travailleurs.map((w) => w.terminate()));
      await Promise.all(resultats);
    },
  };
}

const INTERROMPUE: Extract<ReponseImport, { ok: false }> = { ok: false, fichier: false, message: 'lecture interrompue', anomalies: [] };

function taille(chemin: string): number {
  try {
    return statSync(chemin).size;
  } catch {
    return 0;
  }
}
