// R5 — bilan owed by the bailleur before 28 February N+1 (FLUX.md § Bilan; CCH R.441-5-1;
// Baziège OPH 31 convention Art.7, l.8668-8713 of the original file = l.3916-3961 of the extract).
import { nettoyer } from './nombres.ts';
import { PART_PRIORITAIRES } from './convention.ts';
import type { ResultatConvention } from './types.ts';

/**
 * Carry-over of the yearly objective:
 * - 'HG': unmet objectives not justified are carried over to the next year "en surplus des objectifs
 *   nouveaux" (Baziège OPH 31 Art.7, l.3961 of the extract); surpluses are not deducted.
 * - 'BdR': same, and surpluses are deducted from the next year's objective (FLUX.md).
 */
export type ModeReport = 'HG' | 'BdR';

/** Which count measures the achievement of the flux (default: leases signed = "entrées dans les lieux"). */
export type MesureAtteinte = 'mises_a_disposition' | 'attributions' | 'baux_signes';

export interface BilanAnneeEntree {
  reservataire: string;
  bailleur: string;
  annee: number;
  /** Yearly objective: the contractual flux (MIN1), or the raw flux (PERIOD / NONE). */
  flux: number;
  mises_a_disposition: number;
  attributions: number;
  baux_signes: number;
  /** Priority households among the attributions (CCH L.441-1). */
  prioritaires: number;
  /** Part of the shortfall justified by the bailleur: not carried over. */
  manque_justifie?: number;
}

export interface OptionsBilan {
  report?: ModeReport;
  mesure?: MesureAtteinte;
}

export interface BilanAnneeSortie {
  reservataire: string;
  bailleur: string;
  annee: number;
  flux: number;
  /** Carried over from the previous year of the same pair (negative = surplus deducted, BdR). */
  report_entrant: number;
  /** max(0, flux + report_entrant). */
  objectif: number;
  mesure: MesureAtteinte;
  mises_a_disposition: number;
  attributions: number;
  baux_signes: number;
  /** Value of the chosen measure. */
  realise: number;
  /** realise − objectif. */
  ecart: number;
  /** realise / objectif, null when the objective is 0. */
  taux_atteinte: number | null;
  manque_justifie: number;
  /** Carried over to the next year. */
  report_sortant: number;
  prioritaires: number;
  /** 25 % × attributions. */
  prioritaires_attendus: number;
  /** prioritaires / attributions, null without attribution. */
  part_prioritaires: number | null;
  /** part_prioritaires ≥ 25 %, null without attribution. */
  prioritaires_atteint: boolean | null;
}

const NOMBRES = ['flux', 'mises_a_disposition', 'attributions', 'baux_signes', 'prioritaires', 'manque_justifie'] as const;

function verifier(l: BilanAnneeEntree): void {
  for (const k of NOMBRES) {
    const v = l[k];
    if (v !== undefined && !(Number.isFinite(v) && v >= 0)) {
      throw new RangeError(`bilan ${l.reservataire} × ${l.bailleur} ${l.annee} : ${k} = ${v}, nombre positif ou nul attendu`);
    }
  }
  if (l.prioritaires > l.attributions) {
    throw new RangeError(`bilan ${l.reservataire} × ${l.bailleur} ${l.annee} : prioritaires (${l.prioritaires}) > attributions (${l.attributions})`);
  }
}

/** Bilan per réservataire × bailleur × year, years in order, carry-over from the previous listed year. */
export function calculerBilan(lignes: readonly BilanAnneeEntree[], options: OptionsBilan = {}): BilanAnneeSortie[] {
  const mode = options.report ?? 'HG';
  const mesure = options.mesure ?? 'baux_signes';
  const paires = new Map<string, BilanAnneeEntree[]>();
  for (const l of lignes) {
    verifier(l);
    const cle = `${l.reservataire}\u0000${l.bailleur}`;
    const liste = paires.get(cle) ?? [];
    if (liste.some((x) => x.annee === l.annee)) {
      throw new RangeError(`bilan ${l.reservataire} × ${l.bailleur} : année ${l.annee} en double`);
    }
    liste.push(l);
    paires.set(cle, liste);
  }
  const sorties: BilanAnneeSortie[] = [];
  for (const liste of paires.values()) {
    let report = 0;
    for (const l of [...liste].sort((x, y) => x.annee - y.annee)) {
      const objectifBrut = nettoyer(l.flux + report);
      const realise = l[mesure];
      const solde = nettoyer(objectifBrut - realise);
      const justifie = l.manque_justifie ?? 0;
      const reportSortant =
        solde > 0 ? Math.max(0, nettoyer(solde - justifie)) : mode === 'BdR' ? solde : 0;
      const objectif = Math.max(0, objectifBrut);
      const part = l.attributions > 0 ? nettoyer(l.prioritaires / l.attributions) : null;
      sorties.push({
        reservataire: l.reservataire,
        bailleur: l.bailleur,
        annee: l.annee,
        flux: l.flux,
        report_entrant: report,
        objectif,
        mesure,
        mises_a_disposition: l.mises_a_disposition,
        attributions: l.attributions,
        baux_signes: l.baux_signes,
        realise,
        ecart: nettoyer(realise - objectif),
        taux_atteinte: objectif > 0 ? nettoyer(realise / objectif) : null,
        manque_justifie: justifie,
        report_sortant: reportSortant === 0 ? 0 : reportSortant,
        prioritaires: l.prioritaires,
        prioritaires_attendus: nettoyer(PART_PRIORITAIRES * l.attributions),
        part_prioritaires: part,
        prioritaires_atteint: part === null ? null : part >= PART_PRIORITAIRES,
      });
      report = reportSortant === 0 ? 0 : reportSortant;
    }
  }
  return sorties;
}

/** Yearly objective of a convention for the bilan: the contractual flux (MIN1), else the raw flux (≥ 0). */
export function objectifAnnuel(r: Pick<ResultatConvention, 'flux_contractuel' | 'flux_brut'>): number {
  return r.flux_contractuel ?? Math.max(0, r.flux_brut);
}
