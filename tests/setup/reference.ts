// The synthetic reference build of a test run: the generator's exports of the Sicoval and one pipeline run
// over them, into a temp folder. Built once per run and shared by the integration project (read only,
// through tests/helpers/reference.ts) and the e2e project (which builds the site from it), even when both
// run in the same `vitest run`: the promise lives on globalThis of Vitest's main process.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { genererSiAbsent } from '../../src/construire.ts';
import { dossierDonneesPubliees, dossierTravail, executerPipeline, fichierPages } from '../../src/pipeline.ts';
import type { Journal } from '../../src/lib/journal.ts';

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
  promesse: Promise<Reference>;
  utilisateurs: number;
}
const CLE = Symbol.for('observatoire-cil.tests.reference');
const global = globalThis as typeof globalThis & { [CLE]?: Partage };

async function construire(): Promise<Reference> {
  const racine = mkdtempSync(join(tmpdir(), 'obs-reference-'));
  const entrees = join(racine, 'entrees');
  const build = join(racine, 'build');
  try {
    await genererSiAbsent(TERRITOIRE, journalDeTest, { entrees });
    await journalDeTest.etape('Pipeline', () => executerPipeline(TERRITOIRE, { entrees, build }));
  } catch (e) {
    rmSync(racine, { recursive: true, force: true });
    throw e;
  }
  return {
    territoire: TERRITOIRE,
    racine,
    entrees,
    build,
    donnees: dossierDonneesPubliees(TERRITOIRE, build),
    pages: fichierPages(TERRITOIRE, build),
    travail: dossierTravail(TERRITOIRE, build),
  };
}

/** The run's reference build, and a release that removes it after its last user. */
export async function prendreReference(): Promise<{ reference: Reference; liberer: () => void }> {
  const p = (global[CLE] ??= { promesse: construire(), utilisateurs: 0 });
  p.utilisateurs++;
  const reference = await p.promesse;
  let libere = false;
  return {
    reference,
    liberer: () => {
      if (libere) return;
      libere = true;
      if (--p.utilisateurs === 0) {
        rmSync(reference.racine, { recursive: true, force: true });
        delete global[CLE];
      }
    },
  };
}

/** Global set-up of the integration project. */
export default async function setup(project: TestProject): Promise<() => void> {
  const { reference, liberer } = await prendreReference();
  project.provide('reference', reference);
  return liberer;
}
