// Indicators a map can show, their classes and colours. Shared by the build
// (static SVG) and the browser (MapLibre), so both draw the same legend.

export type FormatIndicateur = 'nombre' | 'pourcent';

export interface IndicateurCarte {
  id: string;
  libelle: string;
  format: FormatIndicateur;
  /** short note under the legend (definition, year, secret) */
  note?: string;
}

export interface CommuneCarte {
  code: string;
  nom: string;
  /** indicator id → value (fractions for percentages); null: unknown or masked */
  valeurs: Record<string, number | null>;
}

export interface Classe {
  min: number;
  max: number;
  couleur: string;
  libelle: string;
}

/** Sequential blues (ColorBrewer Blues, 5 classes), readable by colour-blind readers, dark enough on white. */
export const PALETTE = ['#dbe7f3', '#9ecae1', '#6baed6', '#3182bd', '#08519c'];
export const COULEUR_SANS_VALEUR = '#f0f0f0';
export const COULEUR_QPV = '#c2410c';
export const COULEUR_HORS_QPV = '#1b1b35';

function nf(min: number, max: number) {
  return new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
}

export function formater(v: number | null | undefined, format: FormatIndicateur): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'non disponible';
  return format === 'pourcent' ? `${nf(1, 1).format(v * 100)}\u202f%` : nf(0, 0).format(v);
}

/** A round number near v, for class limits (1, 2, 2.5, 5 × 10^k). */
function arrondiLisible(v: number, format: FormatIndicateur): number {
  if (format === 'pourcent') return Math.round(v * 1000) / 1000; // 0,1 point
  if (v < 10) return Math.round(v);
  const p = 10 ** Math.floor(Math.log10(v) - 1);
  return Math.round(v / p) * p;
}

/**
 * Up to 5 classes by quantiles of the known values, limits rounded for reading.
 * Every known value falls in exactly one class; an empty list gives no class.
 */
export function classer(valeurs: (number | null)[], format: FormatIndicateur, n = PALETTE.length): Classe[] {
  const v = valeurs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const min = v[0]!, max = v.at(-1)!;
  const seuils: number[] = [];
  for (let i = 1; i < n; i++) {
    const q = arrondiLisible(v[Math.floor((i * v.length) / n)]!, format);
    if (q > min && q <= max && !seuils.includes(q) && (seuils.length === 0 || q > seuils.at(-1)!)) seuils.push(q);
  }
  const bornes = [min, ...seuils, max];
  const classes: Classe[] = [];
  const k = bornes.length - 1;
  for (let i = 0; i < Math.max(k, 1); i++) {
    const a = bornes[i]!, b = bornes[Math.min(i + 1, bornes.length - 1)]!;
    // spread the palette when fewer classes than colours
    const couleur = PALETTE[k <= 1 ? PALETTE.length - 1 : Math.round((i * (PALETTE.length - 1)) / (k - 1))]!;
    const libelle = i === 0 && k <= 1 ? formater(a, format) : i === 0 ? `de ${formater(a, format)} à moins de ${formater(b, format)}` : i === k - 1 ? `de ${formater(a, format)} à ${formater(b, format)}` : `de ${formater(a, format)} à moins de ${formater(b, format)}`;
    classes.push({ min: a, max: b, couleur, libelle });
  }
  return classes;
}

/** Class index of a value (the last class includes its upper bound); -1 when no value. */
export function indiceClasse(v: number | null | undefined, classes: Classe[]): number {
  if (v === null || v === undefined || !Number.isFinite(v) || classes.length === 0) return -1;
  for (let i = 0; i < classes.length - 1; i++) if (v < classes[i + 1]!.min) return i;
  return classes.length - 1;
}

export function couleur(v: number | null | undefined, classes: Classe[]): string {
  const i = indiceClasse(v, classes);
  return i < 0 ? COULEUR_SANS_VALEUR : classes[i]!.couleur;
}

/** Radius (px) of a proportional symbol: area proportional to the value. */
export function rayonProportionnel(v: number, max: number, rayonMax: number): number {
  if (!(v > 0) || !(max > 0)) return 0;
  return Math.max(2, rayonMax * Math.sqrt(v / max));
}
