// npm run build [-- --territoire ID]: data then site, into dist/.
import { construireTout } from '../src/construire.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { duree } from '../src/lib/format-fr.ts';
import { argument, echouer } from './cli.ts';

const t0 = performance.now();
try {
  const territoire = argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval';
  await construireTout(territoire, journalConsole());
  process.stdout.write(`\nObservatoire construit en ${duree(performance.now() - t0)} : dist/\n`);
} catch (e) {
  echouer(e);
}
