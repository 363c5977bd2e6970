// Reservation conventions (Annexe 1 figures, public): recomputed flux next to the
// printed one, with the anomaly flags of FLUX.md — for the réservataires' pages.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import { evaluerConvention, objectifAnnuel, formaterErreur, lireCsvFlux, libelleContractuel, resumerEtatDesLieux } from '../model/flux/index.ts';
import { lireEtatDesLieux } from '../ingest/etat-des-lieux/index.ts';
import { parseConfigCsv } from '../config/csv.ts';
import type { EtatDesLieuxResume } from '../model/flux/types.ts';

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
  /** R3 as the yearly objective of the bilan (R5): the contractual flux (MIN1), else the raw flux. */
  fluxObjectif: number;
  /** "1 logement tous les N ans" when the flux is below 1, else null. */
  periodeAnnees: number | null;
  prioritairesBrut: number;
  drapeaux: { code: string; message: string }[];
  source: string;
  /** R1 from the état des lieux, when one is provided: dwellings listed, of which the réservataire's, by category */
  etatDesLieux: { fichier: string; logements: number; parCategorie: Record<string, number>; source: string } | null;
}

interface EtatIndexe {
  fichier: string;
  reservataire: string;
  bailleur: string;
  categorie: string;
  source: string;
}

/** États des lieux listed in data/territoires/<id>/etats_des_lieux/index.csv, parsed by the importer. */
async function lireEtatsDesLieux(t: Territoire): Promise<Map<string, { index: EtatIndexe; resume: EtatDesLieuxResume; parCategorie: Record<string, number>; logements: number }>> {
  const dossier = join(t.dossier, 'etats_des_lieux');
  const index = join(dossier, 'index.csv');
  const r = new Map<string, { index: EtatIndexe; resume: EtatDesLieuxResume; parCategorie: Record<string, number>; logements: number }>();
  if (!existsSync(index)) return r;
  for (const l of parseConfigCsv(readFileSync(index, 'utf8'), index)) {
    const e: EtatIndexe = { fichier: l.fichier ?? '', reservataire: l.reservataire ?? '', bailleur: l.bailleur ?? '', categorie: l.categorie ?? 'COMMUNE', source: l.source ?? '' };
    const lu = await lireEtatDesLieux(join(dossier, e.fichier));
    const parCategorie: Record<string, number> = {};
    for (const x of lu.logements) parCategorie[x.reservataire_categorie] = (parCategorie[x.reservataire_categorie] ?? 0) + 1;
    const lignes = lu.logements.map((x) => ({ reservataire: x.reservataire_categorie, taux_rotation: x.taux_rotation }));
    // a summary-only table (no dwelling rows) says nothing to compare
    if (lignes.length === 0) continue;
    r.set(`${e.reservataire}|${e.bailleur}`, { index: e, resume: resumerEtatDesLieux(lignes, e.categorie), parCategorie, logements: lignes.length });
  }
  return r;
}

export async function lireConventions(t: Territoire): Promise<{ conventions: ConventionPubliee[]; erreurs: string[] }> {
  const fichier = join(t.dossier, 'conventions_annexe1.csv');
  if (!existsSync(fichier)) return { conventions: [], erreurs: [] };
  const lecture = lireCsvFlux(readFileSync(fichier));
  if (!lecture.ok) return { conventions: [], erreurs: [formaterErreur('conventions_annexe1.csv', lecture.erreur)] };
  const etats = await lireEtatsDesLieux(t);
  const conventions = lecture.conventions.map(({ convention }) => {
    const etat = etats.get(`${convention.reservataire}|${convention.bailleur}`);
    const r = evaluerConvention(etat ? { ...convention, etat_des_lieux: etat.resume } : convention);
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
      fluxObjectif: objectifAnnuel(r),
      periodeAnnees: r.periode_annees,
      prioritairesBrut: r.prioritaires_brut,
      drapeaux: r.drapeaux.map((d) => ({ code: d.code, message: d.message })),
      source: r.source,
      etatDesLieux: etat ? { fichier: etat.index.fichier, logements: etat.logements, parCategorie: etat.parCategorie, source: etat.index.source } : null,
    };
  });
  return { conventions, erreurs: lecture.erreurs.map((e) => formaterErreur('conventions_annexe1.csv', e)) };
}
