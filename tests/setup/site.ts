// Global set-up of the e2e project: the observatory is built ONCE per run, with the project's own
// functions, into a temp folder — the run's synthetic reference build (tests/setup/reference.ts:
// generator and pipeline, shared with the integration project), then Astro — and served by the
// project's server on a free port. Test files read it through tests/helpers/site.ts (inject).
// Teardown stops the server and removes the folders: nothing is written in the clone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { construireSite } from '../../src/construire.ts';
import { startStaticServer } from '../../src/serve/static-server.ts';
import { trouverChromium } from '../../src/navigateur/chromium.ts';
import type { SiteConstruit } from '../helpers/site.ts';
import { journalDeTest, prendreReference } from './reference.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The npm package's Chromium is unpacked into the temp folder on first use, with no lock: done here,
  // once, before e2e files start in parallel workers — meanwhile the reference is built (≈ 3 s saved).
  const chromiumDeballe = trouverChromium();
  chromiumDeballe.catch(() => {}); // awaited below; not an unhandled rejection if the reference fails first
  const { reference, liberer } = await prendreReference();
  const racine = mkdtempSync(join(tmpdir(), 'obs-e2e-'));
  const dist = join(racine, 'dist');
  let fermer = async (): Promise<void> => {};
  try {
    await construireSite(reference.territoire, journalDeTest, { build: reference.build, dist });
    await chromiumDeballe;
    const serveur = await startStaticServer({ root: dist, port: 0 });
    fermer = () => serveur.close();
    const site: SiteConstruit = {
      territoire: reference.territoire,
      url: serveur.url,
      dist,
      entrees: reference.entrees,
      donnees: reference.donnees,
      pages: reference.pages,
    };
    project.provide('site', site);
  } catch (e) {
    rmSync(racine, { recursive: true, force: true });
    liberer();
    throw e;
  }
  return async () => {
    await fermer();
    rmSync(racine, { recursive: true, force: true });
    liberer();
  };
}
