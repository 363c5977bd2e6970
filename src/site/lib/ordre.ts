// Categories in their natural order rather than the alphabet's: financing from the most to the
// least social (PLAI, PLUS, PLS, PLI, then older and unknown), ages, sizes and periods ascending
// (by their first number: "moins de 25 ans" before "25 à 39 ans"), "autre" and "non renseigné" last.
// Browser-safe (charts and the explorer use it too).
const FINANCEMENTS = ['PLAI', 'PLUS', 'PLS', 'PLI', 'Avant 1977', 'DIVERS', 'Autre'];
const DERNIERS = /^(autre|autres|non renseigné|inconnu|non connu|sans objet)\b/i;

function rang(m: string): [number, number, string] {
  if (DERNIERS.test(m.trim())) return [3, 0, m];
  const f = FINANCEMENTS.indexOf(m);
  if (f >= 0) return [0, f, m];
  if (/^moins de\b/i.test(m)) return [1, -1, m];
  const n = /(\d+(?:[.,]\d+)?)/.exec(m);
  if (n) return [1, Number(n[1]!.replace(',', '.')), m];
  return [2, 0, m];
}

/** Compare two category labels in natural order (numbers ascending, "autre" last, else the alphabet). */
export function comparerModalites(a: string, b: string): number {
  const [ga, na, ta] = rang(a);
  const [gb, nb, tb] = rang(b);
  return ga - gb || na - nb || ta.localeCompare(tb, 'fr');
}

/** Rows sorted by their `cle` in natural order (a copy). */
export function enOrdreNaturel<T>(lignes: T[], cle: (l: T) => string): T[] {
  return [...lignes].sort((x, y) => comparerModalites(cle(x), cle(y)));
}
