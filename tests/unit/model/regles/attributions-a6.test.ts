// A6 rule (< 60 % of the PLUS ceiling) and the financing class, on real DuckDB, with
// expected values computed by hand from data/config/plafonds_plus.csv.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { sqlAttributionsModele, sqlPrioritaire } from '../../../../src/model/regles/attributions.sql.ts';
import { chargerConfigA6, creerPlafondsPlus } from '../../../../src/model/modele.ts';

let db: DbNode;
const UC = { premierAdulte: 1, autrePersonne14Plus: 0.5, enfantMoins14: 0.3 };

interface Cas {
  id: string;
  caleol: string;
  bail: string | null;
  mensuel: number | null;
  p14: number;
  m14: number;
  financement?: string;
}

// 60 % of the ceilings used below (autres régions):
//   2024 cat. 1 : 22 642 × 0,6 = 13 585,2 €/an      2025 cat. 1 : 23 201 × 0,6 = 13 920,6 €/an = 1 160,05 €/mois
//   2024 cat. 3 : 36 362 × 0,6 = 21 817,2 €/an = 1 818,10 €/mois
//   2025, 8 personnes : 59 636 + 2 × 6 652 = 72 940 ; × 0,6 = 43 764 €/an = 3 647 €/mois
const CAS: Cas[] = [
  { id: 'seul-egal', caleol: '2025-03-01', bail: '2025-04-01', mensuel: 1160.05, p14: 1, m14: 0 }, // exactly 60 % → not below
  { id: 'seul-sous', caleol: '2025-03-01', bail: '2025-04-01', mensuel: 1160.04, p14: 1, m14: 0 },
  { id: 'trois-egal', caleol: '2024-05-01', bail: '2024-06-01', mensuel: 1818.1, p14: 2, m14: 1 },
  { id: 'trois-sous', caleol: '2024-05-01', bail: null, mensuel: 1818.09, p14: 2, m14: 1 },
  { id: 'huit-egal', caleol: '2025-05-01', bail: null, mensuel: 3647, p14: 2, m14: 6 },
  { id: 'huit-sous', caleol: '2025-05-01', bail: null, mensuel: 3646.99, p14: 2, m14: 6 },
  // decided in 2024, lease in 2025: 1 140 × 12 = 13 680 ≥ 13 585,2 (2024) but < 13 920,6 (2025, year of the lease)
  { id: 'annee-du-bail', caleol: '2024-12-10', bail: '2025-01-15', mensuel: 1140, p14: 1, m14: 0 },
  { id: 'bail-2026', caleol: '2025-12-10', bail: '2026-01-15', mensuel: 100, p14: 1, m14: 0 }, // no 2026 ceilings
  { id: 'sans-ressources', caleol: '2025-03-01', bail: null, mensuel: null, p14: 1, m14: 0 },
];

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE communes (code_insee VARCHAR, territoire VARCHAR)`);
  await db.exec(`INSERT INTO communes VALUES ('31048', '1')`);
  await db.exec(`CREATE TABLE seuils_q1 (annee INTEGER, seuil_annuel_uc DOUBLE)`);
  await db.exec(`INSERT INTO seuils_q1 VALUES (2024, 8895)`);
  await creerPlafondsPlus(db, chargerConfigA6().plafonds);
  await db.exec(`CREATE TABLE attributions (pseudo_demande VARCHAR, bailleur VARCHAR, date_caleol DATE, decision VARCHAR, rang INTEGER,
    commune VARCHAR, qpv_code VARCHAR, typologie VARCHAR, financement VARCHAR, reservataire_contingent VARCHAR, refus_demandeur BOOLEAN,
    motif_refus VARCHAR, date_bail DATE, mutation BOOLEAN, public_prioritaire BOOLEAN, dalo BOOLEAN, ressources_mensuelles DOUBLE,
    nb_adultes INTEGER, nb_enfants_moins_14 INTEGER, nb_personnes_14_plus INTEGER, etudiant BOOLEAN, age_demandeur INTEGER, composition VARCHAR)`);
  const v = (x: string | number | null) => (x === null ? 'NULL' : typeof x === 'number' ? String(x) : `'${x.replace(/'/g, "''")}'`);
  await db.exec(`INSERT INTO attributions VALUES ${CAS.map(
    (c) => `(${v(c.id)}, 'B', DATE ${v(c.caleol)}, 'attribution', 1, '31048', '', 'T3', ${v(c.financement ?? 'PLUS')}, 'commune', false, '',
      ${c.bail ? `DATE ${v(c.bail)}` : 'NULL'}, false, false, false, ${v(c.mensuel)}, ${Math.min(c.p14, 2)}, ${c.m14}, ${c.p14}, false, 40, '')`,
  ).join(', ')}`);
  await db.exec(`ALTER TABLE attributions ADD COLUMN relogement_anru_orcod BOOLEAN`);
  await db.exec(`ALTER TABLE attributions ADD COLUMN ident_rep VARCHAR`);
  await db.exec(`CREATE TABLE logements_modele (ident_rep VARCHAR, type_logement VARCHAR)`);
  await db.exec(sqlAttributionsModele(UC, { tauxPct: 60 }));
});
afterAll(() => db.close());

const ligne = async (id: string) => (await db.query(`SELECT * FROM attributions_modele WHERE pseudo_demande = '${id}'`))[0]!;

describe('A6 : ressources annuelles sous 60 % du plafond PLUS de la catégorie, année du bail', () => {
  test('catégorie = nombre de personnes, plafonnée à 6 ; au-delà, montant par personne supplémentaire', async () => {
    expect(await ligne('seul-sous')).toMatchObject({ categorie_menage: 1, plafond_plus: 23201, annee_plafond_plus: 2025 });
    expect(await ligne('trois-sous')).toMatchObject({ categorie_menage: 3, plafond_plus: 36362, annee_plafond_plus: 2024 });
    expect(await ligne('huit-sous')).toMatchObject({ categorie_menage: 6, plafond_plus: 59636 + 2 * 6652 });
  });

  test('exactement 60 % du plafond n’est pas « sous 60 % » ; un centime de moins l’est', async () => {
    for (const [egal, sous] of [['seul-egal', 'seul-sous'], ['trois-egal', 'trois-sous'], ['huit-egal', 'huit-sous']]) {
      expect((await ligne(egal!)).sous_60_plus, egal).toBe(false);
      expect((await ligne(sous!)).sous_60_plus, sous).toBe(true);
    }
  });

  test('les plafonds sont ceux de l’année du bail, pas de la décision', async () => {
    expect(await ligne('annee-du-bail')).toMatchObject({ annee: 2024, annee_plafond_plus: 2025, plafond_plus: 23201, sous_60_plus: true });
  });

  test('année sans plafonds renseignés, ou ressources manquantes : non calculé (NULL), jamais extrapolé', async () => {
    expect(await ligne('bail-2026')).toMatchObject({ annee_plafond_plus: 2026, categorie_menage: 1, plafond_plus: null, sous_60_plus: null });
    expect((await ligne('sans-ressources')).sous_60_plus).toBeNull();
  });

  test('le taux est un paramètre', async () => {
    await db.exec(sqlAttributionsModele(UC, { tauxPct: 50 }).replace('TABLE attributions_modele', 'TABLE a50'));
    // 1 160,04 × 12 = 13 920,48 ≥ 50 % × 23 201 = 11 600,5
    const [r] = await db.query(`SELECT sous_60_plus FROM a50 WHERE pseudo_demande = 'seul-sous'`);
    expect(r?.sous_60_plus).toBe(false);
    expect(() => sqlAttributionsModele(UC, { tauxPct: 0 })).toThrow(/taux du plafond PLUS invalide/);
  });
});

test('classe de financement du logement attribué, depuis le texte de l’export', async () => {
  await db.exec(`CREATE TABLE f AS SELECT * FROM attributions LIMIT 0`);
  const libelles = ['P.L.A.I', 'PLAI', 'PLA-TS', 'PLUS CD', 'PLUS', 'PLA', '13', 'PLS', 'PLI', 'DIVERS', 'HLMO', '', 'plai adapté'];
  await db.exec(`INSERT INTO f SELECT attributions.* REPLACE (x.l AS financement, x.l AS pseudo_demande) FROM attributions, (SELECT unnest([${libelles.map((l) => `'${l}'`).join(', ')}]) AS l) x WHERE attributions.pseudo_demande = 'seul-sous'`);
  await db.exec(`ALTER TABLE attributions RENAME TO attributions_cas`);
  await db.exec(`ALTER TABLE f RENAME TO attributions`);
  await db.exec(sqlAttributionsModele(UC).replace('TABLE attributions_modele', 'TABLE fm'));
  const r = Object.fromEntries((await db.query(`SELECT pseudo_demande, financement FROM fm`)).map((x) => [x.pseudo_demande, x.financement]));
  expect(r).toEqual({
    'P.L.A.I': 'PLAI', PLAI: 'PLAI', 'PLA-TS': 'PLAI', 'PLUS CD': 'PLUS', PLUS: 'PLUS', PLA: 'PLUS', '13': 'PLUS', PLS: 'PLS', PLI: 'PLI',
    DIVERS: 'Autre', HLMO: 'Autre', '': 'Non renseigné', 'plai adapté': 'PLAI',
  });
});

describe('data/config/plafonds_plus.csv', () => {
  test('montants vérifiés : 2021 à 2025 (cinq ans d’attributions), « autres régions », catégories 1 à 6, taux 60 %', () => {
    const c = chargerConfigA6();
    expect(c.tauxPct).toBe(60);
    expect([...new Set(c.plafonds.map((p) => p.annee))]).toEqual([2021, 2022, 2023, 2024, 2025]);
    // 1er janvier 2021 : 20 966 € pour une personne seule, 6 011 € par personne supplémentaire
    expect(c.plafonds.filter((p) => p.annee === 2021).map((p) => p.plafondAnnuel)).toEqual([20966, 27998, 33670, 40648, 47818, 53891]);
    const p2024 = c.plafonds.filter((p) => p.annee === 2024).map((p) => p.plafondAnnuel);
    expect(p2024).toEqual([22642, 30238, 36362, 43899, 51641, 58200]); // arrêté du 18 décembre 2023
    expect(c.plafonds.every((p) => p.source.length > 0)).toBe(true);
  });

  const ecrire = (csv: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'plafonds-'));
    writeFileSync(join(dir, 'attributions.json'), JSON.stringify({ a6_taux_plafond_plus_pct: 60, a6_zone_plafonds: 'autres_regions' }));
    writeFileSync(join(dir, 'plafonds_plus.csv'), `annee,zone,categorie,plafond_annuel_eur,par_personne_supplementaire_eur,texte,source\n${csv}`);
    return dir;
  };

  test('une année incomplète est refusée (elle doit être complète ou absente)', () => {
    const dir = ecrire('2030,autres_regions,1,20000,6000,t,s\n2030,autres_regions,2,26000,6000,t,s\n');
    expect(() => chargerConfigA6(dir)).toThrow(/2030, catégorie\(s\) 3, 4, 5, 6 manquante/);
  });

  test('un montant illisible nomme le fichier, la ligne et la colonne', () => {
    const dir = ecrire('2030,autres_regions,1,20 000,6000,t,s\n');
    expect(() => chargerConfigA6(dir)).toThrow('data/config/plafonds_plus.csv, ligne 2, colonne plafond_annuel_eur : « 20 000 »');
  });

  test('les lignes d’une autre zone sont ignorées pour ce territoire', () => {
    const dir = ecrire('2030,ile_de_france,1,20000,6000,t,s\n');
    expect(chargerConfigA6(dir).plafonds).toEqual([]);
  });
});

test('ménage prioritaire : « public prioritaire », ou reconnu DALO (le premier des publics prioritaires de CCH L.441-1) même si l’export dit « non »', async () => {
  const r = await db.query(`SELECT public_prioritaire AS p, dalo AS d, ${sqlPrioritaire('t')} AS prioritaire
    FROM (VALUES (true, false), (false, true), (NULL, true), (false, false), (NULL, NULL)) t(public_prioritaire, dalo) ORDER BY ALL`);
  expect(r.map((l) => [l.p, l.d, l.prioritaire])).toEqual([
    [false, false, false],
    [false, true, true],
    [true, false, true],
    [null, true, true],
    [null, null, false],
  ]);
});
