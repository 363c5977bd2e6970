// Small numbers are not percentages: below the parameter (20) a share reads "9 sur 11", with
// the several-year total beside it.
import { expect, test } from 'vitest';
import { estPetitEffectif, partOuEffectif, periodeAnnees, presenterPart } from '../../../../src/site/lib/petits-nombres.ts';

const nbsp = (s: string) => s.replace(/\u202f/g, ' ');

test('« 9 sur 11 » sous 20, un pourcentage à partir de 20', () => {
  expect(partOuEffectif({ numerateur: 9, denominateur: 11 }, 20)).toBe('9 sur 11');
  expect(partOuEffectif({ numerateur: 19, denominateur: 19 }, 20)).toBe('19 sur 19');
  expect(nbsp(partOuEffectif({ numerateur: 15, denominateur: 40 }, 20))).toBe('37,5 %');
  expect(nbsp(partOuEffectif({ numerateur: 5, denominateur: 20 }, 20))).toBe('25,0 %');
  expect(partOuEffectif({ numerateur: 0, denominateur: 0 }, 20)).toBe('aucune');
  expect(partOuEffectif({ numerateur: null, denominateur: 11 }, 20)).toBe('—');
  expect(estPetitEffectif(19, 20)).toBe(true);
  expect(estPetitEffectif(20, 20)).toBe(false);
});

test('le total de plusieurs années à côté d’un petit nombre, en pourcentage s’il atteint le seuil', () => {
  const p = presenterPart({ numerateur: 9, denominateur: 11 }, 20, { numerateur: 40, denominateur: 61, periode: '2021-2025' });
  expect(p.texte).toBe('9 sur 11');
  expect(p.petit).toBe(true);
  expect(nbsp(p.cumul!)).toBe('40 sur 61 en 2021-2025, soit 65,6 %');
  const q = presenterPart({ numerateur: 2, denominateur: 3 }, 20, { numerateur: 5, denominateur: 12, periode: '2024-2025' });
  expect(q.cumul).toBe('5 sur 12 en 2024-2025');
  const r = presenterPart({ numerateur: 15, denominateur: 40 }, 20, { numerateur: 40, denominateur: 61, periode: '2021-2025' });
  expect(r.cumul).toBeNull(); // enough cases: no total needed
  expect(periodeAnnees([2023, 2021, 2025])).toBe('2021-2025');
  expect(periodeAnnees([2025])).toBe('2025');
});
