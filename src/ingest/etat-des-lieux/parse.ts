/**
 * Import d'un tableau « état des lieux » de convention de réservation (CSV,
 * TSV ou XLSX), quel que soit le format du bailleur :
 *
 * - l'en-tête est cherché partout (pas forcément ligne 1) ; un fichier peut
 *   contenir plusieurs tableaux (un par convention) ;
 * - les en-têtes répétés à chaque page, leurs lignes de suite (« de la
 *   convention »), les titres, tampons de page et lignes vides sont sautés ;
 * - les tableaux agrégés (TOTAL par financement) sont signalés et ignorés ;
 * - une ligne qui ressemble à un logement mais contient une valeur invalide
 *   est rejetée avec ligne, colonne, valeur et ce qui était attendu.
 *
 * Les numéros de ligne sont ceux du fichier lu (1-based) ; l'option
 * `premiereLigne` les recale sur le document d'origine quand le fichier en est
 * un extrait (ex. l'extrait des délibérations de Baziège commence à la ligne
 * 4753 de l'original).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { decoderOctets, libelleEncodage } from '../text/decode.ts';
import { DELIMITEURS, detecterDelimiteur, lireEnregistrements, nomDelimiteur } from '../text/delimited.ts';
import type { AnomalieDelimitee, Delimiteur } from '../text/delimited.ts';
import { mots, nettoyerCellule, plier } from '../text/normalize.ts';
import { lirePourcentage } from '../text/values.ts';
import type { ErreurValeur } from '../text/values.ts';
import {
  categoriserReservataire,
  classerFinancement,
  lireDateConvention,
  lireIndividuel,
  lireQpv,
  lireRpls,
  lireTypologie,
  programmeDepuisReference,
} from './champs.ts';
import { COLONNES_CLES, analyserEntete, analyserEnteteEmpile, estColonneRecap, reconnaitreCelluleStricte, estEntete, estEnteteRecap, estRepetition } from './colonnes.ts';
import type { AnalyseEntete } from './colonnes.ts';
import { apercu, colonnesAvecForme, colonnesDuContenu, contenuConforme, estTamponPage, titreCommune } from './contenus.ts';
import type { OutilsContenu } from './contenus.ts';
import { chargerConfig } from './config.ts';
import type { ConfigEtatDesLieux } from './config.ts';
import { resolveurCommunes } from './communes.ts';
import type { ResolveurCommunes } from './communes.ts';
import { ErreurEtatDesLieux } from './types.ts';
import type {
  AvertissementCellule,
  CategorieReservataire,
  ColonneCanonique,
  ColonneDetectee,
  LigneIgnoree,
  LogementEtatDesLieux,
  OrigineColonne,
  RaisonIgnoree,
  Rejet,
  ResultatEtatDesLieux,
  Statistiques,
  TableauDetecte,
} from './types.ts';
import { lireClasseur } from './xlsx.ts';

export interface OptionsEtatDesLieux {
  /** Configuration déjà chargée (sinon : data/config/formats/). */
  config?: ConfigEtatDesLieux;
  /** Dossier de configuration à utiliser à la place de data/config/formats/. */
  dossierConfig?: string;
  /** Numéro, dans le document d'origine, de la ligne 1 du fichier (1 par défaut). */
  premiereLigne?: number;
  /** Département par défaut pour retrouver les communes (« 31 »), si le tableau n'en donne pas. */
  departement?: string;
  /** Résolveur de communes ; `null` pour ne pas chercher les codes INSEE. Par défaut : COG complet, chargé au besoin. */
  communes?: ResolveurCommunes | null;
  /** Délimiteur imposé (sinon deviné). */
  delimiteur?: Delimiteur;
  /**
   * Commune de la convention (code INSEE ou nom), pour les logements dont le
   * tableau ne donne la commune ni dans une colonne ni dans une ligne de titre.
   */
  commune?: string;
}

/** Ligne source, déjà découpée en cellules. */
export interface LigneSource {
  ligne: number;
  champs: string[];
  anomalies?: AnomalieDelimitee[];
}

export interface FeuilleSource {
  nom?: string;
  lignes: LigneSource[];
}

// ---------------------------------------------------------------------------
// Avertissements regroupés

class Avertissements {
  private readonly groupes = new Map<string, { message: string; lignes: number[] }>();
  private readonly simples: string[] = [];

  ajouter(cle: string, message: string, ligne?: number): void {
    const g = this.groupes.get(cle);
    if (g) {
      if (ligne !== undefined) g.lignes.push(ligne);
      return;
    }
    this.groupes.set(cle, { message, lignes: ligne === undefined ? [] : [ligne] });
  }

  simple(message: string): void {
    this.simples.push(message);
  }

  liste(): string[] {
    const sortie = [...this.simples];
    for (const { message, lignes } of this.groupes.values()) {
      if (lignes.length === 0) sortie.push(message);
      else {
        const apercu = lignes.slice(0, 8).join(', ');
        const suite = lignes.length > 8 ? ` et ${lignes.length - 8} autre(s)` : '';
        sortie.push(`${message} (ligne${lignes.length > 1 ? 's' : ''} ${apercu}${suite})`);
      }
    }
    return sortie;
  }
}

// ---------------------------------------------------------------------------
// Tableau en cours

interface Tableau {
  ligneEntete: number;
  entetes: string[];
  colonnes: Array<ColonneCanonique | null>;
  positions: Map<ColonneCanonique, number[]>;
  /** Nombre de champs nécessaires pour atteindre la dernière colonne reconnue. */
  largeur: number;
  /** Nombre de colonnes de logement reconnues. */
  reconnues: number;
  /** Mots de l'en-tête et des synonymes : une ligne qui n'est faite que de ces mots est une suite d'en-tête. */
  vocabulaire: Set<string>;
  detecte: TableauDetecte;
  rpls: Set<string>;
  /** Dernière valeur vue des colonnes de localisation, pour les cellules fusionnées vidées par un export CSV. */
  precedentes: Map<number, string>;
  marques: MarqueReservataire[];
}

/**
 * Colonnes qu'une cellule fusionnée sur plusieurs logements (même commune,
 * même programme) laisse vides dans un export CSV : une cellule vide y prend la
 * valeur du logement précédent. Pas le réservataire, ni la typologie : vides,
 * ils ont un sens (non renseigné).
 */
const COLONNES_RECOPIEES: ReadonlySet<ColonneCanonique> = new Set(['commune', 'code_postal', 'code_insee', 'departement', 'epci', 'programme']);

function vocabulaireConfig(config: ConfigEtatDesLieux): Set<string> {
  const v = new Set<string>();
  for (const r of config.colonnes) for (const s of r.synonymes) for (const m of s.split(' ')) v.add(m);
  for (const m of ['de', 'la', 'le', 'les', 'du', 'des', 'l', 'd', 'sur', 'par', 'au', 'aux', 'en', 'et', 'ou', 'son', 'sa', 'ses', 'bien']) v.add(m);
  return v;
}

/** Spreadsheet column letter of a 1-based column number (1 → A, 27 → AA). */
export function lettreColonne(n: number): string {
  let s = '';
  let k = n;
  while (k > 0) {
    const r = (k - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    k = Math.floor((k - 1) / 26);
  }
  return s;
}

interface CommuneTitre {
  code: string | null;
  nom: string;
  ligne: number;
  feuille: string | undefined;
  annonces: number | null;
  lus: number;
}

interface Contexte {
  fichier: string;
  format: 'csv' | 'xlsx';
  config: ConfigEtatDesLieux;
  outils: OutilsContenu;
  decalage: number;
  departement: string | null;
  communes: ResolveurCommunes | null | undefined;
  /** Commune de la convention (option), pour les logements dont le tableau ne dit rien. */
  communeConvention: string | null;
  communeTitre: CommuneTitre | null;
  avertissements: Avertissements;
  alertes: AvertissementCellule[];
  logements: LogementEtatDesLieux[];
  rejets: Rejet[];
  ignorees: LigneIgnoree[];
  tableaux: TableauDetecte[];
  stats: Statistiques;
  vocabulaire: Set<string>;
  recapitulatifs: number;
  /** Départements des communes déjà trouvées : le plus fréquent sert d'indice aux suivantes. */
  departementsVus: Map<string, number>;
}

function nouvellesStatistiques(): Statistiques {
  return {
    lignes_lues: 0,
    logements: 0,
    ignorees: 0,
    rejetees: 0,
    logements_avec_avertissement: 0,
    ignorees_par_raison: {
      vide: 0,
      titre: 0,
      tampon_page: 0,
      hors_tableau: 0,
      entete: 0,
      entete_repete: 0,
      suite_entete: 0,
      recapitulatif: 0,
      non_logement: 0,
    },
  };
}

function ignorer(ctx: Contexte, raison: RaisonIgnoree, ligne: number, feuille: string | undefined): void {
  ctx.stats.ignorees++;
  ctx.stats.ignorees_par_raison[raison]++;
  const l: LigneIgnoree = { ligne: ligne + ctx.decalage, raison };
  if (feuille !== undefined) l.feuille = feuille;
  ctx.ignorees.push(l);
}

function resolveur(ctx: Contexte): ResolveurCommunes | null {
  if (ctx.communes === undefined) ctx.communes = resolveurCommunes();
  return ctx.communes;
}

// ---------------------------------------------------------------------------
// En-têtes sur une à trois lignes, choisis d'après leurs libellés et le contenu des lignes dessous

interface LigneNettoyee {
  source: LigneSource;
  cellules: string[];
  /** Valeurs non vides distinctes (une cellule fusionnée sur toute la ligne n'en fait qu'une). */
  distinctes: number;
}

/** Part minimale des cellules d'une colonne qui doivent avoir une forme pour que le contenu la reconnaisse. */
const SEUIL_CONTENU = 0.6;
/** En dessous de cette part, le contenu contredit le libellé. */
const SEUIL_CONTRADICTION = 0.2;
/**
 * Colonnes dont toutes les valeurs ont une forme connue (pas un vocabulaire
 * ouvert) : un libellé contredit par le contenu n'y est pas cru.
 */
const COLONNES_FORME_FERMEE: ReadonlySet<ColonneCanonique> = new Set([
  'rpls',
  'typologie',
  'collectif_individuel',
  'taux_rotation',
  'date_debut',
  'date_fin',
  'qpv',
  'code_postal',
  'code_insee',
]);
/** Lignes examinées sous un en-tête candidat pour le noter. */
const LIGNES_ECHANTILLON = 12;

interface Affectation {
  colonnes: Array<ColonneCanonique | null>;
  details: ColonneDetectee[];
  /** Colonnes reconnues par leur libellé. */
  parLibelle: number;
  /** Colonnes reconnues par leur seul contenu. */
  parContenu: number;
  /** Somme, sur les colonnes à libellé qui ont une forme connue, de la part des cellules conformes. */
  confirmation: number;
  /** Remarques (libellé contredit par le contenu). */
  remarques: string[];
  /** Réservataire donné par une case cochée dans une colonne par réservataire (« Préfecture | Commune | Action Logement »). */
  marques: MarqueReservataire[];
}

interface MarqueReservataire {
  index: number;
  categorie: CategorieReservataire;
  libelle: string;
}

/** Case cochée : X, oui, 1, ✓… */
const MARQUE = /^(x|oui|o|1|v|✓|✔|●|•|\*)$/iu;

/** Colonnes dont le libellé peut aussi être le nom d'un réservataire (« Commune », « Département »). */
const LIBELLES_RESERVATAIRES: ReadonlySet<ColonneCanonique> = new Set(['commune', 'departement', 'epci', 'bailleur']);

function distinctes(cellules: readonly string[]): number {
  return new Set(cellules.filter((c) => c !== '')).size;
}

/** Une ligne dont la plupart des valeurs ont une forme de donnée (T3, PLUS, 10 chiffres, dates…) n'est pas un morceau d'en-tête. */
function ressembleDonnees(cellules: readonly string[], ctx: Contexte): boolean {
  let remplies = 0;
  let formes = 0;
  let nombres = 0;
  for (const c of new Set(cellules)) {
    if (c === '') continue;
    remplies++;
    // « Commune », « Département » ont la forme d'un réservataire, mais ce sont d'abord des libellés connus.
    if (colonnesDuContenu(c, ctx.outils).length > 0 && reconnaitreCelluleStricte(c, ctx.config) === null) formes++;
    // « 12-001 », « 36488 », « 0030816617 » : des valeurs, pas des libellés.
    if ((c.match(/\d/gu) ?? []).length >= 4) nombres++;
  }
  return (formes >= 2 && formes * 3 >= remplies) || nombres >= 2;
}

/**
 * Sens de chaque colonne d'après son libellé (analyse d'en-tête) et le contenu
 * des lignes dessous : le contenu confirme le libellé, le remplace quand il le
 * contredit nettement, ou le fournit quand le libellé est inconnu ou vide.
 */
function affecterColonnes(analyse: AnalyseEntete, donnees: readonly string[][], ctx: Contexte): Affectation {
  const largeur = Math.max(analyse.colonnes.length, ...donnees.map((d) => d.length));
  const avecForme = colonnesAvecForme(ctx.config);
  const multiples = new Set(ctx.config.colonnes.filter((r) => r.plusieurs).map((r) => r.colonne));
  const colonnes: Array<ColonneCanonique | null> = Array.from({ length: largeur }, (_, j) => analyse.colonnes[j] ?? null);
  const origines: Array<OrigineColonne | null> = colonnes.map((c) => (c === null ? null : 'libelle'));
  const contredits: Array<ColonneCanonique | undefined> = colonnes.map(() => undefined);
  const remplies: number[] = [];
  const parts: Array<Map<ColonneCanonique, number>> = [];
  for (let j = 0; j < largeur; j++) {
    const valeurs = donnees.map((d) => d[j] ?? '').filter((v) => v !== '');
    remplies.push(valeurs.length);
    const compte = new Map<ColonneCanonique, number>();
    for (const v of valeurs) for (const c of colonnesDuContenu(v, ctx.outils)) compte.set(c, (compte.get(c) ?? 0) + 1);
    parts.push(compte);
  }
  const part = (j: number, c: ColonneCanonique): number => {
    const n = remplies[j] ?? 0;
    if (n === 0) return 0;
    if (colonnes[j] === c) {
      // Pour confirmer un libellé, toutes les formes comptent (y compris « confirme »).
      let k = 0;
      for (const d of donnees) {
        const v = d[j] ?? '';
        if (v !== '' && contenuConforme(v, c, ctx.outils)) k++;
      }
      return k / n;
    }
    return (parts[j]?.get(c) ?? 0) / n;
  };
  const prises = new Set<ColonneCanonique>(colonnes.filter((c): c is ColonneCanonique => c !== null && !multiples.has(c)));
  const meilleurContenu = (j: number): ColonneCanonique | null => {
    const n = remplies[j] ?? 0;
    if (n === 0) return null;
    const ordre = [...(parts[j]?.entries() ?? [])]
      .filter(([c, k]) => k / n >= SEUIL_CONTENU && (multiples.has(c) || !prises.has(c)))
      .sort((a, b) => b[1] - a[1]);
    return ordre[0]?.[0] ?? null;
  };
  const remarques: string[] = [];
  let confirmation = 0;
  // 1. Libellés contredits par le contenu (au moins 3 valeurs, presque aucune de la forme attendue).
  for (let j = 0; j < largeur; j++) {
    const c = colonnes[j];
    if (c === null || c === undefined || !avecForme.has(c) || (remplies[j] ?? 0) < 3) continue;
    const p = part(j, c);
    if (p >= SEUIL_CONTRADICTION) continue;
    // Vocabulaires ouverts (réservataire, financement, commune, adresse…) : un libellé reste un libellé.
    if (!COLONNES_FORME_FERMEE.has(c)) continue;
    prises.delete(c);
    const autre = meilleurContenu(j);
    if (autre === null && p > 0) {
      prises.add(c);
      continue;
    }
    contredits[j] = c;
    colonnes[j] = autre;
    origines[j] = autre === null ? null : 'contenu';
    if (autre !== null && !multiples.has(autre)) prises.add(autre);
    const entete = analyse.entetes[j] ?? '';
    remarques.push(
      autre === null
        ? `colonne ${j + 1} « ${entete} » : libellé lu comme ${c}, mais aucune valeur n'en a la forme (ex. « ${apercu(premiereValeur(donnees, j))} ») : colonne ignorée`
        : `colonne ${j + 1} « ${entete} » : libellé lu comme ${c}, mais le contenu est celui de ${autre} (ex. « ${apercu(premiereValeur(donnees, j))} ») : lue comme ${autre}`,
    );
  }
  // 2. Confirmation des libellés.
  for (let j = 0; j < largeur; j++) {
    const c = colonnes[j];
    if (c === null || c === undefined || origines[j] !== 'libelle' || !avecForme.has(c) || (remplies[j] ?? 0) === 0) continue;
    const p = part(j, c);
    confirmation += p;
    if (p >= 0.5) origines[j] = 'libelle+contenu';
  }
  // 3. Colonnes sans libellé reconnu : le contenu seul, de gauche à droite (1re colonne de dates = début).
  let parContenu = 0;
  for (let j = 0; j < largeur; j++) {
    if (colonnes[j] !== null || contredits[j] !== undefined) continue;
    const c = meilleurContenu(j);
    if (c === null) continue;
    colonnes[j] = c;
    origines[j] = 'contenu';
    if (!multiples.has(c)) prises.add(c);
    parContenu++;
  }
  // 4. Sans colonne réservataire : une colonne par réservataire, cochée (X) pour le logement réservé.
  const marques: MarqueReservataire[] = [];
  if (!colonnes.includes('reservataire')) {
    for (let j = 0; j < largeur; j++) {
      const c = colonnes[j] ?? null;
      if (c !== null && !LIBELLES_RESERVATAIRES.has(c)) continue;
      const libelle = (analyse.entetes[j] ?? '').split(' › ').pop() ?? '';
      const categorie = categoriserReservataire(libelle, ctx.config).valeur;
      if (libelle === '' || categorie === 'AUTRE' || categorie === 'NON_RENSEIGNE') continue;
      const valeurs = donnees.map((d) => d[j] ?? '').filter((v) => v !== '');
      if (valeurs.length === 0 || valeurs.filter((v) => MARQUE.test(v)).length * 10 < valeurs.length * 6) continue;
      marques.push({ index: j, categorie, libelle });
      if (c !== null && !multiples.has(c)) prises.delete(c);
      colonnes[j] = null;
      origines[j] = null;
    }
  }
  const details: ColonneDetectee[] = colonnes.map((c, j) => {
    const d: ColonneDetectee = {
      numero: j + 1,
      entete: analyse.entetes[j] ?? '',
      canonique: c ?? null,
      origine: origines[j] ?? null,
      lignes_remplies: 0,
      lignes_contenu: c !== null && c !== undefined && avecForme.has(c) ? 0 : null,
    };
    const k = contredits[j];
    if (k !== undefined) d.libelle_contredit = k;
    if (marques.some((m) => m.index === j)) Object.assign(d, { canonique: 'reservataire', origine: 'libelle+contenu', lignes_contenu: 0 });
    return d;
  });
  let parLibelle = 0;
  for (const o of origines) if (o === 'libelle' || o === 'libelle+contenu') parLibelle++;
  return { colonnes: colonnes.map((c) => c ?? null), details, parLibelle: parLibelle + marques.length, parContenu, confirmation, remarques, marques };
}

function premiereValeur(donnees: readonly string[][], j: number): string {
  for (const d of donnees) if ((d[j] ?? '') !== '') return d[j] as string;
  return '';
}

interface BlocEntete {
  /** Indice (dans la feuille) de la première ligne de l'en-tête. */
  debut: number;
  hauteur: number;
  analyse: AnalyseEntete;
  score: number;
}

/** Lignes de données sous un en-tête : les suivantes qui ont au moins deux valeurs, jusqu'à `max`. */
function lignesDessous(lignes: readonly LigneNettoyee[], depuis: number, max: number): string[][] {
  const sortie: string[][] = [];
  for (let i = depuis; i < lignes.length && sortie.length < max && i < depuis + max * 3; i++) {
    const l = lignes[i] as LigneNettoyee;
    if (l.distinctes >= 2) sortie.push(l.cellules);
  }
  return sortie;
}

/** En-tête commençant à la ligne `i` sur `hauteur` lignes, s'il en est un, avec sa note. */
function candidat(lignes: readonly LigneNettoyee[], i: number, hauteur: number, ctx: Contexte, simples: Array<AnalyseEntete | undefined>): BlocEntete | null {
  if (i + hauteur > lignes.length) return null;
  const bloc = lignes.slice(i, i + hauteur);
  if (bloc.some((l) => l.distinctes === 0)) return null;
  let labels = 0;
  for (let k = 0; k < hauteur; k++) labels += simple(lignes, i + k, ctx, simples).reconnues;
  if (labels < 2 && hauteur === 1) return null;
  if (labels < 1) return null;
  if (bloc.some((l) => ressembleDonnees(l.cellules, ctx))) return null;
  const analyse = analyserEnteteEmpile(
    bloc.map((l) => l.cellules),
    ctx.config,
  );
  if (analyse.reconnues < 2) return null;
  const donnees = lignesDessous(lignes, i + hauteur, LIGNES_ECHANTILLON);
  const a = affecterColonnes(analyse, donnees, ctx);
  const reconnues = a.parLibelle + a.parContenu;
  const parLibelles = estEntete(analyse);
  const avecContenu = analyse.reconnues >= 2 && reconnues >= 3 && reconnues * 2 >= analyse.nonVides && donnees.length > 0;
  // Un tableau de logements a au moins une colonne qui décrit le logement lui-même (RPLS, référence, typologie, réservataire, financement, adresse).
  const descriptive = a.colonnes.some((c) => c !== null && (COLONNES_CLES.has(c) || c === 'adresse' || c === 'programme'));
  if ((!parLibelles && !avecContenu) || !descriptive) return null;
  return { debut: i, hauteur, analyse, score: reconnues + a.confirmation };
}

function simple(lignes: readonly LigneNettoyee[], i: number, ctx: Contexte, simples: Array<AnalyseEntete | undefined>): AnalyseEntete {
  let a = simples[i];
  if (!a) {
    a = analyserEntete((lignes[i] as LigneNettoyee).cellules, ctx.config);
    simples[i] = a;
  }
  return a;
}

/** Meilleur en-tête (1 à 3 lignes) commençant à la ligne `i` : une ligne de plus doit améliorer la note. */
function meilleurBloc(lignes: readonly LigneNettoyee[], i: number, ctx: Contexte, simples: Array<AnalyseEntete | undefined>): BlocEntete | null {
  let meilleur: BlocEntete | null = null;
  for (let h = 1; h <= 3; h++) {
    const c = candidat(lignes, i, h, ctx, simples);
    if (c && (!meilleur || c.score > meilleur.score + 0.25)) meilleur = c;
  }
  return meilleur;
}

/** En-tête qui commence à la ligne `i`, sauf si commencer une ligne plus bas fait aussi bien (la ligne `i` est alors un titre). */
function enteteA(lignes: readonly LigneNettoyee[], i: number, ctx: Contexte, simples: Array<AnalyseEntete | undefined>): BlocEntete | null {
  const b = meilleurBloc(lignes, i, ctx, simples);
  if (!b || b.hauteur === 1) return b;
  const suivant = meilleurBloc(lignes, i + 1, ctx, simples);
  if (!suivant || suivant.debut + suivant.hauteur > b.debut + b.hauteur) return b;
  // Une ligne d'une seule valeur au-dessus d'un en-tête qui se suffit est un titre ; des libellés parents font partie de l'en-tête.
  const titre = (lignes[i] as LigneNettoyee).distinctes === 1;
  if (suivant.score > b.score || (titre && suivant.score >= b.score)) return null;
  return b;
}

// ---------------------------------------------------------------------------
// Classement des lignes

function creerTableau(bloc: BlocEntete, a: Affectation, ligne: number, feuille: string | undefined, ctx: Contexte): Tableau {
  const positions = new Map<ColonneCanonique, number[]>();
  let largeur = 0;
  let reconnues = 0;
  a.colonnes.forEach((c, i) => {
    if (c === null || estColonneRecap(c)) return;
    const p = positions.get(c);
    if (p) p.push(i);
    else positions.set(c, [i]);
    largeur = i + 1;
    reconnues++;
  });
  const vocabulaire = new Set(ctx.vocabulaire);
  for (const e of bloc.analyse.entetes) for (const m of mots(e)) vocabulaire.add(m);
  const detecte: TableauDetecte = { ligne_entete: ligne, lignes_entete: bloc.hauteur, colonnes: a.details, logements: 0 };
  if (feuille !== undefined) detecte.feuille = feuille;
  ctx.tableaux.push(detecte);
  const f = feuille !== undefined ? `feuille « ${feuille} », ` : '';
  for (const r of a.remarques) ctx.avertissements.simple(`${f}tableau de la ligne ${ligne} : ${r}`);
  return { ligneEntete: ligne, entetes: bloc.analyse.entetes, colonnes: a.colonnes, positions, largeur, reconnues, vocabulaire, detecte, rpls: new Set(), precedentes: new Map(), marques: a.marques };
}

/** Ligne faite uniquement de mots d'en-tête (suite d'un en-tête, « de la convention »). */
function estSuiteEntete(cellules: readonly string[], t: Tableau, ctx: Contexte): boolean {
  // « COMMUNE » dans la colonne réservataire est une valeur, pas un morceau d'en-tête.
  const resa = categoriserReservataire(cellule(cellules, t, 'reservataire'), ctx.config).valeur;
  if (resa !== 'AUTRE' && resa !== 'NON_RENSEIGNE') return false;
  let vues = 0;
  for (const c of cellules) {
    if (c === '') continue;
    for (const m of mots(c)) {
      if (/\d/u.test(m) || !t.vocabulaire.has(m)) return false;
    }
    vues++;
  }
  return vues > 0;
}

function cellule(cellules: readonly string[], t: Tableau, c: ColonneCanonique): string {
  const p = t.positions.get(c);
  if (!p || p[0] === undefined) return '';
  return cellules[p[0]] ?? '';
}

const TOTAL = /^(sous )?(total|totaux)\b/u;

function estLigneTotal(cellules: readonly string[]): boolean {
  return cellules.some((v) => v !== '' && TOTAL.test(plier(v)));
}

function ressembleLogement(l: LigneNettoyee, t: Tableau, ctx: Contexte): boolean {
  const { cellules } = l;
  if (l.distinctes === 0 || estLigneTotal(cellules)) return false;
  if (/^\d[\d\s.]{5,}$/u.test(cellule(cellules, t, 'rpls'))) return true;
  if (l.distinctes < 2) return false;
  if (cellules.some((c) => c !== '' && estTamponPage(c, ctx.config))) return false;
  let remplies = 0;
  let plausibles = 0;
  for (const [c, ps] of t.positions) {
    for (const p of ps) {
      const v = cellules[p] ?? '';
      if (v === '') continue;
      remplies++;
      // Une valeur de la forme attendue, ou d'une colonne sans forme connue (référence, programme).
      if (contenuConforme(v, c, ctx.outils) !== false) plausibles++;
    }
  }
  if (remplies * 2 >= t.reconnues && plausibles > 0) return true;
  const typ = cellule(cellules, t, 'typologie');
  if (typ !== '' && lireTypologie(typ).ok) return true;
  const fin = cellule(cellules, t, 'financement');
  const classe = fin === '' ? null : classerFinancement(fin, ctx.config);
  if (classe && classe.valeur !== 'AUTRE') return true;
  const resa = cellule(cellules, t, 'reservataire');
  const cat = categoriserReservataire(resa, ctx.config).valeur;
  return cat !== 'AUTRE' && cat !== 'NON_RENSEIGNE' && /\p{L}{3}/u.test(resa);
}

// ---------------------------------------------------------------------------
// Lecture d'une ligne de logement

function localisation(ctx: Contexte, feuille: string | undefined, ligne: number, index: number | null, entete: string): string {
  const f = feuille !== undefined ? `feuille « ${feuille} », ` : '';
  if (index === null) return `${f}ligne ${ligne}`;
  const col = ctx.format === 'xlsx' ? `colonne ${lettreColonne(index + 1)}` : `colonne ${index + 1}`;
  return `${f}ligne ${ligne}, ${col}${entete !== '' ? ` « ${entete} »` : ''}`;
}

/** Avertissement sur une cellule d'un logement gardé. */
function alerter(ctx: Contexte, t: Tableau, feuille: string | undefined, ligne: number, index: number | null, valeur: string, attendu: string, message: string): void {
  const entete = index === null ? '' : (t.entetes[index] ?? '') || (t.colonnes[index] ?? '');
  const a: AvertissementCellule = {
    fichier: ctx.fichier,
    ligne,
    colonne: entete,
    numero_colonne: index === null ? null : index + 1,
    valeur,
    attendu,
    message: `${localisation(ctx, feuille, ligne, index, entete)} : ${message}`,
  };
  if (feuille !== undefined) a.feuille = feuille;
  ctx.alertes.push(a);
}

function rejeter(ctx: Contexte, l: LigneNettoyee, t: Tableau, feuille: string | undefined): void {
  const ligne = l.source.ligne + ctx.decalage;
  const valeurs = l.cellules.filter((c) => c !== '');
  const total = estLigneTotal(valeurs);
  let remplies = 0;
  for (const ps of t.positions.values()) for (const p of ps) if ((l.cellules[p] ?? '') !== '') remplies++;
  const raison = total
    ? 'ligne de total, pas un logement'
    : `pas un logement : ${remplies} colonne(s) du tableau remplie(s) sur ${t.reconnues}, et ni N° RPLS, ni typologie, ni financement, ni réservataire reconnus`;
  const r: Rejet = {
    ligne,
    colonne: '',
    numero_colonne: null,
    valeur: apercu(valeurs.join(' | ')),
    attendu: 'une ligne de logement (N° RPLS, typologie, financement ou réservataire reconnu, ou la moitié des colonnes remplies)',
    message: `${localisation(ctx, feuille, ligne, null, '')} : ${raison} (« ${apercu(valeurs.join(' | '))} »)`,
  };
  if (feuille !== undefined) r.feuille = feuille;
  ctx.rejets.push(r);
  ctx.stats.rejetees++;
}

function communeDepuisTexte(ctx: Contexte, nom: string, cp: string | null, dep: string | null, ligne: number): string | null {
  const r = resolveur(ctx);
  if (!r) return null;
  let trouvee = r.resoudre(nom, { departement: dep || null, codePostal: cp || null });
  if (!trouvee && !dep && !cp && ctx.departementsVus.size > 0) {
    // Sans indice dans la ligne : le département des communes déjà trouvées dans ce fichier.
    const majoritaire = [...ctx.departementsVus.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    if (majoritaire) trouvee = r.resoudre(nom, { departement: majoritaire });
  }
  if (!trouvee) {
    ctx.avertissements.ajouter(
      `commune:${nom}`,
      `commune « ${nom} » introuvable ou ambiguë${dep ? ` dans le département ${dep}` : ''} : code INSEE laissé vide (précisez le département avec --departement)`,
      ligne,
    );
    return null;
  }
  const depTrouve = r.parCodeInsee(trouvee.code)?.departement;
  if (depTrouve) ctx.departementsVus.set(depTrouve, (ctx.departementsVus.get(depTrouve) ?? 0) + 1);
  if (trouvee.approchee) {
    ctx.avertissements.ajouter(`commune~:${nom}`, `commune « ${nom} » lue comme ${trouvee.nom} (${trouvee.code}), à une faute près`, ligne);
  }
  return trouvee.code;
}

function communeDe(cellules: readonly string[], t: Tableau, ctx: Contexte, ligne: number, adresse: string | null): string | null {
  const code = cellule(cellules, t, 'code_insee').trim();
  if (/^\d[\dAB]\d{3}$/iu.test(code)) {
    const r = resolveur(ctx);
    if (r && !r.parCodeInsee(code)) ctx.avertissements.ajouter(`insee:${code}`, `code INSEE « ${code} » absent du Code officiel géographique`, ligne);
    return code.toUpperCase();
  }
  let nom = cellule(cellules, t, 'commune');
  let cp = cellule(cellules, t, 'code_postal').trim();
  if (nom === '' && adresse) {
    const m = /(\d{5})\s+([\p{L}][\p{L}\s'’-]+)$/u.exec(adresse);
    if (m) {
      cp = m[1] as string;
      nom = m[2] as string;
    }
  }
  if (nom === '') {
    // Commune donnée par une ligne de titre (« BAZIEGE (31450) : 44 logements »), sinon par la convention.
    if (ctx.communeTitre) return ctx.communeTitre.code;
    return ctx.communeConvention;
  }
  const dep = cellule(cellules, t, 'departement').trim() || ctx.departement;
  return communeDepuisTexte(ctx, nom, cp || null, dep || null, ligne);
}

type LectureCellule<T> = (s: string) => { ok: true; valeur: T } | { ok: false; erreur: ErreurValeur };

function traiterLogement(l: LigneNettoyee, t: Tableau, feuille: string | undefined, ctx: Contexte): void {
  const { source } = l;
  const cellules = [...l.cellules];
  t.colonnes.forEach((c, j) => {
    if (c === null || !COLONNES_RECOPIEES.has(c)) return;
    const v = cellules[j] ?? '';
    if (v !== '') t.precedentes.set(j, v);
    else {
      const avant = t.precedentes.get(j);
      if (avant === undefined) return;
      while (cellules.length <= j) cellules.push('');
      cellules[j] = avant;
      ctx.avertissements.ajouter(
        `recopie:${t.ligneEntete}:${j}`,
        `colonne « ${t.entetes[j] || c} » vide : valeur du logement précédent reprise (cellule fusionnée dans le tableur d'origine ?)`,
        source.ligne + ctx.decalage,
      );
    }
  });
  const ligne = source.ligne + ctx.decalage;
  const alertesAvant = ctx.alertes.length;

  // Ligne coupée (fichier tronqué, guillemet non fermé) : le logement est gardé, les champs manquants restent vides.
  const guillemet = source.anomalies?.find((a) => a.code === 'guillemet-non-ferme');
  if (guillemet) {
    const i = guillemet.champ - 1;
    alerter(ctx, t, feuille, ligne, i, cellules[i] ?? '', 'guillemet fermant (")', `${guillemet.message} : logement gardé, champs suivants vides`);
  } else if (l.cellules.length < t.largeur) {
    let manquante = l.cellules.length;
    while (manquante < t.colonnes.length && t.colonnes[manquante] === null) manquante++;
    alerter(
      ctx,
      t,
      feuille,
      ligne,
      manquante,
      '',
      `${t.largeur} champs (ligne complète)`,
      `ligne incomplète : ${l.cellules.length} champ(s) au lieu d'au moins ${t.largeur} — fichier tronqué ou ligne coupée ? Logement gardé, champs manquants vides`,
    );
  }

  const index = (c: ColonneCanonique): number => t.positions.get(c)?.[0] ?? -1;
  const lire = <T>(c: ColonneCanonique, f: LectureCellule<T>, suite: string): T | null => {
    const v = cellule(cellules, t, c);
    if (v === '') return null;
    const r = f(v);
    if (r.ok) return r.valeur;
    const i = index(c);
    alerter(ctx, t, feuille, ligne, i < 0 ? null : i, r.erreur.valeur, r.erreur.attendu, `${r.erreur.message} — logement gardé, ${suite}`);
    return null;
  };

  const rpls = lire('rpls', lireRpls, 'N° RPLS vide');
  if (rpls?.zerosRestaures) {
    ctx.avertissements.ajouter('rpls-zeros', "identifiants RPLS de moins de 10 chiffres complétés par des zéros en tête (zéros perdus par un tableur)", ligne);
  }
  const typo = lire('typologie', lireTypologie, 'nombre de pièces vide (typologie brute gardée)');
  if (typo?.correctionOcr) {
    ctx.avertissements.ajouter(`typo-ocr:${cellule(cellules, t, 'typologie')}`, `typologie « ${cellule(cellules, t, 'typologie')} » lue comme T${typo.nb_pieces} (erreur d'OCR probable)`, ligne);
  }
  let individuel = lire('collectif_individuel', lireIndividuel, 'collectif / individuel vide');
  if (individuel === null && typo?.villa) individuel = true;
  else if (individuel === false && typo?.villa) {
    ctx.avertissements.ajouter('villa-collectif', 'typologie de villa (V…) sur un logement déclaré collectif : la colonne collectif / individuel prime', ligne);
  }
  const enQpv = lire('qpv', lireQpv, 'QPV vide');
  const debut = lire('date_debut', lireDateConvention, 'date de début vide');
  const fin = lire('date_fin', lireDateConvention, 'date de fin vide');
  const taux = lire('taux_rotation', (s) => lirePourcentage(s), 'taux de rotation vide');

  const adresses = (t.positions.get('adresse') ?? []).map((p) => cellules[p] ?? '');
  const adresse = [...new Set(adresses.filter((a) => a !== ''))].join(' / ') || null;
  const ref = cellule(cellules, t, 'ref_bailleur') || null;
  const programme =
    cellule(cellules, t, 'programme') ||
    (ref ? programmeDepuisReference(ref, ctx.config) : null) ||
    (adresses.length > 1 && adresses[0] ? adresses[0] : null);

  let resaBrut = t.positions.has('reservataire') ? cellule(cellules, t, 'reservataire') : '';
  let resa = categoriserReservataire(resaBrut, ctx.config);
  const cochees = t.marques.filter((m) => MARQUE.test(cellules[m.index] ?? ''));
  const premiere = cochees[0];
  if (premiere) {
    resaBrut = cochees.map((m) => m.libelle).join(' + ');
    resa = { valeur: premiere.categorie, regle: null };
    if (cochees.length > 1) {
      ctx.avertissements.ajouter(`marques:${resaBrut}`, `plusieurs réservataires cochés (${resaBrut}) : le premier, ${premiere.libelle}, est retenu`, ligne);
    }
  }
  if (resa.valeur === 'AUTRE') {
    const i = index('reservataire');
    alerter(
      ctx,
      t,
      feuille,
      ligne,
      i < 0 ? null : i,
      resaBrut,
      'réservataire connu de data/config/formats/reservataires.csv',
      `réservataire « ${resaBrut} » non reconnu : logement gardé en catégorie AUTRE (ajoutez une règle dans data/config/formats/reservataires.csv)`,
    );
  }
  const finBrut = cellule(cellules, t, 'financement');
  const financement = finBrut === '' ? null : classerFinancement(finBrut, ctx.config);
  if (financement?.valeur === 'AUTRE') {
    const i = index('financement');
    alerter(
      ctx,
      t,
      feuille,
      ligne,
      i < 0 ? null : i,
      finBrut,
      'financement connu de data/config/formats/financements.csv (PLAI, PLUS, PLS, PLA…)',
      `financement « ${finBrut} » non reconnu : logement gardé en classe AUTRE (ajoutez une règle dans data/config/formats/financements.csv)`,
    );
  }
  if (debut?.iso && fin?.iso && fin.iso < debut.iso) {
    ctx.avertissements.ajouter('dates-inversees', 'date de fin de convention antérieure à la date de début', ligne);
  }
  if (rpls) {
    if (t.rpls.has(rpls.rpls)) ctx.avertissements.ajouter(`rpls-double:${rpls.rpls}`, `RPLS ${rpls.rpls} en double dans le tableau de la ligne ${t.ligneEntete}`, ligne);
    t.rpls.add(rpls.rpls);
  } else if (t.positions.has('rpls')) {
    ctx.avertissements.ajouter('rpls-vide', 'logement sans N° RPLS alors que le tableau en a une colonne', ligne);
  }

  // Compréhension des colonnes : combien de cellules remplies, combien de la forme attendue.
  t.colonnes.forEach((c, j) => {
    const v = cellules[j] ?? '';
    const d = t.detecte.colonnes[j];
    if (c === null || v === '' || !d) return;
    d.lignes_remplies++;
    if (d.lignes_contenu !== null && contenuConforme(v, c, ctx.outils)) d.lignes_contenu++;
  });
  for (const m of t.marques) {
    const v = cellules[m.index] ?? '';
    const d = t.detecte.colonnes[m.index];
    if (v === '' || !d) continue;
    d.lignes_remplies++;
    if (MARQUE.test(v) && d.lignes_contenu !== null) d.lignes_contenu++;
  }

  // Avertissements de la ligne dans l'ordre des colonnes.
  const dela = ctx.alertes.splice(alertesAvant).sort((a, b) => (a.numero_colonne ?? 0) - (b.numero_colonne ?? 0));
  ctx.alertes.push(...dela);

  const logement: LogementEtatDesLieux = {
    rpls: rpls?.rpls ?? null,
    ref_bailleur: ref,
    programme: programme || null,
    adresse,
    reservataire_brut: resaBrut || null,
    reservataire_categorie: resa.valeur,
    typologie_brute: cellule(cellules, t, 'typologie') || null,
    nb_pieces: typo?.nb_pieces ?? null,
    individuel,
    financement_brut: finBrut || null,
    financement: financement?.valeur ?? null,
    en_qpv: enQpv,
    commune_insee: communeDe(cellules, t, ctx, ligne, adresse),
    date_debut: debut?.iso ?? null,
    date_fin: fin?.iso ?? null,
    date_fin_ouverte: fin?.ouverte ?? false,
    taux_rotation: taux,
    ligne,
    ligne_entete: t.ligneEntete,
  };
  if (feuille !== undefined) logement.feuille = feuille;
  ctx.logements.push(logement);
  ctx.stats.logements++;
  if (ctx.alertes.length > alertesAvant) ctx.stats.logements_avec_avertissement++;
  t.detecte.logements++;
  if (ctx.communeTitre) ctx.communeTitre.lus++;
}

// ---------------------------------------------------------------------------
// Feuilles

/** Vérifie le nombre de logements annoncé par la ligne de titre de la commune en cours. */
function fermerCommuneTitre(ctx: Contexte): void {
  const c = ctx.communeTitre;
  ctx.communeTitre = null;
  if (!c || c.annonces === null || c.annonces === c.lus) return;
  const f = c.feuille !== undefined ? `feuille « ${c.feuille} », ` : '';
  ctx.avertissements.simple(`${f}ligne ${c.ligne} : le titre annonce ${c.annonces} logement(s) pour ${c.nom}, ${c.lus} lu(s) sous ce titre — vérifiez le tableau`);
}

/** Ligne d'une seule valeur : tampon de page, titre qui donne la commune, ou autre titre. */
function ligneTitre(l: LigneNettoyee, tableau: Tableau | null, feuille: string | undefined, ctx: Contexte): void {
  const texte = l.cellules.find((c) => c !== '') ?? '';
  if (estTamponPage(texte, ctx.config)) {
    ignorer(ctx, 'tampon_page', l.source.ligne, feuille);
    return;
  }
  const titre = titreCommune(texte, ctx.config);
  if (titre) {
    fermerCommuneTitre(ctx);
    const ligne = l.source.ligne + ctx.decalage;
    const code = communeDepuisTexte(ctx, titre.nom, titre.codePostal, ctx.departement, ligne);
    ctx.communeTitre = { code, nom: titre.nom, ligne, feuille, annonces: titre.nombre, lus: 0 };
    ignorer(ctx, 'titre', l.source.ligne, feuille);
    return;
  }
  ignorer(ctx, tableau ? 'titre' : 'hors_tableau', l.source.ligne, feuille);
}

/** Lignes de données d'un tableau : jusqu'au prochain en-tête qui n'en est pas la répétition. */
function donneesDuTableau(lignes: readonly LigneNettoyee[], blocs: ReadonlyMap<number, BlocEntete>, bloc: BlocEntete): string[][] {
  const sortie: string[][] = [];
  for (let i = bloc.debut + bloc.hauteur; i < lignes.length; i++) {
    const autre = blocs.get(i);
    if (autre) {
      if (!estRepetition(bloc.analyse.colonnes, autre.analyse)) break;
      i += autre.hauteur - 1;
      continue;
    }
    const l = lignes[i] as LigneNettoyee;
    if (l.distinctes >= 2) sortie.push(l.cellules);
  }
  return sortie;
}

function analyserFeuille(feuille: FeuilleSource, ctx: Contexte): void {
  const lignes: LigneNettoyee[] = feuille.lignes.map((source) => {
    const cellules = source.champs.map(nettoyerCellule);
    return { source, cellules, distinctes: distinctes(cellules) };
  });
  // 1er passage : les en-têtes (1 à 3 lignes empilées).
  const simples: Array<AnalyseEntete | undefined> = [];
  const blocs = new Map<number, BlocEntete>();
  for (let i = 0; i < lignes.length; i++) {
    if ((lignes[i] as LigneNettoyee).distinctes === 0) continue;
    const b = enteteA(lignes, i, ctx, simples);
    if (b) {
      blocs.set(i, b);
      i += b.hauteur - 1;
    }
  }
  // 2e passage : chaque ligne est un en-tête, un logement, une ligne sautée ou rejetée.
  let tableau: Tableau | null = null;
  let recapActif = false;
  /** Vrai tant qu'aucune ligne vide ni titre n'a séparé la ligne courante de l'en-tête ou du dernier logement. */
  let contigu = false;
  const nom = feuille.nom;
  for (let i = 0; i < lignes.length; i++) {
    const l = lignes[i] as LigneNettoyee;
    const bloc = blocs.get(i);
    if (bloc) {
      recapActif = false;
      ctx.stats.lignes_lues += bloc.hauteur;
      const repete = tableau !== null && estRepetition(tableau.colonnes, bloc.analyse);
      if (!repete) {
        const a = affecterColonnes(bloc.analyse, donneesDuTableau(lignes, blocs, bloc), ctx);
        tableau = creerTableau(bloc, a, l.source.ligne + ctx.decalage, nom, ctx);
      }
      contigu = true;
      for (let k = 0; k < bloc.hauteur; k++) ignorer(ctx, repete ? 'entete_repete' : 'entete', (lignes[i + k] as LigneNettoyee).source.ligne, nom);
      i += bloc.hauteur - 1;
      continue;
    }
    ctx.stats.lignes_lues++;
    if (l.distinctes === 0) {
      recapActif = false;
      contigu = false;
      ignorer(ctx, 'vide', l.source.ligne, nom);
      continue;
    }
    const entete = simple(lignes, i, ctx, simples);
    if (estEnteteRecap(entete)) {
      ctx.recapitulatifs++;
      const ligne = l.source.ligne + ctx.decalage;
      const f = nom !== undefined ? `feuille « ${nom} », ` : '';
      ctx.avertissements.simple(
        `${f}ligne ${ligne} : tableau récapitulatif (${l.cellules.filter((c) => c !== '').join(' / ')}) sans détail par logement : ignoré`,
      );
      tableau = null;
      recapActif = true;
      ignorer(ctx, 'recapitulatif', l.source.ligne, nom);
      continue;
    }
    if (recapActif) {
      ignorer(ctx, 'recapitulatif', l.source.ligne, nom);
      continue;
    }
    if (tableau && ressembleLogement(l, tableau, ctx)) {
      traiterLogement(l, tableau, nom, ctx);
      contigu = true;
      continue;
    }
    if (l.distinctes === 1) {
      // Une valeur seule : titre, tampon de page (« Publié le… »), commune des logements qui suivent.
      ligneTitre(l, tableau, nom, ctx);
      contigu = false;
      continue;
    }
    if (!tableau) {
      ignorer(ctx, 'hors_tableau', l.source.ligne, nom);
      continue;
    }
    if (estSuiteEntete(l.cellules, tableau, ctx)) {
      ignorer(ctx, 'suite_entete', l.source.ligne, nom);
      continue;
    }
    // Tampon de page sur plusieurs cellules (« Page 2 | sur 5 », « Publié le : … | ID : … »).
    if (l.cellules.some((c) => c !== '' && estTamponPage(c, ctx.config))) {
      ignorer(ctx, 'tampon_page', l.source.ligne, nom);
      continue;
    }
    // Au milieu des logements, une ligne qui n'en est pas un est rejetée avec sa raison ; après une ligne vide, c'est du texte hors tableau.
    if (contigu) rejeter(ctx, l, tableau, nom);
    else ignorer(ctx, 'hors_tableau', l.source.ligne, nom);
  }
  fermerCommuneTitre(ctx);
}

/**
 * Premier en-tête d'une suite de lignes et son nombre de colonnes reconnues
 * (sert à choisir le délimiteur). Sans en-tête : la ligne la plus proche d'en
 * être un, pour le message d'erreur.
 */
function scoreEntetes(lignes: Iterable<LigneSource>, config: ConfigEtatDesLieux): { score: number; ligne: number | null; entete: boolean } {
  let meilleur = { score: 0, ligne: null as number | null, entete: false };
  for (const l of lignes) {
    const a = analyserEntete(l.champs.map(nettoyerCellule), config);
    if (estEntete(a)) return { score: a.reconnues, ligne: l.ligne, entete: true };
    if (a.reconnues > meilleur.score) meilleur = { score: a.reconnues, ligne: l.ligne, entete: false };
  }
  return meilleur;
}

function contexte(fichier: string, format: 'csv' | 'xlsx', options: OptionsEtatDesLieux): Contexte {
  const config = options.config ?? chargerConfig(options.dossierConfig);
  const ctx: Contexte = {
    fichier,
    format,
    config,
    outils: { config, communes: () => resolveur(ctx) },
    decalage: (options.premiereLigne ?? 1) - 1,
    departement: options.departement ?? null,
    communes: options.communes,
    communeConvention: null,
    communeTitre: null,
    avertissements: new Avertissements(),
    alertes: [],
    logements: [],
    rejets: [],
    ignorees: [],
    tableaux: [],
    stats: nouvellesStatistiques(),
    vocabulaire: vocabulaireConfig(config),
    recapitulatifs: 0,
    departementsVus: new Map(),
  };
  if (options.commune !== undefined && options.commune.trim() !== '') {
    const c = options.commune.trim();
    if (/^\d[\dAB]\d{3}$/iu.test(c)) ctx.communeConvention = c.toUpperCase();
    else ctx.communeConvention = communeDepuisTexte(ctx, c, null, ctx.departement, 0);
  }
  return ctx;
}

function terminer(ctx: Contexte, extra: Partial<ResultatEtatDesLieux>, diagnostic: () => string): ResultatEtatDesLieux {
  if (ctx.tableaux.length === 0 && ctx.recapitulatifs === 0) {
    throw new ErreurEtatDesLieux(ctx.fichier, 'sans-entete', diagnostic());
  }
  return {
    fichier: ctx.fichier,
    format: ctx.format,
    ...extra,
    logements: ctx.logements,
    rejets: ctx.rejets,
    avertissements: ctx.avertissements.liste(),
    avertissements_cellules: ctx.alertes,
    lignes_ignorees: ctx.ignorees,
    tableaux: ctx.tableaux,
    statistiques: ctx.stats,
  };
}

const AIDE_ENTETE =
  "aucune ligne d'en-tête d'état des lieux reconnue : il faut au moins 3 colonnes connues (N° RPLS, Réservataire, Typologie, Financement, Adresse…) sur une à trois lignes d'en-tête, par leur libellé ou par le contenu des lignes dessous ; " +
  'si les intitulés du bailleur sont nouveaux, ajoutez-les comme synonymes dans data/config/formats/etat-des-lieux-colonnes.csv';

/** Analyse des feuilles déjà découpées en cellules (cœur commun CSV / XLSX). */
export function analyserFeuilles(feuilles: FeuilleSource[], fichier: string, format: 'csv' | 'xlsx', options: OptionsEtatDesLieux = {}): ResultatEtatDesLieux {
  const ctx = contexte(fichier, format, options);
  for (const f of feuilles) analyserFeuille(f, ctx);
  return terminer(ctx, {}, () => AIDE_ENTETE);
}

/** Analyse un texte délimité (CSV `;` ou `,`, TSV). Lève `ErreurEtatDesLieux` si aucun tableau n'est reconnu. */
export function analyserTexteEtatDesLieux(texte: string, fichier: string, options: OptionsEtatDesLieux = {}, encodage?: string): ResultatEtatDesLieux {
  if (texte.trim() === '') throw new ErreurEtatDesLieux(fichier, 'vide', 'le fichier ne contient aucun texte');
  const config = options.config ?? chargerConfig(options.dossierConfig);
  const opts: OptionsEtatDesLieux = { ...options, config };

  let delimiteur: Delimiteur;
  let lignes: LigneSource[];
  let meilleurDiagnostic: { score: number; ligne: number | null; entete: boolean } = { score: 0, ligne: null, entete: false };
  if (options.delimiteur) {
    delimiteur = options.delimiteur;
    lignes = [...lireEnregistrements(texte, { delimiteur })];
  } else {
    // Le délimiteur est celui qui fait apparaître le meilleur en-tête ; à égalité, celui du détecteur générique.
    const devine = detecterDelimiteur(texte).delimiteur;
    const candidats = [devine, ...DELIMITEURS.filter((d) => d !== devine)];
    delimiteur = devine;
    lignes = [];
    let meilleur = -1;
    for (const d of candidats) {
      const l = [...lireEnregistrements(texte, { delimiteur: d })];
      const s = scoreEntetes(l, config);
      // Un vrai en-tête l'emporte toujours sur une ligne qui n'en a que l'apparence.
      const note = s.score + (s.entete ? 1000 : 0);
      if (note > meilleur) {
        meilleur = note;
        delimiteur = d;
        lignes = l;
        meilleurDiagnostic = s;
      }
    }
  }
  const ctx = contexte(fichier, 'csv', opts);
  analyserFeuille({ lignes }, ctx);
  const extra: Partial<ResultatEtatDesLieux> = { delimiteur: nomDelimiteur(delimiteur) };
  if (encodage !== undefined) extra.encodage = encodage;
  return terminer(ctx, extra, () => {
    const indice =
      meilleurDiagnostic.ligne !== null && meilleurDiagnostic.score > 0
        ? ` (meilleure candidate : ligne ${meilleurDiagnostic.ligne + ctx.decalage}, ${meilleurDiagnostic.score} colonne(s) reconnue(s))`
        : '';
    return `${AIDE_ENTETE}${indice}`;
  });
}

function estZip(octets: Uint8Array): boolean {
  return octets.length >= 4 && octets[0] === 0x50 && octets[1] === 0x4b && octets[2] === 0x03 && octets[3] === 0x04;
}

/** Analyse le contenu d'un fichier (CSV/TSV ou XLSX, reconnu à sa signature). */
export async function analyserOctetsEtatDesLieux(octets: Uint8Array, fichier: string, options: OptionsEtatDesLieux = {}): Promise<ResultatEtatDesLieux> {
  const ext = extname(fichier).toLowerCase();
  if (estZip(octets) || ext === '.xlsx' || ext === '.xlsm') {
    if (!estZip(octets)) {
      throw new ErreurEtatDesLieux(fichier, 'xlsx-illisible', "l'extension annonce un classeur .xlsx mais le contenu n'est pas une archive XLSX (fichier renommé ou tronqué ?)");
    }
    let feuilles;
    try {
      feuilles = await lireClasseur(octets);
    } catch (e) {
      throw new ErreurEtatDesLieux(fichier, 'xlsx-illisible', `classeur XLSX illisible (${(e as Error).message}) : fichier corrompu ou tronqué ?`);
    }
    const sources: FeuilleSource[] = feuilles.map((f) => ({
      nom: f.nom,
      lignes: f.lignes.map((champs, i) => ({ ligne: i + 1, champs })),
    }));
    return analyserFeuilles(sources, fichier, 'xlsx', options);
  }
  if (ext === '.xls' || ext === '.ods') {
    throw new ErreurEtatDesLieux(fichier, 'format', `format ${ext} non pris en charge : enregistrez le classeur en .xlsx ou en CSV`);
  }
  const decode = decoderOctets(octets);
  if (!decode.ok) throw new ErreurEtatDesLieux(fichier, decode.code, decode.message);
  const resultat = analyserTexteEtatDesLieux(decode.texte, fichier, options, `${libelleEncodage(decode.encodage)}${decode.bom ? ' avec BOM' : ''}`);
  if (decode.avertissements.length > 0) resultat.avertissements.unshift(...decode.avertissements);
  return resultat;
}

function messageErreurSysteme(e: NodeJS.ErrnoException): string {
  switch (e.code) {
    case 'ENOENT':
      return 'fichier introuvable';
    case 'EISDIR':
      return "c'est un dossier, pas un fichier";
    case 'EACCES':
    case 'EPERM':
      return 'lecture refusée (droits insuffisants)';
    default:
      return `lecture impossible (${e.code ?? e.message})`;
  }
}

/** Lit et analyse un fichier d'état des lieux. Lève `ErreurEtatDesLieux` (message en français) s'il est illisible. */
export async function lireEtatDesLieux(chemin: string, options: OptionsEtatDesLieux = {}): Promise<ResultatEtatDesLieux> {
  let octets: Uint8Array;
  try {
    octets = await readFile(chemin);
  } catch (e) {
    throw new ErreurEtatDesLieux(chemin, 'illisible', messageErreurSysteme(e as NodeJS.ErrnoException));
  }
  return analyserOctetsEtatDesLieux(octets, chemin, options);
}
