import { describe, expect, test } from 'vitest';
import { centile, lireMaxRss, mediane, repeter, serie } from '../../../src/bench/stats.ts';
import { extrapolerNational, octetsPage } from '../../../src/bench/rapport.ts';

describe('statistiques du banc', () => {
  test('médiane impaire, paire, liste non triée', () => {
    expect(mediane([3, 1, 2])).toBe(2);
    expect(mediane([4, 1, 3, 2])).toBe(2.5);
    expect(() => mediane([])).toThrow(/vide/);
  });

  test('centiles par interpolation linéaire', () => {
    const v = Array.from({ length: 101 }, (_, i) => 100 - i);
    expect(centile(v, 50)).toBe(50);
    expect(centile(v, 95)).toBe(95);
    expect(centile([10, 20], 50)).toBe(15);
    expect(centile([7], 95)).toBe(7);
    expect(() => centile([1], 101)).toThrow();
  });

  test('série et répétition', async () => {
    expect(serie([5, 1, 3])).toEqual({ mediane: 3, min: 1, max: 5, mesures: [5, 1, 3] });
    const s = await repeter(3, async (i) => i * 10);
    expect(s.mesures).toEqual([0, 10, 20]);
  });

  test('mémoire maximale lue dans la sortie de /usr/bin/time -v', () => {
    expect(lireMaxRss('\tMaximum resident set size (kbytes): 2048\n')).toBe(2048 * 1024);
    expect(lireMaxRss('rien')).toBeNull();
  });

  test('octets d’une page : HTML + CSS + JS seulement', () => {
    expect(octetsPage({ total: 999, parType: { html: 100, css: 20, js: 3, wasm: 500 }, requetes: 4, wasm: true, donnees: [] })).toBe(123);
  });

  test('extrapolation des chiffres des pages : part fixe + coût par zone', () => {
    const e = (etape: string, ms: number, detail?: Record<string, unknown>) => ({ etape, ms, rssMaxOctets: 0, ...(detail ? { detail } : {}) });
    const ex = extrapolerNational(
      [
        e('lecture et contrôle des exports', 1000),
        e('chiffres des pages (échantillon de 0 communes)', 500),
        e('chiffres des pages (échantillon de 8 communes)', 1500, { communes: 8, territoires: 2 }),
        e('tranche d’un EPCI (1) en Parquet et Arrow', 50),
      ],
      100,
      10,
    );
    expect(ex).toMatchObject({ pagesFixeMs: 500, pagesParZoneMs: 100, zones: 110, pagesEstimeesMs: 11_500, autresEtapesMs: 1000, totalEstimeMs: 12_500 });
    expect(extrapolerNational([e('chiffres des pages', 10)], 1, 1)).toBeNull();
  });
});
