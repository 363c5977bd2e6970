// A 200 MB RPLS-like file (national-file shape: 73 columns, mostly other EPCIs'
// dwellings) is streamed through the importer into DuckDB: every row is
// accounted for and memory stays bounded. The file is generated in the test
// (streamed to os.tmpdir()) and deleted afterwards.
import { afterAll, expect, test } from 'vitest';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lireEntrees } from '../../../src/ingest/entrees.ts';
import { chargerTerritoire } from '../../../src/config/territoire.ts';
import { ouvrirDuckDb } from '../../../src/model/db-node.ts';

const dir = mkdtempSync(join(tmpdir(), 'obs-gros-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const COLONNES =
  'REG_CODE;REG_LIBELLE;DEP_CODE;DEP_LIBELLE;EPCI_CODE;EPCI_LIBELLE;DEPCOM;LIBCOM;CODEPOSTAL;NUMVOIE;INDREP;TYPVOIE;NOMVOIE;ETAGE;COMPLGEO;LIEUDIT;QPV_CODE;QPV_LIBELLE;PLG_QP24;PLG_QP15;QUALITE_QP24;QUALITE_QP15;DROIT_CODE;DROIT_LIBELLE;TYPECONST_CODE;TYPECONST_LIBELLE;NBPIECE;SURFHAB;CONSTRUCT;LOCAT;PATRIMOINE;ORIGINE;FINAN_CODE;FINAN_LIBELLE;FINANAUTRE;CONV;NUMCONV;DATCONV;NEWLOGT_CODE;CUS;DPEDATE;DPEENERGIE;DPESERRE;SRU_EXPIR;SRU_ALINEA;CODSEGPATRIM;LIBSEGPATRIM;PMR_CODE;PMR_LIBELLE;X;Y;EPSG;PLG_VOIE;PLG_IRIS2024_CODE;QUALITE_XY;DISTANCE_PRECISION;COMAQP;UU2020;AAV2020;ZE2020;IDENT_REP;IDENT_INT;RS;SIRET;MODE;BAIL;LOYERPRINC;REMLOCDATE;CONTRESLOG;PMR;DATE_DEP_DERLOCAT;QPV';

/** One row; every 50th in the Sicoval (Baziège or Castanet), every 997th with an impossible room count ("T3"). */
function ligne(i: number): string {
  const sicoval = i % 50 === 0;
  const commune = sicoval ? (i % 100 === 0 ? '31048' : '31113') : i % 7 === 0 ? '13205' : '31555';
  const nbpiece = i % 997 === 0 ? 'T3' : String(1 + (i % 5));
  const id = String(i).padStart(10, '0');
  return (
    `76;Occitanie;31;Haute-Garonne;243100633;CA du Sicoval;${commune};Commune ${i % 300};31450;${i % 90};;RUE;DES ECOLES NUMERO ${i % 1000};${i % 6};;;;;;;;;1;Propriétaire;C;Collectif;` +
    `${nbpiece};${40 + (i % 60)},${i % 100};${1950 + (i % 70)};1986;1986;1;${10 + (i % 7)};PLA à loyer minoré, très social ou insertion;;1;31/2/09.1985/636;24/11/1985;2;;06/2021;C;C;;;;;2;Non accessible;` +
    `${570000 + (i % 30000)},5;${6250000 + (i % 30000)},5;2154;;310040000;;;;;;;${id};004010001T3;Promologis;;1;05/2023;347,18;;2;2;;2\n`
  );
}

test('200 Mo : lues = chargées + rejetées + hors territoire, mémoire bornée', async () => {
  const entrees = join(dir, 'entrees');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(entrees);
  const chemin = join(entrees, 'rpls_2025.csv');
  const cible = 200 * 1024 * 1024;
  const w = createWriteStream(chemin);
  w.write(COLONNES + '\n');
  let octets = 0;
  let lignes = 0;
  const attendues = { chargees: 0, rejetees: 0, hors: 0 };
  let lot = '';
  while (octets < cible) {
    lignes++;
    const l = ligne(lignes);
    const sicoval = lignes % 50 === 0;
    // outside the territory a row is not checked further: its faults are not ours to report
    if (!sicoval) attendues.hors++;
    else if (lignes % 997 === 0) attendues.rejetees++;
    else attendues.chargees++;
    lot += l;
    octets += Buffer.byteLength(l);
    if (lot.length > 1 << 20) {
      if (!w.write(lot)) await once(w, 'drain');
      lot = '';
    }
  }
  w.end(lot);
  await once(w, 'close');
  expect(statSync(chemin).size).toBeGreaterThanOrEqual(cible);

  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  let pic = rss0;
  const sonde = setInterval(() => (pic = Math.max(pic, process.memoryUsage().rss)), 50);
  const t0 = performance.now();
  const db = await ouvrirDuckDb();
  try {
    const t = { ...chargerTerritoire('sicoval'), dossierEntrees: entrees };
    const r = await lireEntrees(t, join(dir, 'travail'), db);
    const duree = (performance.now() - t0) / 1000;
    clearInterval(sonde);
    const [b] = r.bilans;
    expect(b).toBeDefined();
    expect(b!.lignesLues).toBe(lignes);
    expect(b!.lignesLues).toBe(b!.chargees + b!.rejetees + b!.horsPerimetre);
    expect([b!.chargees, b!.rejetees, b!.horsPerimetre]).toEqual([attendues.chargees, attendues.rejetees, attendues.hors]);
    expect(b!.variante).toBe('RPLS 2025, version loi');
    const [n] = await db.query(`SELECT count(*)::INTEGER AS n, count(lon)::INTEGER AS geo, min(ident_rep) AS premier FROM logements`);
    expect(n).toEqual({ n: attendues.chargees, geo: attendues.chargees, premier: '0000000050' });
    const croissance = (pic - rss0) / 1024 / 1024;
    console.log(`200 Mo : ${lignes} lignes en ${duree.toFixed(1)} s, RSS +${croissance.toFixed(0)} Mo (pic ${(pic / 1024 / 1024).toFixed(0)} Mo)`);
    expect(croissance).toBeLessThan(500);
  } finally {
    clearInterval(sonde);
    db.close();
    rmSync(chemin, { force: true });
  }
}, 180_000);
