import { expect, test } from 'vitest';
import { comparerModalites } from '../../../../src/site/lib/ordre.ts';

const trier = (l: string[]) => [...l].sort(comparerModalites);

test('ordre naturel : âges croissants, financements du plus social au moins social, « autre » en dernier', () => {
  expect(trier(['25 à 39 ans', '40 à 59 ans', '60 ans et plus', 'moins de 25 ans'])).toEqual(['moins de 25 ans', '25 à 39 ans', '40 à 59 ans', '60 ans et plus']);
  expect(trier(['Avant 1977', 'PLAI', 'PLI', 'PLS', 'PLUS'])).toEqual(['PLAI', 'PLUS', 'PLS', 'PLI', 'Avant 1977']);
  expect(trier(['autre', 'couple avec enfant(s)', 'personne seule', 'famille monoparentale'])).toEqual(['couple avec enfant(s)', 'famille monoparentale', 'personne seule', 'autre']);
  expect(trier(['5 personnes et plus', '1 personne', '2 personnes'])).toEqual(['1 personne', '2 personnes', '5 personnes et plus']);
  expect(trier(['T5 et plus', 'T1', 'T3'])).toEqual(['T1', 'T3', 'T5 et plus']);
  expect(trier(['Non renseigné', 'B', 'A'])).toEqual(['A', 'B', 'Non renseigné']);
});
