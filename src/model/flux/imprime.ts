// Reading the values as printed in Annexe 1 (FLUX.md § Anomaly flags, "Printed texts to read").
import { lireNombre, lireTaux } from './nombres.ts';
import type { FluxImprime, PartImprimee } from './types.ts';

export type Lecture<T> = { ok: true; valeur: T } | { ok: false; attendu: string };

/** Cells meaning "left blank" in a document. */
const VIDES = new Set(['', '-', '–', '—', '/', 'néant', 'neant', 'nc', 'n.c.']);

function normaliser(texte: string): string {
  return texte.normalize('NFC').replace(/[\u00a0\u202f]/g, ' ').trim();
}

export function estVide(texte: string | undefined): boolean {
  return texte === undefined || VIDES.has(normaliser(texte).toLowerCase());
}

const NOMBRE = String.raw`[+-]?\d+(?:[.,]\d+)?`;
/** "=>1", "⇒ 1", "-> 1", "arrondi à 1" (also "arrondi a" when accents were lost). */
const CONTRACTUEL = new RegExp(String.raw`(?:=>|⇒|->|→|arrondie?\s+[àa])\s*(${NOMBRE})`, 'i');
/** "1 logement tous les 16 ans". */
const PERIODE = /tous\s+les\s+(\d+)\s+ans/i;

/**
 * Printed flux (Art.5): the first number is the printed flux, a number after "=>" or "arrondi à"
 * the printed contractual value ("0.265=>1", "0,15 arrondi à 1", "0,064 (1 logement tous les 16 ans)",
 * "1", "0,1 soit 0 à 1 logement", "0.01 soit 0 logement"). A blank cell reads as null (FLUX_MISSING).
 */
export function lireFluxImprime(texte: string | undefined): Lecture<FluxImprime | null> {
  if (texte === undefined || estVide(texte)) return { ok: true, valeur: null };
  const t = normaliser(texte);
  const tete = new RegExp(String.raw`^(${NOMBRE})(?![\d.,\p{L}])`, 'u').exec(t);
  const premier = tete?.[1];
  const n = premier === undefined ? null : lireNombre(premier);
  if (tete === null || n === null) {
    return { ok: false, attendu: 'un flux imprimé commençant par un nombre (ex. « 0,15 arrondi à 1 », « 0.265=>1 », « 1 »)' };
  }
  let reste = t.slice(tete[0].length);
  let contractuel: number | null = null;
  const c = CONTRACTUEL.exec(reste);
  if (c?.[1] !== undefined) {
    contractuel = lireNombre(c[1])?.valeur ?? null;
    reste = reste.replace(c[0], ' ');
  }
  const p = PERIODE.exec(reste);
  const periode_annees = p?.[1] !== undefined ? Number(p[1]) : null;
  // What is left ("soit 0 à 1 logement"), without footnote stars and brackets.
  const mention = reste.replace(/[*()[\]]/g, ' ').replace(/\s+/g, ' ').trim();
  return {
    ok: true,
    valeur: { texte: t, flux: n.valeur, decimales: n.decimales, contractuel, periode_annees, mention },
  };
}

/** Printed share (Art.3): "0.044%", "5,88 %", "9.68%", "12,50 %", or a bare fraction. Blank → null. */
export function lirePartImprimee(texte: string | undefined): Lecture<PartImprimee | null> {
  if (texte === undefined || estVide(texte)) return { ok: true, valeur: null };
  const t = normaliser(texte);
  const l = lireTaux(t);
  if (l === null) return { ok: false, attendu: 'une part imprimée : un nombre avec ou sans % (ex. « 4,44 % », « 0.044% »)' };
  return {
    ok: true,
    valeur: { texte: t, valeur: l.valeur, decimales: l.decimales, pourcent: l.pourcent, fraction_litterale: l.fraction },
  };
}
