import { describe, expect, test } from 'vitest';
import { Quota, repartir } from '../../../src/generate/quotas.ts';
import { Alea, brouilleur } from '../../../src/generate/random.ts';

describe('Alea', () => {
  test('même graine et mêmes clés → même suite ; autre clé → autre suite', () => {
    const suite = (a: Alea): number[] => Array.from({ length: 5 }, () => a.uint32());
    expect(suite(new Alea(7, 'parc', '31048'))).toEqual(suite(new Alea(7, 'parc', '31048')));
    expect(suite(new Alea(7, 'parc', '31048'))).not.toEqual(suite(new Alea(7, 'parc', '31004')));
    expect(suite(new Alea(7, 'parc'))).not.toEqual(suite(new Alea(8, 'parc')));
  });

  test('tirages dans les bornes et à peu près uniformes', () => {
    const a = new Alea(1);
    const comptes = [0, 0, 0, 0];
    let min = 1;
    let max = 0;
    for (let i = 0; i < 40_000; i++) {
      const x = a.suivant();
      min = Math.min(min, x);
      max = Math.max(max, x);
      comptes[a.entier(0, 3)]! += 1;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    for (const c of comptes) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  test('tirage pondéré proportionnel aux poids', () => {
    const a = new Alea(2);
    let b = 0;
    for (let i = 0; i < 20_000; i++) if (a.pondere({ a: 1, b: 3 }) === 'b') b += 1;
    expect(b / 20_000).toBeGreaterThan(0.73);
    expect(b / 20_000).toBeLessThan(0.77);
  });
});

describe('brouilleur', () => {
  test('bijection : identifiants à 8 chiffres tous distincts', () => {
    const f = brouilleur(new Alea(3), 8);
    const vus = new Set<string>();
    for (let n = 0; n < 50_000; n++) vus.add(f(n));
    expect([...vus].every((id) => /^\d{8}$/.test(id))).toBe(true);
    expect(vus.size).toBe(50_000);
  });
});

describe('repartir', () => {
  test('total exact, proportionnel, plafonds respectés', () => {
    expect(repartir(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(repartir(100, [15317, 15158, 6924, 4665, 4392]).reduce((a, b) => a + b, 0)).toBe(100);
    const r = repartir(10, [1, 1], [2, 100]);
    expect(r).toEqual([2, 8]);
    expect(repartir(0, [1, 2])).toEqual([0, 0]);
  });
});

describe('Quota', () => {
  test('la part réalisée reste à une ou deux unités de la cible, même avec des propensions hétérogènes', () => {
    const a = new Alea(4);
    const q = new Quota(0.16);
    for (let i = 0; i < 600; i++) q.tirer(a);
    expect(Math.abs(q.succes - 0.16 * 600)).toBeLessThanOrEqual(2);

    const p = new Quota(0.33, 0.02);
    for (let i = 0; i < 1000; i++) {
      // A third of rows drawn at a fixed rate (like the State contingent), the rest steered.
      if (i % 3 === 0) p.tirer(a, 0.9, false);
      else p.tirer(a, i % 2 === 0 ? 0.1 : 0.4);
    }
    expect(Math.abs(p.part - 0.33)).toBeLessThan(0.02);
  });
});
