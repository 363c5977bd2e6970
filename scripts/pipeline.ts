// npm run pipeline [-- --territoire ID --accepter-baisse]: ingest → model → publish, without building the site.
import { executerPipeline } from '../src/pipeline.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { argument, drapeau, echouer, territoireDemande } from './cli.ts';

try {
  const territoire = territoireDemande();
  await executerPipeline(territoire, { journal: journalConsole(), accepterBaisse: drapeau('--accepter-baisse') });
} catch (e) {
  echouer(e);
}
