// Downloads for a French Excel: one CSV per published table (BOM, `;`, decimal
// comma, CRLF, oui/non, empty for NULL) and the data dictionary (CSV + JSON).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { celluleCsv, typeFrancais, publierTelechargements, DICTIONNAIRE, DESCRIPTION_ABSENTE, type FichierTelechargement } from '../../../src/publish/telechargements.ts';

let db: DbNode;
let dossier: string;
let fichiers: FichierTelechargement[];

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE pub_communes AS SELECT * FROM (VALUES
    ('31048', 'Baziège', 3301, '1', 'Territoire sud', 2, 42.5),
    ('31004', 'Ayguesvives; « test »', 2812, NULL, NULL, 1, 0.1 + 0.2)) t(code_insee, nom, population, territoire, territoire_libelle, zonage_tension, taux_ponderation_acd_pct)`);
  await db.exec(`CREATE TABLE pub_parc AS SELECT * FROM (VALUES (2025, '31048', TRUE, 12), (2025, '31004', FALSE, 3)) t(millesime, commune_insee, en_qpv, logements)`);
  await db.exec(`CREATE TABLE pub_nouvelle AS SELECT 1 AS x`);
  await db.exec(`CREATE TABLE privee AS SELECT 'secret' AS nom`);
  dossier = mkdtempSync(join(tmpdir(), 'obs-telech-'));
  fichiers = await publierTelechargements(db, { id: 'test', nom: 'CA de Test' }, dossier);
});

afterAll(() => db?.close());

const lire = (nom: string) => readFileSync(join(dossier, 'telechargements', nom), 'utf8');

describe('cellules', () => {
  test('virgule décimale, oui/non, vide pour NULL, pas de bruit binaire', () => {
    expect(celluleCsv(42.5)).toBe('42,5');
    expect(celluleCsv(0.1 + 0.2)).toBe('0,3');
    expect(celluleCsv(-1234)).toBe('-1234');
    expect(celluleCsv(0.0000001)).toBe('0,0000001');
    expect(celluleCsv(true)).toBe('oui');
    expect(celluleCsv(false)).toBe('non');
    expect(celluleCsv(null)).toBe('');
    expect(celluleCsv('*')).toBe('*');
  });
  test('types en français', () => {
    expect(typeFrancais('INTEGER')).toBe('entier');
    expect(typeFrancais('DOUBLE')).toBe('décimal (virgule)');
    expect(typeFrancais('BOOLEAN')).toBe('booléen (oui / non)');
    expect(typeFrancais('VARCHAR')).toBe('texte');
  });
});

describe('publierTelechargements', () => {
  test('un CSV par table pub_* (tables connues d’abord), puis le dictionnaire ; rien d’autre', () => {
    expect(fichiers.map((f) => f.fichier)).toEqual([
      'telechargements/communes.csv', 'telechargements/parc.csv', 'telechargements/nouvelle.csv',
      'telechargements/dictionnaire.csv', 'telechargements/dictionnaire.json',
    ]);
    expect(readdirSync(join(dossier, 'telechargements')).sort()).toEqual(['communes.csv', 'dictionnaire.csv', 'dictionnaire.json', 'nouvelle.csv', 'parc.csv']);
    for (const f of fichiers) expect(readFileSync(join(dossier, f.fichier)).length).toBe(f.octets);
    expect(fichiers[0]!.lignes).toBe(2);
  });

  test('CSV pour un Excel français : BOM, « ; », CRLF, virgule décimale, oui/non, case vide, guillemets', () => {
    const communes = lire('communes.csv');
    expect(communes.startsWith('\uFEFFcode_insee;nom;population;territoire;territoire_libelle;zonage_tension;taux_ponderation_acd_pct\r\n')).toBe(true);
    expect(communes).toContain('\r\n31004;"Ayguesvives; « test »";2812;;;1;0,3\r\n');
    expect(communes).toContain('\r\n31048;Baziège;3301;1;Territoire sud;2;42,5\r\n');
    expect(communes.endsWith('\r\n')).toBe(true);
    expect(communes.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(lire('parc.csv')).toBe('\uFEFFmillesime;commune_insee;en_qpv;logements\r\n2025;31004;non;3\r\n2025;31048;oui;12\r\n');
  });

  test('dictionnaire : chaque colonne avec son type et sa description en français', () => {
    const csv = lire('dictionnaire.csv');
    expect(csv.startsWith('\uFEFFtable;colonne;type;description\r\n')).toBe(true);
    expect(csv).toContain(`\r\nparc;en_qpv;booléen (oui / non);${DICTIONNAIRE.parc!.colonnes.en_qpv}\r\n`);
    const json = JSON.parse(lire('dictionnaire.json')) as { nom: string; tables: { table: string; description: string; colonnes: { colonne: string; type: string; description: string }[] }[] };
    expect(json.nom).toBe('CA de Test');
    expect(json.tables.map((t) => t.table)).toEqual(['communes', 'parc', 'nouvelle']);
    const communes = json.tables[0]!;
    expect(communes.colonnes.map((c) => c.colonne)).toEqual(Object.keys(DICTIONNAIRE.communes!.colonnes));
    expect(communes.colonnes.every((c) => c.description !== DESCRIPTION_ABSENTE)).toBe(true);
    expect(communes.colonnes.find((c) => c.colonne === 'taux_ponderation_acd_pct')?.type).toBe('décimal (virgule)');
    // a table the dictionary does not know yet is published, and said undescribed
    expect(json.tables[2]!.colonnes).toEqual([{ colonne: 'x', type: 'entier', description: DESCRIPTION_ABSENTE }]);
  });

  test('deux publications identiques octet pour octet', async () => {
    const autre = mkdtempSync(join(tmpdir(), 'obs-telech-'));
    await publierTelechargements(db, { id: 'test', nom: 'CA de Test' }, autre);
    for (const f of fichiers) expect(readFileSync(join(autre, f.fichier)).equals(readFileSync(join(dossier, f.fichier)))).toBe(true);
  });
});

describe('dictionnaire dérivé des définitions', () => {
  test('occupation : niveaux et critères de fragilité tels que data/config/fragilite.json les définit (CIA l.5249-5266)', () => {
    const o = DICTIONNAIRE.occupation!.colonnes;
    // levels by number of criteria: 1-2 faible, 3-4 moyenne, 5-8 élevée, 9 très élevée (the nine criteria)
    expect(o.niveau_1).toBe('Ménages répondants : fragilité potentiellement faible (1 à 2 critères).');
    expect(o.niveau_3).toBe('Ménages répondants : fragilité potentiellement élevée (5 à 8 critères).');
    expect(o.niveau_4).toBe('Ménages répondants : fragilité potentiellement très élevée (9 critères).');
    expect(o.fragiles).toBe('Ménages répondants : fragilité potentiellement élevée ou plus (5 critères ou plus).');
    // a criterion with its parameter written in: overcrowding = occupants > rooms + 1
    expect(o.c2).toBe('Critère 2 (Suroccupation) : ménages répondants qui le remplissent. Nombre d\'occupants supérieur au nombre de pièces + 1.');
    for (const c of ['c1', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9']) expect(o[c], c).toMatch(/^Critère \d \(.+\) : .+\.$/);
    expect(Object.values(o).join(' ')).not.toMatch(/\{\w+\}/);
  });

  test('décisions : chaque compte du catalogue décrit', () => {
    expect(Object.keys(DICTIONNAIRE.decisions!.colonnes)).toEqual(expect.arrayContaining(['propositions', 'propositions_dalo', 'refus_q1']));
    expect(DICTIONNAIRE.decisions!.colonnes.propositions_dalo).toBe('Dont candidatures de ménages DALO.');
  });
});
