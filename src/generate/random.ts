// Seeded PRNG (sfc32) for the synthetic data generator.
// Each stream is keyed by (seed, labels…): the RPLS rows of one commune do not
// depend on how many draws another commune or another file made, so changing
// one rule reshuffles as little as possible and output stays byte-identical
// for a given seed.

/** cyrb128: string → four 32-bit words, enough entropy to seed sfc32. */
function hacher(texte: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < texte.length; i++) {
    const k = texte.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

export class Alea {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(graine: number, ...cles: string[]) {
    [this.a, this.b, this.c, this.d] = hacher(`${graine}|${cles.join('|')}`);
    // sfc32 needs a few rounds before its output is well mixed.
    for (let i = 0; i < 15; i++) this.uint32();
  }

  uint32(): number {
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    let t = (this.a + this.b) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.d = (this.d + 1) | 0;
    t = (t + this.d) | 0;
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  suivant(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], bounds included. */
  entier(min: number, max: number): number {
    return min + Math.floor(this.suivant() * (max - min + 1));
  }

  /** Uniform real in [min, max). */
  reel(min: number, max: number): number {
    return min + this.suivant() * (max - min);
  }

  bernoulli(p: number): boolean {
    return this.suivant() < p;
  }

  choisir<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Alea.choisir: liste vide');
    return items[Math.floor(this.suivant() * items.length)] as T;
  }

  /** Index drawn with probability proportional to its weight. */
  indexPondere(poids: readonly number[]): number {
    let total = 0;
    for (const p of poids) total += p;
    if (!(total > 0)) throw new Error('Alea.indexPondere: poids tous nuls');
    let u = this.suivant() * total;
    for (let i = 0; i < poids.length; i++) {
      u -= poids[i] as number;
      if (u < 0) return i;
    }
    return poids.length - 1;
  }

  /** Key of a {key: weight} table drawn by weight (keys in insertion order, so deterministic). */
  pondere<K extends string>(table: Readonly<Record<K, number>>): K {
    const cles = Object.keys(table) as K[];
    return cles[this.indexPondere(cles.map((k) => table[k]))] as K;
  }

  /** Normal draw (Box-Muller). */
  normale(moyenne: number, ecartType: number): number {
    const u = 1 - this.suivant();
    const v = this.suivant();
    return moyenne + ecartType * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** In-place Fisher-Yates shuffle. */
  melanger<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.suivant() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * Bijection of [0, 10^chiffres) seeded by the generator: turns a counter into
 * a random-looking identifier that can never repeat (no Set of millions of ids
 * needed in national mode).
 */
export function brouilleur(alea: Alea, chiffres: number): (n: number) => string {
  const modulo = 10n ** BigInt(chiffres);
  // Multiplier coprime with 10^k (odd, not a multiple of 5) makes n → a·n + b a permutation.
  let a = BigInt(alea.entier(1_000_003, 99_999_999)) * 2n + 1n;
  if (a % 5n === 0n) a += 2n;
  const b = BigInt(alea.entier(0, 99_999_999)) % modulo;
  return (n: number) => ((a * BigInt(n) + b) % modulo).toString().padStart(chiffres, '0');
}
