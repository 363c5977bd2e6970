// Numbers: reading French or dot decimals, rounding half away from zero,
// printing the French way ("0,198", "4,44 %").

/** Removes binary floating-point noise (3 × 0.1 = 0.30000000000000004 → 0.3): 12 significant digits. */
export function nettoyer(x: number): number {
  if (!Number.isFinite(x) || x === 0) return x === 0 ? 0 : x;
  return Number(x.toPrecision(12));
}

/** Round half away from zero (FLUX.md rule MIN1: 0,5 → 1; 2,5 → 3; −2,5 → −3), at `decimales` places. */
export function arrondiDemiLoin(x: number, decimales = 0): number {
  const facteur = 10 ** decimales;
  const y = nettoyer(Math.abs(x) * facteur);
  const r = Math.floor(y + 0.5) / facteur;
  return x < 0 && r !== 0 ? -r : r;
}

/** Number of decimals of a number written in a text ("0.265" → 3, "1" → 0). */
function decimalesDe(ecrit: string): number {
  const m = /[.,](\d+)$/.exec(ecrit);
  return m?.[1]?.length ?? 0;
}

export interface NombreLu {
  valeur: number;
  /** Decimals as written (the printed precision). */
  decimales: number;
}

const ESPACES = /[\s\u00a0\u202f]/g;

/**
 * Reads "0,198", "0.198", "1 234,5", "-2". Returns null when the text is not a single number.
 * A text mixing comma and dot ("1.234,5") is refused: ambiguous.
 */
export function lireNombre(texte: string): NombreLu | null {
  const t = texte.replace(ESPACES, '');
  if (!/^[+-]?\d+(?:[.,]\d+)?$/.test(t)) return null;
  return { valeur: Number(t.replace(',', '.')), decimales: decimalesDe(t) };
}

export interface TauxLu extends NombreLu {
  /** Written with a % sign. */
  pourcent: boolean;
  /** The value as a fraction: "7,9 %" → 0.079, "0.079" → 0.079. */
  fraction: number;
}

/** Reads a rate or share: "7,9%", "7,9 %", "0.079". With % the value is divided by 100. */
export function lireTaux(texte: string): TauxLu | null {
  const t = texte.replace(ESPACES, '');
  const pourcent = t.endsWith('%');
  const n = lireNombre(pourcent ? t.slice(0, -1) : t);
  if (n === null) return null;
  return { ...n, pourcent, fraction: nettoyer(pourcent ? n.valeur / 100 : n.valeur) };
}

/** French number: "0,198" (decimal comma, half away from zero, no grouping). */
export function formatNombre(x: number, decimales: number): string {
  const r = arrondiDemiLoin(x, decimales);
  return (r === 0 ? 0 : r).toFixed(decimales).replace('.', ',');
}

/** French number with at most `decimales` decimals, trailing zeros removed ("0,25" ; "1"). */
export function formatNombreCourt(x: number, decimales = 4): string {
  const s = formatNombre(x, decimales);
  return s.includes(',') ? s.replace(/0+$/, '').replace(/,$/, '') : s;
}

/** Fraction as a French percentage: 0.04444 → "4,44 %". */
export function formatPourcent(fraction: number, decimales = 2): string {
  return `${formatNombre(fraction * 100, decimales)} %`;
}
