// The indicator catalogue: one definition per indicator, from which the cube, the SQL and
// the verdicts derive; targets only where a text sets them (CIA l.5128, 5180, 5186, 5360; ACD l.6571).
import { describe, expect, test } from 'vitest';
import { CATALOGUE, COMPTES, TOUS, decider, indicateur, sqlTaux, termes, verifierCatalogue, type IndicateurCatalogue } from '../../../../src/model/catalogue/index.ts';
import { MESURES_ATTRIBUTIONS } from '../../../../src/publish/cubes.ts';
import { COMPTES_ATTRIBUTIONS, INDICATEURS_ATTRIBUTIONS } from '../../../../src/model/indicateurs/attributions.ts';
import { OBJECTIFS_PAR_INDICATEUR } from '../../../../src/publish/pages.ts';

describe('catalogue', () => {
  test('le cube publie exactement les comptes du catalogue, les requêtes calculent exactement ses indicateurs', () => {
    expect(['attributions', ...MESURES_ATTRIBUTIONS]).toEqual(COMPTES.map((c) => c.id));
    expect(COMPTES_ATTRIBUTIONS).toEqual(COMPTES.map((c) => c.id));
    expect(INDICATEURS_ATTRIBUTIONS.map((i) => i.id)).toEqual(CATALOGUE.map((i) => i.id));
  });

  test('chaque terme est un compte de la même base ; chaque objectif est nommé dans objectifs_cia.csv', () => {
    verifierCatalogue();
    for (const i of TOUS) {
      for (const t of [...termes(i.numerateur), ...termes(i.denominateur)]) expect(COMPTES.find((c) => c.id === t)?.base).toBe(i.base);
      if (i.objectif) expect(OBJECTIFS_PAR_INDICATEUR[i.id]).toBe(i.objectif.nom);
    }
  });

  test('aucun objectif ne s’applique à une commune ou un territoire d’équilibre', () => {
    for (const i of TOUS) for (const n of i.objectif?.niveaux ?? []) expect(['epci', 'bailleur', 'reservataire']).toContain(n);
    expect(indicateur('a1').objectif?.niveaux).toEqual(['epci', 'bailleur']); // CIA l.5128 ; ACD indicateur B (l.6559, 6571)
    expect(indicateur('a5').objectif?.niveaux).toEqual(['epci']); // l.5186
    expect(indicateur('a7').objectif?.niveaux).toEqual(['epci']); // l.5360
    expect(indicateur('a4').objectif?.niveaux).toEqual(['reservataire']); // l.5180
  });

  test('le 1er quartile légal compte les baux signés ; ses variantes sont nommées et sans objectif', () => {
    expect(indicateur('a5')).toMatchObject({ base: 'baux', numerateur: 'q1_baux_hors_qpv', denominateur: 'baux_hors_qpv' });
    expect(indicateur('a5_hors_etudiants')).toMatchObject({ variante: { de: 'a5' } });
    expect(indicateur('a5_hors_etudiants').libelle).toContain('orientation 1.2');
    expect(indicateur('a5_decisions')).toMatchObject({ base: 'decisions', variante: { de: 'a5' } });
    for (const i of TOUS) if (i.variante) expect(i.objectif).toBeUndefined();
    expect(CATALOGUE.filter((i) => i.objectif?.nom === 'part_attributions_premier_quartile').map((i) => i.id)).toEqual(['a5']);
  });

  test('le catalogue refuse un compte inconnu, un mélange de bases, une variante avec objectif', () => {
    const base: IndicateurCatalogue = { ...indicateur('a1') };
    expect(() => verifierCatalogue([{ ...base, numerateur: 'inconnu' }])).toThrow(/compte inconnu « inconnu »/);
    expect(() => verifierCatalogue([{ ...base, numerateur: 'baux_prioritaires' }])).toThrow(/mélange/);
    expect(() => verifierCatalogue([indicateur('a5'), { ...indicateur('a5_hors_etudiants'), objectif: { nom: 'x', niveaux: ['epci'] } }])).toThrow(/variante/);
  });

  test('taux : NULL dès qu’un cas n’est pas classable (seuil de l’année absent)', () => {
    expect(sqlTaux(indicateur('a1'))).toBe('(sum(prioritaires))::DOUBLE / nullif(sum(attributions), 0)');
    expect(sqlTaux(indicateur('a5'))).toBe('CASE WHEN sum(baux_hors_qpv_seuil_inconnu) > 0 THEN NULL ELSE (sum(q1_baux_hors_qpv))::DOUBLE / nullif(sum(baux_hors_qpv), 0) END');
  });
});

describe('verdict ou pas (un seul endroit)', () => {
  const obj = { cible: 0.375, sens: '>=' as const, source: 'CIA' };
  test('EPCI : 15 sur 40 = 37,5 % → atteint ; 14 sur 40 → non atteint', () => {
    expect(decider(indicateur('a1'), 'epci', obj, 15 / 40, 40, 20)).toMatchObject({ atteint: true, raison: null });
    expect(decider(indicateur('a1'), 'epci', obj, 14 / 40, 40, 20)).toMatchObject({ atteint: false, raison: null });
  });
  test('commune et territoire : jamais de verdict, même sur un grand nombre', () => {
    expect(decider(indicateur('a1'), 'commune', obj, 0.1, 300, 20)).toMatchObject({ atteint: null, raison: 'niveau' });
    expect(decider(indicateur('a1'), 'territoire', obj, 0.9, 300, 20)).toMatchObject({ atteint: null, raison: 'niveau' });
    expect(decider(indicateur('a5'), 'bailleur', { ...obj, cible: 0.25 }, 0.1, 300, 20)).toMatchObject({ atteint: null, raison: 'niveau' });
  });
  test('moins de 20 cas (paramètre) : pas de verdict ; à 20, verdict', () => {
    expect(decider(indicateur('a1'), 'epci', obj, 9 / 11, 11, 20)).toMatchObject({ atteint: null, raison: 'petit-effectif' });
    expect(decider(indicateur('a1'), 'epci', obj, 9 / 19, 19, 20)).toMatchObject({ atteint: null, raison: 'petit-effectif' });
    expect(decider(indicateur('a1'), 'epci', obj, 9 / 20, 20, 20)).toMatchObject({ atteint: true });
    expect(decider(indicateur('a1'), 'epci', obj, 9 / 11, 11, 10)).toMatchObject({ atteint: true });
  });
  test('variante, objectif absent du territoire, valeur non calculée : pas de verdict', () => {
    expect(decider(indicateur('a5_hors_etudiants'), 'epci', obj, 0.1, 300, 20).raison).toBe('variante');
    expect(decider(indicateur('a7'), 'epci', undefined, 0.3, 300, 20).raison).toBe('sans-objectif');
    expect(decider(indicateur('a5'), 'epci', obj, null, 300, 20).raison).toBe('non-calcule');
    expect(decider(indicateur('a4'), 'reservataire', { ...obj, cible: 1 }, 0.99, 120, 20)).toMatchObject({ atteint: false });
  });
});
