// Thresholds of the checks that stop a publication (data/config/garde-fous.json):
// a broken export must not replace a good site.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RACINE } from './territoire.ts';

export interface GardeFous {
  /** % of a file's rows (those of the territory) rejected beyond which nothing is published. */
  rejetsMaxPct: number;
  /** % drop of loaded rows of one kind of export vs the previous publication beyond which nothing is published. */
  baisseLignesMaxPct: number;
  /** Years one kind of export may lose vs the previous publication. */
  anneesEnMoinsMax: number;
  /** Detailed anomalies kept per file and column (the others are counted). */
  anomaliesDetailleesParColonne: number;
}

export const FICHIER_GARDE_FOUS = join(RACINE, 'data', 'config', 'garde-fous.json');

let cache: GardeFous | null = null;

export function chargerGardeFous(): GardeFous {
  if (cache) return cache;
  const j = JSON.parse(readFileSync(FICHIER_GARDE_FOUS, 'utf8')) as Record<string, unknown>;
  const n = (cle: string, min: number, max: number): number => {
    const v = j[cle];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
      throw new Error(`${FICHIER_GARDE_FOUS} : « ${cle} » doit être un nombre entre ${min} et ${max}`);
    }
    return v;
  };
  cache = {
    rejetsMaxPct: n('rejets_max_pct', 0, 100),
    baisseLignesMaxPct: n('baisse_lignes_max_pct', 0, 100),
    anneesEnMoinsMax: n('annees_en_moins_max', 0, 1000),
    anomaliesDetailleesParColonne: n('anomalies_detaillees_par_colonne', 1, 1_000_000),
  };
  return cache;
}
