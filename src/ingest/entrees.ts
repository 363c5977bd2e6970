// Finds the territory's input files, runs each through its import format and
// loads the typed rows into the build's private DuckDB (never published).
// Every file is tried even when one fails, so that one run reports every
// problem; any unreadable file then fails the whole reading (ErreurEntrees),
// before anything is published.
import { readdirSync, existsSync, mkdirSync, rmSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import type { Db } from '../model/db.ts';
import { lit } from '../model/db.ts';
import { chargerFormat, typeSql, type Format, type IdFormat } from './format.ts';
import { noterAnomalie, type Anomalie, type BilanFichier } from './importer.ts';
import { messageChargement } from './erreurs-duckdb.ts';
import { decrireValeur } from './valeur-personnelle.ts';
import { ErreurFichier } from './lecteur-delimite.ts';
import { chargerOuCreerCle, pseudonymiseur } from '../confidentialite/pseudonymisation.ts';
import { lireDemandes } from './demandes.ts';
import { COLONNES_CALCULEES_RPLS, parametresImport } from './options-import.ts';
import { lancerImports, threadsPourFichiers, type TacheImport } from './import-parallele.ts';

export { COLONNES_CALCULEES_RPLS, millesimeRpls, varianteRpls } from './options-import.ts';

export interface ResultatEntrees {
  bilans: BilanFichier[];
  anomalies: Anomalie[];
  fichiers: Record<IdFormat, string[]>;
  /** optional demand extract(s) (src/ingest/demandes.ts); empty: no demand indicators */
  demandes: string[];
}

/** Files that could not be read; `resultat` holds what the other files gave (for check-data). */
export class ErreurEntrees extends Error {
  erreurs: string[];
  resultat: ResultatEntrees;
  constructor(erreurs: string[], resultat: ResultatEntrees) {
    super(
      erreurs.length === 1
        ? `Export illisible — ${erreurs[0]}`
        : `${erreurs.length} exports illisibles :\n${erreurs.map((e) => `  - ${e}`).join('\n')}`,
    );
    this.erreurs = erreurs;
    this.resultat = resultat;
  }
}

const PREFIXES: Record<IdFormat, RegExp> = {
  rpls: /^rpls.*\.(csv|txt|tsv)$/i,
  ops: /^ops.*\.(csv|txt|tsv)$/i,
  attributions: /^(attributions|caleol).*\.(csv|txt|tsv)$/i,
};
const TABLES: Record<IdFormat, string> = { rpls: 'logements', ops: 'ops', attributions: 'attributions' };

export function trouverEntrees(dossier: string): Record<IdFormat, string[]> {
  const noms = existsSync(dossier) ? readdirSync(dossier).sort() : [];
  const r = { rpls: [], ops: [], attributions: [] } as Record<IdFormat, string[]>;
  for (const id of Object.keys(PREFIXES) as IdFormat[]) {
    r[id] = noms.filter((n) => PREFIXES[id].test(n)).map((n) => join(dossier, n));
  }
  return r;
}

function tableVide(format: Format, table: string, extra = ''): string {
  const cols = format.colonnes.map((c) => `${c.colonne} ${typeSql(c.type)}`).join(', ');
  return `CREATE OR REPLACE TABLE ${table} (fichier VARCHAR, ligne INTEGER, ${cols}${extra})`;
}

export interface OptionsEntrees {
  /** Worker threads reading the files (default: the cores, none for small inputs); 0 = all in this thread. */
  threads?: number;
}

export async function lireEntrees(t: Territoire, dossierTravail: string, db: Db, o: OptionsEntrees = {}): Promise<ResultatEntrees> {
  // the clean copies hold personal data: a folder only the build's user can open
  mkdirSync(dossierTravail, { recursive: true, mode: 0o700 });
  chmodSync(dossierTravail, 0o700);
  const fichiers = trouverEntrees(t.dossierEntrees);
  const bilans: BilanFichier[] = [];
  const anomalies: Anomalie[] = [];
  const erreurs: string[] = [];
  // OBS_CLE_PSEUDONYMISATION: another key file (the tests' temp one, so that they write nothing in the clone)
  const cle = chargerOuCreerCle(process.env.OBS_CLE_PSEUDONYMISATION ?? join(t.dossier, '.cle-pseudonymisation'));
  const parametres = parametresImport(t, cle);

  const ids = Object.keys(TABLES) as IdFormat[];
  const taches: TacheImport[] = [];
  for (const id of ids) {
    for (const chemin of fichiers[id]) {
      taches.push({ id, chemin, sortie: join(dossierTravail, `${TABLES[id]}-${taches.length}.csv`), parametres });
    }
  }
  // files are read side by side; their rows are loaded in the files' order, as they come
  const imports = lancerImports(taches, threadsPourFichiers(taches.map((x) => x.chemin), o.threads));
  try {
    let k = 0;
    for (const id of ids) {
      const format = chargerFormat(id);
      const table = TABLES[id];
      const calculees = id === 'rpls' ? Object.keys(COLONNES_CALCULEES_RPLS) : [];
      const typesCalcules = id === 'rpls' ? Object.values(COLONNES_CALCULEES_RPLS) : [];
      await db.exec(tableVide(format, table, calculees.map((c, i) => `, ${c} ${typesCalcules[i]}`).join('')));
      for (const chemin of fichiers[id]) {
        const { sortie: propre } = taches[k]!;
        const resultat = imports.resultats[k++]!;
        try {
          const { bilan, anomalies: duFichier, erreur } = await resultat;
          for (const a of duFichier) anomalies.push(a);
          if (erreur || !bilan) throw erreur;
          const colonnes = [
            ...format.colonnes.map((c) => `${c.colonne}: '${typeSql(c.type)}'`),
            ...calculees.map((c, i) => `${c}: '${typesCalcules[i]}'`),
          ].join(', ');
          try {
            await db.exec(`INSERT INTO ${table} SELECT ${lit(bilan.fichier)} AS fichier, *
              FROM read_csv(${lit(propre)}, header = true, delim = ',', quote = '"', escape = '"',
                            columns = {ligne: 'INTEGER', ${colonnes}}, dateformat = '%Y-%m-%d')`);
          } catch (e) {
            // DuckDB's message quotes the row: file, line, column and type only
            throw new ErreurFichier(messageChargement(bilan.fichier, e));
          }
          bilans.push(bilan);
        } catch (e) {
          if (!(e instanceof ErreurFichier)) throw e;
          erreurs.push(e.message);
          // nothing of an unreadable file stays in the private tables
          await db.exec(`DELETE FROM ${table} WHERE fichier = ${lit(chemin.split('/').pop() ?? '')}`);
        } finally {
          // the clean copy holds personal data (OPS, attributions): it does not outlive the import
          rmSync(propre, { force: true });
        }
      }
    }
  } finally {
    await imports.arreter();
    for (const x of taches) rmSync(x.sortie, { force: true });
  }
  await rejeterDoublonsRpls(db, bilans, anomalies);
  await rejeterDoublonsAttributions(db, bilans, anomalies);
  await db.exec(`ALTER TABLE attributions RENAME COLUMN num_unique TO pseudo_demande`);
  // the demand extract: same key, so a demand and its CALEOL decisions share one pseudonym
  const demandes = await lireDemandes(t, dossierTravail, db, { bilans, anomalies, erreurs, pseudo: pseudonymiseur(cle) });
  const resultat = { bilans, anomalies, fichiers, demandes };
  if (erreurs.length) throw new ErreurEntrees(erreurs, resultat);
  return resultat;
}

/** One dwelling per RPLS id and millésime: later duplicates are rejected with the line of the first. */
async function rejeterDoublonsRpls(db: Db, bilans: BilanFichier[], anomalies: Anomalie[]): Promise<void> {
  const doublons = await db.query(`
    SELECT fichier, ligne, ident_rep, premiere FROM (
      SELECT fichier, ligne, ident_rep,
             row_number() OVER (PARTITION BY millesime, ident_rep ORDER BY fichier, ligne) AS rang,
             first(fichier || ', ligne ' || ligne) OVER (PARTITION BY millesime, ident_rep ORDER BY fichier, ligne) AS premiere
      FROM logements WHERE ident_rep IS NOT NULL)
    WHERE rang > 1 ORDER BY fichier, ligne`);
  for (const d of doublons) {
    const b = bilans.find((x) => x.fichier === d.fichier && x.format === 'rpls');
    const a: Anomalie = {
      fichier: String(d.fichier),
      ligne: Number(d.ligne),
      colonne: 'ident_rep',
      // the RPLS id is kept out of reports (data/config/formats/rpls-colonnes.csv: personnelle)
      valeur: decrireValeur(String(d.ident_rep)),
      attendu: `un identifiant RPLS unique (déjà vu : ${d.premiere})`,
      gravite: 'rejet',
    };
    if (b) {
      noterAnomalie(b, anomalies, a);
      b.chargees--;
      b.rejetees++;
    } else anomalies.push(a);
  }
  if (doublons.length) {
    await db.exec(`DELETE FROM logements USING (
      SELECT fichier AS f, ligne AS l FROM (SELECT fichier, ligne, row_number() OVER (PARTITION BY millesime, ident_rep ORDER BY fichier, ligne) AS rang
      FROM logements WHERE ident_rep IS NOT NULL) WHERE rang > 1) d
      WHERE logements.fichier = d.f AND logements.ligne = d.l`);
  }
  // the public file has no dwelling id: give each row a technical one so joins stay well-defined
  await db.exec(`UPDATE logements SET ident_rep = 'L' || millesime || '-' || fichier || '-' || ligne WHERE ident_rep IS NULL`);
}

/**
 * The same CALEOL decision twice (same demand, same dwelling, same commission date), in one
 * file or across files (an export appended to itself, two overlapping extracts): later copies
 * are rejected as duplicates, naming the first, so that no decision is counted twice. A file
 * made mostly of copies is then refused by the rejection threshold (src/ingest/garde-fous.ts).
 * The dwelling: its RPLS id, else its commune, landlord and size (a decision without id).
 */
async function rejeterDoublonsAttributions(db: Db, bilans: BilanFichier[], anomalies: Anomalie[]): Promise<void> {
  const cle = `num_unique, date_caleol, coalesce('R' || ident_rep, 'C' || commune || '|' || bailleur || '|' || coalesce(typologie, ''))`;
  const rang = `row_number() OVER (PARTITION BY ${cle} ORDER BY fichier, ligne)`;
  const doublons = await db.query(`
    SELECT fichier, ligne, premiere FROM (
      SELECT fichier, ligne, ${rang} AS rang, first(fichier || ', ligne ' || ligne) OVER (PARTITION BY ${cle} ORDER BY fichier, ligne) AS premiere
      FROM attributions) WHERE rang > 1 ORDER BY fichier, ligne`);
  for (const d of doublons) {
    const b = bilans.find((x) => x.fichier === d.fichier && x.format === 'attributions');
    const a: Anomalie = {
      fichier: String(d.fichier),
      ligne: Number(d.ligne),
      colonne: '(ligne entière)',
      valeur: '',
      attendu: `une décision de CALEOL unique (même demande, même logement, même date que ${d.premiere}) : doublon non compté`,
      gravite: 'rejet',
    };
    if (b) {
      noterAnomalie(b, anomalies, a);
      b.chargees--;
      b.rejetees++;
    } else anomalies.push(a);
  }
  if (doublons.length) {
    await db.exec(`DELETE FROM attributions USING (SELECT fichier AS f, ligne AS l FROM (SELECT fichier, ligne, ${rang} AS rang FROM attributions) WHERE rang > 1) d
      WHERE attributions.fichier = d.f AND attributions.ligne = d.l`);
  }
}
