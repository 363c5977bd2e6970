/**
 * npm run serve [-- --dossier dist --port 4321 --hote 127.0.0.1 --journal]
 *
 * Serves the built site with the same headers as the production configuration
 * (docs/deploiement.md). Stops cleanly on Ctrl+C (SIGINT) or SIGTERM.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SERVE_USAGE, parseServeArgs } from '../src/serve/args.ts';
import type { ServeArgs } from '../src/serve/args.ts';
import { startStaticServer } from '../src/serve/static-server.ts';
import type { StaticServer } from '../src/serve/static-server.ts';

function fail(message: string): never {
  console.error(`Erreur : ${message}`);
  process.exit(1);
}

let args: ServeArgs;
try {
  args = parseServeArgs(process.argv.slice(2));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
if (args.aide) {
  console.log(SERVE_USAGE);
  process.exit(0);
}

const root = resolve(args.dossier);
const rootStats = await stat(root).catch(() => null);
if (!rootStats) fail(`le dossier ${root} n'existe pas : lancez d'abord npm run build`);
if (!rootStats.isDirectory()) fail(`${root} n'est pas un dossier`);
if (!(await stat(resolve(root, 'index.html')).catch(() => null))?.isFile()) {
  console.warn(`Attention : ${root} ne contient pas de index.html (le site a-t-il été construit ? npm run build)`);
}

let server: StaticServer;
try {
  server = await startStaticServer({
    root,
    port: args.port,
    host: args.hote,
    log: args.journal ? (line) => console.log(line) : undefined,
  });
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') {
    fail(`le port ${args.port} est déjà utilisé sur ${args.hote} : arrêtez l'autre serveur ou choisissez un autre port (--port 8080)`);
  }
  if (code === 'EACCES') {
    fail(`pas le droit d'écouter sur le port ${args.port} (les ports inférieurs à 1024 demandent des droits d'administrateur) : choisissez --port 4321`);
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    fail(`adresse d'écoute inconnue sur cette machine : ${args.hote}`);
  }
  fail(`impossible de démarrer le serveur : ${error instanceof Error ? error.message : String(error)}`);
}

// the handlers before the message that invites Ctrl+C: a signal sent on reading it must find them
let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\nArrêt du serveur (${signal}).`);
  await server.close();
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

console.log(`Observatoire servi depuis ${root}`);
console.log(`Ouvrez ${server.url} dans votre navigateur (Ctrl+C pour arrêter).`);
if (args.hote === '0.0.0.0' || args.hote === '::') {
  console.log('Le serveur écoute sur toutes les interfaces réseau de cette machine.');
}
