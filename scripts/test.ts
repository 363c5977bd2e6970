// npm test [-- arguments of vitest run]: the type check and the three test projects at once. tsc works on
// one core while the run's set-up builds the reference (mostly on one core too): the two together take
// the time of the test run alone. The type check's report is printed at the end; either failing fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

const paquet = (chemin: string) => join(import.meta.dirname, '..', 'node_modules', chemin);
const fin = (p: ChildProcess): Promise<number> => new Promise((r) => p.on('close', (code) => r(code ?? 1)));

const tsc = spawn(process.execPath, [paquet('typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
let rapport = '';
tsc.stdout!.on('data', (d: Buffer) => (rapport += d));
tsc.stderr!.on('data', (d: Buffer) => (rapport += d));
const vitest = spawn(process.execPath, [paquet('vitest/vitest.mjs'), 'run', ...process.argv.slice(2)], { stdio: 'inherit' });

const [codeVitest, codeTsc] = await Promise.all([fin(vitest), fin(tsc)]);
if (codeTsc === 0) process.stdout.write('\nVérification des types (tsc) : aucune erreur\n');
else process.stderr.write(`\n✖ Vérification des types (tsc) : erreurs\n${rapport}`);
process.exitCode = codeVitest || codeTsc;
