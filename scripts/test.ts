// npm test [-- arguments of vitest run]: the type check and the three test projects at once; either failing fails.
// Without arguments, the unit project runs in its own Vitest process beside the integration and e2e one: it needs
// neither the run's reference build nor its site, and takes the core that set-up leaves idle (the pipeline and
// its secret audit run mostly on one core). With arguments (a file, --project…), one Vitest process as given.
// The unit project's and the type check's reports are printed at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const paquet = (chemin: string) => join(import.meta.dirname, '..', 'node_modules', chemin);
const fin = (p: ChildProcess): Promise<number> => new Promise((r) => p.on('close', (code) => r(code ?? 1)));

/** A child process whose output is kept for the end of the run. */
function enSilence(args: string[]): { p: ChildProcess; sortie: () => string } {
  let texte = '';
  const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  p.stdout!.on('data', (d: Buffer) => (texte += d));
  p.stderr!.on('data', (d: Buffer) => (texte += d));
  return { p, sortie: () => texte };
}

const vitest = paquet('vitest/vitest.mjs');
const args = process.argv.slice(2);
const tsc = enSilence([paquet('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
const unitaires = args.length === 0 ? enSilence([vitest, 'run', '--project', 'unit']) : null;
const principal = spawn(process.execPath, [vitest, 'run', ...(unitaires ? ['--project', 'integration', '--project', 'e2e'] : args)], { stdio: 'inherit' });

const [codeVitest, codeUnitaires, codeTsc] = await Promise.all([fin(principal), unitaires ? fin(unitaires.p) : Promise.resolve(0), fin(tsc.p)]);
if (unitaires) process.stdout.write(`\n— Tests unitaires (projet unit, lancé à côté) —\n${unitaires.sortie()}`);
if (codeTsc === 0) process.stdout.write('\nVérification des types (tsc) : aucune erreur\n');
else process.stderr.write(`\n✖ Vérification des types (tsc) : erreurs\n${tsc.sortie()}`);
if (unitaires && codeUnitaires !== 0) process.stderr.write('✖ Tests unitaires : échec (rapport ci-dessus)\n');
process.exitCode = codeVitest || codeUnitaires || codeTsc;
