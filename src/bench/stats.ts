// Small statistics for the benchmark: medians and percentiles of repeated runs.

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function mediane(valeurs: readonly number[]): number {
  if (valeurs.length === 0) throw new Error('médiane d’une liste vide');
  const v = [...valeurs].sort((a, b) => a - b);
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? (v[m] as number) : ((v[m - 1] as number) + (v[m] as number)) / 2;
}

/** Percentile p ∈ [0, 100], linear interpolation between closest ranks (p50 = median). */
export function centile(valeurs: readonly number[], p: number): number {
  if (valeurs.length === 0) throw new Error('centile d’une liste vide');
  if (p < 0 || p > 100) throw new Error(`centile ${p} hors de [0, 100]`);
  const v = [...valeurs].sort((a, b) => a - b);
  const rang = (p / 100) * (v.length - 1);
  const bas = Math.floor(rang);
  const haut = Math.ceil(rang);
  return (v[bas] as number) + ((v[haut] as number) - (v[bas] as number)) * (rang - bas);
}

export interface Serie {
  mediane: number;
  min: number;
  max: number;
  mesures: number[];
}

export function serie(valeurs: readonly number[]): Serie {
  return { mediane: mediane(valeurs), min: Math.min(...valeurs), max: Math.max(...valeurs), mesures: [...valeurs] };
}

/** Runs `f` n times in sequence and returns the series of what it measured. */
export async function repeter(n: number, f: (i: number) => Promise<number>): Promise<Serie> {
  const mesures: number[] = [];
  for (let i = 0; i < n; i++) mesures.push(await f(i));
  return serie(mesures);
}

/** Peak resident set size from `/usr/bin/time -v` output, in bytes (null if absent). */
export function lireMaxRss(sortieTime: string): number | null {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(sortieTime);
  return m ? Number(m[1]) * 1024 : null;
}
