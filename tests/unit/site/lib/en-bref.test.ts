// « En bref » of a fiche: a withheld count is « — », never 0 (each count of a row is a cell of the
// secret: a row may be published with its attributions withheld and its leases shown).
import { expect, test } from 'vitest';
import { enBref, RETENU, type EntreeEnBref } from '../../../../src/site/lib/en-bref.ts';
import type { Ligne } from '../../../../src/model/db.ts';

const entree = (attributions: Ligne[]): EntreeEnBref => ({
  nom: 'Baziège',
  sujet: 'Baziège',
  epci: 'Sicoval',
  millesime: 2025,
  derniereAnnee: 2025,
  zone: { parc: null, attributions, population: null },
  ref: { parc: null, attributions: [{ annee: 2025, periode: 'annee', secret: false, attributions: 930 }], population: null },
  demande: null,
  objectifs: {},
  compteur: () => () => null,
  petitEffectif: 20,
});

const attributions = (e: EntreeEnBref) => enBref(e).find((c) => c.id === 'attributions')!;

test('compte retenu dans une ligne publiée (secret = faux, baux publiés) : « — », dit retenu, pas « 0 »', () => {
  const c = attributions(entree([{ annee: 2025, periode: 'annee', secret: false, attributions: null, baux: 14 }]));
  expect(c.valeur).toBe(RETENU);
  expect(c.retenu).toBe("nombre d'attributions en 2025");
  expect(c.phrase).toMatch(/^Nombre non publié ; 930 dans le Sicoval\.$/);
});

test('aucune ligne pour l’année : aucune attribution, 0', () => {
  const c = attributions(entree([]));
  expect(c.valeur).toBe('0');
  expect(c.retenu).toBeUndefined();
});

test('compte publié : le nombre', () => {
  expect(attributions(entree([{ annee: 2025, periode: 'annee', secret: false, attributions: 15, baux: 13 }])).valeur).toBe('15');
});

test('part dont le numérateur est retenu chaque année (attributions publiées, prioritaires non) : « — », « Part non publiée », pas « aucune attribution »', () => {
  const e: EntreeEnBref = {
    ...entree([2023, 2024, 2025].map((annee) => ({ annee, periode: 'annee', secret: false, attributions: 16, prioritaires: null }))),
    compteur: () => (l) => ({ numerateur: l.prioritaires === null ? null : Number(l.prioritaires), denominateur: Number(l.attributions) }),
  };
  e.ref.attributions = [{ annee: 2025, periode: 'annee', secret: false, attributions: 930, prioritaires: 305 }];
  const c = enBref(e).find((x) => x.id === 'prioritaires')!;
  expect(c.valeur).toBe(RETENU);
  expect(c.retenu).toBeDefined();
  // 305 / 930 = 32,80 %
  expect(c.phrase.replace(/[\u00a0\u202f]/g, ' ')).toMatch(/^Part non publiée ; Sicoval : 32,8 %\./);
});
