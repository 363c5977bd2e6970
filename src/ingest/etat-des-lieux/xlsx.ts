/** Lecture des classeurs .xlsx en lignes de texte, pour le même analyseur que les CSV. */
import readXlsxFile from 'read-excel-file/node';
import { etendreFusions, zonesFusionnees } from './xlsx-fusions.ts';
import type { Zone } from './xlsx-fusions.ts';

export interface FeuilleTexte {
  nom: string;
  /** Lignes de la feuille, la première étant la ligne 1 (lignes vides comprises). */
  lignes: string[][];
}

function deux(n: number): string {
  return String(n).padStart(2, '0');
}

/** Nombre → texte sans notation exponentielle (0.0939 → « 0.0939 », 30816617 → « 30816617 »). */
export function nombreEnTexte(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const s = String(n);
  if (!/e/iu.test(s)) return s;
  return n
    .toFixed(20)
    .replace(/(\.\d*?)0+$/u, '$1')
    .replace(/\.$/u, '');
}

/** Cellule de tableur → texte : dates en jj/mm/aaaa (UTC), booléens en Oui/Non. */
export function celluleEnTexte(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    return `${deux(v.getUTCDate())}/${deux(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  }
  if (typeof v === 'number') return nombreEnTexte(v);
  if (typeof v === 'boolean') return v ? 'Oui' : 'Non';
  return String(v);
}

/**
 * Lit toutes les feuilles d'un classeur, cellules fusionnées étendues à toute
 * leur zone. Lève l'erreur de read-excel-file si le fichier est corrompu.
 */
export async function lireClasseur(octets: Uint8Array): Promise<FeuilleTexte[]> {
  const feuilles = await readXlsxFile(Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength), { trim: false });
  let fusions = new Map<string, Zone[]>();
  try {
    fusions = zonesFusionnees(octets);
  } catch {
    // Archive lisible par read-excel-file mais pas par notre lecteur minimal : fusions ignorées.
  }
  return feuilles.map((f) => {
    const lignes = f.data.map((ligne) => ligne.map((c) => celluleEnTexte(c as unknown)));
    etendreFusions(lignes, fusions.get(f.sheet) ?? []);
    return { nom: f.sheet, lignes };
  });
}
