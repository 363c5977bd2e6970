// Free text written by a household or about it (refusal reasons, demand motives,
// current housing, situation, composition) is never kept: each cell is mapped,
// as soon as it is read, onto a closed list of categories kept in
// data/config/categories-texte-libre.csv (word sequences → category). A text
// that matches none becomes "autre" and is counted, never copied: a CALEOL
// secretary's note cannot reach the private tables, let alone a published file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfigCsv } from '../config/csv.ts';
import { RACINE } from '../config/territoire.ts';
import { contientMots, plier } from './text/normalize.ts';

export const FICHIER_CATEGORIES = join(RACINE, 'data', 'config', 'categories-texte-libre.csv');
/** The category of a text that matches none of the list. */
export const AUTRE = 'autre';

export interface Classement {
  categorie: string;
  /** false: no pattern matched, the text was classed "autre" (counted in the quality report). */
  reconnu: boolean;
}

export interface Vocabulaire {
  nom: string;
  categories: string[];
  classer(brut: string): Classement;
}

let lignes: Record<string, string>[] | null = null;
const vocabulaires = new Map<string, Vocabulaire>();

export function chargerVocabulaire(nom: string): Vocabulaire {
  const connu = vocabulaires.get(nom);
  if (connu) return connu;
  lignes ??= parseConfigCsv(readFileSync(FICHIER_CATEGORIES, 'utf8'), FICHIER_CATEGORIES);
  const regles = lignes
    .filter((l) => l.vocabulaire === nom)
    .map((l) => ({ categorie: l.categorie ?? '', motifs: [l.categorie ?? '', ...(l.motifs ?? '').split('|')].map((m) => m.trim()).filter(Boolean) }));
  if (regles.length === 0) throw new Error(`${FICHIER_CATEGORIES} : aucune catégorie pour le vocabulaire « ${nom} » (type de colonne categorie:${nom})`);
  if (!regles.some((r) => r.categorie === AUTRE)) throw new Error(`${FICHIER_CATEGORIES} : le vocabulaire « ${nom} » doit avoir une catégorie « ${AUTRE} »`);
  const exactes = new Map(regles.map((r) => [plier(r.categorie), r.categorie]));
  const memo = new Map<string, Classement>();
  const v: Vocabulaire = {
    nom,
    categories: regles.map((r) => r.categorie),
    classer(brut) {
      const m = memo.get(brut);
      if (m) return m;
      const plie = plier(brut);
      const exacte = exactes.get(plie);
      let r: Classement;
      if (exacte !== undefined) r = { categorie: exacte, reconnu: true };
      else {
        // the first category (in the file's order) one of whose patterns the text contains
        const trouvee = regles.find((x) => x.motifs.some((motif) => contientMots(plie, motif)));
        r = trouvee ? { categorie: trouvee.categorie, reconnu: true } : { categorie: AUTRE, reconnu: false };
      }
      if (memo.size < 4096) memo.set(brut, r);
      return r;
    },
  };
  vocabulaires.set(nom, v);
  return v;
}
