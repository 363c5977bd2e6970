/** Types publics de l'import des tableaux « état des lieux » des conventions de réservation. */

export const CATEGORIES_RESERVATAIRE = [
  'ETAT_PRIORITAIRES',
  'ETAT_FONCTIONNAIRES',
  'DEPARTEMENT',
  'COMMUNE',
  'EPCI',
  'ACTION_LOGEMENT',
  'BAILLEUR',
  'AUTRE',
  'NON_RENSEIGNE',
] as const;

export type CategorieReservataire = (typeof CATEGORIES_RESERVATAIRE)[number];

/** Colonnes canoniques reconnues dans les en-têtes (synonymes : data/config/formats/etat-des-lieux-colonnes.csv). */
export const COLONNES_CANONIQUES = [
  'rpls',
  'ref_bailleur',
  'programme',
  'reservataire',
  'typologie',
  'collectif_individuel',
  'adresse',
  'code_postal',
  'commune',
  'code_insee',
  'departement',
  'epci',
  'qpv',
  'financement',
  'date_debut',
  'date_fin',
  'taux_rotation',
  'taux_rotation_reservataire',
  'regime',
  'bailleur',
  'recapitulatif_total',
  'recapitulatif_entete',
] as const;

export type ColonneCanonique = (typeof COLONNES_CANONIQUES)[number];

/** Un logement de l'état des lieux, normalisé. */
export interface LogementEtatDesLieux {
  /** Identifiant RPLS, 10 chiffres en texte (zéros de tête gardés) ; null si le tableau n'en a pas. */
  rpls: string | null;
  ref_bailleur: string | null;
  programme: string | null;
  /** Champs d'adresse non vides joints par « / ». */
  adresse: string | null;
  reservataire_brut: string | null;
  reservataire_categorie: CategorieReservataire;
  typologie_brute: string | null;
  nb_pieces: number | null;
  /** Vrai pour individuel / villa, faux pour collectif ; null si rien ne permet de le dire. */
  individuel: boolean | null;
  financement_brut: string | null;
  /** Classe de financement (PLAI, PLUS, PLS, PLI, PLA, PLA-TS, DIVERS, AUTRE) ; null si vide. */
  financement: string | null;
  /** null si le tableau n'a pas de colonne QPV ou si la cellule est vide. */
  en_qpv: boolean | null;
  commune_insee: string | null;
  /** Date ISO (aaaa-mm-jj, ou aaaa-mm si le fichier ne donne que le mois). */
  date_debut: string | null;
  /** Date ISO ; null si absente ou sans fin (voir `date_fin_ouverte`). */
  date_fin: string | null;
  /** Vrai si la convention est sans fin (31/12/2999). */
  date_fin_ouverte: boolean;
  /** Taux de rotation départemental du bailleur, en fraction (7,9 % → 0.079). */
  taux_rotation: number | null;
  /** Ligne source (1-based, décalage éventuel appliqué) ; pour un XLSX, numéro de ligne de la feuille. */
  ligne: number;
  /** Ligne de l'en-tête du tableau d'où vient le logement. */
  ligne_entete: number;
  /** Feuille (XLSX seulement). */
  feuille?: string;
}

/**
 * Remarque localisée sur une cellule : le logement est gardé, ce champ laissé
 * vide (valeur illisible) ou gardé tel quel (valeur hors des listes).
 */
export interface AvertissementCellule {
  fichier: string;
  ligne: number;
  /** En-tête de la colonne tel qu'écrit dans le fichier (ou nom canonique si l'en-tête est vide). */
  colonne: string;
  /** Numéro de la colonne (1-based) ; lettre de colonne dans le message pour un XLSX. */
  numero_colonne: number | null;
  valeur: string;
  attendu: string;
  message: string;
  feuille?: string;
}

/** Ligne du fichier qui n'est pas un logement alors qu'elle est dans un tableau, avec la raison. */
export interface Rejet {
  ligne: number;
  /** En-tête de la colonne tel qu'écrit dans le fichier (ou nom canonique si l'en-tête est vide). */
  colonne: string;
  /** Numéro de la colonne (1-based) ; lettre de colonne dans le message pour un XLSX. */
  numero_colonne: number | null;
  valeur: string;
  attendu: string;
  message: string;
  feuille?: string;
}

export type RaisonIgnoree =
  | 'vide'
  | 'titre'
  | 'tampon_page'
  | 'hors_tableau'
  | 'entete'
  | 'entete_repete'
  | 'suite_entete'
  | 'recapitulatif'
  | 'non_logement';

export interface Statistiques {
  /** Enregistrements lus (lignes physiques, ou lignes logiques si un champ contient un retour à la ligne). */
  lignes_lues: number;
  logements: number;
  /** Lignes sautées (vides, titres, en-têtes, tampons de page, tableaux agrégés). */
  ignorees: number;
  /** Lignes d'un tableau qui ne sont pas des logements (raison dans `rejets`). */
  rejetees: number;
  /** Logements gardés avec au moins un avertissement de cellule. */
  logements_avec_avertissement: number;
  ignorees_par_raison: Record<RaisonIgnoree, number>;
}

/** Comment une colonne a été comprise : par son libellé (synonyme), par son contenu, ou les deux. */
export type OrigineColonne = 'libelle' | 'contenu' | 'libelle+contenu';

export interface ColonneDetectee {
  numero: number;
  /** En-tête tel qu'écrit ; sur plusieurs lignes empilées, les morceaux joints par « › ». */
  entete: string;
  canonique: ColonneCanonique | null;
  origine: OrigineColonne | null;
  /** Cellules non vides de la colonne sous l'en-tête. */
  lignes_remplies: number;
  /** Parmi elles, celles dont le contenu a la forme attendue pour `canonique` ; null si la colonne n'a pas de forme connue. */
  lignes_contenu: number | null;
  /** Libellé reconnu, mais contredit par le contenu (colonne relue d'après son contenu). */
  libelle_contredit?: ColonneCanonique;
}

export interface TableauDetecte {
  /** Première ligne de l'en-tête. */
  ligne_entete: number;
  /** Nombre de lignes empilées de l'en-tête (1 à 3). */
  lignes_entete: number;
  feuille?: string;
  colonnes: ColonneDetectee[];
  logements: number;
}

/** Sort d'une ligne du fichier qui n'est pas un logement (sautée, avec sa raison). */
export interface LigneIgnoree {
  ligne: number;
  raison: RaisonIgnoree;
  feuille?: string;
}

export interface ResultatEtatDesLieux {
  fichier: string;
  format: 'csv' | 'xlsx';
  /** Encodage (CSV) ; absent pour un XLSX. */
  encodage?: string;
  delimiteur?: string;
  logements: LogementEtatDesLieux[];
  rejets: Rejet[];
  /** Remarques non bloquantes en français (libellés inconnus, commune non trouvée, tableau agrégé…). */
  avertissements: string[];
  /** Cellules illisibles ou hors des listes, une par cellule, avec fichier, ligne, colonne, valeur et attendu. */
  avertissements_cellules: AvertissementCellule[];
  /** Lignes sautées (vides, titres, en-têtes, tampons de page…) : avec les logements et les rejets, toutes les lignes du fichier. */
  lignes_ignorees: LigneIgnoree[];
  tableaux: TableauDetecte[];
  statistiques: Statistiques;
}

/** Erreur bloquante : fichier illisible ou sans tableau reconnaissable. */
export class ErreurEtatDesLieux extends Error {
  readonly fichier: string;
  readonly code: string;
  constructor(fichier: string, code: string, message: string) {
    super(`${fichier} : ${message}`);
    this.name = 'ErreurEtatDesLieux';
    this.fichier = fichier;
    this.code = code;
  }
}
