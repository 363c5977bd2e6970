// npm start [-- --territoire ID --port 4321]: build, then serve dist/ on localhost.
import { construireTout, DOSSIER_DIST } from '../src/construire.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { startStaticServer } from '../src/serve/static-server.ts';
import { argument, drapeau, echouer, territoireDemande } from './cli.ts';

try {
  const territoire = territoireDemande();
  const port = Number(argument('--port') ?? process.env.PORT ?? 4321);
  await construireTout(territoire, journalConsole(), { accepterBaisse: drapeau('--accepter-baisse') });
  const serveur = await startStaticServer({ root: DOSSIER_DIST, port, host: '127.0.0.1' });
  // the handlers before the message that invites Ctrl+C
  const arreter = async () => {
    await serveur.close();
    process.exit(0);
  };
  process.on('SIGINT', arreter);
  process.on('SIGTERM', arreter);
  process.stdout.write(`\nObservatoire servi sur http://localhost:${serveur.port}/ — Ctrl+C pour arrêter.\n`);
} catch (e) {
  echouer(e);
}
