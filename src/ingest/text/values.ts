/**
 * Lecture des valeurs « à la française » trouvées dans les exports :
 * nombres (`1 234,5`, `0.079`, `-3`), pourcentages (`7,9%`, `9,39 %`), dates
 * (`31/12/2024`, `1/1/1959`, `12/2024`, `2024-12-31`, `31/12/2999` = sans
 * fin), booléens (Oui/Non).
 *
 * Chaque fonction renvoie soit `{ ok: true, valeur }`, soit
 * `{ ok: false, erreur }` avec la valeur lue, ce qui était attendu et un
 * message en français : l'appelant y ajoute fichier, ligne et colonne.
 */

export type CodeErreurValeur = 'vide' | 'format' | 'date-impossible' | 'hors-bornes';

export interface ErreurValeur {
  code: CodeErreurValeur;
  /** Valeur telle que lue dans le fichier. */
  valeur: string;
  /** Ce qui était attendu, en français (« date au format jj/mm/aaaa »…). */
  attendu: string;
  /** Explication complète, en français. */
  message: string;
}

export type Resultat<T> = { ok: true; valeur: T } | { ok: false; erreur: ErreurValeur };

function ok<T>(valeur: T): Resultat<T> {
  return { ok: true, valeur };
}

function echec<T>(code: CodeErreurValeur, valeur: string, attendu: string, message?: string): Resultat<T> {
  const apercu = valeur.length > 60 ? `${valeur.slice(0, 57)}…` : valeur;
  return {
    ok: false,
    erreur: {
      code,
      valeur,
      attendu,
      message: message ?? (code === 'vide' ? `valeur vide : ${attendu} attendu(e)` : `« ${apercu} » : ${attendu} attendu(e)`),
    },
  };
}

/** Vrai si la cellule est vide ou ne contient que des blancs. */
export function estBlanc(texte: string | null | undefined): boolean {
  return texte === null || texte === undefined || texte.replace(/[\s\u00A0\u202F\uFEFF]/gu, '') === '';
}

const BLANCS = /[\s\u00A0\u202F\u2009\u2007]/gu;

// ---------------------------------------------------------------------------
// Nombres

export const ATTENDU_NOMBRE = 'nombre (ex. 1 234,5 ou 0.079)';
export const ATTENDU_ENTIER = 'nombre entier (ex. 12)';
export const ATTENDU_POURCENTAGE = 'pourcentage (ex. 7,9 % ou 0,079)';

interface Decimal {
  negatif: boolean;
  /** Chiffres sans séparateur ni zéros de tête significatifs. */
  chiffres: string;
  /** Nombre de chiffres après la virgule dans `chiffres`. */
  decimales: number;
}

/** Groupes de milliers : premier groupe 1-3 chiffres, suivants exactement 3. */
function groupesMilliersValides(groupes: string[]): boolean {
  if (groupes.length < 2) return true;
  const [premier, ...suite] = groupes;
  if (premier === undefined || !/^\d{1,3}$/.test(premier)) return false;
  return suite.every((g) => /^\d{3}$/.test(g));
}

/**
 * Analyse un nombre écrit à la française ou à l'anglaise, sans signe %.
 * Règles :
 * - espaces (y compris insécables) entre groupes de 3 chiffres = milliers ;
 * - une virgule seule = séparateur décimal (« 7,9 ») ;
 * - un point seul = séparateur décimal (« 0.079 ») ; plusieurs points =
 *   milliers (« 1.234.567 ») ;
 * - virgule et point ensemble : le dernier est décimal, l'autre sert aux
 *   milliers (« 1.234,5 », « 1,234.5 ») ;
 * - signes « - », « − » (U+2212) ou « + » en tête ; pas d'exposant, pas de
 *   NaN/Infinity.
 */
function analyserDecimal(brut: string): Decimal | null {
  let s = brut.trim();
  let negatif = false;
  if (/^[-−+]/u.test(s)) {
    negatif = s[0] !== '+';
    s = s.slice(1).trimStart();
  }
  if (s === '') return null;
  // Espaces : seulement comme séparateur de milliers.
  let partieEntiere: string;
  let partieDecimale = '';
  const virgules = (s.match(/,/g) ?? []).length;
  const points = (s.match(/\./g) ?? []).length;
  let sepDecimal: ',' | '.' | null = null;
  let sepMilliers: ',' | '.' | null = null;
  if (virgules > 0 && points > 0) {
    sepDecimal = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    sepMilliers = sepDecimal === ',' ? '.' : ',';
    if ((sepDecimal === ',' ? virgules : points) !== 1) return null;
  } else if (virgules === 1) sepDecimal = ',';
  else if (virgules > 1) return null;
  else if (points === 1) sepDecimal = '.';
  else if (points > 1) sepMilliers = '.';

  if (sepDecimal !== null) {
    const i = s.lastIndexOf(sepDecimal);
    partieEntiere = s.slice(0, i);
    partieDecimale = s.slice(i + 1);
    if (!/^\d+$/.test(partieDecimale)) return null;
  } else partieEntiere = s;

  if (partieEntiere === '') partieEntiere = '0'; // « ,5 » → 0,5
  // Découpage en groupes de milliers (espaces et/ou séparateur de milliers).
  const separateurs = sepMilliers === null ? BLANCS : new RegExp(`[\\s\\u00A0\\u202F\\u2009\\u2007${sepMilliers === '.' ? '\\.' : ','}]`, 'gu');
  const groupes = partieEntiere.split(separateurs);
  if (groupes.some((g) => !/^\d+$/.test(g))) return null;
  if (!groupesMilliersValides(groupes)) return null;
  const entier = groupes.join('');
  const chiffres = `${entier}${partieDecimale}`.replace(/^0+(?=\d)/, '');
  return { negatif, chiffres, decimales: partieDecimale.length };
}

/** Valeur numérique exacte au plus proche double, décalée de `decalage` puissances de 10 vers la droite (pourcentages). */
function versNombre(d: Decimal, decalage = 0): number {
  const exposant = -(d.decimales + decalage);
  const v = Number(`${d.chiffres}e${exposant}`);
  return d.negatif && v !== 0 ? -v : v;
}

export interface OptionsNombre {
  /** Exiger un entier. */
  entier?: boolean;
  min?: number;
  max?: number;
}

/** Lit un nombre (sans %). Voir `analyserDecimal` pour les formats admis. */
export function lireNombre(texte: string, options: OptionsNombre = {}): Resultat<number> {
  const attendu = options.entier ? ATTENDU_ENTIER : ATTENDU_NOMBRE;
  if (estBlanc(texte)) return echec('vide', texte, attendu);
  if (/%\s*$/u.test(texte)) {
    return echec('format', texte, attendu, `« ${texte.trim()} » est un pourcentage : ${attendu} attendu(e)`);
  }
  const d = analyserDecimal(texte);
  if (d === null) return echec('format', texte, attendu);
  const v = versNombre(d);
  if (options.entier && !Number.isInteger(v)) return echec('format', texte, attendu);
  if (!Number.isFinite(v)) return echec('format', texte, attendu);
  if ((options.min !== undefined && v < options.min) || (options.max !== undefined && v > options.max)) {
    const bornes = `entre ${options.min ?? '−∞'} et ${options.max ?? '+∞'}`;
    return echec('hors-bornes', texte, `${attendu} ${bornes}`);
  }
  return ok(v);
}

export interface OptionsPourcentage {
  /**
   * Interprétation d'une valeur sans signe % :
   * - `auto` (défaut) : ≤ 1 → déjà une fraction (0,079), > 1 → des points de pourcentage (7,9) ;
   * - `fraction` : toujours une fraction ; `pourcentage` : toujours des points.
   */
  sansSigne?: 'auto' | 'fraction' | 'pourcentage';
  /** Borne haute de la fraction (1 par défaut, soit 100 %). */
  max?: number;
}

/**
 * Lit un pourcentage et renvoie une **fraction** : « 7,9% » → 0.079,
 * « 9,39 % » → 0.0939, « 0.079 » → 0.079. Le calcul est fait en décimal
 * (pas de 9.39 / 100 = 0.09390000000000001).
 */
export function lirePourcentage(texte: string, options: OptionsPourcentage = {}): Resultat<number> {
  if (estBlanc(texte)) return echec('vide', texte, ATTENDU_POURCENTAGE);
  const m = /^(.*?)\s*%\s*$/su.exec(texte.trim());
  const corps = m ? (m[1] as string) : texte;
  const d = analyserDecimal(corps);
  if (d === null || (m && corps.trim() === '')) return echec('format', texte, ATTENDU_POURCENTAGE);
  let v: number;
  if (m) v = versNombre(d, 2);
  else {
    const brut = versNombre(d);
    const mode = options.sansSigne ?? 'auto';
    v = mode === 'fraction' || (mode === 'auto' && Math.abs(brut) <= 1) ? brut : versNombre(d, 2);
  }
  const max = options.max ?? 1;
  if (v < 0 || v > max) {
    return echec('hors-bornes', texte, `${ATTENDU_POURCENTAGE} entre 0 et ${max * 100} %`);
  }
  return ok(v);
}

// ---------------------------------------------------------------------------
// Dates

export const ATTENDU_DATE = 'date au format jj/mm/aaaa (ou mm/aaaa)';

export interface DateLue {
  /** Date ISO (`2024-12-31`, ou `2024-12` à la précision du mois) ; `null` si sans fin. */
  iso: string | null;
  /** Vrai pour les dates conventionnelles « sans fin » (31/12/2999, 31/12/9999…). */
  ouverte: boolean;
  precision: 'jour' | 'mois';
}

/** Années à partir desquelles une date signifie « sans fin » (31/12/2999 chez les bailleurs, 9999 dans certains logiciels). */
export const ANNEE_SANS_FIN = 2999;
const ANNEE_MIN = 1800;

const NOMS_MOIS = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];

function bissextile(a: number): boolean {
  return (a % 4 === 0 && a % 100 !== 0) || a % 400 === 0;
}

/** Nombre de jours du mois `m` (1-12) de l'année `a`. */
export function joursDansMois(a: number, m: number): number {
  if (m === 2) return bissextile(a) ? 29 : 28;
  return [4, 6, 9, 11].includes(m) ? 30 : 31;
}

function deux(n: number): string {
  return String(n).padStart(2, '0');
}

function construireDate(texte: string, a: number, m: number, j: number | null): Resultat<DateLue> {
  if (a < ANNEE_MIN) {
    return echec('hors-bornes', texte, `${ATTENDU_DATE}, année ${ANNEE_MIN} ou après`, `« ${texte.trim()} » : année ${a} invraisemblable (${ANNEE_MIN} ou après attendu)`);
  }
  if (m < 1 || m > 12) {
    return echec('date-impossible', texte, ATTENDU_DATE, `« ${texte.trim()} » : date impossible, le mois ${m} n'existe pas (1 à 12)`);
  }
  if (j !== null) {
    const max = joursDansMois(a, m);
    if (j < 1 || j > max) {
      return echec(
        'date-impossible',
        texte,
        ATTENDU_DATE,
        `« ${texte.trim()} » : date impossible, ${NOMS_MOIS[m - 1]} ${a} a ${max} jours`,
      );
    }
  }
  if (a >= ANNEE_SANS_FIN) return ok({ iso: null, ouverte: true, precision: j === null ? 'mois' : 'jour' });
  return ok({
    iso: j === null ? `${a}-${deux(m)}` : `${a}-${deux(m)}-${deux(j)}`,
    ouverte: false,
    precision: j === null ? 'mois' : 'jour',
  });
}

/**
 * Lit une date : `jj/mm/aaaa` (séparateurs `/`, `-` ou `.`, jour et mois sur 1
 * ou 2 chiffres, heure éventuelle ignorée), `mm/aaaa`, ou ISO `aaaa-mm-jj`.
 * Les années sur 2 chiffres sont refusées (ambiguës). Les dates impossibles
 * (31/02, 29/02 d'une année non bissextile) sont refusées.
 */
export function lireDate(texte: string): Resultat<DateLue> {
  if (estBlanc(texte)) return echec('vide', texte, ATTENDU_DATE);
  const s = texte.trim().replace(BLANCS, ' ');
  const heure = '(?:[ T]\\d{1,2}[:h]\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)?';
  let m = new RegExp(`^(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})${heure}$`, 'u').exec(s);
  if (m) return construireDate(texte, Number(m[3]), Number(m[2]), Number(m[1]));
  m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${heure}(?:Z|[+-]\\d{2}:?\\d{2})?$`, 'u').exec(s);
  if (m) return construireDate(texte, Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{4})$/u.exec(s);
  if (m) return construireDate(texte, Number(m[2]), Number(m[1]), null);
  if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/u.test(s)) {
    return echec('format', texte, ATTENDU_DATE, `« ${s} » : année sur 2 chiffres ambiguë, ${ATTENDU_DATE} attendue`);
  }
  return echec('format', texte, ATTENDU_DATE);
}

/** Date JavaScript (cellule de tableur, minuit UTC) → `DateLue`. */
export function dateDepuisObjet(d: Date): Resultat<DateLue> {
  if (Number.isNaN(d.getTime())) return echec('format', String(d), ATTENDU_DATE);
  const texte = `${deux(d.getUTCDate())}/${deux(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return construireDate(texte, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

// ---------------------------------------------------------------------------
// Booléens

export const ATTENDU_BOOLEEN = 'Oui ou Non';

const VRAIS = new Set(['oui', 'o', 'vrai', 'true', 'yes', 'y', 'x', '1']);
const FAUX = new Set(['non', 'n', 'faux', 'false', 'no', '0']);

/** Lit Oui/Non (et variantes vrai/faux, 1/0, x). */
export function lireBooleen(texte: string): Resultat<boolean> {
  if (estBlanc(texte)) return echec('vide', texte, ATTENDU_BOOLEEN);
  const s = texte
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '');
  if (VRAIS.has(s)) return ok(true);
  if (FAUX.has(s)) return ok(false);
  return echec('format', texte, ATTENDU_BOOLEEN);
}
