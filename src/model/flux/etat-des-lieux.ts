// Summary of an état des lieux (rows already normalised by the importer) to cross-check Annexe 1
// (flags COUNT_MISMATCH / RATE_MISMATCH, FLUX.md).
import type { EtatDesLieuxResume } from './types.ts';

export interface LigneEtatDesLieux {
  /** Normalised réservataire category (e.g. "COMMUNE", "ETAT_PRIORITAIRES"). */
  reservataire: string;
  /** Rotation rate printed on the row, fraction (0.0939), or null. */
  taux_rotation?: number | null;
}

/**
 * nb_logements = rows listed; nb_logements_reservataire = rows of `categorie`;
 * taux_rotation = the rate printed on the rows when they all agree (otherwise left out).
 */
export function resumerEtatDesLieux(lignes: readonly LigneEtatDesLieux[], categorie: string): EtatDesLieuxResume {
  const taux = new Set(lignes.map((l) => l.taux_rotation).filter((t): t is number => typeof t === 'number'));
  const resume: EtatDesLieuxResume = {
    nb_logements: lignes.length,
    nb_logements_reservataire: lignes.filter((l) => l.reservataire === categorie).length,
  };
  const [seul] = taux;
  if (taux.size === 1 && seul !== undefined) resume.taux_rotation = seul;
  return resume;
}
