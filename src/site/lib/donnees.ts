// Build-time access to the numbers computed by the pipeline (build/<territoire>/pages.json).
import { readFileSync, existsSync } from 'node:fs';
import { fichierPages } from '../../config/territoire.ts';
import type { DonneesPages } from '../../publish/pages.ts';
import type { Ligne } from '../../model/db.ts';

export const TERRITOIRE = process.env.OBS_TERRITOIRE ?? 'sicoval';

let cache: DonneesPages | null = null;
export function donnees(): DonneesPages {
  if (!cache) {
    const chemin = fichierPages(TERRITOIRE);
    if (!existsSync(chemin)) {
      throw new Error(`${chemin} introuvable : lancez « npm run build » (ou « npm run pipeline ») avant « astro build »`);
    }
    cache = JSON.parse(readFileSync(chemin, 'utf8')) as DonneesPages;
  }
  return cache;
}

export function num(l: Ligne | null | undefined, cle: string): number | null {
  const v = l?.[cle];
  return typeof v === 'number' ? v : null;
}

/** The attributions row of a year (the latest when not given). */
export function anneeAttr(lignes: Ligne[], annee: number | null): Ligne | null {
  return lignes.find((l) => l.annee === annee && l.periode === 'annee') ?? null;
}
