// Presentation of the demand indicators (D1-D4): labels of the profile variables,
// values or "secret", shared by the Demande page and the commune fiche.
import type { Ligne } from '../../model/db.ts';
import type { DonneesDemande } from '../../publish/pages-demande.ts';
import { nombre } from '../../lib/format-fr.ts';
import { donnees } from './donnees.ts';

export const TITRES_VARIABLES_DEMANDE: Record<string, string> = {
  prioritaire: 'Ménage reconnu prioritaire',
  mutation: 'Demande de mutation (déjà locataire du parc social)',
  age_classe: 'Âge du demandeur',
  composition: 'Composition du ménage',
  taille_menage: 'Taille du ménage',
  situation: 'Situation professionnelle',
  origine: 'Logement actuel',
  typologie: 'Taille de logement demandée',
  motif: 'Motif principal',
};

export function demande(): DonneesDemande | null {
  const d = donnees().demande;
  return d?.fournie ? d : null;
}

export const val = (l: Ligne | null | undefined, cle: string): number | null => (typeof l?.[cle] === 'number' ? (l[cle] as number) : null);

/** A count of demands: "0" without a row (no demand), "secret" when emptied by the statistical secrecy. */
export function compte(l: Ligne | null | undefined, cle: string): string {
  if (!l) return '0';
  const v = val(l, cle);
  return v === null ? 'secret' : nombre(v);
}

/** A ratio or a count from another source (attributions): "secret" when the demand count is, "—" when not computable. */
export function ratio(l: Ligne | null | undefined, cle: string, decimales = 1, secret = l?.secret === true): string {
  const v = val(l, cle);
  if (v !== null) return nombre(v, decimales);
  return secret ? 'secret' : '—';
}
