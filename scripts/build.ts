// npm run build [-- --territoire ID --accepter-baisse]: data then site, into dist/ (the previous site stays when the data are refused).
import { construireTout } from '../src/construire.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { duree } from '../src/lib/format-fr.ts';
import { argument, drapeau, echouer, territoireDemande } from './cli.ts';

const t0 = performance.now();
try {
  const territoire = territoireDemande();
  await construireTout(territoire, journalConsole(), { accepterBaisse: drapeau('--accepter-baisse') });
  process.stdout.write(`\nObservatoire construit en ${duree(performance.now() - t0)} : dist/\n`);
} catch (e) {
  echouer(e);
}
