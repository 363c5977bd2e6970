/**
 * Lecture des valeurs propres aux états des lieux : RPLS, typologie,
 * collectif / individuel, QPV, réservataire, financement, programme.
 * Les erreurs suivent le modèle de src/ingest/text/values.ts.
 */
import { chercherMots, compacter, contientMots, plier } from '../text/normalize.ts';
import { dateDepuisObjet, estBlanc, lireDate } from '../text/values.ts';
import type { DateLue, Resultat } from '../text/values.ts';
import type { ConfigEtatDesLieux, RegleLibelle } from './config.ts';
import type { CategorieReservataire } from './types.ts';

function ok<T>(valeur: T): Resultat<T> {
  return { ok: true, valeur };
}

function echec<T>(valeur: string, attendu: string, message?: string): Resultat<T> {
  return {
    ok: false,
    erreur: {
      code: estBlanc(valeur) ? 'vide' : 'format',
      valeur,
      attendu,
      message: message ?? `« ${valeur} » : ${attendu} attendu(e)`,
    },
  };
}

// ---------------------------------------------------------------------------
// RPLS

export const ATTENDU_RPLS = 'identifiant RPLS à 10 chiffres (ex. 0030816617)';

export interface RplsLu {
  rpls: string;
  /** Vrai si des zéros de tête perdus (tableur) ont été rétablis. */
  zerosRestaures: boolean;
}

/**
 * Identifiant RPLS : 10 chiffres gardés en texte. Espaces et points internes
 * tolérés (« 0030 816 617 »). Entre 6 et 9 chiffres : zéros de tête perdus par
 * un tableur, rétablis (et signalés par `zerosRestaures`).
 */
export function lireRpls(brut: string): Resultat<RplsLu> {
  const s = brut.replace(/[\s\u00A0\u202F.]/gu, '');
  if (/^\d{10}$/u.test(s)) return ok({ rpls: s, zerosRestaures: false });
  if (/^\d{6,9}$/u.test(s)) return ok({ rpls: s.padStart(10, '0'), zerosRestaures: true });
  if (/^\d+$/u.test(s)) {
    return echec(brut, ATTENDU_RPLS, `« ${brut} » : ${s.length} chiffres, ${ATTENDU_RPLS} attendu`);
  }
  return echec(brut, ATTENDU_RPLS);
}

// ---------------------------------------------------------------------------
// Typologie

export const ATTENDU_TYPOLOGIE = 'typologie (T1 à T9, Type 3, F4, V4 pour une villa, studio ou nombre de pièces)';

export interface TypologieLue {
  nb_pieces: number;
  /** « V4 » : villa de 4 pièces, donc logement individuel. */
  villa: boolean;
  /** Valeur corrigée d'une erreur d'OCR connue (« 12 » pour « T2 »). */
  correctionOcr: boolean;
}

/**
 * Typologie → nombre de pièces. Formes admises (casse et espaces
 * indifférents) : T3, t3, Type 3, F3, T1 bis, T4 duplex, V4 / Villa 4 (villa),
 * studio / chambre (1 pièce), un chiffre seul (nombre de pièces), et « 1x » à
 * deux chiffres = « Tx » mal lu par l'OCR (« 12 » → T2, vu chez Patrimoine).
 */
export function lireTypologie(brut: string): Resultat<TypologieLue> {
  const c = compacter(brut);
  if (c === '') return echec(brut, ATTENDU_TYPOLOGIE);
  let m = /^(?:t|type|typ|f)([1-9])(?:bis|ter|b|duplex|triplex)?$/u.exec(c);
  if (m) return ok({ nb_pieces: Number(m[1]), villa: false, correctionOcr: false });
  m = /^(?:v|villa|pavillon|maison)([1-9])(?:bis|duplex)?$/u.exec(c);
  if (m) return ok({ nb_pieces: Number(m[1]), villa: true, correctionOcr: false });
  if (/^(?:studio|chambre|t1p|studette)$/u.test(c)) return ok({ nb_pieces: 1, villa: false, correctionOcr: false });
  m = /^([1-9])$/u.exec(c);
  if (m) return ok({ nb_pieces: Number(m[1]), villa: false, correctionOcr: false });
  m = /^1([1-9])$/u.exec(c);
  if (m) return ok({ nb_pieces: Number(m[1]), villa: false, correctionOcr: true });
  m = /^([1-9])(?:p|pc|pce|pces|piece|pieces)$/u.exec(c);
  if (m) return ok({ nb_pieces: Number(m[1]), villa: false, correctionOcr: false });
  // Typologie dans un libellé plus long : « Maison T4 », « Appartement T3 », « Duplex T4 », « Pav. 4 ».
  const p = plier(brut);
  const villa = /\b(villa|pavillon|pav|maison)\b/u.test(p);
  m = /(?:^|\s)(?:t|f|type|typ)\s?([1-9])(?:\s|$)/u.exec(p) ?? (villa ? /\b(?:villa|pavillon|pav|maison)\s?([1-9])$/u.exec(p) : null);
  if (m) return ok({ nb_pieces: Number(m[1]), villa, correctionOcr: false });
  return echec(brut, ATTENDU_TYPOLOGIE);
}

// ---------------------------------------------------------------------------
// Collectif / individuel

export const ATTENDU_INDIVIDUEL = 'Collectif, Individuel, Villa, Appartement ou Maison';

/**
 * Collectif / individuel → `individuel`. Tolère les troncatures d'OCR
 * (« Individue », « Collectf »), les codes RPLS (C, I) et villa / pavillon /
 * maison (individuel).
 */
export function lireIndividuel(brut: string): Resultat<boolean> {
  const p = plier(brut);
  if (p === '') return echec(brut, ATTENDU_INDIVIDUEL);
  const coll = /^(c|coll\w*|colectif|semi collectif|intermediaire|logement collectif|appartement|appart|appt|immeuble)$/u.test(p);
  const indiv = /^(i|ind\w*|villa|pavillon|maison|logement individuel|individuel groupe|individuel pur)$/u.test(p);
  if (coll && !indiv) return ok(false);
  if (indiv && !coll) return ok(true);
  // Libellé plus long : « Habitat individuel », « Immeuble collectif », « Maison individuelle ».
  const motsColl = /\b(collectif|collective|appartement|immeuble)\b/u.test(p);
  const motsIndiv = /\b(individuel|individuelle|maison|pavillon|villa)\b/u.test(p);
  if (motsColl && !motsIndiv) return ok(false);
  if (motsIndiv && !motsColl) return ok(true);
  return echec(brut, ATTENDU_INDIVIDUEL);
}

// ---------------------------------------------------------------------------
// Dates de convention

/**
 * Date de convention : les formes de `lireDate`, plus le numéro de série
 * d'Excel qu'un tableur laisse quand la cellule a perdu son format de date
 * (36488 → 24/11/1999 ; entre 1900 et 2100 seulement).
 */
export function lireDateConvention(brut: string): Resultat<DateLue> {
  const r = lireDate(brut);
  if (r.ok) return r;
  const s = brut.trim();
  if (/^\d{4,5}$/u.test(s)) {
    const n = Number(s);
    if (n > 1 && n < 73_051) return dateDepuisObjet(new Date(Date.UTC(1899, 11, 30) + n * 86_400_000));
  }
  return r;
}

// ---------------------------------------------------------------------------
// QPV

export const ATTENDU_QPV = 'Oui / Non, En QPV / Hors QPV, ou un code QPV';

/** En QPV ? « Non », « Hors QPV », « 2 » (codage RPLS) → faux ; « Oui », « QPV », « 1 », un code QPV → vrai. */
export function lireQpv(brut: string): Resultat<boolean> {
  const p = plier(brut);
  if (p === '') return echec(brut, ATTENDU_QPV);
  if (p.startsWith('hors') || ['non', 'n', '0', '2', 'faux', 'false', 'no', 'non qpv'].includes(p)) return ok(false);
  if (['oui', 'o', '1', 'x', 'qpv', 'en qpv', 'vrai', 'true', 'yes', 'quartier prioritaire', 'en quartier prioritaire'].includes(p)) return ok(true);
  if (/^q[pn] ?\d{3}/u.test(p)) return ok(true);
  return echec(brut, ATTENDU_QPV);
}

// ---------------------------------------------------------------------------
// Libellés : réservataires, financements

/**
 * `texte` est plié (mots séparés par une espace) pour les réservataires, et
 * compacté (sans espace) pour les financements : `debut` compare alors mot à
 * mot dans le premier cas, caractère à caractère dans le second.
 */
function regleApplicable<V extends string>(regle: RegleLibelle<V>, texte: string, compacte: boolean): boolean {
  switch (regle.mode) {
    case 'exact':
      return texte === regle.motif;
    case 'mots':
      return compacte ? texte.includes(regle.motif) : contientMots(texte, regle.motif);
    case 'debut':
      return compacte ? texte.startsWith(regle.motif) : chercherMots(texte, regle.motif) === 0;
    case 'regex':
      return regle.regex !== null && regle.regex.test(texte);
  }
}

export interface Classement<V extends string> {
  valeur: V;
  /** Règle appliquée (fichier et ligne de configuration) ; null si aucune. */
  regle: string | null;
}

/**
 * Catégorie d'un libellé de réservataire, d'après data/config/formats/reservataires.csv
 * (première règle applicable). Vide → NON_RENSEIGNE ; aucune règle → AUTRE.
 */
const memoReservataires = new WeakMap<ConfigEtatDesLieux, Map<string, Classement<CategorieReservataire>>>();

export function categoriserReservataire(brut: string, config: ConfigEtatDesLieux): Classement<CategorieReservataire> {
  let memo = memoReservataires.get(config);
  if (!memo || memo.size > 50_000) {
    memo = new Map();
    memoReservataires.set(config, memo);
  }
  const deja = memo.get(brut);
  if (deja) return deja;
  const r = categoriser(brut, config);
  memo.set(brut, r);
  return r;
}

function categoriser(brut: string, config: ConfigEtatDesLieux): Classement<CategorieReservataire> {
  const p = plier(brut);
  if (p === '') return { valeur: 'NON_RENSEIGNE', regle: null };
  for (const r of config.reservataires) if (regleApplicable(r, p, false)) return { valeur: r.valeur, regle: r.source };
  return { valeur: 'AUTRE', regle: null };
}

/**
 * Classe d'un libellé de financement, d'après data/config/formats/financements.csv,
 * comparé sous forme compactée (« P.L.A » = « pla »). Aucune règle → AUTRE.
 */
export function classerFinancement(brut: string, config: ConfigEtatDesLieux): Classement<string> | null {
  const c = compacter(brut);
  if (c === '') return null;
  for (const r of config.financements) if (regleApplicable(r, c, true)) return { valeur: r.valeur, regle: r.source };
  return { valeur: 'AUTRE', regle: null };
}

/** Programme déduit de la référence bailleur (data/config/formats/etat-des-lieux-programmes.csv), ou null. */
export function programmeDepuisReference(ref: string, config: ConfigEtatDesLieux): string | null {
  const r = ref.toUpperCase().replace(/\s+/gu, '');
  if (r === '') return null;
  for (const { regex } of config.programmes) {
    const m = regex.exec(r);
    if (m && m[1]) return m[1];
  }
  return null;
}
