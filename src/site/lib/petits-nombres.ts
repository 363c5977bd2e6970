// One way to show a share: "37,5 %" on enough attributions, "9 sur 11" below the
// parameter (data/config/attributions.json « petits_effectifs_min », 20 by default),
// with the several-year total beside it. A share on a small number gets no verdict
// (src/model/catalogue/cibles.ts). Pure functions: pages and browser code use them.
import { nombre, pourcent } from '../../lib/format-fr.ts';

export interface Effectifs {
  numerateur: number | null;
  denominateur: number | null;
}

/** True when the share rests on fewer than `seuil` cases (and is then shown as "n sur d"). */
export function estPetitEffectif(denominateur: number | null, seuil: number): boolean {
  return denominateur !== null && denominateur < seuil;
}

/** "37,5 %", "9 sur 11", "aucune" (denominator 0) or "—" (unknown, secret). */
export function partOuEffectif(e: Effectifs, seuil: number): string {
  const { numerateur: n, denominateur: d } = e;
  if (n === null || d === null) return '—';
  if (d === 0) return 'aucune';
  if (d < seuil) return `${nombre(n)} sur ${nombre(d)}`;
  return pourcent(n / d);
}

export interface PartPresentee {
  /** the year's value: "37,5 %" or "9 sur 11" */
  texte: string;
  petit: boolean;
  /** "40 sur 61 en 2021-2025, soit 65,6 %" — shown beside a small number; null otherwise */
  cumul: string | null;
}

/** The year's share, and for a small number the several-year total beside it. */
export function presenterPart(annee: Effectifs, seuil: number, cumul?: Effectifs & { periode: string }): PartPresentee {
  const petit = estPetitEffectif(annee.denominateur, seuil) && annee.numerateur !== null;
  let texteCumul: string | null = null;
  if (petit && cumul && cumul.numerateur !== null && cumul.denominateur !== null && cumul.denominateur > 0) {
    const base = `${nombre(cumul.numerateur)} sur ${nombre(cumul.denominateur)} en ${cumul.periode}`;
    texteCumul = cumul.denominateur >= seuil ? `${base}, soit ${pourcent(cumul.numerateur / cumul.denominateur)}` : base;
  }
  return { texte: partOuEffectif(annee, seuil), petit, cumul: texteCumul };
}

/** "2021-2025" from the years present (one year: "2025"). */
export function periodeAnnees(annees: number[]): string {
  if (!annees.length) return '';
  const min = Math.min(...annees);
  const max = Math.max(...annees);
  return min === max ? String(min) : `${min}-${max}`;
}
