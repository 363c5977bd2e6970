// The demand extract through the real import path (lireDemandes → DuckDB): synonyms
// of an SNE-like header, each faulty row rejected with file, line, column and what
// was expected, demands of other EPCIs outside the territory, duplicates rejected,
// numbers pseudonymised before anything is written; no file → an empty table.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { lireDemandes, trouverDemandes } from '../../../src/ingest/demandes.ts';
import type { Anomalie, BilanFichier } from '../../../src/ingest/importer.ts';
import type { Territoire } from '../../../src/config/territoire.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-demandes-'));
let db: DbNode;
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const territoire = (entrees: string) =>
  ({ dossierEntrees: entrees, communes: [{ code: '31048' }, { code: '31113' }] }) as unknown as Territoire;

async function lire(entrees: string) {
  const cx = { bilans: [] as BilanFichier[], anomalies: [] as Anomalie[], erreurs: [] as string[], pseudo: (id: string) => `P-${id.length}-${id.slice(-2)}` };
  const travail = join(dir, 'travail');
  mkdirSync(travail, { recursive: true });
  const fichiers = await lireDemandes(territoire(entrees), travail, db, cx);
  return { fichiers, ...cx, travail };
}

// an SNE-like header: other names for the same columns (synonyms of demandes-colonnes.csv)
const ENTETE = 'NUMERO_UNIQUE;DATE_DEPOT;DATE_RENOUVELLEMENT;ETAT;DATE_RADIATION;COMMUNE_CHOIX_1;TYPOLOGIE_DEMANDEE;AGE;PRIORITAIRE;RESSOURCES';

describe('un extrait avec des lignes fautives', () => {
  let r: Awaited<ReturnType<typeof lire>>;
  beforeAll(async () => {
    db = await ouvrirDuckDb();
    await db.exec(`CREATE TABLE communes (code_insee VARCHAR, territoire VARCHAR)`);
    const entrees = join(dir, 'entrees');
    mkdirSync(entrees);
    writeFileSync(join(entrees, 'demandes_2025.csv'), [
      ENTETE,
      '031250100000001A;15/01/2025;;active;;31048;T3;34;oui;1520,50', // ligne 2 : chargée
      '031240300000002B;01/03/2024;;attribuée;12/05/2025;31113;T2;51;non;980', // 3 : chargée (accent accepté)
      '031240300000003C;01/03/2024;;radiee;;31113;T2;51;non;980', // 4 : radiée sans date → rejet
      '031240300000004D;01/03/2024;;active;;31555;T4;40;non;', // 5 : Toulouse, autre EPCI → hors territoire
      '031240300000005E;31/02/2024;;active;;31048;T4;40;non;', // 6 : date impossible → rejet
      '031240300000006F;01/03/2024;;active;;99999;T4;40;non;', // 7 : commune inconnue → rejet
      '031240300000007G;01/03/2024;;attribuee;01/01/2024;31048;T1;40;non;', // 8 : attribuée avant le dépôt → rejet
      '031250100000001A;15/01/2025;;active;;31048;T3;34;oui;1520,50', // 9 : doublon de la ligne 2 → rejet
      '031240300000008H;01/03/2024;;en attente;;31048;T1;40;non;', // 10 : statut inconnu → rejet
      '031240300000009I;01/03/2024;;active;;31048;T1;12;non;', // 11 : âge hors bornes (facultatif) → avertissement, ligne gardée
    ].join('\n') + '\n');
    r = await lire(entrees);
  });

  test('chaque ligne est chargée, rejetée ou hors territoire ; le bilan le dit', () => {
    expect(r.erreurs).toEqual([]);
    const [b] = r.bilans;
    expect(b).toMatchObject({ fichier: 'demandes_2025.csv', format: 'demandes', lignesLues: 10, chargees: 3, rejetees: 6, horsPerimetre: 1, avertissements: 1 });
  });

  test('chaque rejet nomme la ligne, la colonne et ce qui était attendu', () => {
    const rejets = r.anomalies.filter((a) => a.gravite === 'rejet').map((a) => [a.ligne, a.colonne, a.attendu]);
    expect(rejets).toEqual([
      [4, 'date_sortie', "la date d'attribution ou de radiation (statut « radiee »)"],
      [6, 'date_depot', 'une date réelle jj/mm/aaaa'],
      [7, 'commune', 'un code commune du Code officiel géographique'],
      [8, 'date_sortie', 'une date postérieure ou égale à la date de dépôt'],
      [10, 'statut', 'une des valeurs active, en cours, attribuee, attribuée, radiee, radiée'],
      [9, 'num_unique', "un numéro de demande unique dans l'extrait (déjà vu : demandes_2025.csv, ligne 2)"],
    ]);
    const avert = r.anomalies.find((a) => a.gravite === 'avertissement')!;
    expect([avert.ligne, avert.colonne, avert.entete, avert.attendu]).toEqual([11, 'age_demandeur', 'AGE', 'un nombre entier entre 16 et 120 (valeur ignorée, ligne conservée)']);
    // the duplicate's number is not repeated in the report
    expect(r.anomalies.find((a) => a.colonne === 'num_unique')!.valeur).toBe('');
  });

  test('numéros pseudonymisés dans la table privée ; la copie de travail est effacée', async () => {
    const lignes = await db.query(`SELECT ligne, pseudo_demande, statut, date_sortie, commune, typologie, age_demandeur, prioritaire, ressources_mensuelles FROM demandes ORDER BY ligne`);
    expect(lignes).toEqual([
      { ligne: 2, pseudo_demande: 'P-16-1A', statut: 'active', date_sortie: null, commune: '31048', typologie: 'T3', age_demandeur: 34, prioritaire: true, ressources_mensuelles: 1520.5 },
      { ligne: 3, pseudo_demande: 'P-16-2B', statut: 'attribuée', date_sortie: '2025-05-12', commune: '31113', typologie: 'T2', age_demandeur: 51, prioritaire: false, ressources_mensuelles: 980 },
      { ligne: 11, pseudo_demande: 'P-16-9I', statut: 'active', date_sortie: null, commune: '31048', typologie: 'T1', age_demandeur: null, prioritaire: false, ressources_mensuelles: null },
    ]);
    expect(readdirSync(r.travail)).toEqual([]);
  });
});

test('sans extrait : aucune erreur, table vide (le reste du pipeline ne change pas)', async () => {
  const vide = join(dir, 'vide');
  mkdirSync(vide);
  writeFileSync(join(vide, 'rpls_2025.csv'), 'x\n');
  expect(trouverDemandes(vide)).toEqual([]);
  const r = await lire(vide);
  expect([r.fichiers, r.bilans, r.anomalies, r.erreurs]).toEqual([[], [], [], []]);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM demandes`);
  expect(n!.n).toBe(0);
});

test('un extrait sans colonne obligatoire est refusé en entier, avec les en-têtes acceptés', async () => {
  const e = join(dir, 'sans-statut');
  mkdirSync(e);
  writeFileSync(join(e, 'demandes_2025.csv'), 'NUM_UNIQUE;DATE_DEPOT;COMMUNE\n031250100000001A;15/01/2025;31048\n');
  const r = await lire(e);
  expect(r.bilans).toEqual([]);
  expect(r.erreurs).toHaveLength(1);
  expect(r.erreurs[0]).toMatch(/demandes_2025\.csv, ligne 1 \(en-tête\) : colonne\(s\) obligatoire\(s\) absente\(s\) : statut \(en-têtes acceptés : statut, STATUT, ETAT/);
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM demandes`);
  expect(n!.n).toBe(0);
});
