// The synthetic reference build of a test run: the generator's exports of the Sicoval and one pipeline run
// over them, into a temp folder. Built once per run and shared by the integration project (read only,
// through tests/helpers/reference.ts) and the e2e project (which builds the site from it), even when both
// run in the same `vitest run`: the promise lives on globalThis of Vitest's main process.
//
// The build runs in the background: the set-up hands out the folders at once and writes a marker file when
// the build is over (tests/helpers/attente.ts), so that the unit project (first group, vitest.config.ts)
// runs meanwhile. The files that read the build wait for the marker.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { genererSiAbsent } from '../../src/construire.ts';
import { dossierDonneesPubliees, dossierTravail, executerPipeline, fichierPages } from '../../src/pipeline.ts';
import type { Journal } from '../../src/lib/journal.ts';
import { signalerFin } from '../helpers/attente.ts';

export const TERRITOIRE = 'sicoval';

/** Folders of the reference build (all under one temp folder). */
export interface Reference {
  territoire: string;
  racine: string;
  /** the synthetic exports (with SYNTHETIQUE.json) */
  entrees: string;
  /** root of the build folders: <build>/<territoire>/donnees, pages.json */
  build: string;
  /** the published data */
  donnees: string;
  /** pages.json */
  pages: string;
  /** the pipeline's working folder (qualite-detail.csv…) */
  travail: string;
  /** written when the build is over: « ok » or the error (tests/helpers/attente.ts) */
  fin: string;
}

/** Stage durations on stderr, so that a slow run shows where its time goes. */
export const journalDeTest: Journal = {
  async etape(nom, f) {
    const t0 = performance.now();
    const r = await f();
    process.stderr.write(`[construction de test] ${nom} : ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
    return r;
  },
  info() {},
};

interface Partage {
  reference: Reference;
  /** resolves when the build is over, rejects if it failed */
  construite: Promise<void>;
  utilisateurs: number;
}
const CLE = Symbol.for('observatoire-cil.tests.reference');
const global = globalThis as typeof globalThis & { [CLE]?: Partage };

function lancer(): Partage {
  const racine = mkdtempSync(join(tmpdir(), 'obs-reference-'));
  const entrees = join(racine, 'entrees');
  const build = join(racine, 'build');
  const reference: Reference = {
    territoire: TERRITOIRE,
    racine,
    entrees,
    build,
    donnees: dossierDonneesPubliees(TERRITOIRE, build),
    pages: fichierPages(TERRITOIRE, build),
    travail: dossierTravail(TERRITOIRE, build),
    fin: join(racine, 'fin'),
  };
  const construite = (async () => {
    await genererSiAbsent(TERRITOIRE, journalDeTest, { entrees });
    await journalDeTest.etape('Pipeline', () => executerPipeline(TERRITOIRE, { entrees, build }));
  })();
  signalerFin(reference.fin, construite);
  // a failure is reported to the files that wait for it, not as an unhandled rejection of the main process
  construite.catch(() => {});
  return { reference, construite, utilisateurs: 0 };
}

/** The run's reference build (still building), and a release that removes it after its last user. */
export function prendreReference(): { reference: Reference; construite: Promise<void>; liberer: () => Promise<void> } {
  const p = (global[CLE] ??= lancer());
  p.utilisateurs++;
  let libere = false;
  return {
    reference: p.reference,
    construite: p.construite,
    liberer: async () => {
      if (libere) return;
      libere = true;
      if (--p.utilisateurs === 0) {
        await p.construite.catch(() => {});
        rmSync(p.reference.racine, { recursive: true, force: true });
        delete global[CLE];
      }
    },
  };
}

/** Global set-up of the integration project. */
export default function setup(project: TestProject): () => Promise<void> {
  const { reference, liberer } = prendreReference();
  project.provide('reference', reference);
  return liberer;
}
