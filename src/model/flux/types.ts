// Types of the reservation-flux model (indicators R2-R5, spec FLUX.md).
// Rates and shares are fractions (0.079 for 7,9 %), never percentages.

/** HG = Haute-Garonne DDETS model convention; BdR = Bouches-du-Rhône "assiette" model. */
export type Modele = 'HG' | 'BdR';

/** Rounding rule printed in the convention (FLUX.md, table "Rounding as printed"). */
export type RegleArrondi = 'MIN1' | 'PERIOD' | 'NONE';

/** Anomaly flags of FLUX.md § "Anomaly flags the import must raise". */
export type CodeDrapeau =
  | 'FLUX_MISMATCH'
  | 'PCT_UNIT'
  | 'COUNT_MISMATCH'
  | 'RATE_MISMATCH'
  | 'FLUX_MISSING'
  | 'DURATION_MISMATCH';

export interface Drapeau {
  code: CodeDrapeau;
  /** Explanation in French, with the figures compared. */
  message: string;
}

/** Annexe 1 inputs of the HG model (Art.1, Art.2, Art.4). */
export interface EntreeHG {
  modele: 'HG';
  /** E: eligible dwellings of the bailleur on the réservataire's territory (Art.1). */
  E: number;
  /** R: dwellings of the réservataire from the état des lieux (Art.2). */
  R: number;
  /** τ: departmental rotation rate of the bailleur (Art.4), as a fraction. */
  tau: number;
  /** Deductions of the décret of 20 Feb 2020 (dwellings), applied only in years without derogation. */
  deductions?: number;
}

/** Inputs of the BdR model (letters of FLUX.md § Model BdR). */
export interface EntreeBdR {
  modele: 'BdR';
  a: number;
  b: number;
  /** Rotation rate N-1 on the assiette, fraction. */
  d: number;
  f: number;
  g: number;
  /** Reservation rate of the réservataire, fraction. */
  i: number;
}

export type EntreeModele = EntreeHG | EntreeBdR;

/** Figures of an état des lieux, given optionally to cross-check Annexe 1. */
export interface EtatDesLieuxResume {
  /** Dwellings listed (compared with E, or with the assiette c in BdR). */
  nb_logements?: number;
  /** Dwellings listed for the réservataire (compared with R, or with i × c in BdR). */
  nb_logements_reservataire?: number;
  /** Rotation rate printed in the état des lieux, fraction (compared with τ or d). */
  taux_rotation?: number;
}

/** Convention duration vs the period the Annexe 1 flux covers (both in years). */
export interface Durees {
  convention_ans: number;
  flux_ans: number;
}

/** One convention × year, as read from the Annexe 1 (one CSV row). */
export interface ConventionAnnexe1 {
  reservataire: string;
  bailleur: string;
  annee: number;
  entree: EntreeModele;
  arrondi: RegleArrondi;
  /** Share as printed (Art.3), e.g. "0.044%"; empty or absent if not printed. */
  part_imprimee?: string;
  /** Flux as printed (Art.5), e.g. "0.265=>1"; empty or absent if blank. */
  valeur_imprimee?: string;
  source?: string;
  etat_des_lieux?: EtatDesLieuxResume;
  durees?: Durees;
}

/** Parsed printed flux text (FLUX.md: "the first number is the printed flux; a number after '=>' or 'arrondi à' is the printed contractual value"). */
export interface FluxImprime {
  texte: string;
  /** First number of the text. */
  flux: number;
  /** Number of decimals printed for `flux` (its precision). */
  decimales: number;
  /** Number after "=>" or "arrondi à", else null. */
  contractuel: number | null;
  /** N of "1 logement tous les N ans", else null. */
  periode_annees: number | null;
  /** Trailing text not interpreted (e.g. "soit 0 à 1 logement"), trimmed; '' if none. */
  mention: string;
}

/** Parsed printed share (Art.3). */
export interface PartImprimee {
  texte: string;
  /** Number as printed (0.044 for "0.044%"). */
  valeur: number;
  decimales: number;
  /** Printed with a % sign. */
  pourcent: boolean;
  /** What the text literally means as a fraction (valeur / 100 if pourcent). */
  fraction_litterale: number;
}

/** Detail of the model computation. */
export interface CalculHG {
  modele: 'HG';
  part: number;
  flux_brut: number;
  deductions_appliquees: number;
}

export interface CalculBdR {
  modele: 'BdR';
  c: number;
  e: number;
  h: number;
  j: number;
  /** j when e is rounded (half away from zero) before subtracting f and g, as some documents do. */
  j_e_arrondi: number;
  part: number;
  flux_brut: number;
}

export type Calcul = CalculHG | CalculBdR;

/** Value given by the rounding rule. */
export interface ValeurRegle {
  regle: RegleArrondi;
  /** Contractual integer (MIN1), else null. */
  contractuel: number | null;
  /** Value the rule prints: the integer (MIN1), the flux with 3 decimals (PERIOD), null (NONE). */
  affiche: number | null;
  /** round(1/flux) when 0 < flux < 1, else null. */
  periode_annees: number | null;
}

/** Result for one convention × year (R2, R3, R4 and flags). */
export interface ResultatConvention {
  reservataire: string;
  bailleur: string;
  annee: number;
  modele: Modele;
  arrondi: RegleArrondi;
  calcul: Calcul;
  /** R2: R/E (HG) or i (BdR). */
  part: number;
  /** R3 raw: R × τ (HG) or j (BdR). */
  flux_brut: number;
  /** R3 per the rounding rule: integer for MIN1, null for PERIOD/NONE. */
  flux_contractuel: number | null;
  /** R4: 25 % × flux_brut. */
  prioritaires_brut: number;
  /** round(1/flux_brut) when 0 < flux_brut < 1, else null. */
  periode_annees: number | null;
  regle: ValeurRegle;
  flux_imprime: FluxImprime | null;
  part_imprimee: PartImprimee | null;
  drapeaux: Drapeau[];
  source: string;
}
