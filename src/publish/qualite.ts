// The data-quality report: per file, rows read / loaded / rejected, and each
// anomaly with file, line, column, value and what was expected. The full detail
// stays on the build machine (values may be personal); the published version
// keeps file, line, column and reason, never the value of a personal column.
import type { Anomalie, BilanFichier } from '../ingest/importer.ts';

/** Columns whose values are household-level: never published, never printed (check-data masks them too). */
export const COLONNES_PERSONNELLES = new Set([
  'num_unique', 'pseudo_demande', 'ident_rep', 'ressources_mensuelles', 'ressources_pct_plafond_plus', 'age_demandeur', 'age_titulaire',
  'adresse', 'date_emmenagement', 'date_bail', 'motif_refus', 'composition', 'situation_pro', 'categorie_prioritaire',
  // demand extract (data/config/formats/demandes-colonnes.csv)
  'date_depot', 'date_renouvellement', 'date_sortie', 'logement_actuel', 'motif',
]);

export const VALEUR_MASQUEE = '(masquée : donnée personnelle)';

/** The value of an anomaly as it may be shown outside the build folder. */
export function valeurAffichable(a: Pick<Anomalie, 'colonne' | 'valeur'>): string {
  return COLONNES_PERSONNELLES.has(a.colonne) ? VALEUR_MASQUEE : a.valeur;
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
    ['fichier', 'format', 'variante', 'encodage', 'separateur', 'lignes_lues', 'chargees', 'rejetees', 'hors_territoire', 'avertissements', 'remarques'],
    bilans.map((b) => [
      b.fichier, b.format, b.variante, b.encodage, b.separateur, b.lignesLues, b.chargees, b.rejetees, b.horsPerimetre, b.avertissements,
      (b.remarques ?? []).join(' | '),
    ]),
  );
}

export function csvAnomalies(anomalies: Anomalie[], publie: boolean): string {
  return csvExcel(
    ['fichier', 'ligne', 'colonne', 'entete', 'valeur', 'attendu', 'detail', 'gravite'],
    anomalies.map((a) => [a.fichier, a.ligne, a.colonne, a.entete ?? '', publie ? valeurAffichable(a) : a.valeur, a.attendu, a.detail ?? '', a.gravite]),
  );
}
