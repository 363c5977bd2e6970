// A data table as shown on the page (cells formatted in French: "1 234", "37,5 %",
// "—") → CSV for a French Excel: numbers without thousands separator and with a
// decimal comma, percentages as numbers with "(%)" in the column header, "—" empty.
// Pure: used by client/telechargement-graphiques.ts (and unit-tested in Node).
import { csvExcel } from '../../publish/qualite.ts';

const ESPACES = /[\s\u00a0\u202f]/g;
const NOMBRE = /^[-−]?\d{1,3}(?:[\s\u00a0\u202f]?\d{3})*(?:,\d+)?$/;
const POURCENT = /^([-−]?\d{1,3}(?:[\s\u00a0\u202f]?\d{3})*(?:,\d+)?)[\s\u00a0\u202f]*%$/;
const VIDES = new Set(['', '—', '–', '-']);

type Cellule = { texte: string; pourcent: boolean; nombre: boolean };

function lireCellule(brut: string): Cellule {
  const s = brut.replace(/\s+/g, ' ').trim();
  if (VIDES.has(s)) return { texte: '', pourcent: false, nombre: false };
  const p = POURCENT.exec(s);
  if (p) return { texte: p[1]!.replace(ESPACES, '').replace('−', '-'), pourcent: true, nombre: true };
  if (NOMBRE.test(s)) return { texte: s.replace(ESPACES, '').replace('−', '-'), pourcent: false, nombre: true };
  return { texte: s, pourcent: false, nombre: false };
}

/**
 * CSV text of a table: header row then rows of cell texts. A column whose filled
 * cells are all percentages is written as numbers, its header suffixed " (%)";
 * elsewhere a percentage keeps its sign ("37,5 %", read as a percentage by Excel).
 */
export function csvDepuisTableau(colonnes: string[], lignes: string[][]): string {
  const cellules = lignes.map((l) => l.map(lireCellule));
  const enPourcent = colonnes.map((_c, j) => {
    const remplies = cellules.map((l) => l[j]).filter((c): c is Cellule => !!c && c.texte !== '');
    return remplies.length > 0 && remplies.every((c) => c.pourcent);
  });
  const entete = colonnes.map((c, j) => (enPourcent[j] ? `${c.replace(/\s+/g, ' ').trim()} (%)` : c.replace(/\s+/g, ' ').trim()));
  const corps = cellules.map((l) => l.map((c, j) => (c.pourcent && !enPourcent[j] ? `${c.texte} %` : c.texte)));
  return csvExcel(entete, corps);
}

/** File name from a title: "Part des … 2024" → "part-des-2024.csv". */
export function nomFichierCsv(titre: string): string {
  const base = titre
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '');
  return `${base || 'donnees'}.csv`;
}
