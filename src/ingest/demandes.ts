// Optional demand extract (fichier partagé de la demande: SNE / Imhoweb export),
// format data/config/formats/demandes-colonnes.csv. Loaded into the private
// table `demandes` (always created, empty without a file, so the model runs the
// same either way). Demand ids are pseudonymised as soon as a row is read, with
// the key used for the CALEOL decisions: the same demand gets the same pseudonym.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import { lit, type Db } from '../model/db.ts';
import { chargerFormat, typeSql, type Format } from './format.ts';
import { importerFichier, noterAnomalie, type Anomalie, type BilanFichier, type Controle, type Ligne } from './importer.ts';
import { messageChargement } from './erreurs-duckdb.ts';
import { ErreurFichier } from './lecteur-delimite.ts';
import { nomCommuneCog } from './communes.ts';

export const PREFIXE_DEMANDES = /^(demandes?|sne|imhoweb).*\.(csv|txt|tsv)$/i;

export function trouverDemandes(dossier: string): string[] {
  const noms = existsSync(dossier) ? readdirSync(dossier).sort() : [];
  return noms.filter((n) => PREFIXE_DEMANDES.test(n)).map((n) => join(dossier, n));
}

const SORTIES = new Set(['attribuee', 'attribuée', 'radiee', 'radiée']);

/**
 * Row-level rules beyond the cell types: the first-choice commune (another EPCI's
 * demand in a departmental extract is outside the territory, not an error; an
 * unknown code is), and dates consistent with the status.
 */
export function controleDemande(codes: Set<string>): (l: Ligne) => Controle {
  return (l) => {
    const code = String(l.commune);
    if (!codes.has(code)) {
      return nomCommuneCog(code) === null
        ? { statut: 'rejet', colonne: 'commune', valeur: code, attendu: 'un code commune du Code officiel géographique', detail: 'code inconnu du COG' }
        : { statut: 'hors_perimetre' };
    }
    const statut = String(l.statut);
    const depot = String(l.date_depot);
    const sortie = l.date_sortie === null ? null : String(l.date_sortie);
    if (SORTIES.has(statut) && sortie === null) {
      return { statut: 'rejet', colonne: 'date_sortie', valeur: '', attendu: `la date d'attribution ou de radiation (statut « ${statut} »)` };
    }
    if (!SORTIES.has(statut) && sortie !== null) {
      return { statut: 'rejet', colonne: 'date_sortie', valeur: sortie, attendu: `une date vide : la demande est « ${statut} »` };
    }
    if (sortie !== null && sortie < depot) {
      return { statut: 'rejet', colonne: 'date_sortie', valeur: sortie, attendu: 'une date postérieure ou égale à la date de dépôt', detail: 'sortie avant le dépôt' };
    }
    if (l.date_renouvellement !== null && String(l.date_renouvellement) < depot) {
      return { statut: 'rejet', colonne: 'date_renouvellement', valeur: String(l.date_renouvellement), attendu: 'une date postérieure ou égale à la date de dépôt' };
    }
    return { statut: 'ok' };
  };
}

export function sqlTableDemandes(format: Format): string {
  const cols = format.colonnes.map((c) => `${c.colonne} ${typeSql(c.type)}`).join(', ');
  return `CREATE OR REPLACE TABLE demandes (fichier VARCHAR, ligne INTEGER, ${cols})`;
}

export interface ContexteDemandes {
  bilans: BilanFichier[];
  anomalies: Anomalie[];
  erreurs: string[];
  pseudo: (id: string) => string;
}

/** Reads the demand extract(s) into `demandes` (num_unique → pseudo_demande); returns the files found. */
export async function lireDemandes(t: Territoire, dossierTravail: string, db: Db, cx: ContexteDemandes): Promise<string[]> {
  const format = chargerFormat('demandes');
  await db.exec(sqlTableDemandes(format));
  const fichiers = trouverDemandes(t.dossierEntrees);
  const controler = controleDemande(new Set(t.communes.map((c) => c.code)));
  for (const [i, chemin] of fichiers.entries()) {
    const propre = join(dossierTravail, `demandes-${i}.csv`);
    try {
      const bilan = await importerFichier(chemin, format, propre, cx.anomalies, {
        controler,
        transformer: (l) => {
          l.num_unique = cx.pseudo(String(l.num_unique));
        },
      });
      const colonnes = format.colonnes.map((c) => `${c.colonne}: '${typeSql(c.type)}'`).join(', ');
      try {
        await db.exec(`INSERT INTO demandes SELECT ${lit(bilan.fichier)} AS fichier, *
          FROM read_csv(${lit(propre)}, header = true, delim = ',', quote = '"', escape = '"',
                        columns = {ligne: 'INTEGER', ${colonnes}}, dateformat = '%Y-%m-%d')`);
      } catch (e) {
        throw new ErreurFichier(messageChargement(bilan.fichier, e));
      }
      cx.bilans.push(bilan);
    } catch (e) {
      if (!(e instanceof ErreurFichier)) throw e;
      cx.erreurs.push(e.message);
      await db.exec(`DELETE FROM demandes WHERE fichier = ${lit(chemin.split('/').pop() ?? '')}`);
    } finally {
      // the clean copy holds personal data: it does not outlive the import
      rmSync(propre, { force: true });
    }
  }
  await rejeterDoublonsDemandes(db, cx);
  await db.exec(`ALTER TABLE demandes RENAME COLUMN num_unique TO pseudo_demande`);
  return fichiers;
}

/** A demand appears once in an extract: later rows with the same number are rejected, naming the first. */
async function rejeterDoublonsDemandes(db: Db, cx: ContexteDemandes): Promise<void> {
  const rang = `row_number() OVER (PARTITION BY num_unique ORDER BY fichier, ligne)`;
  const doublons = await db.query(`
    SELECT fichier, ligne, premiere FROM (
      SELECT fichier, ligne, ${rang} AS rang, first(fichier || ', ligne ' || ligne) OVER (PARTITION BY num_unique ORDER BY fichier, ligne) AS premiere
      FROM demandes) WHERE rang > 1 ORDER BY fichier, ligne`);
  for (const d of doublons) {
    const a: Anomalie = {
      fichier: String(d.fichier),
      ligne: Number(d.ligne),
      colonne: 'num_unique',
      valeur: '',
      attendu: `un numéro de demande unique dans l'extrait (déjà vu : ${d.premiere})`,
      gravite: 'rejet',
    };
    const b = cx.bilans.find((x) => x.fichier === d.fichier && x.format === 'demandes');
    if (b) {
      noterAnomalie(b, cx.anomalies, a);
      b.chargees--;
      b.rejetees++;
    } else cx.anomalies.push(a);
  }
  if (doublons.length) {
    await db.exec(`DELETE FROM demandes USING (SELECT fichier AS f, ligne AS l FROM (SELECT fichier, ligne, ${rang} AS rang FROM demandes) WHERE rang > 1) d
      WHERE demandes.fichier = d.f AND demandes.ligne = d.l`);
  }
}
