// The glossary (data/config/glossaire.json): definitions in plain words, the page
// /glossaire/ and the <abbr title> put on each acronym where it first appears on a page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface EntreeGlossaire {
  id: string;
  /** the acronym as printed (PLAI, QPV…); absent for a plain term */
  sigle?: string;
  terme: string;
  definition: string;
  source?: string;
}

let cache: EntreeGlossaire[] | null = null;

export function glossaire(racine = process.cwd()): EntreeGlossaire[] {
  if (!cache) {
    const brut = JSON.parse(readFileSync(join(racine, 'data', 'config', 'glossaire.json'), 'utf8')) as { entrees: EntreeGlossaire[] };
    cache = [...brut.entrees].sort((a, b) => (a.sigle ?? a.terme).localeCompare(b.sigle ?? b.terme, 'fr'));
  }
  return cache;
}

/** The title of an acronym's <abbr>: "Prêt locatif aidé d'intégration : financement des logements…". */
export function titreSigle(e: EntreeGlossaire): string {
  return `${e.terme} : ${e.definition}`;
}
