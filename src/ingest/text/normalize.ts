/**
 * Pliage de textes pour comparer des en-têtes et des libellés venus de fichiers
 * hétérogènes (exports de bailleurs, OCR de PDF, saisies manuelles).
 *
 * - `nettoyerCellule` : garde le texte lisible (espaces normalisés, caractères
 *   invisibles retirés), pour les valeurs « brutes » conservées en sortie ;
 * - `plier` : minuscules, sans accents, toute ponctuation remplacée par un
 *   espace, espaces fusionnés — pour comparer des libellés mot à mot ;
 * - `compacter` : `plier` sans aucun espace — pour des sigles écrits de
 *   plusieurs façons (« P.L.A », « PLA », « P L A »).
 */

/** Espaces « exotiques » rencontrés dans les exports : insécable, fine insécable, tabulation… */
const ESPACES = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]+/gu;
/** Caractères invisibles à supprimer purement et simplement. */
const INVISIBLES = /[\u200B-\u200D\u2060\uFEFF\u00AD]/gu;
/** Caractères de contrôle C0/C1 (hors tabulation et fins de ligne, déjà traitées par ESPACES). */
const CONTROLES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/gu;

const LIGATURES: Readonly<Record<string, string>> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ł: 'l',
  Ł: 'L',
};

/** Texte lisible : caractères invisibles retirés, espaces fusionnés, bords rognés. */
export function nettoyerCellule(texte: string): string {
  return texte.replace(INVISIBLES, '').replace(CONTROLES, ' ').replace(ESPACES, ' ').trim();
}

/** Retire les accents (diacritiques combinants) et les ligatures courantes, sans changer la casse. */
export function sansAccents(texte: string): string {
  if (!/[^\u0000-\u007F]/u.test(texte)) return texte; // ASCII : rien à faire (cas le plus fréquent)
  return texte
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œŒæÆßøØđĐłŁ]/gu, (c) => LIGATURES[c] ?? c);
}

/**
 * Forme pliée d'un libellé : minuscules, sans accents, tout caractère qui n'est
 * ni lettre ni chiffre devient un espace, espaces fusionnés et rognés.
 * « N° RPLS » → « n rpls » ; « Date d'expiration » → « date d expiration ».
 */
export function plier(texte: string): string {
  return sansAccents(texte.replace(INVISIBLES, ''))
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Forme pliée sans espaces : « P.L.A » → « pla », « PLA T Social » → « platsocial ». */
export function compacter(texte: string): string {
  return plier(texte).replace(/ /g, '');
}

/** Mots d'un texte plié (tableau vide pour un texte vide). */
export function mots(texte: string): string[] {
  const p = plier(texte);
  return p === '' ? [] : p.split(' ');
}

/** Vrai si deux mots pliés sont égaux, au pluriel régulier près (« prioritaire » / « prioritaires »). */
export function memeMot(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length > 2 && (b === `${a}s` || b === `${a}x`)) return true;
  if (b.length > 2 && (a === `${b}s` || a === `${b}x`)) return true;
  return false;
}

/**
 * Position (index de mot) de la première occurrence de la suite de mots `motif`
 * dans `texte`, mot à mot et au pluriel près ; -1 si absente. Les deux
 * arguments sont pliés ici.
 */
export function chercherMots(texte: string, motif: string): number {
  const t = mots(texte);
  const m = mots(motif);
  if (m.length === 0 || m.length > t.length) return -1;
  for (let i = 0; i + m.length <= t.length; i++) {
    let ok = true;
    for (let j = 0; j < m.length; j++) {
      if (!memeMot(t[i + j] as string, m[j] as string)) {
        ok = false;
        break;
      }
    }
    if (ok) return i;
  }
  return -1;
}

/** Vrai si `texte` contient la suite de mots `motif` (voir `chercherMots`). */
export function contientMots(texte: string, motif: string): boolean {
  return chercherMots(texte, motif) >= 0;
}

/**
 * Distance d'édition (Levenshtein) bornée : renvoie `max + 1` dès que la
 * distance dépasse `max`, ce qui garde la comparaison rapide sur de longues
 * listes (noms de communes). Sert à absorber les erreurs d'OCR (« RPL5 »,
 * « Bazège »).
 */
export function distanceEdition(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let precedent = new Array<number>(b.length + 1);
  let courant = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) precedent[j] = j;
  for (let i = 1; i <= a.length; i++) {
    courant[0] = i;
    let minLigne = i;
    for (let j = 1; j <= b.length; j++) {
      const cout = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(
        (precedent[j] as number) + 1,
        (courant[j - 1] as number) + 1,
        (precedent[j - 1] as number) + cout,
      );
      courant[j] = v;
      if (v < minLigne) minLigne = v;
    }
    if (minLigne > max) return max + 1;
    [precedent, courant] = [courant, precedent];
  }
  return precedent[b.length] as number;
}
