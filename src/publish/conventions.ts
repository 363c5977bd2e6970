// Reservation conventions (Annexe 1 figures, public): recomputed flux next to the
// printed one, with the anomaly flags of FLUX.md — for the réservataires' pages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import { evaluerConvention, formaterErreur, lireCsvFlux, libelleContractuel } from '../model/flux/index.ts';

export interface ConventionPubliee {
  reservataire: string;
  bailleur: string;
  annee: number;
  modele: string;
  E: number | null;
  R: number | null;
  tau: number | null;
  part: number;
  partImprimee: string | null;
  fluxBrut: number;
  fluxImprime: string | null;
  fluxContractuel: string;
  prioritairesBrut: number;
  drapeaux: { code: string; message: string }[];
  source: string;
}

export function lireConventions(t: Territoire): { conventions: ConventionPubliee[]; erreurs: string[] } {
  const fichier = join(t.dossier, 'conventions_annexe1.csv');
  if (!existsSync(fichier)) return { conventions: [], erreurs: [] };
  const lecture = lireCsvFlux(readFileSync(fichier));
  if (!lecture.ok) return { conventions: [], erreurs: [formaterErreur('conventions_annexe1.csv', lecture.erreur)] };
  const conventions = lecture.conventions.map(({ convention }) => {
    const r = evaluerConvention(convention);
    const e = convention.entree;
    return {
      reservataire: r.reservataire,
      bailleur: r.bailleur,
      annee: r.annee,
      modele: r.modele,
      E: e.modele === 'HG' ? e.E : null,
      R: e.modele === 'HG' ? e.R : null,
      tau: e.modele === 'HG' ? e.tau : e.d,
      part: r.part,
      partImprimee: r.part_imprimee?.texte ?? null,
      fluxBrut: r.flux_brut,
      fluxImprime: r.flux_imprime?.texte ?? null,
      fluxContractuel: libelleContractuel(r),
      prioritairesBrut: r.prioritaires_brut,
      drapeaux: r.drapeaux.map((d) => ({ code: d.code, message: d.message })),
      source: r.source,
    };
  });
  return { conventions, erreurs: lecture.erreurs.map((e) => formaterErreur('conventions_annexe1.csv', e)) };
}
