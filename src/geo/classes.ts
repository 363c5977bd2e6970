// Indicators a map can show, their classes and colours. Shared by the build
// (static SVG) and the browser (MapLibre), so both draw the same legend.

export type FormatIndicateur = 'nombre' | 'pourcent';

/** A target set by a text for this indicator (e.g. the CIA's 37,5 %), and the level it applies to. */
export interface CibleCarte {
  valeur: number;
  sens: '>=' | '<=';
  /** who the target is set for, in the reader's words ("l'ensemble des attributions du Sicoval") */
  portee: string;
  /** true when the text sets it for each commune; false: a whole-territory target shown for reference */
  parCommune: boolean;
  /** where the target comes from, as a reader knows it */
  source: string;
}

export interface IndicateurCarte {
  id: string;
  libelle: string;
  format: FormatIndicateur;
  /** short note under the legend (definition, year, secret) */
  note?: string;
  /** the target: one class boundary is put on it */
  cible?: CibleCarte;
  /** what the value is computed on ("attributions"), shown with its count on hover */
  effectif?: string;
}

export interface CommuneCarte {
  code: string;
  nom: string;
  /** indicator id → value (fractions for percentages); null: unknown or masked */
  valeurs: Record<string, number | null>;
  /** indicator id → count the value is computed on (attributions, dwellings…); null: masked */
  effectifs?: Record<string, number | null>;
}

export interface Classe {
  min: number;
  max: number;
  couleur: string;
  libelle: string;
  /** this class starts at the target */
  depuisCible?: boolean;
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

/** Breaks splitting sorted values `v` into k groups by quantiles (rounded for reading), strictly inside (lo, hi). */
function seuilsQuantiles(v: number[], k: number, format: FormatIndicateur, lo: number, hi: number): number[] {
  const seuils: number[] = [];
  for (let i = 1; i < k; i++) {
    const q = arrondiLisible(v[Math.floor((i * v.length) / k)]!, format);
    if (q > lo && q < hi && (seuils.length === 0 || q > seuils.at(-1)!)) seuils.push(q);
  }
  return seuils;
}

/**
 * Up to n classes by quantiles of the known values, limits rounded for reading.
 * With a target strictly inside the values' range, the target is a class boundary:
 * the classes are shared between the values below and from the target in proportion
 * of their numbers (at least one each side), quantiles within each side.
 * Every known value falls in exactly one class; an empty list gives no class.
 */
export function classer(valeurs: (number | null)[], format: FormatIndicateur, n = PALETTE.length, cible?: number | null): Classe[] {
  const v = valeurs.filter((x): x is number => x !== null && Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return [];
  const min = v[0]!, max = v.at(-1)!;
  let bornes: number[];
  const avecCible = cible !== undefined && cible !== null && Number.isFinite(cible) && cible > min && cible <= max && n >= 2;
  if (avecCible) {
    const dessous = v.filter((x) => x < cible);
    const dessus = v.filter((x) => x >= cible);
    const kDessous = Math.min(n - 1, Math.max(1, Math.round((n * dessous.length) / v.length)));
    const kDessus = n - kDessous;
    bornes = [min, ...seuilsQuantiles(dessous, kDessous, format, min, cible), cible, ...seuilsQuantiles(dessus, kDessus, format, cible, max)];
    if (cible < max) bornes.push(max);
  } else {
    bornes = [min, ...seuilsQuantiles(v, n, format, min, max), max];
  }
  const k = Math.max(bornes.length - 1, 1);
  const classes: Classe[] = [];
  for (let i = 0; i < k; i++) {
    const a = bornes[i]!, b = bornes[Math.min(i + 1, bornes.length - 1)]!;
    // spread the palette when fewer classes than colours
    const couleur = PALETTE[k <= 1 ? PALETTE.length - 1 : Math.round((i * (PALETTE.length - 1)) / (k - 1))]!;
    const derniere = i === k - 1;
    const libelle = k === 1 && a === b ? formater(a, format) : derniere ? `de ${formater(a, format)} à ${formater(b, format)}` : `de ${formater(a, format)} à moins de ${formater(b, format)}`;
    classes.push({ min: a, max: b, couleur, libelle, ...(avecCible && a === cible ? { depuisCible: true } : {}) });
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
