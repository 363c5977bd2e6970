// Household compositions shared by the OPS survey and the attribution records,
// sized on the dwelling so that occupants and rooms stay plausible.
import type { Poids } from './synthese.ts';
import type { Alea } from './random.ts';

export type TypeMenage = 'personne seule' | 'couple sans enfant' | 'couple avec enfant(s)' | 'famille monoparentale' | 'autre';

export interface Composition {
  type: TypeMenage;
  adultes: number;
  /** Ages of the children under 18. */
  agesEnfants: number[];
}

/** Composition weights by number of rooms (T1…T5+). */
const PAR_PIECES: Record<number, Poids> = {
  1: { 'personne seule': 85, 'couple sans enfant': 10, autre: 5 },
  2: { 'personne seule': 55, 'couple sans enfant': 20, 'famille monoparentale': 17, 'couple avec enfant(s)': 4, autre: 4 },
  3: { 'personne seule': 24, 'couple sans enfant': 16, 'famille monoparentale': 28, 'couple avec enfant(s)': 26, autre: 6 },
  4: { 'personne seule': 10, 'couple sans enfant': 10, 'famille monoparentale': 30, 'couple avec enfant(s)': 43, autre: 7 },
  5: { 'personne seule': 4, 'couple sans enfant': 6, 'famille monoparentale': 28, 'couple avec enfant(s)': 54, autre: 8 },
};

/** Number of children of a family: mostly one or two, a few large families. */
const ENFANTS: Poids = { 1: 45, 2: 36, 3: 14, 4: 5 };

export function compositionSelonPieces(alea: Alea, nbPieces: number): Composition {
  const type = alea.pondere(PAR_PIECES[Math.min(5, Math.max(1, nbPieces))] ?? {}) as TypeMenage;
  const maxEnfants = Math.max(1, Math.min(4, nbPieces - (type === 'famille monoparentale' ? 1 : 2) + 1));
  const nbEnfants = (): number => Math.min(maxEnfants, Number(alea.pondere(ENFANTS)));
  let adultes = 1;
  let enfants = 0;
  switch (type) {
    case 'couple sans enfant':
      adultes = 2;
      break;
    case 'couple avec enfant(s)':
      adultes = 2;
      enfants = nbEnfants();
      break;
    case 'famille monoparentale':
      enfants = nbEnfants();
      break;
    case 'autre':
      adultes = alea.entier(2, 3);
      enfants = alea.bernoulli(0.3) ? 1 : 0;
      break;
    default:
      break;
  }
  return { type, adultes, agesEnfants: agesEnfants(alea, enfants) };
}

export function agesEnfants(alea: Alea, n: number): number[] {
  return Array.from({ length: n }, () => alea.entier(0, 17));
}

export interface EchelleUc {
  premier_adulte: number;
  autre_personne_14_ans_et_plus: number;
  enfant_moins_14_ans: number;
}

/** Consumption units on the scale of data/config/unites_consommation.json (INSEE: 1 / 0,5 / 0,3). */
export function unitesConsommation(echelle: EchelleUc, personnes14Plus: number, moins14: number): number {
  return (
    echelle.premier_adulte +
    echelle.autre_personne_14_ans_et_plus * Math.max(0, personnes14Plus - 1) +
    echelle.enfant_moins_14_ans * moins14
  );
}
