// The build's private folder: clean copies of the exports and DuckDB's spill
// files, which hold households' data. Owner-only (0700), one per process
// (.prive-<pid>), removed at the end of the build whatever happens — normal
// end, error, Ctrl+C (SIGINT) or SIGTERM — and, when a build was killed
// outright (SIGKILL, power cut), by the next build, with the staging folders
// (.tmp-…-<pid>, .old-…-<pid>) that build left beside its outputs.
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const PREFIXE = '.prive-';
const echapper = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const ouverts = new Set<string>();

function vivant(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists (another user's)
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what builds that no longer run left in `dossier`: their private folders or, with
 * `cible`, the staging folders of that output (`.tmp-<cible>-<pid>`, `.old-<cible>-<pid>`,
 * src/lib/atomic.ts) — nothing else, even in a shared folder. Returns the names removed.
 */
export function nettoyerRestes(dossier: string, cible?: string): string[] {
  if (!existsSync(dossier)) return [];
  const motif = cible === undefined ? /^\.prive-(\d+)$/ : new RegExp(`^\\.(?:tmp|old)-${echapper(cible)}-(\\d+)$`);
  const retires: string[] = [];
  for (const nom of readdirSync(dossier)) {
    const m = motif.exec(nom);
    if (!m || vivant(Number(m[1]))) continue;
    rmSync(join(dossier, nom), { recursive: true, force: true });
    retires.push(nom);
  }
  return retires;
}

function toutSupprimer(): void {
  for (const d of ouverts) rmSync(d, { recursive: true, force: true });
  ouverts.clear();
}
const surSignal = (signal: NodeJS.Signals) => {
  toutSupprimer();
  // the usual exit codes of a process ended by this signal
  process.exit(signal === 'SIGINT' ? 130 : 143);
};

function ecouter(oui: boolean): void {
  for (const s of ['SIGINT', 'SIGTERM'] as const) {
    if (oui) process.on(s, surSignal);
    else process.off(s, surSignal);
  }
  if (oui) process.on('exit', toutSupprimer);
  else process.off('exit', toutSupprimer);
}

/** Creates this process's private folder in `parent` (after removing dead builds' leftovers). */
export function creerDossierPrive(parent: string): string {
  mkdirSync(parent, { recursive: true });
  nettoyerRestes(parent);
  // the folder of earlier versions of the pipeline, which kept it between builds
  rmSync(join(parent, 'entrees-propres'), { recursive: true, force: true });
  const d = join(parent, `${PREFIXE}${process.pid}`);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { mode: 0o700 });
  chmodSync(d, 0o700); // whatever the umask
  if (ouverts.size === 0) ecouter(true);
  ouverts.add(d);
  return d;
}

export function supprimerDossierPrive(d: string): void {
  rmSync(d, { recursive: true, force: true });
  if (ouverts.delete(d) && ouverts.size === 0) ecouter(false);
}
