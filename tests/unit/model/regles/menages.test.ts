// The CIA's fragility levels (l.5249-5266): nine criteria, « très élevée » only with all nine — so
// only when the résidence's commercial vacancy (criterion 1, optional input) is given and high.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { sqlMenagesModele } from '../../../../src/model/regles/menages.sql.ts';
import { chargerConfigFragilite, parametresFragilite } from '../../../../src/model/modele.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE communes (code_insee VARCHAR, territoire VARCHAR)`);
  await db.exec(`INSERT INTO communes VALUES ('31048', '2')`);
  await db.exec(`CREATE TABLE vacance_commerciale (commune_insee VARCHAR, residence VARCHAR, taux_pct DOUBLE)`);
  // default threshold 10 % (data/config/fragilite.json): « Les Pins » 12 % meets it, « Le Parc » 9,9 % does not
  await db.exec(`INSERT INTO vacance_commerciale VALUES ('31048', 'Les Pins', 12), ('31048', 'Le Parc', 9.9)`);
  await db.exec(`CREATE TABLE ops (vague INTEGER, commune VARCHAR, bailleur VARCHAR, residence VARCHAR, reponse VARCHAR, nb_occupants INTEGER,
    nb_pieces INTEGER, nb_adultes_emploi_stable INTEGER, nb_adultes_chomage INTEGER, nb_adultes_emploi_precaire INTEGER,
    ressources_pct_plafond_plus DOUBLE, nb_enfants INTEGER, type_menage VARCHAR, aide_logement BOOLEAN, impaye_plus_3_mois BOOLEAN)`);
  // the same household meeting criteria 2 to 9 (7 persons in 2 rooms, nobody in stable work, one unemployed,
  // 10 % of the PLUS ceiling, 6 children, single parent, housing benefit, arrears) in three résidences
  const menage = (residence: string) => `(2024, '31048', 'B', '${residence}', 'repondu', 7, 2, 0, 1, 0, 10, 6, 'famille monoparentale', true, true)`;
  await db.exec(`INSERT INTO ops VALUES ${menage('Les Pins')}, ${menage('Le Parc')}, ${menage('Sans donnée')}`);
  await db.exec(sqlMenagesModele(parametresFragilite(chargerConfigFragilite())));
});
afterAll(() => db.close());

test('neuf critères → « très élevée » (niveau 4) ; huit → « élevée » (niveau 3), vacance commerciale absente ou sous le seuil', async () => {
  const r = await db.query(`SELECT residence, c1, c1_renseigne, nb_criteres, niveau FROM menages_modele ORDER BY residence`);
  expect(r).toEqual([
    { residence: 'Le Parc', c1: false, c1_renseigne: true, nb_criteres: 8, niveau: 3 },
    { residence: 'Les Pins', c1: true, c1_renseigne: true, nb_criteres: 9, niveau: 4 },
    { residence: 'Sans donnée', c1: false, c1_renseigne: false, nb_criteres: 8, niveau: 3 },
  ]);
});

test('la configuration suit la CIA : 1-2 faible, 3-4 moyenne, 5-8 élevée, 9 très élevée ; neuf critères comptés', () => {
  const c = chargerConfigFragilite();
  expect(c.criteres.filter((x) => x.compte).map((x) => x.id)).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']);
  expect(c.niveaux.map((n) => [n.min, n.max])).toEqual([[0, 0], [1, 2], [3, 4], [5, 8], [9, 9]]);
  expect(c.source).toContain('l.5249-5266');
});
