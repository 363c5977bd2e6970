// One convention × year: model computation (R2, R3), priority share (R4), rounding rule, printed
// values and anomaly flags (FLUX.md).
import { appliquerRegle } from './arrondi.ts';
import {
  drapeauCountMismatch,
  drapeauDurationMismatch,
  drapeauFluxMismatch,
  drapeauFluxMissing,
  drapeauPctUnit,
  drapeauRateMismatch,
} from './drapeaux.ts';
import { lireFluxImprime, lirePartImprimee } from './imprime.ts';
import { calculerBdR } from './modele-bdr.ts';
import { calculerHG } from './modele-hg.ts';
import type { OptionsHG } from './modele-hg.ts';
import { formatNombreCourt, formatPourcent, nettoyer } from './nombres.ts';
import type { Calcul, ConventionAnnexe1, Drapeau, ResultatConvention } from './types.ts';

/** CCH L.441-1: a quarter of a collectivity's reserved attributions go to priority households (FLUX.md). */
export const PART_PRIORITAIRES = 0.25;

export type OptionsConvention = OptionsHG;

function formule(conv: ConventionAnnexe1, calcul: Calcul): string {
  const e = conv.entree;
  if (e.modele === 'HG') {
    const base = `R × τ = ${e.R} × ${formatPourcent(e.tau)}`;
    return calcul.modele === 'HG' && calcul.deductions_appliquees !== 0
      ? `${base} − déductions ${formatNombreCourt(calcul.deductions_appliquees)} × R / E`
      : base;
  }
  return calcul.modele === 'BdR' ? `j = h × i = ${formatNombreCourt(calcul.h)} × ${formatPourcent(e.i)}` : '';
}

/** Computes and checks one Annexe 1. Throws RangeError if a printed text cannot be read (validate first). */
export function evaluerConvention(conv: ConventionAnnexe1, options: OptionsConvention = {}): ResultatConvention {
  const calcul: Calcul = conv.entree.modele === 'HG' ? calculerHG(conv.entree, conv.annee, options) : calculerBdR(conv.entree);
  const lf = lireFluxImprime(conv.valeur_imprimee);
  if (!lf.ok) throw new RangeError(`valeur_imprimee « ${conv.valeur_imprimee ?? ''} » : attendu ${lf.attendu}`);
  const lp = lirePartImprimee(conv.part_imprimee);
  if (!lp.ok) throw new RangeError(`part_imprimee « ${conv.part_imprimee ?? ''} » : attendu ${lp.attendu}`);

  const regle = appliquerRegle(conv.arrondi, calcul.flux_brut);
  const drapeaux = [
    drapeauFluxMissing(lf.valeur),
    drapeauFluxMismatch(calcul.flux_brut, regle, lf.valeur, calcul, formule(conv, calcul)),
    drapeauPctUnit(calcul.part, lp.valeur),
    drapeauCountMismatch(conv.entree, calcul, conv.etat_des_lieux),
    drapeauRateMismatch(conv.entree, conv.etat_des_lieux),
    drapeauDurationMismatch(conv.durees),
  ].filter((d): d is Drapeau => d !== null);

  return {
    reservataire: conv.reservataire,
    bailleur: conv.bailleur,
    annee: conv.annee,
    modele: conv.entree.modele,
    arrondi: conv.arrondi,
    calcul,
    part: calcul.part,
    flux_brut: calcul.flux_brut,
    flux_contractuel: regle.contractuel,
    prioritaires_brut: nettoyer(PART_PRIORITAIRES * calcul.flux_brut),
    periode_annees: regle.periode_annees,
    regle,
    flux_imprime: lf.valeur,
    part_imprimee: lp.valeur,
    drapeaux,
    source: conv.source ?? '',
  };
}
