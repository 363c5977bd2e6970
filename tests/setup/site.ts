// Global set-up of the e2e project: the observatory is built ONCE per run, with the project's own
// functions, into a temp folder — the run's synthetic reference build (tests/setup/reference.ts:
// generator and pipeline, shared with the integration project), then Astro — and served by the
// project's server on a free port. Test files read it through tests/helpers/site.ts (inject), which
// waits for the build: it runs in the background while the unit project runs (tests/helpers/attente.ts).
// Teardown stops the server and removes the folders: nothing is written in the clone.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { construireSite } from '../../src/construire.ts';
import { startStaticServer } from '../../src/serve/static-server.ts';
import { trouverChromium } from '../../src/navigateur/chromium.ts';
import type { SiteConstruit } from '../helpers/site.ts';
import { signalerFin } from '../helpers/attente.ts';
import { journalDeTest, prendreReference } from './reference.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { reference, construite: referenceConstruite, liberer } = prendreReference();
  const racine = mkdtempSync(join(tmpdir(), 'obs-e2e-'));
  const dist = join(racine, 'dist');
  // served from the start (empty until the build replaces it): the address is known now
  mkdirSync(dist);
  let serveur: Awaited<ReturnType<typeof startStaticServer>>;
  try {
    serveur = await startStaticServer({ root: dist, port: 0 });
  } catch (e) {
    rmSync(racine, { recursive: true, force: true });
    await liberer();
    throw e;
  }
  const construit = (async () => {
    await referenceConstruite;
    await construireSite(reference.territoire, journalDeTest, { build: reference.build, dist });
    // The npm package's Chromium is unpacked into the temp folder on first use, with no lock: done here,
    // once, before e2e files start in parallel workers.
    await trouverChromium();
  })();
  construit.catch(() => {});
  const site: SiteConstruit = {
    territoire: reference.territoire,
    url: serveur.url,
    dist,
    entrees: reference.entrees,
    donnees: reference.donnees,
    pages: reference.pages,
    fin: join(racine, 'fin'),
  };
  signalerFin(site.fin, construit);
  project.provide('site', site);
  return async () => {
    await construit.catch(() => {});
    await serveur.close();
    rmSync(racine, { recursive: true, force: true });
    await liberer();
  };
}
