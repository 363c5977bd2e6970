import type { Alea } from './random.ts';

/**
 * Random draws that hold a target share over a whole stream (error diffusion).
 * Plain Bernoulli draws on ~1 000 attributions would miss a calibration target
 * (e.g. 16 % of Q1 households) by several points; here each draw stays random
 * but its probability is nudged by the running gap between expected and drawn
 * successes, so the realised share ends within a couple of units of the target
 * whatever the order of rows, and without holding rows in memory.
 */
export class Quota {
  readonly cible: number;
  private readonly gain: number;
  tirages = 0;
  succes = 0;

  constructor(cible: number, gain = 0.05) {
    this.cible = cible;
    this.gain = gain;
  }

  /**
   * p0: this row's own propensity (defaults to the target). When `pilote` is
   * false the row is drawn at p0 as is (e.g. the State contingent, nearly all
   * priority) but still counted, so the steered rows compensate for it.
   */
  tirer(alea: Alea, p0: number = this.cible, pilote = true): boolean {
    const ecart = this.cible * (this.tirages + 1) - this.succes;
    const p = pilote ? Math.min(1, Math.max(0, p0 + this.gain * ecart)) : p0;
    const oui = alea.suivant() < p;
    this.tirages += 1;
    if (oui) this.succes += 1;
    return oui;
  }

  get part(): number {
    return this.tirages === 0 ? 0 : this.succes / this.tirages;
  }
}

/**
 * Largest-remainder split of an integer total by weights: exact totals
 * (stock per territoire, students, PLAI) while staying proportional.
 */
export function repartir(total: number, poids: readonly number[], plafonds?: readonly number[]): number[] {
  const n = poids.length;
  const res = new Array<number>(n).fill(0);
  if (total <= 0 || n === 0) return res;
  let restant = total;
  // Iterate because capping a share frees units for the others.
  const actifs = new Set<number>();
  for (let i = 0; i < n; i++) if ((poids[i] ?? 0) > 0 && (plafonds?.[i] ?? Infinity) > 0) actifs.add(i);
  while (restant > 0 && actifs.size > 0) {
    let somme = 0;
    for (const i of actifs) somme += poids[i] ?? 0;
    const parts = [...actifs].map((i) => {
      const brut = (restant * (poids[i] ?? 0)) / somme;
      return { i, entier: Math.floor(brut), reste: brut - Math.floor(brut) };
    });
    let distribue = 0;
    for (const p of parts) {
      const place = (plafonds?.[p.i] ?? Infinity) - (res[p.i] ?? 0);
      const ajout = Math.min(p.entier, place);
      res[p.i] = (res[p.i] ?? 0) + ajout;
      distribue += ajout;
    }
    let reste = restant - distribue;
    // Remainders, largest first; ties by index so the split is deterministic.
    parts.sort((x, y) => y.reste - x.reste || x.i - y.i);
    for (const p of parts) {
      if (reste === 0) break;
      if ((res[p.i] ?? 0) < (plafonds?.[p.i] ?? Infinity)) {
        res[p.i] = (res[p.i] ?? 0) + 1;
        reste -= 1;
      }
    }
    restant = reste;
    for (const i of [...actifs]) if ((res[i] ?? 0) >= (plafonds?.[i] ?? Infinity)) actifs.delete(i);
  }
  return res;
}
