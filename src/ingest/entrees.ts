// Finds the territory's input files, runs each through its import format and
// loads the typed rows into the build's private DuckDB (never published).
import { readdirSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import type { Db } from '../model/db.ts';
import { lit } from '../model/db.ts';
import { chargerFormat, typeSql, type Format, type IdFormat } from './format.ts';
import { importerFichier, type Anomalie, type BilanFichier, type Controle, type Ligne } from './importer.ts';
import { chargerOuCreerCle, pseudonymiseur } from '../confidentialite/pseudonymisation.ts';

export interface ResultatEntrees {
  bilans: BilanFichier[];
  anomalies: Anomalie[];
  fichiers: Record<IdFormat, string[]>;
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

/** RPLS millésime from the file name (rpls_2025.csv): the file describes the stock at 1 January. */
export function millesimeRpls(chemin: string): number {
  const m = /(20\d\d)/.exec(chemin.split('/').pop() ?? '');
  if (!m) throw new Error(`${chemin} : millésime RPLS introuvable dans le nom du fichier (attendu : rpls_AAAA.csv, stock au 1er janvier AAAA)`);
  return Number(m[1]);
}

function tableVide(format: Format, table: string, extra = ''): string {
  const cols = format.colonnes.map((c) => `${c.colonne} ${typeSql(c.type)}`).join(', ');
  return `CREATE OR REPLACE TABLE ${table} (fichier VARCHAR, ligne INTEGER, ${cols}${extra})`;
}

export async function lireEntrees(t: Territoire, dossierTravail: string, db: Db): Promise<ResultatEntrees> {
  mkdirSync(dossierTravail, { recursive: true });
  const fichiers = trouverEntrees(t.dossierEntrees);
  const bilans: BilanFichier[] = [];
  const anomalies: Anomalie[] = [];
  const codes = new Set(t.communes.map((c) => c.code));
  const horsTerritoire = (col: string) => (l: Ligne): Controle =>
    codes.has(String(l[col])) ? { statut: 'ok' } : { statut: 'hors_perimetre' };
  const rejetHorsTerritoire = (col: string) => (l: Ligne): Controle =>
    codes.has(String(l[col]))
      ? { statut: 'ok' }
      : { statut: 'rejet', colonne: col, valeur: String(l[col]), attendu: `une commune du territoire ${t.nom}` };
  const pseudo = pseudonymiseur(chargerOuCreerCle(join(t.dossier, '.cle-pseudonymisation')));

  for (const id of Object.keys(TABLES) as IdFormat[]) {
    const format = chargerFormat(id);
    const table = TABLES[id];
    await db.exec(tableVide(format, table, id === 'rpls' ? ', millesime INTEGER' : ''));
    for (const chemin of fichiers[id]) {
      const propre = join(dossierTravail, `${table}-${bilans.length}.csv`);
      const bilan = await importerFichier(chemin, format, propre, anomalies, {
        // a national RPLS file holds other EPCIs' dwellings: outside the territory, not errors
        controler: id === 'rpls' ? horsTerritoire('depcom') : rejetHorsTerritoire('commune'),
        transformer:
          id === 'attributions'
            ? (l) => {
                l.num_unique = pseudo(String(l.num_unique));
              }
            : undefined,
      });
      bilans.push(bilan);
      const colonnes = format.colonnes.map((c) => `${c.colonne}: '${typeSql(c.type)}'`).join(', ');
      const extra = id === 'rpls' ? `, ${millesimeRpls(chemin)} AS millesime` : '';
      await db.exec(`INSERT INTO ${table} SELECT ${lit(bilan.fichier)} AS fichier, * ${extra}
        FROM read_csv(${lit(propre)}, header = true, delim = ',', quote = '"', escape = '"',
                      columns = {ligne: 'INTEGER', ${colonnes}}, dateformat = '%Y-%m-%d')`);
    }
  }
  await rejeterDoublonsRpls(db, bilans, anomalies);
  await db.exec(`ALTER TABLE attributions RENAME COLUMN num_unique TO pseudo_demande`);
  return { bilans, anomalies, fichiers };
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
    anomalies.push({
      fichier: String(d.fichier),
      ligne: Number(d.ligne),
      colonne: 'ident_rep',
      valeur: String(d.ident_rep),
      attendu: `un identifiant RPLS unique (déjà vu : ${d.premiere})`,
      gravite: 'rejet',
    });
    const b = bilans.find((x) => x.fichier === d.fichier);
    if (b) {
      b.chargees--;
      b.rejetees++;
    }
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
