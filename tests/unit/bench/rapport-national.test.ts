// The report of a national-only run (npm run bench -- --national-seul): no Sicoval
// pipeline nor site figures, budgets from the executerPipeline run and its partitions.
import { expect, test } from 'vitest';
import { markdown, verifierBudgets, type Resultats } from '../../../src/bench/rapport.ts';

const e = (etape: string, ms: number, rss: number) => ({ etape, ms, rssMaxOctets: rss });
const resultats = (code: number, ms: number, maxRss: number): Resultats => ({
  machine: { cpu: 'test', coeurs: 2, memoireOctets: 24 * 2 ** 30, node: 'v22', systeme: 'linux', date: '2026-11-23T17:00:00Z' },
  options: { rapide: false, sansNational: false, nationalSeul: true, logementsNational: 500_000 },
  dureeBancMs: ms + 60_000,
  pipelineSicoval: null,
  donnees: null,
  site: null,
  national: {
    generation: { ms: 60_000, maxRssOctets: 2 ** 30, code: 0, resultat: { configuration: { epcis: 1255, communes: 34871, population: 1, logements: 500_000 } } },
    pipeline: {
      ms, maxRssOctets: maxRss, code, etapes: [e('Lecture et contrôle des exports', 100_000, 2 ** 30), e('Calcul des chiffres des pages (SQL des indicateurs sur les Parquet publiés)', 30_000, 2 ** 31)],
      resultat: code === 0 ? {
        publication: { parquet: { attributions: 3_000_000 }, partitions: 1256, tranche: '243100633', arrow: { attributions: { total: 90 * 2 ** 20, max: 2 ** 20, tranche: 600 * 1024, trancheGzip: 100 * 1024 } } },
        pagesJsonOctets: 2 ** 20,
      } : undefined,
    },
  },
});

test('run national seul : budgets de durée et de mémoire, partition du territoire affiché', () => {
  const b = verifierBudgets(resultats(0, 9 * 60_000, 5 * 2 ** 30));
  expect(b.map((x) => [x.id, x.tenu])).toEqual([['national-duree', true], ['national-memoire', true], ['donnees-national', true]]);
  expect(b[0]!.libelle).toContain('0,50 M logements');
  expect(b[0]!.note).toMatch(/essai réduit/);
  expect(b[2]!.mesure).toMatch(/1\s256 partitions/);
  const md = markdown({ ...resultats(0, 9 * 60_000, 5 * 2 ** 30), budgets: b });
  expect(md).toContain('npm run bench -- --national-seul --logements-national 500000');
  expect(md).toContain('executerPipeline(\'france\'');
  expect(md).not.toContain('Pipeline du Sicoval');
});

test('run interrompu ou trop lent : budgets non tenus', () => {
  expect(verifierBudgets(resultats(0, 11 * 60_000, 5 * 2 ** 30)).find((x) => x.id === 'national-duree')!.tenu).toBe(false);
  const b = verifierBudgets(resultats(1, 2 * 60_000, 9 * 2 ** 30));
  expect(b.find((x) => x.id === 'national-duree')!.tenu).toBe(false);
  expect(b.find((x) => x.id === 'national-memoire')!.tenu).toBe(false);
  expect(b.find((x) => x.id === 'donnees-national')).toBeUndefined();
});
