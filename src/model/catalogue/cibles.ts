// The one place that decides whether a value gets a verdict (✔/✘). A verdict needs all of:
//   - an objective in the territory's files for this indicator (objectifs_cia.csv, objectifs_acd.csv);
//   - a level where the text sets that objective (catalogue: EPCI, bailleur, réservataire —
//     never a commune or a territoire d'équilibre: the CIA's targets apply to the Sicoval as a whole);
//   - a computed value (not secret, threshold of the year known);
//   - a denominator of at least `petitsEffectifs` (a parameter, 20 by default in
//     data/config/attributions.json): below it the share is shown "9 sur 11", without verdict.
import type { IndicateurCatalogue, NiveauCible } from './indicateurs.ts';

export interface ObjectifChiffre {
  cible: number;
  sens: '>=' | '<=';
  /** as a reader knows it, e.g. "CIA du Sicoval, article 1, objectif 1" */
  source: string;
  /** the signed text's place, for the methodology annex (e.g. "délibération, l.5128") */
  reference?: string;
}

export type NiveauPage = NiveauCible | 'commune' | 'territoire';

export type RaisonSansVerdict = 'sans-objectif' | 'niveau' | 'variante' | 'non-calcule' | 'petit-effectif';

export interface Decision {
  /** true: ✔, false: ✘, null: no verdict (see raison) */
  atteint: boolean | null;
  raison: RaisonSansVerdict | null;
  objectif: ObjectifChiffre | null;
}

export function cibleApplicable(i: Pick<IndicateurCatalogue, 'objectif' | 'variante'>, niveau: NiveauPage): boolean {
  return !i.variante && !!i.objectif && (i.objectif.niveaux as readonly string[]).includes(niveau);
}

export function decider(
  i: Pick<IndicateurCatalogue, 'objectif' | 'variante'>,
  niveau: NiveauPage,
  objectif: ObjectifChiffre | undefined,
  valeur: number | null,
  denominateur: number | null,
  petitsEffectifs: number,
): Decision {
  if (i.variante) return { atteint: null, raison: 'variante', objectif: null };
  if (!i.objectif || !objectif) return { atteint: null, raison: 'sans-objectif', objectif: null };
  if (!cibleApplicable(i, niveau)) return { atteint: null, raison: 'niveau', objectif };
  if (valeur === null || denominateur === null) return { atteint: null, raison: 'non-calcule', objectif };
  if (denominateur < petitsEffectifs) return { atteint: null, raison: 'petit-effectif', objectif };
  return { atteint: objectif.sens === '>=' ? valeur >= objectif.cible : valeur <= objectif.cible, raison: null, objectif };
}
