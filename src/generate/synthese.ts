// Shape of data/territoires/<id>/synthese.json: every number the generator
// uses for a territory lives there, with its source or hypothesis.
import { readFileSync } from 'node:fs';

export type Poids = Record<string, number>;
export type Intervalle = [number, number];

export interface TerritoireParc {
  logements: number;
  etudiants?: number;
  individuels?: number;
  part_individuels_pct?: number;
  part_plai_familial_pct: number;
}

/** A QPV holding part of a commune's social stock (code of its generation: QP… 2015, QN… 2024). */
export interface QuartierQpv {
  code: string;
  libelle: string;
  /** INSEE code of the commune the QPV lies in. */
  commune: string;
  /** Social dwellings of the commune to place in the QPV (whole programmes, so ± half a programme). */
  logements: number;
  /** Interior points of the QPV perimeter, [latitude, longitude] WGS84; programmes are placed around them. */
  points: [number, number][];
  /** Programmes lie within this distance of one of the points. */
  rayon_m: number;
}

/** Optional: EPCIs without QPV (the Sicoval) have no `qpv` block and get no QPV draw at all. */
export interface SyntheseQpv {
  quartiers: QuartierQpv[];
  /** Share of 1st-quartile households among rank-1 attributions in QPV (A5q = 100 − this). */
  part_q1_en_qpv_pct: number;
  /** Multiplier of the priority-household propensity for dwellings in QPV (ACD: capacity halved in QPV). */
  coefficient_prioritaires_en_qpv: number;
}

/** Calibrated shares that a year of the trajectory may override. */
export interface TrajectoireAnnee {
  part_prioritaires_pct?: number;
  part_q1_hors_etudiants_pct?: number;
  part_q1_en_qpv_pct?: number;
}

export interface Synthese {
  graine: number;
  millesime_rpls: number;
  vague_ops: number;
  annees_attributions: number[];
  centroides_communes: { rayon_m: number; valeurs: Record<string, [number, number]> };
  parc: {
    territoires: Record<string, TerritoireParc>;
    hors_territoire: { logements_par_commune: Record<string, number>; part_individuels_pct: number; part_plai_familial_pct: number };
    etudiants_par_commune: { valeurs: Record<string, number> };
    communes_imposees: Record<string, { logements_par_bailleur: Record<string, number> }>;
    logements_reference?: { fichier: string; annee_par_programme: Record<string, number>; annee_par_defaut: number };
    bailleurs_familial: { par_territoire: Record<string, Poids> };
    bailleurs_etudiant: { poids: Poids };
    taille_programmes: { collectif: Intervalle; individuel: Intervalle; etudiant: Intervalle; residence_nommee: Intervalle };
    annees_construction: { tranches: { de: number; a: number; poids: number }[]; etudiant: { de: number; a: number } };
    financements: { avant_1977: Poids; de_1977_a_1999: Poids; depuis_2000: Poids; etudiant: Poids };
    pieces: { collectif: Poids; individuel: Poids; etudiant: Poids };
    mode: { familial: Poids; etudiant: Poids };
    rotation: { etudiant_pct: number };
    contingents: { familial: Poids; etudiant: Poids };
    surfaces_m2: { par_pieces: Record<string, Intervalle>; etudiant: Record<string, Intervalle> };
    loyers_m2: { par_financement: Record<string, number>; avant_1977: number; coefficient_etudiant: number };
    dpe: { par_periode: { jusqu_a: number; classes: Poids }[] };
    equipement: { part_sans_dpe_pct: number; part_pmr_recent_pct: number; part_pmr_ancien_pct: number };
  };
  ops: {
    reponse: Poids;
    part_menages_fragiles_pct: number;
    part_menages_fragiles_residence_fragile_pct: number;
    part_residences_fragiles_non_nommees_pct: number;
    bailleurs_ressources_en_nombre: string[];
    bailleurs_avec_impayes: string[];
  };
  attributions: {
    part_prioritaires_pct: number;
    part_prioritaires_etudiants_pct: number;
    part_prioritaires_autres_contingents_pct: number;
    part_prioritaires_contingent_etat_pct: number;
    propension_prioritaire_par_bailleur: { valeurs: Record<string, number> };
    part_q1_hors_etudiants_pct: number;
    part_etudiants_parmi_q1_pct: number;
    part_mutations_pct: { familial: number; etudiant: number };
    part_candidats_etudiants_logement_etudiant_pct: number;
    taux_refus_pct: { familial: number; etudiant: number };
    part_refus_servi_rang_suivant_pct: number;
    part_sous_condition_pct: number;
    part_condition_non_levee_pct: number;
    part_vacants_attribues_pct: number;
    candidats_par_passage: Poids;
    decision_candidats_suivants: Poids;
    delai_bail_jours: Intervalle;
    delai_repassage_jours: Intervalle;
    attente_mois: { familial: Intervalle; etudiant: Intervalle };
    part_contingent_du_logement_pct: number;
    motifs_refus: Poids;
    categories_prioritaires: { poids: Poids };
    /**
     * Optional yearly targets that override the calibrated shares for the years listed (earlier years of the
     * history): the series then show a trend instead of five copies of the same share.
     */
    trajectoire?: { par_annee: Record<string, TrajectoireAnnee> };
  };
  qpv?: SyntheseQpv;
}

/** Paths that must hold a value, checked at load so a typo fails with a clear message. */
const OBLIGATOIRES = [
  'graine',
  'millesime_rpls',
  'vague_ops',
  'annees_attributions',
  'centroides_communes.valeurs',
  'parc.territoires',
  'parc.hors_territoire.logements_par_commune',
  'parc.etudiants_par_commune.valeurs',
  'parc.communes_imposees',
  'parc.bailleurs_familial.par_territoire',
  'parc.bailleurs_etudiant.poids',
  'parc.taille_programmes.collectif',
  'parc.annees_construction.tranches',
  'parc.financements.depuis_2000',
  'parc.pieces.collectif',
  'parc.mode.familial',
  'parc.rotation.etudiant_pct',
  'parc.contingents.familial',
  'parc.surfaces_m2.par_pieces',
  'parc.loyers_m2.par_financement',
  'parc.dpe.par_periode',
  'parc.equipement.part_sans_dpe_pct',
  'ops.reponse',
  'attributions.part_prioritaires_pct',
  'attributions.part_q1_hors_etudiants_pct',
  'attributions.part_etudiants_parmi_q1_pct',
  'attributions.candidats_par_passage',
  'attributions.motifs_refus',
  'attributions.categories_prioritaires.poids',
];

export function lireSynthese(chemin: string): Synthese {
  let brut: unknown;
  try {
    brut = JSON.parse(readFileSync(chemin, 'utf8'));
  } catch (e) {
    throw new Error(`${chemin} : lecture impossible (${(e as Error).message})`);
  }
  for (const cle of OBLIGATOIRES) {
    let v: unknown = brut;
    for (const partie of cle.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[partie] : undefined;
    if (v === undefined || v === null) throw new Error(`${chemin} : paramètre manquant « ${cle} »`);
  }
  const synthese = brut as Synthese;
  if (synthese.qpv) verifierQpv(chemin, synthese.qpv);
  return synthese;
}

/** QPV codes: 2015 generation QP + 6 characters (QP031001), 2024 generation QN + 6 characters. */
export const FORMAT_CODE_QPV = /^Q[PN][0-9]{3}[0-9A-Z]{3}$/;

function verifierQpv(chemin: string, q: SyntheseQpv): void {
  if (!Array.isArray(q.quartiers) || q.quartiers.length === 0) throw new Error(`${chemin} : qpv.quartiers vide`);
  if (typeof q.part_q1_en_qpv_pct !== 'number') throw new Error(`${chemin} : paramètre manquant « qpv.part_q1_en_qpv_pct »`);
  if (typeof q.coefficient_prioritaires_en_qpv !== 'number')
    throw new Error(`${chemin} : paramètre manquant « qpv.coefficient_prioritaires_en_qpv »`);
  const vus = new Set<string>();
  for (const quartier of q.quartiers) {
    const ou = `${chemin} : qpv.quartiers « ${quartier.code} »`;
    if (!FORMAT_CODE_QPV.test(quartier.code)) throw new Error(`${ou} : code de QPV invalide (attendu QP031001 ou QN…)`);
    if (vus.has(quartier.code)) throw new Error(`${ou} : code en double`);
    vus.add(quartier.code);
    if (!/^[0-9][0-9AB][0-9]{3}$/.test(quartier.commune)) throw new Error(`${ou} : commune « ${quartier.commune} » invalide`);
    if (!Number.isInteger(quartier.logements) || quartier.logements < 0) throw new Error(`${ou} : logements invalide`);
    if (!Array.isArray(quartier.points) || quartier.points.length === 0) throw new Error(`${ou} : points vide`);
    if (!(quartier.rayon_m >= 0)) throw new Error(`${ou} : rayon_m invalide`);
  }
}
