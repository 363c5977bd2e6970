// Builds the observatory once per test process with the project's own commands
// (generator when no inputs, pipeline, Astro) and serves it with the project's server.
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { genererSiAbsent, construireSite } from '../../src/construire.ts';
import { executerPipeline, dossierDonneesPubliees, type ResultatPipeline } from '../../src/pipeline.ts';
import { journalMuet } from '../../src/lib/journal.ts';
import { startStaticServer, type StaticServer } from '../../src/serve/static-server.ts';

export interface SiteDeTest {
  dist: string;
  donnees: string;
  serveur: StaticServer;
  pipeline: ResultatPipeline;
}

let promesse: Promise<SiteDeTest> | null = null;

export function siteDeTest(): Promise<SiteDeTest> {
  promesse ??= (async () => {
    await genererSiAbsent('sicoval', journalMuet);
    const pipeline = await executerPipeline('sicoval');
    const dist = join(mkdtempSync(join(tmpdir(), 'obs-e2e-')), 'dist');
    await construireSite('sicoval', journalMuet, dist);
    const serveur = await startStaticServer({ root: dist, port: 0 });
    return { dist, donnees: dossierDonneesPubliees('sicoval'), serveur, pipeline };
  })();
  return promesse;
}
