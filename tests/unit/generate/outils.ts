// Helpers for the generator tests: run it into a temporary folder and read
// its `;` CSV files with a parser independent from the generator's own code.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { genererEntrees, type ResultatGeneration } from '../../../src/generate/generer.ts';
import { RACINE } from '../../helpers/racine.ts';

export { RACINE };

export async function generer(graine?: number, territoire = 'sicoval'): Promise<ResultatGeneration> {
  const sortie = mkdtempSync(join(tmpdir(), 'obs-cil-generation-'));
  return genererEntrees({ racine: RACINE, territoire, graine, sortie });
}

export type Ligne = Record<string, string>;

/** RFC 4180 with a configurable separator; returns the header and the rows keyed by column. */
export function lireTableau(texte: string, sep = ';'): { entetes: string[]; lignes: Ligne[] } {
  const enregistrements: string[][] = [];
  let courant: string[] = [];
  let valeur = '';
  let entreGuillemets = false;
  for (let i = 0; i < texte.length; i++) {
    const c = texte[i];
    if (entreGuillemets) {
      if (c === '"' && texte[i + 1] === '"') {
        valeur += '"';
        i++;
      } else if (c === '"') entreGuillemets = false;
      else valeur += c;
    } else if (c === '"') entreGuillemets = true;
    else if (c === sep) {
      courant.push(valeur);
      valeur = '';
    } else if (c === '\n') {
      courant.push(valeur.endsWith('\r') ? valeur.slice(0, -1) : valeur);
      enregistrements.push(courant);
      courant = [];
      valeur = '';
    } else valeur += c;
  }
  if (valeur !== '' || courant.length > 0) enregistrements.push([...courant, valeur]);
  const [entetes = [], ...corps] = enregistrements;
  return {
    entetes,
    lignes: corps.map((r) => {
      if (r.length !== entetes.length) throw new Error(`ligne de ${r.length} champs au lieu de ${entetes.length}`);
      return Object.fromEntries(entetes.map((h, i) => [h, r[i] ?? '']));
    }),
  };
}

export function lireFichier(chemin: string, sep = ';'): { entetes: string[]; lignes: Ligne[]; brut: string } {
  const brut = readFileSync(chemin, 'utf8');
  return { ...lireTableau(brut, sep), brut };
}

export const nombreFr = (s: string): number => Number(s.replace(',', '.'));
