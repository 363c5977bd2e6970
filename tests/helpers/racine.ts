// Paths every test resolves from the repository's root, whatever its own folder depth.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Root of this clone (the folder holding package.json). */
export const RACINE = resolve(import.meta.dirname, '..', '..');

/** Test inputs kept in the repository. */
export const FIXTURES = join(RACINE, 'tests', 'fixtures');

/**
 * The project's shared reference folder, next to the clone (`../shared`), or OBS_PARTAGE.
 * The project builds and tests without it: tests that read it are skipped, with the reason shown.
 */
export const PARTAGE = process.env.OBS_PARTAGE ?? resolve(RACINE, '..', 'shared');

/** True when every file is there; otherwise says on the console which tests are skipped and why. */
export function partagePresent(quoi: string, ...chemins: string[]): boolean {
  const absents = chemins.filter((c) => !existsSync(c));
  if (absents.length > 0) console.warn(`${quoi} : tests ignorés, ${absents.join(', ')} absent (dossier partagé ../shared ou OBS_PARTAGE)`);
  return absents.length === 0;
}
