// Small helpers shared by the command-line entry points.
import { verifierIdTerritoire } from '../src/config/territoire.ts';

export function argument(nom: string): string | undefined {
  const i = process.argv.indexOf(nom);
  if (i >= 0) return process.argv[i + 1];
  const egal = process.argv.find((a) => a.startsWith(`${nom}=`));
  return egal?.slice(nom.length + 1);
}

/** --territoire ID, else OBS_TERRITOIRE, else sicoval: only an id of data/territoires/ (French error listing them). */
export function territoireDemande(): string {
  return verifierIdTerritoire(argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval');
}

export function drapeau(nom: string): boolean {
  return process.argv.includes(nom);
}

/** Prints a French error without a stack trace for expected failures, and exits non-zero. */
export function echouer(e: unknown): never {
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`\n✖ Erreur : ${message}\n`);
  if (process.env.OBS_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
  process.exit(1);
}
