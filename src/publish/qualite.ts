// The data-quality report: per file, rows read / loaded / rejected, each
// anomaly with file, line, column, value (for a personal column: its kind only)
// and what was expected — the first N per file and column (data/config/
// garde-fous.json) — and the count of every anomaly per file and column.
import type { Anomalie, BilanFichier } from '../ingest/importer.ts';

/**
 * The value of an anomaly as it may be shown outside the build folder. The import already
 * replaced the value of every personal column (data/config/formats, column `personnelle`) by
 * its kind (src/ingest/valeur-personnelle.ts): what is left is the partner's own coding.
 */
export function valeurAffichable(a: Pick<Anomalie, 'valeur'>): string {
  return a.valeur;
}

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
    ['fichier', 'format', 'variante', 'encodage', 'separateur', 'lignes_lues', 'chargees', 'rejetees', 'hors_territoire', 'avertissements', 'textes_libres_classes_autre', 'remarques'],
    bilans.map((b) => [
      b.fichier, b.format, b.variante, b.encodage, b.separateur, b.lignesLues, b.chargees, b.rejetees, b.horsPerimetre, b.avertissements,
      (b.textesNonReconnus ?? []).reduce((s, x) => s + x.nombre, 0),
      (b.remarques ?? []).join(' | '),
    ]),
  );
}

/** Every anomaly counted, per file and column, and how many of them are detailed in qualite-anomalies.csv. */
export function csvComptesAnomalies(bilans: BilanFichier[]): string {
  return csvExcel(
    ['fichier', 'colonne', 'lignes_rejetees', 'valeurs_ignorees', 'detaillees'],
    bilans.flatMap((b) => (b.comptesAnomalies ?? []).map((c) => [b.fichier, c.colonne, c.rejets, c.avertissements, c.detaillees])),
  );
}

export function csvAnomalies(anomalies: Anomalie[], publie: boolean): string {
  return csvExcel(
    ['fichier', 'ligne', 'colonne', 'entete', 'valeur', 'attendu', 'detail', 'gravite'],
    anomalies.map((a) => [a.fichier, a.ligne, a.colonne, a.entete ?? '', valeurAffichable(a), a.attendu, a.detail ?? '', a.gravite]),
  );
}
