// Files read side by side in worker threads give exactly what a reading in the
// main thread gives: same reports, same anomalies in the same order (files'
// order, then lines), same rows in the private tables; an unreadable file
// among them fails alone, with the anomalies noted before its error kept.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lireEntrees, ErreurEntrees, type ResultatEntrees } from '../../../src/ingest/entrees.ts';
import { chargerTerritoire } from '../../../src/config/territoire.ts';
import { ouvrirDuckDb } from '../../../src/model/db-node.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-threads-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const territoire = chargerTerritoire('sicoval');

const RPLS = 'DEPCOM;LIBCOM;IDENT_REP;FINAN_CODE;TYPECONST_CODE;NBPIECE;SURFHAB;X;Y;EPSG;BAIL';
const OPS = 'IDENT_REP;BAILLEUR;COMMUNE;VAGUE;REPONSE;DATE_EMMENAGEMENT;NB_OCCUPANTS;AIDE_LOGEMENT;RESSOURCES_PCT_PLAFOND_PLUS';
const ATTR =
  'NUM_UNIQUE;BAILLEUR;DATE_CALEOL;DECISION;COMMUNE;RESERVATAIRE_CONTINGENT;MUTATION;PUBLIC_PRIORITAIRE;RESSOURCES_MENSUELLES;NB_ADULTES;NB_ENFANTS_MOINS_14;NB_PERSONNES_14_PLUS;ETUDIANT';

/** Rows of every kind: loaded, rejected (bad cell, short row, unknown commune), outside the territory, warnings. */
function rpls(n: number): string {
  const l = [RPLS];
  for (let i = 1; i <= n; i++) {
    const commune = i % 11 === 0 ? '31555' : i % 13 === 0 ? '99999' : i % 2 ? '31048' : '31113';
    const pieces = i % 17 === 0 ? 'T3' : String(1 + (i % 6));
    const bail = i % 19 === 0 ? '13/2020' : `0${1 + (i % 9)}/2021`;
    l.push(i % 23 === 0 ? `${commune};X;${i}` : `${commune};"Nom ${i % 5 ? '' : 'sur\ndeux lignes'}";${String(i).padStart(10, '0')};13;C;${pieces};${40 + (i % 50)},5;585000;6262000;2154;${bail}`);
  }
  return l.join('\n') + '\n';
}
function ops(n: number): string {
  const l = [OPS];
  for (let i = 1; i <= n; i++) {
    const date = i % 7 === 0 ? '31/02/2019' : `${1 + (i % 28)}/0${1 + (i % 9)}/2019`;
    l.push(`${String(i).padStart(10, '0')};OPH 31;${i % 29 === 0 ? '31555' : '31048'};2024;repondu;${date};${i % 31 === 0 ? '99' : '3'};${i % 3 ? 'oui' : 'Non'};${i % 5 ? '20-40' : '45 %'}`);
  }
  return l.join('\r\n') + '\r\n';
}
function attributions(n: number): string {
  const l = [ATTR];
  for (let i = 1; i <= n; i++) {
    l.push(`D${i};OPH 31;${i % 37 === 0 ? '2024-02-30' : '12/03/2024'};attribution;31048;${i % 41 === 0 ? 'inconnu' : 'commune'};non;oui;1200,5;1;0;1;non`);
  }
  return l.join('\n') + '\n';
}

const entrees = join(tmp, 'entrees');
mkdirSync(entrees);
writeFileSync(join(entrees, 'rpls_2024.csv'), rpls(3000));
writeFileSync(join(entrees, 'rpls_2025.csv'), rpls(5000));
writeFileSync(join(entrees, 'ops_2024.csv'), ops(4000));
writeFileSync(join(entrees, 'attributions_2024.csv'), attributions(2000));
// unreadable after rows with anomalies: a quote never closed at the end
writeFileSync(join(entrees, 'attributions_2025.csv'), attributions(300).replace(/\n$/, '\nD9;"OPH 31;12/03/2024\n'));

interface Lecture {
  erreurs: string[];
  resultat: ResultatEntrees;
  tables: Record<string, unknown[]>;
}
async function lire(threads: number): Promise<Lecture> {
  const db = await ouvrirDuckDb();
  const travail = join(tmp, `travail-${threads}`);
  try {
    let erreurs: string[] = [];
    let resultat: ResultatEntrees;
    try {
      resultat = await lireEntrees({ ...territoire, dossierEntrees: entrees }, travail, db, { threads });
    } catch (e) {
      if (!(e instanceof ErreurEntrees)) throw e;
      erreurs = e.erreurs;
      resultat = e.resultat;
    }
    const tables: Record<string, unknown[]> = {};
    for (const t of ['logements', 'ops', 'attributions']) tables[t] = await db.query(`SELECT * FROM ${t} ORDER BY fichier, ligne`);
    expect(readdirSync(travail)).toEqual([]); // no clean copy left behind
    return { erreurs, resultat, tables };
  } finally {
    db.close();
  }
}

let seul: Lecture;
let deux: Lecture;
beforeAll(async () => {
  seul = await lire(0);
  deux = await lire(2);
});

describe('0 ou 2 threads : même lecture', () => {
  test('le fichier illisible échoue seul, avec sa ligne', () => {
    expect(seul.erreurs).toEqual([expect.stringMatching(/^attributions_2025\.csv, ligne 302, colonne « BAILLEUR » : guillemet ouvrant jamais refermé/)]);
    expect(deux.erreurs).toEqual(seul.erreurs);
  });
  test('mêmes bilans, dans l’ordre des fichiers, chaque ligne comptée', () => {
    const b = seul.resultat.bilans;
    expect(b.map((x) => x.fichier)).toEqual(['rpls_2024.csv', 'rpls_2025.csv', 'ops_2024.csv', 'attributions_2024.csv']);
    for (const x of b) expect(x.chargees + x.rejetees + x.horsPerimetre).toBe(x.lignesLues);
    expect(b.map((x) => x.lignesLues)).toEqual([3000, 5000, 4000, 2000]);
    expect(b.every((x) => x.rejetees > 0)).toBe(true);
    expect(deux.resultat.bilans).toEqual(b);
  });
  test('mêmes anomalies, dans le même ordre, y compris celles du fichier illisible', () => {
    const a = seul.resultat.anomalies;
    expect(a.length).toBeGreaterThan(1000);
    expect(a.some((x) => x.fichier === 'attributions_2025.csv')).toBe(true);
    expect(a.some((x) => x.gravite === 'avertissement')).toBe(true);
    expect(deux.resultat.anomalies).toEqual(a);
  });
  test('une valeur sur deux lignes : les numéros de ligne suivants restent justes', () => {
    // row i starts at line 1 + i + (earlier rows whose name spans two lines: every 5th, but short rows)
    const l = seul.tables.logements!.filter((x) => (x as { fichier: string }).fichier === 'rpls_2025.csv') as { ligne: number; ident_rep: string }[];
    const ligneDe = (i: number) => {
      let n = 1 + i;
      for (let j = 1; j < i; j++) if (j % 5 === 0 && j % 23 !== 0) n++;
      return n;
    };
    expect(l.length).toBeGreaterThan(3000);
    for (const x of l) expect(x.ligne).toBe(ligneDe(Number(x.ident_rep)));
  });
  test('mêmes lignes dans les tables privées', () => {
    expect(seul.tables.logements!.length).toBeGreaterThan(4000);
    expect(deux.tables).toEqual(seul.tables);
  });
});
