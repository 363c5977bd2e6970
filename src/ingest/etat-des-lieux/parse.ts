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
import { nettoyerCellule, mots } from '../text/normalize.ts';
import { lireDate, lirePourcentage } from '../text/values.ts';
import type { ErreurValeur } from '../text/values.ts';
import {
  categoriserReservataire,
  classerFinancement,
  lireIndividuel,
  lireQpv,
  lireRpls,
  lireTypologie,
  programmeDepuisReference,
} from './champs.ts';
import { analyserEntete, estColonneRecap, estEntete, estEnteteRecap, estRepetition } from './colonnes.ts';
import { chargerConfig } from './config.ts';
import type { ConfigEtatDesLieux } from './config.ts';
import { resolveurCommunes } from './communes.ts';
import type { ResolveurCommunes } from './communes.ts';
import { ErreurEtatDesLieux } from './types.ts';
import type {
  ColonneCanonique,
  LogementEtatDesLieux,
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
}

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

interface Contexte {
  fichier: string;
  format: 'csv' | 'xlsx';
  config: ConfigEtatDesLieux;
  decalage: number;
  departement: string | null;
  communes: ResolveurCommunes | null | undefined;
  avertissements: Avertissements;
  logements: LogementEtatDesLieux[];
  rejets: Rejet[];
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
    ignorees_par_raison: {
      vide: 0,
      hors_tableau: 0,
      entete: 0,
      entete_repete: 0,
      suite_entete: 0,
      recapitulatif: 0,
      non_logement: 0,
    },
  };
}

function ignorer(ctx: Contexte, raison: RaisonIgnoree): void {
  ctx.stats.ignorees++;
  ctx.stats.ignorees_par_raison[raison]++;
}

function resolveur(ctx: Contexte): ResolveurCommunes | null {
  if (ctx.communes === undefined) ctx.communes = resolveurCommunes();
  return ctx.communes;
}

// ---------------------------------------------------------------------------
// Classement des lignes

function creerTableau(ligne: number, cellules: string[], colonnes: Array<ColonneCanonique | null>, feuille: string | undefined, ctx: Contexte): Tableau {
  const positions = new Map<ColonneCanonique, number[]>();
  let largeur = 0;
  let reconnues = 0;
  colonnes.forEach((c, i) => {
    if (c === null || estColonneRecap(c)) return;
    const p = positions.get(c);
    if (p) p.push(i);
    else positions.set(c, [i]);
    largeur = i + 1;
    reconnues++;
  });
  const vocabulaire = new Set(ctx.vocabulaire);
  for (const c of cellules) for (const m of mots(c)) vocabulaire.add(m);
  const detecte: TableauDetecte = {
    ligne_entete: ligne,
    colonnes: cellules.map((e, i) => ({ numero: i + 1, entete: e, canonique: colonnes[i] ?? null })),
    logements: 0,
  };
  if (feuille !== undefined) detecte.feuille = feuille;
  ctx.tableaux.push(detecte);
  return { ligneEntete: ligne, entetes: cellules, colonnes, positions, largeur, reconnues, vocabulaire, detecte, rpls: new Set() };
}

/** Ligne faite uniquement de mots d'en-tête (suite d'un en-tête sur deux lignes, « de la convention »). */
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

function ressembleLogement(cellules: readonly string[], t: Tableau, ctx: Contexte): boolean {
  const nonVides = cellules.filter((c) => c !== '').length;
  if (nonVides === 0) return false;
  if (/^\d[\d\s.]{5,}$/u.test(cellule(cellules, t, 'rpls'))) return true;
  if (nonVides < 2) return false;
  let remplies = 0;
  for (const ps of t.positions.values()) for (const p of ps) if ((cellules[p] ?? '') !== '') remplies++;
  if (remplies * 2 >= t.reconnues) return true;
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

interface ErreurCellule {
  index: number;
  erreur: ErreurValeur;
}

function localisation(ctx: Contexte, feuille: string | undefined, ligne: number, index: number | null, entete: string): string {
  const f = feuille !== undefined ? `feuille « ${feuille} », ` : '';
  if (index === null) return `${f}ligne ${ligne}`;
  const col = ctx.format === 'xlsx' ? `colonne ${lettreColonne(index + 1)}` : `colonne ${index + 1}`;
  return `${f}ligne ${ligne}, ${col}${entete !== '' ? ` « ${entete} »` : ''}`;
}

function rejet(ctx: Contexte, t: Tableau, feuille: string | undefined, ligne: number, index: number | null, valeur: string, attendu: string, message: string): Rejet {
  const entete = index === null ? '' : (t.entetes[index] ?? '') || (t.colonnes[index] ?? '');
  const r: Rejet = {
    ligne,
    colonne: entete,
    numero_colonne: index === null ? null : index + 1,
    valeur,
    attendu,
    message: `${localisation(ctx, feuille, ligne, index, entete)} : ${message}`,
  };
  if (feuille !== undefined) r.feuille = feuille;
  return r;
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
  if (nom === '') return null;
  const r = resolveur(ctx);
  if (!r) return null;
  const dep = cellule(cellules, t, 'departement').trim() || ctx.departement;
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

function traiterLogement(source: LigneSource, cellules: string[], t: Tableau, feuille: string | undefined, ctx: Contexte): void {
  const ligne = source.ligne + ctx.decalage;
  const rejets: Rejet[] = [];

  const guillemet = source.anomalies?.find((a) => a.code === 'guillemet-non-ferme');
  if (guillemet) {
    const i = guillemet.champ - 1;
    rejets.push(rejet(ctx, t, feuille, ligne, i, cellules[i] ?? '', 'guillemet fermant (")', guillemet.message));
  } else if (cellules.length < t.largeur) {
    let manquante = cellules.length;
    while (manquante < t.colonnes.length && t.colonnes[manquante] === null) manquante++;
    rejets.push(
      rejet(
        ctx,
        t,
        feuille,
        ligne,
        manquante,
        '',
        `${t.largeur} champs (ligne complète)`,
        `ligne incomplète : ${cellules.length} champ(s) au lieu d'au moins ${t.largeur} — fichier tronqué ou ligne coupée ?`,
      ),
    );
  }
  if (rejets.length > 0) {
    ctx.rejets.push(...rejets);
    ctx.stats.rejetees++;
    return;
  }

  const erreurs: ErreurCellule[] = [];
  const index = (c: ColonneCanonique): number => t.positions.get(c)?.[0] ?? -1;
  const lire = <T>(c: ColonneCanonique, f: (s: string) => { ok: true; valeur: T } | { ok: false; erreur: ErreurValeur }): T | null => {
    const v = cellule(cellules, t, c);
    if (v === '') return null;
    const r = f(v);
    if (r.ok) return r.valeur;
    erreurs.push({ index: index(c), erreur: r.erreur });
    return null;
  };

  const rpls = lire('rpls', lireRpls);
  if (rpls?.zerosRestaures) {
    ctx.avertissements.ajouter('rpls-zeros', "identifiants RPLS de moins de 10 chiffres complétés par des zéros en tête (zéros perdus par un tableur)", ligne);
  }
  const typo = lire('typologie', lireTypologie);
  if (typo?.correctionOcr) {
    ctx.avertissements.ajouter(`typo-ocr:${cellule(cellules, t, 'typologie')}`, `typologie « ${cellule(cellules, t, 'typologie')} » lue comme T${typo.nb_pieces} (erreur d'OCR probable)`, ligne);
  }
  let individuel = lire('collectif_individuel', lireIndividuel);
  if (individuel === null && typo?.villa) individuel = true;
  else if (individuel === false && typo?.villa) {
    ctx.avertissements.ajouter('villa-collectif', 'typologie de villa (V…) sur un logement déclaré collectif : la colonne collectif / individuel prime', ligne);
  }
  const enQpv = lire('qpv', lireQpv);
  const debut = lire('date_debut', lireDate);
  const fin = lire('date_fin', lireDate);
  const taux = lire('taux_rotation', (s) => lirePourcentage(s));

  if (erreurs.length > 0) {
    erreurs.sort((a, b) => a.index - b.index);
    for (const { index: i, erreur } of erreurs) {
      ctx.rejets.push(rejet(ctx, t, feuille, ligne, i < 0 ? null : i, erreur.valeur, erreur.attendu, erreur.message));
    }
    ctx.stats.rejetees++;
    return;
  }

  const adresses = (t.positions.get('adresse') ?? []).map((p) => cellules[p] ?? '');
  const adresse = adresses.filter((a) => a !== '').join(' / ') || null;
  const ref = cellule(cellules, t, 'ref_bailleur') || null;
  const programme =
    cellule(cellules, t, 'programme') ||
    (ref ? programmeDepuisReference(ref, ctx.config) : null) ||
    (adresses.length > 1 && adresses[0] ? adresses[0] : null);

  const resaBrut = t.positions.has('reservataire') ? cellule(cellules, t, 'reservataire') : '';
  const resa = categoriserReservataire(resaBrut, ctx.config);
  if (resa.valeur === 'AUTRE') {
    ctx.avertissements.ajouter(
      `resa:${resaBrut}`,
      `réservataire « ${resaBrut} » non reconnu : catégorie AUTRE (ajoutez une règle dans data/config/formats/reservataires.csv)`,
      ligne,
    );
  }
  const finBrut = cellule(cellules, t, 'financement');
  const financement = finBrut === '' ? null : classerFinancement(finBrut, ctx.config);
  if (financement?.valeur === 'AUTRE') {
    ctx.avertissements.ajouter(
      `fin:${finBrut}`,
      `financement « ${finBrut} » non reconnu : classe AUTRE (ajoutez une règle dans data/config/formats/financements.csv)`,
      ligne,
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
  t.detecte.logements++;
}

// ---------------------------------------------------------------------------
// Feuilles

function analyserFeuille(feuille: FeuilleSource, ctx: Contexte): void {
  let tableau: Tableau | null = null;
  let recapActif = false;
  for (const source of feuille.lignes) {
    ctx.stats.lignes_lues++;
    const cellules = source.champs.map(nettoyerCellule);
    const nonVides = cellules.reduce((n, c) => n + (c === '' ? 0 : 1), 0);
    if (nonVides === 0) {
      recapActif = false;
      ignorer(ctx, 'vide');
      continue;
    }
    const entete = analyserEntete(cellules, ctx.config);
    if (estEntete(entete)) {
      recapActif = false;
      if (tableau && estRepetition(tableau.colonnes, entete)) {
        ignorer(ctx, 'entete_repete');
        continue;
      }
      tableau = creerTableau(source.ligne + ctx.decalage, cellules, entete.colonnes, feuille.nom, ctx);
      ignorer(ctx, 'entete');
      continue;
    }
    if (estEnteteRecap(entete)) {
      ctx.recapitulatifs++;
      const ligne = source.ligne + ctx.decalage;
      const f = feuille.nom !== undefined ? `feuille « ${feuille.nom} », ` : '';
      ctx.avertissements.simple(
        `${f}ligne ${ligne} : tableau récapitulatif (${cellules.filter((c) => c !== '').join(' / ')}) sans détail par logement : ignoré`,
      );
      tableau = null;
      recapActif = true;
      ignorer(ctx, 'recapitulatif');
      continue;
    }
    if (recapActif) {
      ignorer(ctx, 'recapitulatif');
      continue;
    }
    if (!tableau) {
      ignorer(ctx, 'hors_tableau');
      continue;
    }
    if (estSuiteEntete(cellules, tableau, ctx)) {
      ignorer(ctx, 'suite_entete');
      continue;
    }
    if (!ressembleLogement(cellules, tableau, ctx)) {
      // Une cellule isolée : titre, tampon de page (« Publié le… »), texte ; sinon une ligne du tableau sans logement.
      ignorer(ctx, nonVides === 1 ? 'hors_tableau' : 'non_logement');
      continue;
    }
    traiterLogement(source, cellules, tableau, feuille.nom, ctx);
  }
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
    decalage: (options.premiereLigne ?? 1) - 1,
    departement: options.departement ?? null,
    communes: options.communes,
    avertissements: new Avertissements(),
    logements: [],
    rejets: [],
    tableaux: [],
    stats: nouvellesStatistiques(),
    vocabulaire: vocabulaireConfig(config),
    recapitulatifs: 0,
    departementsVus: new Map(),
  };
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
    tableaux: ctx.tableaux,
    statistiques: ctx.stats,
  };
}

const AIDE_ENTETE =
  "aucune ligne d'en-tête d'état des lieux reconnue : il faut au moins 3 colonnes connues (N° RPLS, Réservataire, Typologie, Financement, Adresse…) sur une même ligne ; " +
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
