// The data-quality report: per file, rows read / loaded / rejected, and each
// anomaly with file, line, column, value and what was expected. The full detail
// stays on the build machine (values may be personal); the published version
// keeps file, line, column and reason, never the value of a personal column.
import type { Anomalie, BilanFichier } from '../ingest/importer.ts';

export const COLONNES_PERSONNELLES = new Set([
  'num_unique', 'ident_rep', 'ressources_mensuelles', 'age_demandeur', 'age_titulaire', 'adresse', 'date_emmenagement', 'motif_refus',
]);

function cellule(v: string | number): string {
  const s = String(v);
  return /[";\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV for a French Excel: UTF-8 with BOM, `;`. */
export function csvExcel(entete: string[], lignes: (string | number)[][]): string {
  return '\uFEFF' + [entete, ...lignes].map((l) => l.map(cellule).join(';')).join('\r\n') + '\r\n';
}

export function csvBilans(bilans: BilanFichier[]): string {
  return csvExcel(
    ['fichier', 'format', 'encodage', 'separateur', 'lignes_lues', 'chargees', 'rejetees', 'hors_territoire', 'avertissements'],
    bilans.map((b) => [b.fichier, b.format, b.encodage, b.separateur, b.lignesLues, b.chargees, b.rejetees, b.horsPerimetre, b.avertissements]),
  );
}

export function csvAnomalies(anomalies: Anomalie[], publie: boolean): string {
  return csvExcel(
    ['fichier', 'ligne', 'colonne', 'valeur', 'attendu', 'gravite'],
    anomalies.map((a) => [
      a.fichier,
      a.ligne,
      a.colonne,
      publie && COLONNES_PERSONNELLES.has(a.colonne) ? '(masquée : donnée personnelle)' : a.valeur,
      a.attendu,
      a.gravite,
    ]),
  );
}
