// Figures the yearly bilan needs beyond the pages' (which detail the latest year only):
// for every year, the quarterly year-to-date, the split per contingent, the refusals by
// reason and the ACD cumulated up to that year; the OPS indicators of every survey wave.
// Same indicator SQL as the pages, run over the published (secret-protected) tables.
import type { Db, Ligne } from '../model/db.ts';
import { requeteAttributions } from '../model/indicateurs/attributions.ts';
import { requeteRefus } from '../model/indicateurs/decisions.ts';
import { requeteOccupation } from '../model/indicateurs/occupation.ts';
import { requeteEvaluationAcdCumul } from '../model/acd/index.ts';
import { chargerParametresAcd } from '../model/acd/config-node.ts';

export interface DonneesBilanAnnee {
  annee: number;
  /** EPCI, cumulated since 1 January: T1, T2, T3 and the year */
  trimestres: Ligne[];
  /** EPCI, one row per contingent (A4) */
  contingents: Ligne[];
  refusParMotif: Ligne[];
  refusParPublic: Ligne[];
  /** ACD per bailleur cumulated over the ACD's years up to this one (empty before the ACD) */
  acdCumul: Ligne[];
  /** ACD years counted in acdCumul */
  anneesAcd: number[];
}

export interface DonneesBilan {
  annees: DonneesBilanAnnee[];
  /** OPS indicators of every wave, EPCI and territoires d'équilibre */
  occupation: Ligne[];
}

export async function calculerDonneesBilan(db: Db, annees: number[], contingents: string[]): Promise<DonneesBilan> {
  const parametres = chargerParametresAcd();
  const resultat: DonneesBilanAnnee[] = [];
  for (const annee of annees) {
    const trimestres: Ligne[] = [];
    for (const periode of ['T1', 'T2', 'T3', 'annee'] as const) {
      trimestres.push(...(await db.query(requeteAttributions({ niveau: 'epci', code: '', annee, periode }, { parCode: true }))));
    }
    const lignesContingents: Ligne[] = [];
    for (const contingent of contingents) {
      const [l] = await db.query(requeteAttributions({ niveau: 'epci', code: '', annee, contingent }, { parCode: true }));
      if (l) lignesContingents.push({ ...l, contingent });
    }
    const anneesAcd = parametres.annees.filter((a) => a <= annee && annees.includes(a));
    resultat.push({
      annee,
      trimestres,
      contingents: lignesContingents,
      refusParMotif: await db.query(requeteRefus({ annee, par: 'motif' })),
      refusParPublic: await db.query(requeteRefus({ annee, par: 'public' })),
      acdCumul: anneesAcd.length ? await db.query(requeteEvaluationAcdCumul({ parametres, annees: anneesAcd })) : [],
      anneesAcd,
    });
  }
  const occupation = [
    ...(await db.query(requeteOccupation({ niveau: 'epci' }))),
    ...(await db.query(requeteOccupation({ niveau: 'territoire' }))),
  ];
  return { annees: resultat, occupation };
}
