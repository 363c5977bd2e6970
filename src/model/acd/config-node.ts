// Build-time loading of data/config/acd.json (Node only; the browser imports the JSON).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RACINE } from '../../config/territoire.ts';
import { lireParametresAcd, type ParametresAcd } from './parametres.ts';

export const FICHIER_PARAMETRES_ACD = join(RACINE, 'data', 'config', 'acd.json');

export function chargerParametresAcd(chemin = FICHIER_PARAMETRES_ACD): ParametresAcd {
  return lireParametresAcd(JSON.parse(readFileSync(chemin, 'utf8')));
}
