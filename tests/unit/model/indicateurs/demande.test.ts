// D1-D4 on a six-demand extract computed by hand, through the real chain:
// demandes_modele (rule) → published cubes with secrecy → indicator SQL.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { chargerFormat } from '../../../../src/ingest/format.ts';
import { sqlTableDemandes } from '../../../../src/ingest/demandes.ts';
import { publierDemande } from '../../../../src/publish/cube-demande.ts';
import { appliquerSecretPublication } from '../../../../src/confidentialite/secret-publication.ts';
import { requeteAttenteDemande, requeteDemande, requeteProfilDemande } from '../../../../src/model/indicateurs/demande.ts';
import type { Territoire } from '../../../../src/config/territoire.ts';

let db: DbNode;
const territoire = (seuil: number) => ({ epciSiren: 'E', secret: { attributionsMin: 5, menagesOpsMin: seuil } }) as unknown as Territoire;

// pseudo, commune, dépôt, renouvellement, statut, sortie, prioritaire, mutation, âge, logement actuel, typologie
type Demande = [string, string, string, string | null, string, string | null, boolean | null, boolean | null, number | null, string | null, string | null];
const DEMANDES: Demande[] = [
  ['d1', '31001', '2023-01-15', '2024-01-15', 'active', null, true, false, 30, 'locataire du parc privé', 'T2'],
  ['d2', '31001', '2024-03-01', null, 'attribuee', '2025-03-01', false, false, 62, 'hébergé chez un tiers', 'T3'],
  ['d3', '31002', '2022-06-01', null, 'attribuée', '2024-06-01', null, null, 45, null, 'T6'],
  ['d4', '31002', '2024-11-01', null, 'radiee', '2024-12-15', false, false, 22, null, null],
  ['d5', '31001', '2025-02-01', null, 'en cours', null, false, null, null, 'Locataire du parc social', '4 pièces'],
  ['d6', '31002', '2024-12-31', '2025-06-30', 'active', null, false, false, null, 'sans logement', 'T1'],
];

async function charger(seuil: number): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE communes (code_insee VARCHAR, territoire VARCHAR)`);
  await db.exec(`INSERT INTO communes VALUES ('31001', '1'), ('31002', '1')`);
  await db.exec(sqlTableDemandes(chargerFormat('demandes')));
  await db.exec(`ALTER TABLE demandes RENAME COLUMN num_unique TO pseudo_demande`);
  const v = (x: string | number | boolean | null) => (x === null ? 'NULL' : typeof x === 'string' ? `'${x}'` : String(x));
  for (const [i, d] of DEMANDES.entries()) {
    const [p, commune, depot, renouv, statut, sortie, prio, mut, age, origine, typo] = d;
    await db.exec(`INSERT INTO demandes (fichier, ligne, pseudo_demande, date_depot, date_renouvellement, statut, date_sortie, commune,
      prioritaire, mutation, age_demandeur, logement_actuel, typologie)
      VALUES ('demandes.csv', ${i + 2}, ${v(p)}, ${v(depot)}, ${v(renouv)}, ${v(statut)}, ${v(sortie)}, ${v(commune)}, ${v(prio)}, ${v(mut)}, ${v(age)}, ${v(origine)}, ${v(typo)})`);
  }
  await publierDemande(db, territoire(seuil));
  await appliquerSecretPublication(db, territoire(seuil), { avecDemande: true });
  await db.exec(`CREATE OR REPLACE VIEW demande AS SELECT * FROM pub_demande`);
  await db.exec(`CREATE OR REPLACE VIEW demande_delais AS SELECT * FROM pub_demande_delais`);
}

beforeAll(async () => {
  db = await ouvrirDuckDb();
  // published attributions cube, only the cells D3 reads
  await db.exec(`CREATE TABLE attributions (annee INTEGER, periode VARCHAR, niveau VARCHAR, code VARCHAR, bailleur VARCHAR, contingent VARCHAR,
    financement VARCHAR, qpv VARCHAR, attributions INTEGER, etudiants INTEGER, secret BOOLEAN)`);
  // the cells of one financing or one side of the QPV limit must not be read as totals
  await db.exec(`INSERT INTO attributions VALUES
    (2024, 'annee', 'epci', 'E', '*', '*', '*', '*', 2, 1, false), (2025, 'annee', 'epci', 'E', '*', '*', '*', '*', 4, 1, false),
    (2025, 'annee', 'commune', '31001', '*', '*', '*', '*', 1, 0, false), (2025, 'annee', 'commune', '31002', '*', '*', '*', '*', NULL, NULL, true),
    (2025, 'T1', 'epci', 'E', '*', '*', '*', '*', 1, 0, false), (2025, 'annee', 'epci', 'E', 'X', '*', '*', '*', 3, 0, false),
    (2025, 'annee', 'epci', 'E', '*', '*', 'PLAI', '*', 2, 0, false), (2025, 'annee', 'epci', 'E', '*', '*', '*', 'hors QPV', 4, 1, false)`);
});
afterAll(() => db.close());

describe('sans secret (seuil 1) : valeurs calculées à la main', () => {
  beforeAll(() => charger(1));

  test('D1 : demandes actives au 31/12/2024 et à la date d’extraction (30/06/2025), dont prioritaires et mutations', async () => {
    const epci = await db.query(requeteDemande({ niveau: 'epci' }));
    // 2024 : d1, d2 (attribuée en 2025), d6 (déposée le 31/12) ; d3 et d4 sorties en 2024, d5 déposée en 2025
    // 2025 : d1, d5, d6 ; d2 attribuée le 01/03/2025
    expect(epci.map((r) => [r.annee, r.demandeurs, r.prioritaires, r.mutations])).toEqual([
      [2024, 3, 1, 0],
      [2025, 3, 1, 1], // d5 : mutation vide, logement actuel « parc social »
    ]);
    expect(epci[0]!.part_prioritaires).toBeCloseTo(1 / 3, 10);
    const communes = await db.query(requeteDemande({ niveau: 'commune', annee: 2024 }));
    expect(communes.map((r) => [r.code, r.demandeurs])).toEqual([['31001', 2], ['31002', 1]]);
  });

  test('D3 : demandes / attributions de l’année, et la variante hors étudiants', async () => {
    const [a, b] = await db.query(requeteDemande({ niveau: 'epci', code: 'E' }));
    expect([a!.attributions, a!.attributions_hors_etudiants, a!.d3, a!.d3_hors_etudiants]).toEqual([2, 1, 1.5, 3]);
    expect([b!.attributions, b!.attributions_hors_etudiants, b!.d3, b!.d3_hors_etudiants]).toEqual([4, 3, 0.75, 1]);
    const [c1] = await db.query(requeteDemande({ niveau: 'commune', code: '31001', annee: 2025 }));
    expect(c1!.d3).toBe(2);
    const [c2] = await db.query(requeteDemande({ niveau: 'commune', code: '31002', annee: 2025 }));
    expect(c2!.d3).toBeNull(); // attributions secrètes : la pression l’est aussi
  });

  test('D4 : délai moyen dépôt → attribution des demandes attribuées dans l’année, en mois', async () => {
    const [a, b] = await db.query(requeteDemande({ niveau: 'epci', code: 'E' }));
    expect([a!.attribuees, a!.d4]).toEqual([1, 24]); // d3 : 731 jours / 30,4375 = 24,02
    expect([b!.attribuees, b!.d4]).toEqual([1, 12]); // d2 : 365 jours = 11,99
    const tranches = await db.query(requeteAttenteDemande({ niveau: 'epci', code: 'E', annee: 2024 }));
    expect(tranches.map((r) => [r.tranche, r.attribuees])).toEqual([['2 à 3 ans', 1]]);
  });

  test('D2 : profil des demandes actives (classes d’âge, taille demandée, origine)', async () => {
    const p = await db.query(requeteProfilDemande({ niveau: 'epci', code: 'E', annee: 2025 }));
    const de = (v: string) => Object.fromEntries(p.filter((r) => r.variable === v).map((r) => [r.modalite, r.demandeurs]));
    expect(de('age_classe')).toEqual({ '25 à 39 ans': 1, 'non renseigné': 2 });
    expect(de('typologie')).toEqual({ T2: 1, T4: 1, T1: 1 });
    expect(de('origine')).toEqual({ 'locataire du parc privé': 1, 'Locataire du parc social': 1, 'sans logement': 1 }); // wording kept as given
    expect(de('prioritaire')).toEqual({ oui: 1, non: 2 });
    expect(p.find((r) => r.variable === 'prioritaire' && r.modalite === 'oui')!.part).toBeCloseTo(1 / 3, 10);
    const p24 = await db.query(requeteProfilDemande({ niveau: 'epci', code: 'E', annee: 2024 }));
    expect(p24.filter((r) => r.variable === 'typologie').map((r) => r.modalite).sort()).toEqual(['T1', 'T2', 'T3']);
  });

  test('les tables publiées ne portent ni identifiant, ni date, ni ressources', async () => {
    const cols = async (t: string) => (await db.query(`SELECT column_name AS c FROM information_schema.columns WHERE table_name = '${t}' ORDER BY ordinal_position`)).map((r) => r.c);
    expect(await cols('pub_demande')).toEqual(['annee', 'variable', 'niveau', 'code', 'parent', 'modalite', 'demandeurs', 'secret']);
    expect(await cols('pub_demande_delais')).toEqual(['annee', 'niveau', 'code', 'parent', 'tranche', 'attribuees', 'delai_moyen_mois', 'secret']);
  });
});

describe('secret statistique (seuil 2)', () => {
  beforeAll(() => charger(2));

  test('une commune sous le seuil est masquée, ainsi que sa voisine (secret secondaire) ; le territoire reste publié', async () => {
    const cellules = await db.query(`SELECT niveau, code, demandeurs, secret FROM pub_demande
      WHERE annee = 2024 AND variable = 'prioritaire' AND modalite = '*' ORDER BY niveau, code`);
    expect(cellules).toEqual([
      { niveau: 'commune', code: '31001', demandeurs: null, secret: true }, // 2, masquée pour protéger 31002
      { niveau: 'commune', code: '31002', demandeurs: null, secret: true }, // 1 < 2
      { niveau: 'epci', code: 'E', demandeurs: 3, secret: false },
      { niveau: 'territoire', code: '1', demandeurs: 3, secret: false },
    ]);
    const [c] = await db.query(requeteDemande({ niveau: 'commune', code: '31002', annee: 2024 }));
    expect([c!.secret, c!.demandeurs, c!.d3]).toEqual([true, null, null]);
  });

  test('un délai calculé sur moins de 2 demandes attribuées est masqué', async () => {
    const [a] = await db.query(requeteDemande({ niveau: 'epci', code: 'E', annee: 2024 }));
    expect([a!.secret_delai, a!.attribuees, a!.d4]).toEqual([true, null, null]);
  });
});
