// Commune codes as exports write them, checked against the official COG
// (@etalab/decoupage-administratif, shipped with the project: no download).
// Paris, Lyon and Marseille are often coded by arrondissement municipal
// (75101-75120, 69381-69389, 13201-13216): they are read as their commune.
import { createRequire } from 'node:module';

interface EntreeCog { code: string; nom: string; type: string; commune?: string }

let index: { arrondissements: Map<string, string>; noms: Map<string, string> } | null = null;

function cog() {
  if (!index) {
    const req = createRequire(import.meta.url);
    const communes = req('@etalab/decoupage-administratif/data/communes.json') as EntreeCog[];
    const arrondissements = new Map<string, string>();
    const noms = new Map<string, string>();
    for (const c of communes) {
      if (c.type === 'arrondissement-municipal' && c.commune) arrondissements.set(c.code, c.commune);
      // current communes first; delegated / associated ones (old codes still found in older files) after
      if (c.type === 'commune-actuelle' || !noms.has(c.code)) noms.set(c.code, c.nom);
    }
    index = { arrondissements, noms };
  }
  return index;
}

/** 13201 → 13055, 69381 → 69123, 75101 → 75056; null for any other code. */
export function communeDeArrondissement(code: string): string | null {
  return cog().arrondissements.get(code) ?? null;
}

/** Name of a commune (current, delegated or associated) or arrondissement in the COG; null if the code is unknown. */
export function nomCommuneCog(code: string): string | null {
  return cog().noms.get(code) ?? null;
}
