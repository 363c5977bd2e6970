// Hostile partner files through the streaming reader and one import format:
// each gets a clear French message naming file, line and column, or loads with
// every row accounted for (read = loaded + rejected + outside the territory).
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { lireEnregistrements, sonderFichier, ErreurFichier } from '../../../src/ingest/lecteur-delimite.ts';
import { importerFichier, type Anomalie, type OptionsImport } from '../../../src/ingest/importer.ts';
import { chargerFormat } from '../../../src/ingest/format.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-ingest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function fichier(nom: string, contenu: string | Buffer): string {
  const p = join(dir, `${n++}-${nom}`);
  writeFileSync(p, contenu);
  return p;
}
const rpls = chargerFormat('rpls');
const ENTETE = 'DEPCOM;LIBCOM;IDENT_REP;FINAN_CODE;TYPECONST_CODE;NBPIECE;SURFHAB';
const ok = (id: string, commune = '31048', libelle = 'Baziège') => `${commune};${libelle};${id};13;C;3;60,5`;

async function importer(p: string, options: OptionsImport = {}) {
  const anomalies: Anomalie[] = [];
  const sortie = `${p}.propre.csv`;
  const bilan = await importerFichier(p, rpls, sortie, anomalies, options);
  return { bilan, anomalies, propre: readFileSync(sortie, 'utf8') };
}
async function erreur(p: string): Promise<string> {
  try {
    await importer(p);
  } catch (e) {
    expect(e).toBeInstanceOf(ErreurFichier);
    return (e as Error).message;
  }
  throw new Error(`${p} aurait dû être refusé`);
}

describe('fichiers illisibles : message clair, rien de chargé', () => {
  test('fichier vide', async () => {
    expect(await erreur(fichier('rpls_2025.csv', ''))).toMatch(/^\d+-rpls_2025\.csv : fichier vide \(0 octet\)/);
  });
  test('lignes blanches seulement', async () => {
    expect(await erreur(fichier('rpls_2025.csv', '\r\n\r\n  \n'))).toMatch(/fichier vide \(seulement des lignes blanches\)/);
  });
  test('en-tête seul', async () => {
    expect(await erreur(fichier('rpls_2025.csv', `${ENTETE}\r\n`))).toMatch(/en-tête seul \(ligne 1\), aucune ligne de données/);
  });
  test('image PNG renommée en .csv', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), deflateSync(Buffer.alloc(100))]);
    expect(await erreur(fichier('rpls_2025.csv', png))).toMatch(/rpls_2025\.csv : fichier binaire \(octet nul à la position 8\).*CSV/);
  });
  test('archive ZIP (classeur .xlsx) renommée en .csv', async () => {
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('[Content_Types].xml'), Buffer.alloc(30, 1)]);
    expect(await erreur(fichier('rpls_2025.csv', zip))).toMatch(/rpls_2025\.csv : le fichier est une archive ZIP \(classeur Excel \.xlsx/);
  });
  test('fichier tronqué au milieu d’une valeur entre guillemets : ligne et colonne nommées', async () => {
    const p = fichier('rpls_2025.csv', `${ENTETE}\n${ok('1')}\n31048;"Baziège;0000000002;13;C;3;4`);
    expect(await erreur(p)).toMatch(/rpls_2025\.csv, ligne 3, colonne « LIBCOM » : guillemet ouvrant jamais refermé/);
  });
  test('guillemet jamais fermé sur un gros fichier : arrêt à 1 Mo, pas de lecture du reste en mémoire', async () => {
    const p = fichier('rpls_2025.csv', `${ENTETE}\n31048;"Baz\n${`${ok('9')}\n`.repeat(60_000)}`);
    expect(await erreur(p)).toMatch(/ligne 2, colonne « LIBCOM » : guillemet ouvrant jamais refermé/);
  });
  test('colonne obligatoire absente : colonnes acceptées et en-tête lu', async () => {
    const m = await erreur(fichier('rpls_2025.csv', `DEPCOM;IDENT_REP;TYPECONST_CODE;NBPIECE\n31048;1;C;3\n`));
    expect(m).toContain('ligne 1 (en-tête) : colonne(s) obligatoire(s) absente(s) : finan_code (en-têtes acceptés : finan_code, FINAN_CODE, FINAN)');
    expect(m).toContain('en-tête lu (séparateur point-virgule) : DEPCOM | IDENT_REP | TYPECONST_CODE | NBPIECE');
    expect(m).toContain('data/config/formats/rpls-colonnes.csv');
  });
});

describe('encodages et séparateurs', () => {
  test('Windows-1252 : accents justes', async () => {
    const p = fichier('rpls_2025.csv', Buffer.from(`${ENTETE}\r\n${ok('1', '31048', 'Baziège')}\r\n${ok('2', '31113', 'Castanet-Tolosan é à ç')}\r\n`, 'latin1'));
    expect((await sonderFichier(p)).encodage).toBe('windows-1252');
    const lus = [];
    for await (const e of lireEnregistrements(p, await sonderFichier(p))) lus.push(e.valeurs[1]);
    expect(lus).toEqual(['LIBCOM', 'Baziège', 'Castanet-Tolosan é à ç']);
    const { bilan } = await importer(p);
    expect([bilan.encodage, bilan.lignesLues, bilan.chargees]).toEqual(['windows-1252', 2, 2]);
  });
  test('UTF-8 avec BOM : le BOM ne colle pas au premier en-tête', async () => {
    const { bilan, propre } = await importer(fichier('rpls_2025.csv', `\uFEFF${ENTETE}\n${ok('0030000001')}\n`));
    expect([bilan.encodage, bilan.chargees]).toEqual(['utf-8-bom', 1]);
    expect(propre).toContain('2,0030000001,31048,');
  });
  test('UTF-16 (« Texte Unicode » d’Excel, tabulations) : lu', async () => {
    const texte = `${ENTETE.replaceAll(';', '\t')}\r\n${ok('0030000001').replaceAll(';', '\t')}\r\n`;
    const p = fichier('rpls_2025.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(texte, 'utf16le')]));
    const { bilan, propre } = await importer(p);
    expect([bilan.encodage, bilan.separateur, bilan.chargees]).toEqual(['utf-16le', 'tabulation', 1]);
    expect(propre).toContain('0030000001,31048');
  });
  test('UTF-16 tronqué (nombre impair d’octets) : refusé', async () => {
    const p = fichier('rpls_2025.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('DEPCOM', 'utf16le'), Buffer.from([0x41])]));
    expect(await erreur(p)).toMatch(/UTF-16.*nombre impair d'octets/);
  });
  test('virgule et tabulation comme séparateurs, valeurs entre guillemets', async () => {
    const virgule = `${ENTETE.replaceAll(';', ',')}\n31048,"Baziège, centre",0030000001,13,C,3,"60,5"\n`;
    const a = await importer(fichier('rpls_2025.csv', virgule));
    expect([a.bilan.separateur, a.bilan.chargees]).toEqual(['virgule', 1]);
    expect(a.propre).toContain(',60.5');
    const tab = `${ENTETE.replaceAll(';', '\t')}\n${ok('0030000001').replaceAll(';', '\t')}\n`;
    expect((await importer(fichier('rpls_2025.tsv', tab))).bilan.separateur).toBe('tabulation');
  });
  test('octets Windows-1252 après le premier Mo d’un fichier UTF-8 : relu en Windows-1252, rien de perdu', async () => {
    const debut = `${ENTETE}\n${`${ok('x')}\n`.replace('x', '1')}`;
    const lignes = [debut];
    for (let i = 2; i < 40_000; i++) lignes.push(`${ok(String(i), '31048', 'Baziege')}\n`);
    const p = fichier('rpls_2025.csv', Buffer.concat([Buffer.from(lignes.join(''), 'utf8'), Buffer.from(`${ok('40000', '31048', 'Bazi\xe8ge')}\n`, 'latin1')]));
    const { bilan, propre } = await importer(p);
    expect([bilan.encodage, bilan.lignesLues, bilan.chargees]).toEqual(['windows-1252', 40_000, 40_000]);
    expect(bilan.remarques.join()).toMatch(/lu en Windows-1252.*vers la ligne/);
    expect(propre.split('\n').length).toBe(40_002);
  });
  test('fins de ligne CR seul, CRLF, LF mélangées ; retour à la ligne entre guillemets compté', async () => {
    const p = fichier('rpls_2025.csv', `${ENTETE}\r${ok('1')}\r\n31048;"Baziège\nnord";2;13;C;3;4\n${ok('3')}\n`);
    const lignes = [];
    for await (const e of lireEnregistrements(p, await sonderFichier(p))) lignes.push([e.ligne, e.valeurs[2]]);
    expect(lignes).toEqual([[1, 'IDENT_REP'], [2, '1'], [3, '2'], [5, '3']]);
  });
});

describe('lignes et cellules fautives : rejetées une à une, comptées', () => {
  const controler: OptionsImport['controler'] = (l) => (l.depcom === '31048' ? { statut: 'ok' } : { statut: 'hors_perimetre' });

  test('colonnes mélangées et colonnes inconnues en plus', async () => {
    const p = fichier('rpls_2025.csv', `NBPIECE;COLONNE_EN_PLUS;SURFHAB;TYPECONST_CODE;FINAN_CODE;IDENT_REP;DEPCOM\n3;x;60,5;C;13;0030000001;31048\n`);
    const { bilan, propre } = await importer(p);
    expect(bilan.chargees).toBe(1);
    expect(bilan.colonnesIgnorees).toEqual(['COLONNE_EN_PLUS']);
    expect(propre.split('\n')[1]).toMatch(/^2,0030000001,31048,,13,C,3,60.5,/);
  });
  test('identifiants : zéros initiaux conservés', async () => {
    const { propre } = await importer(fichier('rpls_2025.csv', `${ENTETE}\n${ok('0000000007')}\n`));
    expect(propre).toContain(',0000000007,');
  });
  test('ligne tronquée, nombres et dates impossibles, communes hors territoire : lues = chargées + rejetées + hors territoire', async () => {
    const p = fichier(
      'rpls_2025.csv',
      [
        `${ENTETE};BAIL`,
        `${ok('1')};03/2024`, // ok
        `${ok('2')};13/2024`, // impossible month: optional → cell emptied, warning
        `31048;Baziège;3;13;C;12,3,4;60;`, // 12,3,4 rooms → rejected
        `31048;Baziège;4;1e5;C;3;60;01/2020`, // 1e5 → rejected
        `${ok('5', '31555', 'Toulouse')};`, // outside
        `31048;Baziège;6;13`, // truncated
        `${ok('7')};;;;`, // extra empty fields: tolerated
      ].join('\n'),
    );
    const { bilan, anomalies } = await importer(p, { controler });
    expect([bilan.lignesLues, bilan.chargees, bilan.rejetees, bilan.horsPerimetre, bilan.avertissements]).toEqual([7, 3, 3, 1, 1]);
    const f = (a: Anomalie) => [a.ligne, a.colonne, a.valeur, a.attendu, a.detail];
    expect(anomalies.map(f)).toEqual([
      // BAIL is personal (the tenant's lease): its value shown by kind, a reason quoting it dropped
      [3, 'bail', 'date invalide', 'un mois réel mm/aaaa (valeur ignorée, ligne conservée)', undefined],
      [4, 'nbpiece', '12,3,4', 'un nombre entier entre 1 et 20', 'plusieurs virgules : une seule virgule décimale est admise'],
      [5, 'finan_code', '1e5', 'un nombre entier', 'notation scientifique (tableur) : écrivez le nombre en chiffres'],
      [7, '(ligne entière)', '4 champ(s)', "8 champs comme l'en-tête (ligne 1)", 'ligne incomplète : fichier tronqué, ou retour à la ligne dans une valeur sans guillemets'],
    ]);
    expect(anomalies.every((a) => a.fichier.endsWith('rpls_2025.csv'))).toBe(true);
    expect(anomalies.find((a) => a.colonne === 'nbpiece')?.entete).toBe('NBPIECE');
  });
  test('codes d’arrondissement : ramenés à la commune, remarque dans le bilan', async () => {
    const p = fichier('rpls_2025.csv', `${ENTETE}\n${ok('1', '13201', 'Marseille 1er')}\n${ok('2', '13201', 'Marseille 1er')}\n${ok('3', '75112', 'Paris 12e')}\n`);
    const { bilan, propre } = await importer(p);
    expect(propre).toContain(',1,13055,');
    expect(propre).toContain(',3,75056,');
    expect(bilan.remarques).toEqual([
      "code d'arrondissement 13201 lu comme la commune 13055 (2 ligne(s), première : ligne 2)",
      "code d'arrondissement 75112 lu comme la commune 75056 (1 ligne(s), première : ligne 4)",
    ]);
  });
});
