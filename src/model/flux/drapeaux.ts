// Anomaly flags (FLUX.md § "Anomaly flags the import must raise"). One function per flag.
import { formatNombreCourt, formatPourcent } from './nombres.ts';
import type {
  Calcul,
  Drapeau,
  Durees,
  EntreeModele,
  EtatDesLieuxResume,
  FluxImprime,
  PartImprimee,
  ValeurRegle,
} from './types.ts';

/** Absorbs binary noise in comparisons of decimal values. */
const EPSILON = 1e-9;

/** Half a unit of the last printed digit: "1.2" → 0,05; "0,15" → 0,005; "1" → 0,5. */
export function tolerance(decimales: number): number {
  return 0.5 * 10 ** -decimales;
}

/** A printed number agrees with a raw value when it is within its printed precision. */
export function dansPrecision(imprime: number, brut: number, decimales: number): boolean {
  return Math.abs(imprime - brut) <= tolerance(decimales) + EPSILON;
}

/** Rates of the état des lieux and Annexe 1 are printed with 2 decimals in % (7,30 %): ± 0,005 %. */
export const TOLERANCE_TAUX = 0.00005;

/** Enough decimals to show a value at the printed precision (at least 3: "0,198"). */
function f(x: number, decimales = 3): string {
  return formatNombreCourt(x, Math.max(3, decimales + 1));
}

/**
 * FLUX_MISMATCH: the printed flux disagrees with the raw value beyond its printed precision AND is not
 * the value the rounding rule gives ("0.265=>1" for R × τ = 0,198: flagged; "0.47 arrondi à 1" for
 * 0,474: not flagged). Also raised when the printed contractual value ("=> N", "arrondi à N") or the
 * printed period ("tous les N ans") differs from what the rule gives for the raw flux.
 */
export function drapeauFluxMismatch(
  flux_brut: number,
  regle: ValeurRegle,
  imprime: FluxImprime | null,
  calcul: Calcul,
  formule: string,
): Drapeau | null {
  if (imprime === null) return null;
  const ecarts: string[] = [];
  const p = imprime.flux;
  const estValeurRegle = regle.affiche !== null && Math.abs(p - regle.affiche) <= EPSILON;
  if (!dansPrecision(p, flux_brut, imprime.decimales) && !estValeurRegle) {
    let m =
      `flux imprimé ${formatNombreCourt(p, imprime.decimales)} (« ${imprime.texte} ») ≠ flux recalculé ` +
      `${f(flux_brut, imprime.decimales)} (${formule}) : écart ${f(Math.abs(p - flux_brut), imprime.decimales)}, ` +
      `au-delà de la précision imprimée (± ${formatNombreCourt(tolerance(imprime.decimales), imprime.decimales + 1)})`;
    if (calcul.modele === 'BdR' && dansPrecision(p, calcul.j_e_arrondi, imprime.decimales)) {
      m += ` ; le document semble avoir arrondi e avant de déduire f et g (j = ${f(calcul.j_e_arrondi)})`;
    }
    ecarts.push(m);
  }
  if (imprime.contractuel !== null && regle.contractuel !== null && imprime.contractuel !== regle.contractuel) {
    ecarts.push(
      `valeur contractuelle imprimée ${formatNombreCourt(imprime.contractuel)} ≠ ${regle.contractuel} donné par la règle ${regle.regle}`,
    );
  }
  if (imprime.periode_annees !== null && imprime.periode_annees !== regle.periode_annees) {
    ecarts.push(
      regle.periode_annees === null
        ? `période imprimée « 1 logement tous les ${imprime.periode_annees} ans » alors que le flux recalculé (${f(flux_brut)}) n'est pas entre 0 et 1`
        : `période imprimée ${imprime.periode_annees} ans ≠ ${regle.periode_annees} ans (arrondi de 1 / ${f(flux_brut)})`,
    );
  }
  return ecarts.length === 0 ? null : { code: 'FLUX_MISMATCH', message: ecarts.join(' ; ') };
}

/** PCT_UNIT: a share printed with % but equal to the fraction ("0.044%" where 4,44 % is meant). */
export function drapeauPctUnit(part: number, imprimee: PartImprimee | null): Drapeau | null {
  if (imprimee === null || !imprimee.pourcent) return null;
  const egaleFraction = dansPrecision(imprimee.valeur, part, imprimee.decimales);
  const egalePourcent = dansPrecision(imprimee.valeur, part * 100, imprimee.decimales);
  if (!egaleFraction || egalePourcent) return null;
  return {
    code: 'PCT_UNIT',
    message: `part imprimée « ${imprimee.texte} » : c'est la fraction ${f(part)} suivie de %, il faut lire ${formatPourcent(part)}`,
  };
}

/**
 * COUNT_MISMATCH: the état des lieux lists another number of dwellings / reserved dwellings than
 * Annexe 1 (OPH 31 Baziège: 44 rows vs E = 45; 3 "COMMUNE" rows vs R = 2). BdR: compared with the
 * assiette c and with i × c (± 0,5).
 */
export function drapeauCountMismatch(
  entree: EntreeModele,
  calcul: Calcul,
  edl: EtatDesLieuxResume | undefined,
): Drapeau | null {
  if (edl === undefined) return null;
  const ecarts: string[] = [];
  const total = entree.modele === 'HG' ? entree.E : calcul.modele === 'BdR' ? calcul.c : 0;
  const nomTotal = entree.modele === 'HG' ? 'E (Art.1)' : 'l’assiette c';
  if (edl.nb_logements !== undefined && edl.nb_logements !== total) {
    ecarts.push(`état des lieux : ${edl.nb_logements} logements ≠ ${total} pour ${nomTotal}`);
  }
  if (edl.nb_logements_reservataire !== undefined) {
    const n = edl.nb_logements_reservataire;
    if (entree.modele === 'HG' && n !== entree.R) {
      ecarts.push(`état des lieux : ${n} logements du réservataire ≠ R = ${entree.R} (Art.2)`);
    }
    if (entree.modele === 'BdR' && calcul.modele === 'BdR' && Math.abs(n - entree.i * calcul.c) > 0.5 + EPSILON) {
      ecarts.push(`état des lieux : ${n} logements du réservataire ≠ i × c = ${f(entree.i * calcul.c)}`);
    }
  }
  return ecarts.length === 0 ? null : { code: 'COUNT_MISMATCH', message: ecarts.join(' ; ') };
}

/** RATE_MISMATCH: rotation rate of the état des lieux ≠ Annexe 1 Art.4 (Patrimoine Baziège: 7,99 % vs 7,30 %). */
export function drapeauRateMismatch(entree: EntreeModele, edl: EtatDesLieuxResume | undefined): Drapeau | null {
  if (edl?.taux_rotation === undefined) return null;
  const taux = entree.modele === 'HG' ? entree.tau : entree.d;
  if (Math.abs(edl.taux_rotation - taux) <= TOLERANCE_TAUX + EPSILON) return null;
  const nom = entree.modele === 'HG' ? 'τ (Art.4)' : 'd';
  return {
    code: 'RATE_MISMATCH',
    message: `taux de rotation de l'état des lieux ${formatPourcent(edl.taux_rotation)} ≠ ${nom} ${formatPourcent(taux)}`,
  };
}

/** FLUX_MISSING: the flux is blank in the document. */
export function drapeauFluxMissing(imprime: FluxImprime | null): Drapeau | null {
  return imprime === null ? { code: 'FLUX_MISSING', message: 'flux non imprimé dans la convention (case vide)' } : null;
}

/** DURATION_MISMATCH: the convention's duration differs from the period the flux covers. */
export function drapeauDurationMismatch(durees: Durees | undefined): Drapeau | null {
  if (durees === undefined || durees.convention_ans === durees.flux_ans) return null;
  return {
    code: 'DURATION_MISMATCH',
    message: `convention de ${formatNombreCourt(durees.convention_ans)} an(s) mais flux calculé pour ${formatNombreCourt(durees.flux_ans)} an(s)`,
  };
}
