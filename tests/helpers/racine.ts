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

export const partageAbsent = (chemin = PARTAGE): string | false =>
  existsSync(chemin) ? false : `dossier partagé absent (${chemin}) : test ignoré`;
