// The relations between the attributions cube's counts that a reader can exploit, derived from the
// catalogue's conditions (src/confidentialite/cellules-publiees.ts). Expectations written by hand from
// the conditions of src/model/catalogue/comptes.ts.
import { expect, test } from 'vitest';
import { relationsComptes } from '../../../src/confidentialite/cellules-publiees.ts';
import { SystemeSecret } from '../../../src/confidentialite/systeme-secret.ts';
import { auditerSecret } from '../../../src/confidentialite/audit-secret.ts';

test('inclusions du catalogue : les parents les plus proches, de la même base seulement', () => {
  const { dans } = relationsComptes();
  // 'q1 AND NOT en_qpv' ⊂ 'q1' and ⊂ 'NOT en_qpv'
  expect(dans.get('q1_hors_qpv')?.sort()).toEqual(['hors_qpv', 'q1']);
  // 'prioritaire AND NOT logement_etudiant' ⊂ prioritaires and ⊂ attributions_acd (not also attributions: it follows)
  expect(dans.get('prioritaires_acd')?.sort()).toEqual(['attributions_acd', 'prioritaires']);
  // 'q1 AND etudiant AND NOT en_qpv': its three pairs
  expect(dans.get('q1_hors_qpv_etudiants')?.sort()).toEqual(['etudiants_hors_qpv', 'q1_etudiants', 'q1_hors_qpv']);
  // a DALO household is priority (CCH L.441-1): not in the conditions, declared
  expect(dans.get('dalo')).toEqual(['prioritaires']);
  // leases are another base (signed in the year, whatever the decision's year): baux_prioritaires ⊄ prioritaires
  expect(dans.get('baux_prioritaires')).toEqual(['baux']);
  // en / hors QPV partition the total (a sum, not an inclusion)
  expect(dans.has('hors_qpv')).toBe(false);
  expect(dans.get('attributions')).toBeUndefined();
});

test('croisements : ab = a ∩ b dans le total de leurs conditions communes', () => {
  const { croisements } = relationsComptes();
  expect(croisements).toContainEqual({ total: 'attributions', a: 'q1', b: 'hors_qpv', ab: 'q1_hors_qpv' });
  // common conjunct 'etudiant': within etudiants, not within all attributions
  expect(croisements).toContainEqual({ total: 'etudiants', a: 'q1_etudiants', b: 'etudiants_hors_qpv', ab: 'q1_hors_qpv_etudiants' });
  // every croisement's ab is among the parents' children
  const { dans } = relationsComptes();
  for (const c of croisements) expect(dans.get(c.ab)).toEqual(expect.arrayContaining([c.a, c.b]));
});

test('une condition du catalogue découpée au premier niveau seulement (les parenthèses gardent leur ET)', () => {
  const { dans } = relationsComptes([
    { id: 'tout', base: 'x', condition: 'TRUE' },
    { id: 'a', base: 'x', condition: '(p AND q)' },
    { id: 'p', base: 'x', condition: 'p' },
    { id: 'ap', base: 'x', condition: 'p AND (p AND q)' },
  ]);
  expect(dans.get('a')).toEqual(['tout']);
  expect(dans.get('ap')?.sort()).toEqual(['a', 'p']);
});

test('audit : les ménages « ni l’un ni l’autre » bornent ab par le bas (total 20, a 18, b 5 : ab ≥ 3)', async () => {
  // q1_hors_qpv (3) hidden, its complement in hors_qpv (2) implicit: with hors_qpv = q1_hors_qpv + c alone,
  // q1_hors_qpv ∈ [0, 5] looks protected; with 20 − 18 − 5 + ab = (households in neither) ≥ 0, ab ∈ [3, 5]
  const s = new SystemeSecret();
  const [t, a, b, ab] = [20, 18, 5, 3].map((v, i) => s.ajouterCellule(v, 5, true, ['attributions', 'q1', 'hors_qpv', 'q1_hors_qpv'][i]!));
  const c = s.ajouterCellule(2, 5, false, 'hors_qpv − q1_hors_qpv');
  s.ajouterSomme(b!, [ab!, c], 'q1_hors_qpv ⊂ hors_qpv');
  const avant = await auditerSecret(s);
  expect(avant.fuites).toEqual([]);
  const ni = s.ajouterCellule(0, 5, false, 'ni q1 ni hors QPV');
  s.ajouterEquation([[t!, 1], [ab!, 1], [a!, -1], [b!, -1], [ni, -1]], 'attributions − q1 − hors_qpv + q1_hors_qpv ≥ 0');
  const apres = await auditerSecret(s);
  expect(apres.fuites.map((f) => [f.libelle, f.min, f.max]).sort()).toEqual([['hors_qpv − q1_hors_qpv', 0, 2], ['q1_hors_qpv', 3, 5]]);
  expect(apres.fuites.find((f) => f.libelle === 'q1_hors_qpv')!.equations.join('\n')).toContain('attributions (= 20) + q1_hors_qpv (masquée) − q1 (= 18) − hors_qpv (= 5) − ni q1 ni hors QPV (masquée) = 0');
});
