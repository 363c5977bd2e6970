// Global set-up of the e2e project: the observatory is built ONCE per run, with the project's own
// functions, into a temp folder — synthetic exports (generator), pipeline, Astro — and served by the
// project's server on a free port. Test files read it through tests/helpers/site.ts (inject).
// Teardown stops the server and removes the folder: nothing is written in the clone.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { construireSite, genererSiAbsent } from '../../src/construire.ts';
import { dossierDonneesPubliees, executerPipeline, fichierPages } from '../../src/pipeline.ts';
import type { Journal } from '../../src/lib/journal.ts';
import { startStaticServer } from '../../src/serve/static-server.ts';
import type { SiteConstruit } from '../helpers/site.ts';

const TERRITOIRE = 'sicoval';

/** Stage durations on stderr, so that a slow run shows where its time goes. */
const journal: Journal = {
  async etape(nom, f) {
    const t0 = performance.now();
    const r = await f();
    process.stderr.write(`[site de test] ${nom} : ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return r;
  },
  info() {},
};

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const racine = mkdtempSync(join(tmpdir(), 'obs-e2e-'));
  const dossiers = { entrees: join(racine, 'entrees'), build: join(racine, 'build'), dist: join(racine, 'dist') };
  let fermer = async (): Promise<void> => {};
  try {
    await genererSiAbsent(TERRITOIRE, journal, dossiers);
    await journal.etape('Pipeline', () => executerPipeline(TERRITOIRE, { entrees: dossiers.entrees, build: dossiers.build }));
    await construireSite(TERRITOIRE, journal, dossiers);
    const serveur = await startStaticServer({ root: dossiers.dist, port: 0 });
    fermer = () => serveur.close();
    const site: SiteConstruit = {
      territoire: TERRITOIRE,
      url: serveur.url,
      dist: dossiers.dist,
      entrees: dossiers.entrees,
      donnees: dossierDonneesPubliees(TERRITOIRE, dossiers.build),
      pages: fichierPages(TERRITOIRE, dossiers.build),
    };
    project.provide('site', site);
  } catch (e) {
    rmSync(racine, { recursive: true, force: true });
    throw e;
  }
  return async () => {
    await fermer();
    rmSync(racine, { recursive: true, force: true });
  };
}
