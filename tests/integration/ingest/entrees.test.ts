// lireEntrees on real DuckDB: both RPLS namings recognised, coordinates in WGS84,
// arrondissements read as their commune, duplicated ids rejected, every row
// accounted for, and an unreadable file fails the reading as a whole.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lireEntrees, ErreurEntrees, type ResultatEntrees } from '../../../src/ingest/entrees.ts';
import { chargerTerritoire, type Territoire } from '../../../src/config/territoire.ts';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-entrees-'));
const sicoval = chargerTerritoire('sicoval');
// the Sicoval plus Marseille, to see arrondissement codes land in the territory
const territoire: Territoire = {
  ...sicoval,
  communes: [...sicoval.communes, { code: '13055', nom: 'Marseille', population: 870000, territoire: null, zonageTension: 1, tauxPonderationAcdPct: 0 }],
};
let db: DbNode;
let r: ResultatEntrees;

function dossier(nom: string, fichiers: Record<string, string | Buffer>): string {
  const d = join(tmp, nom);
  mkdirSync(d);
  for (const [f, c] of Object.entries(fichiers)) writeFileSync(join(d, f), c);
  return d;
}

const RPLS_2023 = [
  'REG_CODE;DEPCOM_CODE;DEPCOM_LIBELLE;PLG_QP;FINAN_CODE;TYPECONST_CODE;NBPIECE;SURFHAB;X;Y;EPSG',
  '76;31048;Baziège;;11;C;3;60,5;585000;6262000;2154',
  '76;31113;Castanet-Tolosan;QN03101M;13;C;2;45;578000;6264000;2154',
  '93;13205;Marseille 5e;;13;C;4;70;894000;6246000;2154',
  '76;31555;Toulouse;;13;C;4;70;574380;6279260;2154',
].join('\n');
const RPLS_2025 = [
  // shuffled columns, an unknown one, tab separator, "version loi"
  'NBPIECE\tIDENT_REP\tCOLONNE_INCONNUE\tDEPCOM\tLIBCOM\tRS\tFINAN_CODE\tTYPECONST_CODE\tPLG_QP24\tPLG_QP15\tX\tY\tEPSG',
  '3\t0030000001\tx\t31048\tBaziège\tOPH 31\t11\tC\t\t\t585000\t6262000\t2154',
  '2\t0030000002\tx\t31048\tBaziège\tOPH 31\t13\tC\t\t\t\t\t',
  '2\t0030000001\tx\t31048\tBaziège\tOPH 31\t13\tC\t\t\t\t\t', // duplicate of line 2
  '2\t0030000003\tx\t31048\tBaziège\tOPH 31\t13\tC\t\t\t585000\t6262000\t9999', // unknown EPSG: no lon/lat
].join('\r\n');

beforeAll(async () => {
  const d = dossier('ok', { 'rpls_2023.csv': RPLS_2023, 'rpls_2025.tsv': RPLS_2025 });
  db = await ouvrirDuckDb();
  r = await lireEntrees({ ...territoire, dossierEntrees: d }, join(tmp, 'travail'), db);
});
afterAll(() => {
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('RPLS', () => {
  test('millésime et version reconnus, chaque ligne comptée', () => {
    expect(r.bilans.map((b) => [b.fichier, b.variante, b.separateur, b.lignesLues, b.chargees, b.rejetees, b.horsPerimetre])).toEqual([
      ['rpls_2023.csv', 'RPLS 2023, fichier public', 'point-virgule', 4, 3, 0, 1],
      ['rpls_2025.tsv', 'RPLS 2025, version loi', 'tabulation', 4, 3, 1, 0],
    ]);
    expect(r.bilans[1]!.colonnesIgnorees).toEqual(['COLONNE_INCONNUE', 'LIBCOM']);
    for (const b of r.bilans) expect(b.chargees + b.rejetees + b.horsPerimetre).toBe(b.lignesLues);
  });

  test('les tables privées contiennent exactement les lignes chargées', async () => {
    const parFichier = await db.query(`SELECT fichier, count(*)::INTEGER AS n FROM logements GROUP BY fichier ORDER BY fichier`);
    expect(parFichier).toEqual(r.bilans.map((b) => ({ fichier: b.fichier, n: b.chargees })));
  });

  test('identifiants gardés en texte avec leurs zéros ; doublon rejeté avec la ligne du premier', async () => {
    const ids = await db.query(`SELECT ident_rep FROM logements WHERE millesime = 2025 ORDER BY ident_rep`);
    expect(ids.map((x) => x.ident_rep)).toEqual(['0030000001', '0030000002', '0030000003']);
    expect(r.anomalies).toContainEqual({
      // the RPLS id is personal (data/config/formats/rpls-colonnes.csv): shown by kind
      fichier: 'rpls_2025.tsv', ligne: 4, colonne: 'ident_rep', valeur: 'nombre de 10 chiffres',
      attendu: 'un identifiant RPLS unique (déjà vu : rpls_2025.tsv, ligne 2)', gravite: 'rejet',
    });
  });

  test('Lambert-93 → lon/lat WGS84 ; arrondissement de Marseille lu comme la commune, noté dans le bilan', async () => {
    const l = await db.query(`SELECT depcom, millesime, round(lon, 3) AS lon, round(lat, 3) AS lat, qpv_code FROM logements ORDER BY millesime, ligne`);
    expect(l).toEqual([
      { depcom: '31048', millesime: 2023, lon: 1.58, lat: 43.448, qpv_code: null },
      { depcom: '31113', millesime: 2023, lon: 1.493, lat: 43.465, qpv_code: 'QN03101M' },
      { depcom: '13055', millesime: 2023, lon: expect.closeTo(5.35, 1), lat: expect.closeTo(43.29, 1), qpv_code: null },
      { depcom: '31048', millesime: 2025, lon: 1.58, lat: 43.448, qpv_code: null },
      { depcom: '31048', millesime: 2025, lon: null, lat: null, qpv_code: null },
      { depcom: '31048', millesime: 2025, lon: null, lat: null, qpv_code: null },
    ]);
    expect(r.bilans[0]!.remarques).toEqual(["code d'arrondissement 13205 lu comme la commune 13055 (1 ligne(s), première : ligne 4)"]);
  });
});

describe('un fichier illisible fait échouer la lecture, sans rien laisser à moitié', () => {
  test('les autres fichiers sont contrôlés, toutes les erreurs sont données, rien du fichier fautif n’est chargé', async () => {
    const d = dossier('ko', {
      'rpls_2025.csv': 'DEPCOM;FINAN_CODE;TYPECONST_CODE;NBPIECE\n31048;11;C;3\n',
      'ops_2024.csv': '',
      'attributions_2025.csv': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    });
    const base = await ouvrirDuckDb();
    try {
      const e = await lireEntrees({ ...territoire, dossierEntrees: d }, join(tmp, 'travail-ko'), base).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ErreurEntrees);
      const err = e as ErreurEntrees;
      expect(err.erreurs).toEqual([
        expect.stringMatching(/^ops_2024\.csv : fichier vide \(0 octet\)/),
        expect.stringMatching(/^attributions_2025\.csv : fichier binaire \(octet nul à la position 8\)/),
      ]);
      expect(err.message).toMatch(/^2 exports illisibles :\n {2}- ops_2024\.csv/);
      expect(err.resultat.bilans.map((b) => [b.fichier, b.chargees])).toEqual([['rpls_2025.csv', 1]]);
      const [n] = await base.query(`SELECT (SELECT count(*) FROM ops)::INTEGER AS ops, (SELECT count(*) FROM attributions)::INTEGER AS attributions`);
      expect(n).toEqual({ ops: 0, attributions: 0 });
      // the clean copies (personal data) do not outlive the import
      expect(readdirSync(join(tmp, 'travail-ko'))).toEqual([]);
    } finally {
      base.close();
    }
  });
});
