// npm run pipeline [-- --territoire ID]: ingest → model → publish, without building the site.
import { executerPipeline } from '../src/pipeline.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { argument, echouer } from './cli.ts';

try {
  const territoire = argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval';
  await executerPipeline(territoire, { journal: journalConsole() });
} catch (e) {
  echouer(e);
}
