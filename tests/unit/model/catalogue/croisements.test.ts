// Which selections of the explorer and the pages are published crossings of the attributions cube.
import { expect, test } from 'vitest';
import { croisementPublie, croisementsEnClair, ensemblesCroisements } from '../../../../src/model/catalogue/croisements.ts';

test('une commune ou un territoire : l’année entière, sans détail', () => {
  expect(croisementPublie({ niveau: 'commune' }, false)).toBe(true);
  expect(croisementPublie({ niveau: 'territoire', periode: 'annee', bailleur: '*' }, true)).toBe(true);
  for (const f of [{ periode: 'T2' as const }, { bailleur: 'OPH' }, { contingent: 'commune' }, { financement: 'PLAI' }, { qpv: 'en QPV' }]) {
    expect(croisementPublie({ niveau: 'commune', ...f }, true), JSON.stringify(f)).toBe(false);
    expect(croisementPublie({ niveau: 'territoire', ...f }, true), JSON.stringify(f)).toBe(false);
  }
});

test('l’EPCI : trimestres sans détail, un seul détail à la fois (financement et QPV ensemble compris), QPV seulement s’il y en a', () => {
  expect(croisementPublie({ niveau: 'epci', periode: 'T1' }, false)).toBe(true);
  expect(croisementPublie({ niveau: 'epci', periode: 'T1', bailleur: 'OPH' }, false)).toBe(false);
  expect(croisementPublie({ niveau: 'epci', bailleur: 'OPH' }, false)).toBe(true);
  expect(croisementPublie({ niveau: 'epci', contingent: 'commune' }, false)).toBe(true);
  expect(croisementPublie({ niveau: 'epci', bailleur: 'OPH', contingent: 'commune' }, false)).toBe(false);
  expect(croisementPublie({ niveau: 'epci', financement: 'PLUS', bailleur: 'OPH' }, true)).toBe(false);
  expect(croisementPublie({ niveau: 'epci', financement: 'PLUS', qpv: 'en QPV' }, true)).toBe(true);
  expect(croisementPublie({ niveau: 'epci', qpv: 'en QPV' }, false)).toBe(false);
});

test('grouping sets sans doublon (un ensemble répété doublerait ses lignes)', () => {
  const ensembles = ensemblesCroisements(true).split(',\n    ');
  expect(new Set(ensembles).size).toBe(ensembles.length);
  expect(ensembles).toContain('(annee, periode)');
  expect(ensembles).toContain('(annee, periode, territoire, commune_insee)');
});

test('la phrase du lecteur nomme le QPV seulement quand le territoire en a', () => {
  expect(croisementsEnClair(true)).toMatch(/QPV/);
  expect(croisementsEnClair(false)).not.toMatch(/QPV/);
});
