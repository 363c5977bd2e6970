/**
 * Reconnaissance des lignes d'en-tête des états des lieux, où qu'elles soient
 * dans le fichier, à partir des synonymes de
 * data/config/formats/etat-des-lieux-colonnes.csv.
 */
import { distanceEdition, plier } from '../text/normalize.ts';
import type { ConfigEtatDesLieux } from './config.ts';
import type { ColonneCanonique } from './types.ts';

export interface CelluleReconnue {
  colonne: ColonneCanonique;
  /** 1000+ égalité, 500+ préfixe, 100+ contenu, 50+ à une faute près (+ longueur du synonyme). */
  score: number;
}

const COLONNES_RECAP: ReadonlySet<ColonneCanonique> = new Set(['recapitulatif_total', 'recapitulatif_entete']);

/** Colonnes qui suffisent à reconnaître une ligne de logement même quand elle est très incomplète. */
export const COLONNES_CLES: ReadonlySet<ColonneCanonique> = new Set(['rpls', 'ref_bailleur', 'reservataire', 'typologie', 'financement']);

/** Colonnes informatives : présentes dans bien des tableaux qui ne listent pas des logements, elles ne comptent pas pour reconnaître un en-tête. */
export const COLONNES_INFORMATIVES: ReadonlySet<ColonneCanonique> = new Set(['bailleur', 'epci', 'departement', 'regime', 'taux_rotation_reservataire']);

export function estColonneRecap(c: ColonneCanonique | null): boolean {
  return c !== null && COLONNES_RECAP.has(c);
}

interface Synonyme {
  colonne: ColonneCanonique;
  longueur: number;
  /** « synonyme » suivi d'une espace (préfixe d'un en-tête plus long). */
  prefixe: string;
  /** « synonyme » entouré d'espaces (contenu dans un en-tête). */
  entoure: string;
  plie: string;
}

interface Index {
  /** Forme pliée et forme compactée → meilleure correspondance exacte. */
  exacts: Map<string, CelluleReconnue>;
  /** Synonymes d'au moins 4 caractères (préfixe, contenu), rangés par premier mot. */
  longs: Map<string, Synonyme[]>;
  /** Synonymes d'au moins 5 caractères (à une faute près). */
  approchables: Synonyme[];
}

const index = new WeakMap<ConfigEtatDesLieux, Index>();

function indexer(config: ConfigEtatDesLieux): Index {
  const deja = index.get(config);
  if (deja) return deja;
  const exacts = new Map<string, CelluleReconnue>();
  const longs = new Map<string, Synonyme[]>();
  const approchables: Synonyme[] = [];
  const noterExact = (cle: string, r: CelluleReconnue): void => {
    const e = exacts.get(cle);
    if (!e || e.score < r.score) exacts.set(cle, r);
  };
  for (const regle of config.colonnes) {
    for (const s of regle.synonymes) {
      const r = { colonne: regle.colonne, score: 1000 + s.length };
      noterExact(s, r);
      noterExact(`\u0000${s.replace(/ /gu, '')}`, r);
      const syn: Synonyme = { colonne: regle.colonne, longueur: s.length, prefixe: `${s} `, entoure: ` ${s} `, plie: s };
      if (s.length >= 4) {
        const premier = s.split(' ')[0] as string;
        const liste = longs.get(premier);
        if (liste) liste.push(syn);
        else longs.set(premier, [syn]);
      }
      if (s.length >= 5) approchables.push(syn);
    }
  }
  const i: Index = { exacts, longs, approchables };
  index.set(config, i);
  return i;
}

const caches = new WeakMap<ConfigEtatDesLieux, Map<string, CelluleReconnue | null>>();
const cachesApproches = new WeakMap<ConfigEtatDesLieux, Map<string, CelluleReconnue | null>>();

/** Forme pliée d'une cellule si elle peut être un en-tête (ni vide, ni surtout des chiffres, ni un paragraphe). */
function enteteCandidat(cellule: string): string | null {
  const entete = plier(cellule);
  if (entete === '' || entete.length > 160) return null;
  const chiffres = (entete.match(/\d/gu) ?? []).length;
  return chiffres * 2 < entete.replace(/ /gu, '').length ? entete : null;
}

function memoriser(caches: WeakMap<ConfigEtatDesLieux, Map<string, CelluleReconnue | null>>, config: ConfigEtatDesLieux): Map<string, CelluleReconnue | null> {
  let cache = caches.get(config);
  if (!cache) {
    cache = new Map();
    caches.set(config, cache);
  }
  if (cache.size > 50_000) cache.clear();
  return cache;
}

/**
 * Colonne canonique d'un texte d'en-tête, par comparaison stricte : égalité
 * (aussi sans espaces : « N°RPLS »), en-tête commençant par le synonyme, ou
 * le contenant (synonymes d'au moins 4 caractères). Null si aucune.
 */
export function reconnaitreCelluleStricte(cellule: string, config: ConfigEtatDesLieux): CelluleReconnue | null {
  const cache = memoriser(caches, config);
  const deja = cache.get(cellule);
  if (deja !== undefined) return deja;
  let resultat: CelluleReconnue | null = null;
  const entete = enteteCandidat(cellule);
  if (entete !== null) {
    const { exacts, longs } = indexer(config);
    resultat = exacts.get(entete) ?? exacts.get(`\u0000${entete.replace(/ /gu, '')}`) ?? null;
    if (resultat === null) {
      const entoure = ` ${entete} `;
      // Seuls les synonymes dont le premier mot figure dans l'en-tête peuvent y être contenus.
      for (const mot of new Set(entete.split(' '))) {
        for (const s of longs.get(mot) ?? []) {
          const score = entete.startsWith(s.prefixe) ? 500 + s.longueur : entoure.includes(s.entoure) ? 100 + s.longueur : 0;
          if (score > 0 && (resultat === null || score > resultat.score)) resultat = { colonne: s.colonne, score };
        }
      }
    }
  }
  cache.set(cellule, resultat);
  return resultat;
}

/** Colonne canonique d'un texte d'en-tête, y compris à une faute de frappe ou d'OCR près (« N° RPL5 »). */
export function reconnaitreCellule(cellule: string, config: ConfigEtatDesLieux): CelluleReconnue | null {
  const stricte = reconnaitreCelluleStricte(cellule, config);
  if (stricte) return stricte;
  const cache = memoriser(cachesApproches, config);
  const deja = cache.get(cellule);
  if (deja !== undefined) return deja;
  let resultat: CelluleReconnue | null = null;
  const entete = enteteCandidat(cellule);
  if (entete !== null) {
    for (const s of indexer(config).approchables) {
      const max = s.longueur >= 10 ? 2 : 1;
      if (Math.abs(s.longueur - entete.length) > max) continue;
      if (distanceEdition(entete, s.plie, max) <= max) {
        const score = 50 + s.longueur;
        if (resultat === null || score > resultat.score) resultat = { colonne: s.colonne, score };
      }
    }
  }
  cache.set(cellule, resultat);
  return resultat;
}

export interface AnalyseEntete {
  /** Colonne canonique de chaque cellule (null : non reconnue, ou doublon moins probable). */
  colonnes: Array<ColonneCanonique | null>;
  /** Libellé de chaque colonne ; sur plusieurs lignes, morceaux de haut en bas joints par « › ». */
  entetes: string[];
  /** Note de la correspondance retenue pour chaque colonne (0 si aucune). */
  scores: number[];
  nonVides: number;
  /** Cellules reconnues comme colonnes de logement (hors repères de tableau agrégé). */
  reconnues: number;
  /** Cellules reconnues comme repères de tableau agrégé (TOTAL, FINANCEMENTS…). */
  reperesRecap: number;
  /** Cellules reconnues comme colonnes informatives (EPCI, bailleur, département…). */
  informatives: number;
  totalRecap: boolean;
}

/**
 * Morceaux de libellé de chaque colonne d'un en-tête sur 1 à 3 lignes
 * empilées. Une cellule parente fusionnée (« Localisation du bien » au-dessus
 * de « Département | Commune | Adresse ») n'est écrite que dans sa première
 * colonne dans un CSV : elle s'étend vers la droite tant que la ligne du
 * dessous a des libellés et qu'elle-même en a un sous elle (sinon c'est un
 * libellé simple fusionné verticalement, qui ne déborde pas).
 */
export function morceauxEmpiles(lignes: ReadonlyArray<readonly string[]>): string[][] {
  const largeur = Math.max(0, ...lignes.map((l) => l.length));
  const grille = lignes.map((l) => Array.from({ length: largeur }, (_, j) => l[j] ?? ''));
  for (let r = 0; r + 1 < grille.length; r++) {
    const parent = grille[r] as string[];
    const enfant = grille[r + 1] as string[];
    let source = -1;
    for (let j = 0; j < largeur; j++) {
      if (parent[j] !== '') {
        source = enfant[j] !== '' ? j : -1;
        continue;
      }
      if (source >= 0 && enfant[j] !== '') parent[j] = parent[source] as string;
      else source = -1;
    }
  }
  return Array.from({ length: largeur }, (_, j) => {
    const morceaux: string[] = [];
    for (const l of grille) {
      const c = l[j] as string;
      if (c !== '' && (morceaux.length === 0 || plier(morceaux[morceaux.length - 1] as string) !== plier(c))) morceaux.push(c);
    }
    return morceaux;
  });
}

function meilleure(a: CelluleReconnue | null, b: CelluleReconnue | null): CelluleReconnue | null {
  if (!a) return b;
  if (!b) return a;
  return b.score > a.score ? b : a;
}

/** Meilleure lecture d'un libellé en morceaux : tous joints, les deux derniers, ou un seul (le plus bas d'abord). */
function reconnaitreMorceaux(morceaux: readonly string[], config: ConfigEtatDesLieux, approche: boolean): CelluleReconnue | null {
  if (morceaux.length === 0) return null;
  const lire = (t: string) => (approche ? reconnaitreCellule(t, config) : reconnaitreCelluleStricte(t, config));
  let r = lire(morceaux.join(' '));
  if (morceaux.length > 1) {
    if (morceaux.length > 2) r = meilleure(r, lire(morceaux.slice(-2).join(' ')));
    // Un libellé parent (« Réservation » au-dessus de « Échéance ») cède devant celui de sa colonne.
    for (let i = morceaux.length - 1; i >= 0; i--) {
      const m = lire(morceaux[i] as string);
      r = meilleure(r, m && { colonne: m.colonne, score: m.score - (morceaux.length - 1 - i) * 30 });
    }
  }
  return r;
}

/**
 * Analyse une ou plusieurs lignes empilées comme en-tête potentiel. Une
 * colonne canonique non multiple revendiquée par plusieurs cellules revient à
 * la mieux notée (à égalité, la plus à gauche).
 */
export function analyserEnteteEmpile(lignes: ReadonlyArray<readonly string[]>, config: ConfigEtatDesLieux): AnalyseEntete {
  const morceaux = morceauxEmpiles(lignes);
  // Comparaison stricte d'abord ; à une faute près seulement si les lignes ont déjà
  // l'air d'un en-tête (2 cellules reconnues) : une ligne de données n'y passe pas.
  let trouvees = morceaux.map((m) => reconnaitreMorceaux(m, config, false));
  if (trouvees.filter((t) => t !== null).length >= 2) {
    trouvees = morceaux.map((m, i) => trouvees[i] ?? reconnaitreMorceaux(m, config, true));
  }
  const multiples = new Set(config.colonnes.filter((r) => r.plusieurs).map((r) => r.colonne));
  const retenue = new Map<ColonneCanonique, number>();
  trouvees.forEach((t, i) => {
    if (!t || multiples.has(t.colonne)) return;
    const j = retenue.get(t.colonne);
    if (j === undefined || (trouvees[j] as CelluleReconnue).score < t.score) retenue.set(t.colonne, i);
  });
  const colonnes = trouvees.map((t, i) => {
    if (!t) return null;
    if (multiples.has(t.colonne)) return t.colonne;
    return retenue.get(t.colonne) === i ? t.colonne : null;
  });
  let reconnues = 0;
  let reperesRecap = 0;
  let informatives = 0;
  for (const c of colonnes) {
    if (c === null) continue;
    if (estColonneRecap(c)) reperesRecap++;
    else if (COLONNES_INFORMATIVES.has(c)) informatives++;
    else reconnues++;
  }
  return {
    colonnes,
    informatives,
    entetes: morceaux.map((m) => m.join(' › ')),
    scores: colonnes.map((c, i) => (c === null ? 0 : (trouvees[i]?.score ?? 0))),
    nonVides: morceaux.filter((m) => m.length > 0).length,
    reconnues,
    reperesRecap,
    totalRecap: colonnes.includes('recapitulatif_total'),
  };
}

/** Analyse une ligne seule comme en-tête potentiel. */
export function analyserEntete(cellules: readonly string[], config: ConfigEtatDesLieux): AnalyseEntete {
  return analyserEnteteEmpile([cellules], config);
}

/** Au moins 3 colonnes de logement reconnues, formant au moins 60 % des cellules non vides. */
export function estEntete(a: AnalyseEntete): boolean {
  return a.reconnues >= 3 && (a.reconnues + a.reperesRecap + a.informatives) * 10 >= a.nonVides * 6;
}

/** En-tête de tableau agrégé : une cellule TOTAL et au moins un autre repère, sans être un en-tête de logements. */
export function estEnteteRecap(a: AnalyseEntete): boolean {
  return !estEntete(a) && a.totalRecap && a.reperesRecap + a.reconnues >= 2 && (a.reconnues + a.reperesRecap) * 2 >= a.nonVides;
}

/**
 * Vrai si `nouvel` répète l'en-tête courant (page suivante d'un export PDF) :
 * au moins 60 % de ses colonnes reconnues tombent à la même position. Un
 * en-tête répété peut être abîmé (« N° RPL5 », colonnes décalées en fin de
 * ligne) : on garde alors la correspondance du premier.
 */
export function estRepetition(courant: ReadonlyArray<ColonneCanonique | null>, nouvel: AnalyseEntete): boolean {
  let communes = 0;
  let reconnues = 0;
  nouvel.colonnes.forEach((c, i) => {
    if (c === null || estColonneRecap(c)) return;
    reconnues++;
    if (courant[i] === c) communes++;
  });
  return reconnues > 0 && communes * 10 >= reconnues * 6;
}
