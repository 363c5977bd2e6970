// Global set-up of every project: the pseudonymisation key of this run lives in a temp folder
// (src/ingest/entrees.ts reads OBS_CLE_PSEUDONYMISATION), not in data/territoires/<id>/ of the clone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  if (process.env.OBS_CLE_PSEUDONYMISATION) return () => {};
  const dossier = mkdtempSync(join(tmpdir(), 'obs-cle-'));
  process.env.OBS_CLE_PSEUDONYMISATION = join(dossier, 'cle-pseudonymisation');
  return () => {
    delete process.env.OBS_CLE_PSEUDONYMISATION;
    rmSync(dossier, { recursive: true, force: true });
  };
}
