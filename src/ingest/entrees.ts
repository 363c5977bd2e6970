// Finds the territory's input files, runs each through its import format and
// loads the typed rows into the build's private DuckDB (never published).
// Every file is tried even when one fails, so that one run reports every
// problem; any unreadable file then fails the whole reading (ErreurEntrees),
// before anything is published.
import { readdirSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import type { Db } from '../model/db.ts';
import { lit } from '../model/db.ts';
import { chargerFormat, typeSql, plierEntete, type Format, type IdFormat } from './format.ts';
import { importerFichier, type Anomalie, type BilanFichier, type Controle, type Ligne } from './importer.ts';
import { ErreurFichier } from './lecteur-delimite.ts';
import { nomCommuneCog } from './communes.ts';
import { versWgs84 } from './coordonnees.ts';
import { chargerOuCreerCle, pseudonymiseur } from '../confidentialite/pseudonymisation.ts';
import { lireDemandes } from './demandes.ts';

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

/** Columns added to `logements` at import, after those of rpls-colonnes.csv. */
export const COLONNES_CALCULEES_RPLS = { millesime: 'INTEGER', lon: 'DOUBLE', lat: 'DOUBLE' } as const;

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
  if (!m) throw new ErreurFichier(`${chemin.split('/').pop()} : millésime RPLS introuvable dans le nom du fichier (attendu : rpls_AAAA.csv, stock au 1er janvier AAAA)`);
  return Number(m[1]);
}

/**
 * The RPLS layout from its header: 2023 naming (DEPCOM_CODE, DEPCOM_LIBELLE, PLG_QP),
 * 2025 naming (DEPCOM, LIBCOM, PLG_QP24 + PLG_QP15); "version loi" when the
 * fields reserved to the full file are there (IDENT_REP, RS, MODE, LOYERPRINC…).
 */
export function varianteRpls(entetes: Set<string>): string {
  const a = (...noms: string[]) => noms.some((n) => entetes.has(plierEntete(n)));
  const millesime = a('DEPCOM_CODE', 'DEPCOM_LIBELLE', 'PLG_QP')
    ? 'RPLS 2023'
    : a('LIBCOM', 'PLG_QP24', 'PLG_QP15') || (a('DEPCOM') && !a('DEPCOM_CODE'))
      ? 'RPLS 2025'
      : 'RPLS (nommage non reconnu)';
  const loi = a('IDENT_REP', 'RS', 'SIRET', 'MODE', 'BAIL', 'LOYERPRINC', 'CONTRESLOG', 'IDENT_INT');
  return `${millesime}, ${loi ? 'version loi' : 'fichier public'}`;
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
  const erreurs: string[] = [];
  const codes = new Set(t.communes.map((c) => c.code));
  const inconnue = (code: string): Controle => ({
    statut: 'rejet',
    colonne: 'depcom',
    valeur: code,
    attendu: 'un code commune du Code officiel géographique',
    detail: 'code inconnu du COG (commune, commune déléguée ou arrondissement)',
  });
  // a national RPLS file holds other EPCIs' dwellings: outside the territory, not errors
  const controleRpls = (l: Ligne): Controle => {
    const code = String(l.depcom);
    if (codes.has(code)) return { statut: 'ok' };
    return nomCommuneCog(code) === null ? inconnue(code) : { statut: 'hors_perimetre' };
  };
  const rejetHorsTerritoire = (l: Ligne): Controle => {
    const code = String(l.commune);
    if (codes.has(code)) return { statut: 'ok' };
    const nom = nomCommuneCog(code);
    return {
      statut: 'rejet',
      colonne: 'commune',
      valeur: code,
      attendu: `une commune du territoire ${t.nom}`,
      detail: nom === null ? 'code inconnu du Code officiel géographique' : `${nom}, hors du territoire`,
    };
  };
  const pseudo = pseudonymiseur(chargerOuCreerCle(join(t.dossier, '.cle-pseudonymisation')));
  const coordonnees = (l: Ligne) => {
    const p = versWgs84(l.x as number | null, l.y as number | null, l.epsg as number | null);
    l.lon = p ? p[0] : null;
    l.lat = p ? p[1] : null;
  };

  for (const id of Object.keys(TABLES) as IdFormat[]) {
    const format = chargerFormat(id);
    const table = TABLES[id];
    const calculees = id === 'rpls' ? Object.keys(COLONNES_CALCULEES_RPLS) : [];
    const typesCalcules = id === 'rpls' ? Object.values(COLONNES_CALCULEES_RPLS) : [];
    await db.exec(tableVide(format, table, calculees.map((c, i) => `, ${c} ${typesCalcules[i]}`).join('')));
    for (const chemin of fichiers[id]) {
      const propre = join(dossierTravail, `${table}-${bilans.length + erreurs.length}.csv`);
      try {
        const millesime = id === 'rpls' ? millesimeRpls(chemin) : null;
        const bilan = await importerFichier(chemin, format, propre, anomalies, {
          controler: id === 'rpls' ? controleRpls : rejetHorsTerritoire,
          colonneControle: id === 'rpls' ? 'depcom' : 'commune',
          transformer:
            id === 'attributions'
              ? (l) => {
                  l.num_unique = pseudo(String(l.num_unique));
                }
              : id === 'rpls'
                ? (l) => {
                    l.millesime = millesime;
                    coordonnees(l);
                  }
                : undefined,
          colonnesCalculees: calculees,
          variante: id === 'rpls' ? varianteRpls : undefined,
        });
        const colonnes = [
          ...format.colonnes.map((c) => `${c.colonne}: '${typeSql(c.type)}'`),
          ...calculees.map((c, i) => `${c}: '${typesCalcules[i]}'`),
        ].join(', ');
        await db.exec(`INSERT INTO ${table} SELECT ${lit(bilan.fichier)} AS fichier, *
          FROM read_csv(${lit(propre)}, header = true, delim = ',', quote = '"', escape = '"',
                        columns = {ligne: 'INTEGER', ${colonnes}}, dateformat = '%Y-%m-%d')`);
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
  await rejeterDoublonsRpls(db, bilans, anomalies);
  await db.exec(`ALTER TABLE attributions RENAME COLUMN num_unique TO pseudo_demande`);
  const demandes = await lireDemandes(t, dossierTravail, db, { bilans, anomalies, erreurs, pseudo });
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
