// In-memory records of one commune's synthetic stock, shared by the RPLS, OPS
// and attribution writers. Only one commune is held at a time.
import type { Commune } from './territoire.ts';

/** RPLS TYPECONST: collectif, individuel, logement étudiant. */
export type TypeConstruction = 'C' | 'I' | 'E';

export type Contingent =
  | 'etat_prioritaires'
  | 'etat_fonctionnaires'
  | 'commune'
  | 'epci'
  | 'departement'
  | 'action_logement'
  | 'non_reserve'
  | 'autre';

/** QPV a programme lies in (code of its generation: QP… 2015, QN… 2024). */
export interface Qpv {
  code: string;
  libelle: string;
}

export type ClasseFinancement = 'PLAI' | 'PLUS' | 'PLS' | 'PLI' | 'DIVERS';

export interface Programme {
  /** Bailleur's programme code, prefix of IDENT_INT. */
  code: string;
  /** Résidence name, as the OPS `residence` column. */
  nom: string;
  bailleur: string;
  type: TypeConstruction;
  annee: number;
  locat: number;
  patrimoine: number;
  /** Month of first letting for programmes delivered in the RPLS year. */
  moisLivraison: number;
  origine: string;
  numeroVoie: number;
  typVoie: string;
  nomVoie: string;
  x: number;
  y: number;
  iris: string;
  numConv: string;
  datConv: string;
  /** Fragile occupation profile (named résidences of the CIA and a few others). */
  fragile: boolean;
  nommee: boolean;
  /** QPV the programme lies in; absent or null outside QPV (all programmes of an EPCI without QPV). */
  qpv?: Qpv | null;
  logements: Logement[];
}

export interface Logement {
  identRep: string;
  identInt: string;
  commune: Commune;
  programme: Programme;
  bailleur: string;
  type: TypeConstruction;
  nbPieces: number;
  surface: number;
  numVoie: string;
  indRep: string;
  typVoie: string;
  nomVoie: string;
  etage: string;
  complGeo: string;
  finan: string;
  classe: ClasseFinancement;
  conv: boolean;
  dpeDate: string;
  dpeEnergie: string;
  dpeSerre: string;
  pmr: boolean;
  x: number;
  y: number;
  /** RPLS MODE at 1 January. */
  mode: string;
  bail: { annee: number; mois: number } | null;
  depart: { annee: number; mois: number } | null;
  loyer: number;
  contingent: Contingent;
  /** Row taken from a real état des lieux. */
  reference: boolean;
  /** Yearly probability that the dwelling changes tenant. */
  rotation: number;
}

/** RPLS FINAN code → class used by the indicators and by attribution exports. */
export function classeFinancement(code: string): ClasseFinancement {
  switch (code) {
    case '10':
    case '11':
      return 'PLAI';
    case '12':
    case '13':
      return 'PLUS';
    case '14':
      return 'PLS';
    case '16':
      return 'PLI';
    default:
      return 'DIVERS';
  }
}

export const LIBELLES_FINANCEMENT: Record<string, string> = {
  '10': "PLA d'intégration",
  '11': 'PLA à loyer minoré, très social ou insertion',
  '12': 'PLA ordinaire',
  '13': 'PLUS',
  '14': 'PLS, PPLS ou PCLS',
  '15': 'PAP locatif',
  '16': 'PLI',
  '17': 'PCL',
  '49': 'Autre financement après 1977',
  '50': 'HBM',
  '51': 'PLR ou PSR',
  '52': 'HLM/O',
  '53': 'ILM',
  '54': 'ILN',
  '55': 'Prêts spéciaux du CFF',
  '99': 'Autre financement avant 1977',
};

/** Contingent → RPLS CONTRESLOG code (all local authorities share code 4). */
export const CONTRESLOG: Record<Contingent, string> = {
  etat_fonctionnaires: '1',
  etat_prioritaires: '2',
  action_logement: '3',
  commune: '4',
  epci: '4',
  departement: '4',
  autre: '6',
  non_reserve: '7',
};

/** QPV of a dwelling (its programme's), or null. */
export function qpvDe(l: Logement): Qpv | null {
  return l.programme.qpv ?? null;
}
