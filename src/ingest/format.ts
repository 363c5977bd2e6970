// Import formats are data (data/config/formats/<id>-colonnes.csv): canonical
// column, accepted header synonyms, type, required. A new export layout is a
// new synonym, not new code.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigCsv } from '../config/csv.ts';
import { RACINE } from '../config/territoire.ts';

export type IdFormat = 'rpls' | 'ops' | 'attributions';
/** Optional inputs, read only when their file is there (demand extract: src/ingest/demandes.ts). */
export type IdFormatOptionnel = 'demandes';

export interface ColonneFormat {
  colonne: string;
  synonymes: string[];
  type: string;
  obligatoire: boolean;
  /** Household-level (data/config/formats, column `personnelle`): its values are never shown, only their kind. */
  personnelle: boolean;
  description: string;
}

export interface Format {
  id: IdFormat | IdFormatOptionnel;
  fichierConfig: string;
  colonnes: ColonneFormat[];
}

export const DOSSIER_FORMATS = join(RACINE, 'data', 'config', 'formats');

export function chargerFormat(id: IdFormat | IdFormatOptionnel): Format {
  const fichierConfig = join(DOSSIER_FORMATS, `${id}-colonnes.csv`);
  const colonnes = parseConfigCsv(readFileSync(fichierConfig, 'utf8'), fichierConfig).map((r) => ({
    colonne: r.colonne ?? '',
    synonymes: [r.colonne ?? '', ...(r.synonymes ?? '').split('|')].filter(Boolean),
    type: r.type ?? 'texte',
    obligatoire: r.obligatoire === 'oui',
    personnelle: r.personnelle === 'oui',
    description: r.description ?? '',
  }));
  return { id, fichierConfig, colonnes };
}

/** Header folding: case, accents, spaces and punctuation do not matter. */
export function plierEntete(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** SQL type of the cleaned column loaded into DuckDB. */
export function typeSql(type: string): string {
  const nom = type.split(':')[0];
  switch (nom) {
    case 'entier':
    case 'annee':
    case 'classe_ressources':
      return 'INTEGER';
    case 'decimal':
    case 'pourcentage':
      return 'DOUBLE';
    case 'date':
    case 'mois':
      return 'DATE';
    case 'booleen':
      return 'BOOLEAN';
    default:
      return 'VARCHAR';
  }
}
