// One partner file through one import format: header mapping, typed cells,
// domain checks, and a clean CSV for DuckDB. Every row read ends up loaded,
// rejected (with file, line, column, value, what was expected) or outside the
// territory — the three counts add up to the rows read, and this is checked.
// A file that cannot be read as a whole (empty, binary, header only, missing
// required column, quote never closed) raises ErreurFichier: nothing of it is loaded.
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import {
  lireLots,
  sonderFichier,
  ErreurEncodageTardive,
  ErreurFichier,
  ErreurGuillemet,
  libelleEncodageFichier,
  type Encodage,
  type InfosFichier,
  type LectureColonnes,
} from './lecteur-delimite.ts';
import { compilerType, Echec, type ValeurCellule } from './types-colonnes.ts';
import { chargerVocabulaire } from './categories.ts';
import { decrireValeur } from './valeur-personnelle.ts';
import { chargerGardeFous } from '../config/garde-fous.ts';
import { communeDeArrondissement } from './communes.ts';
import { plierEntete, type Format } from './format.ts';
import { nomDelimiteur } from './text/delimited.ts';

export interface Anomalie {
  fichier: string;
  ligne: number;
  /** Canonical column (data/config/formats), or "(ligne entière)". */
  colonne: string;
  valeur: string;
  attendu: string;
  gravite: 'rejet' | 'avertissement';
  /** Header of the column in the file, when it differs from the canonical name. */
  entete?: string;
  /** Why the value was refused (never repeats the value). */
  detail?: string;
}

export interface BilanFichier {
  fichier: string;
  format: string;
  encodage: Encodage;
  separateur: string;
  /** Layout recognised: "RPLS 2025, version loi", "RPLS 2023, fichier public", "format du projet"… */
  variante: string;
  colonnesIgnorees: string[];
  lignesLues: number;
  chargees: number;
  rejetees: number;
  horsPerimetre: number;
  avertissements: number;
  /** Informational notes (arrondissement codes read as their commune, encoding fallback…). */
  remarques: string[];
  /** Anomalies per column: all counted, the first N detailed (data/config/garde-fous.json). */
  comptesAnomalies: CompteAnomalies[];
  /** Free-text cells (categorie:… columns) that matched no category, classed "autre": per column. */
  textesNonReconnus: { colonne: string; nombre: number }[];
}

export interface CompteAnomalies {
  colonne: string;
  rejets: number;
  avertissements: number;
  /** of which written out in detail (file, line, column, value, expected) */
  detaillees: number;
}

/**
 * Counts one anomaly of a file and keeps its detail while its column has fewer than `max`
 * detailed ones (a broken file would otherwise write one line per cell: 19,5 MB for one file).
 */
export function noterAnomalie(bilan: Pick<BilanFichier, 'comptesAnomalies'>, anomalies: Anomalie[], a: Anomalie, max = chargerGardeFous().anomaliesDetailleesParColonne): void {
  let c = bilan.comptesAnomalies.find((x) => x.colonne === a.colonne);
  if (!c) {
    c = { colonne: a.colonne, rejets: 0, avertissements: 0, detaillees: 0 };
    bilan.comptesAnomalies.push(c);
  }
  if (a.gravite === 'rejet') c.rejets++;
  else c.avertissements++;
  if (c.detaillees < max) {
    c.detaillees++;
    anomalies.push(a);
  }
}

export type Ligne = Record<string, ValeurCellule>;
export type Controle =
  | { statut: 'ok' }
  | { statut: 'hors_perimetre' }
  | { statut: 'rejet'; colonne: string; valeur: string; attendu: string; detail?: string };

export interface OptionsImport {
  /**
   * Domain check (commune in the territory…). With `colonneControle`, it runs as soon as that
   * column is typed, before the others: a row outside the territory is not checked further
   * (a national RPLS file's faults elsewhere are not ours to report).
   */
  controler?: (l: Ligne) => Controle;
  colonneControle?: string;
  /** Rewrites a typed row before writing (pseudonymisation, coordinates…). */
  transformer?: (l: Ligne) => void;
  /** Columns computed by `transformer`, written after the format's columns. */
  colonnesCalculees?: string[];
  /** Names the layout from the folded header (RPLS millésime…). */
  variante?: (entetesPlies: Set<string>) => string;
  /** Detailed anomalies kept per file and column (counts stay exact beyond; default: data/config/garde-fous.json). */
  maxAnomalies?: number;
}

function csvCellule(v: ValeurCellule): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  return SPECIAUX_CSV.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}
const SPECIAUX_CSV = /[",\n\r]/;

/** String.prototype.trim, without its cost when neither end can be a blank (every JS blank is ≤ U+0020 or ≥ U+00A0). */
function rogner(v: string): string {
  const n = v.length;
  if (n === 0) return v;
  const a = v.charCodeAt(0);
  const b = v.charCodeAt(n - 1);
  return a > 32 && a < 160 && b > 32 && b < 160 ? v : v.trim();
}

/** A cell that reads like a column name of an export (RPLS_CODE, num_unique…), not like data. */
const NOM_DE_COLONNE = /^[A-Za-z][A-Za-z0-9 _.°'-]{0,39}$/;
const estNomDeColonne = (v: string) => NOM_DE_COLONNE.test(v) && (v.includes('_') || v === v.toUpperCase() || v === v.toLowerCase());

/**
 * The header as read, for an error message. A file without header has a household's row in
 * its first line: cells that do not look like column names are shown by kind only.
 */
function apercuEntete(valeurs: string[]): string {
  const montrees = valeurs.slice(0, 12).map((v) => (estNomDeColonne(v) ? v : `(${decrireValeur(v)})`));
  return montrees.join(' | ') + (valeurs.length > 12 ? ` … (${valeurs.length} colonnes)` : '');
}

/** Imports one file; on bytes that are not UTF-8 found late in a file taken for UTF-8, reads it again in Windows-1252. */
export async function importerFichier(
  chemin: string,
  format: Format,
  sortieCsv: string,
  anomalies: Anomalie[],
  options: OptionsImport = {},
): Promise<BilanFichier> {
  const infos = await sonderFichier(chemin);
  const repere = anomalies.length;
  try {
    return await importerAvec(chemin, infos, format, sortieCsv, anomalies, options);
  } catch (e) {
    if (!(e instanceof ErreurEncodageTardive) || infos.encodage !== 'utf-8') throw e;
    anomalies.length = repere;
    const bilan = await importerAvec(chemin, { ...infos, encodage: 'windows-1252' }, format, sortieCsv, anomalies, options);
    bilan.remarques.push(
      `lu en Windows-1252 : le début du fichier était de l'UTF-8 valide mais des octets non UTF-8 apparaissent vers la ligne ${e.ligne} ; vérifiez les accents`,
    );
    return bilan;
  }
}

async function importerAvec(
  chemin: string,
  infos: InfosFichier,
  format: Format,
  sortieCsv: string,
  anomalies: Anomalie[],
  options: OptionsImport,
): Promise<BilanFichier> {
  const fichier = basename(chemin);
  const max = options.maxAnomalies ?? chargerGardeFous().anomaliesDetailleesParColonne;
  // personal columns (data/config/formats, column `personnelle`): their values are described, never copied
  const personnelles = new Map(format.colonnes.filter((c) => c.personnelle).map((c) => [c.colonne, c.type]));
  const noter = (a: Omit<Anomalie, 'fichier'>, valide = false) => {
    const type = personnelles.get(a.colonne);
    if (type === undefined) return noterAnomalie(bilan, anomalies, { fichier, ...a }, max);
    const valeur = decrireValeur(a.valeur, valide && /^(date|mois)/.test(type) ? '' : type);
    // a reason quoting part of the value (« février 2025 a 28 jours ») is dropped for a personal column
    const detail = a.detail !== undefined && /\d/.test(a.detail) ? undefined : a.detail;
    noterAnomalie(bilan, anomalies, { fichier, ...a, valeur, detail }, max);
  };
  const bilan: BilanFichier = {
    fichier,
    format: format.id,
    encodage: infos.encodage,
    separateur: nomDelimiteur(infos.separateur),
    variante: '',
    colonnesIgnorees: [],
    lignesLues: 0,
    chargees: 0,
    rejetees: 0,
    horsPerimetre: 0,
    avertissements: 0,
    remarques: infos.avertissements.map((a) => `encodage ${libelleEncodageFichier(infos.encodage)} : ${a}`),
    comptesAnomalies: [],
    textesNonReconnus: [],
  };
  const calculees = options.colonnesCalculees ?? [];
  const nonReconnus = format.colonnes.map(() => 0);
  const parseurs = format.colonnes.map((c, k) => {
    if (!c.type.startsWith('categorie:')) return compilerType(c.type);
    // free text → its category; the text itself goes no further (src/ingest/categories.ts)
    const v = chargerVocabulaire(c.type.slice('categorie:'.length));
    return (brut: string) => {
      const r = v.classer(brut);
      if (!r.reconnu) nonReconnus[k]!++;
      return r.categorie;
    };
  });
  const estCommune = format.colonnes.map((c) => c.type === 'code_insee');
  const kControle = options.colonneControle ? format.colonnes.findIndex((c) => c.colonne === options.colonneControle) : -1;
  const ordre = format.colonnes.map((_, k) => k);
  if (kControle >= 0) ordre.unshift(...ordre.splice(kControle, 1));
  const sorties = [...format.colonnes.map((c) => c.colonne), ...calculees];
  const modele: Ligne = Object.fromEntries(sorties.map((c) => [c, null]));
  const cellules: string[] = new Array<string>(sorties.length + 1).fill('');
  const arrondissements = new Map<string, { commune: string; lignes: number; premiere: number }>();

  // the clean copy holds personal data: readable by the build's user only
  const sortie = createWriteStream(sortieCsv, { encoding: 'utf8', mode: 0o600 });
  let tampon = '';
  const ecrire = async (s: string, forcer = false) => {
    tampon += s;
    if (tampon.length < 1 << 16 && !forcer) return;
    const t = tampon;
    tampon = '';
    if (!sortie.write(t)) await once(sortie, 'drain');
  };
  await ecrire(['ligne', ...format.colonnes.map((c) => c.colonne), ...calculees].join(',') + '\n');

  let indices: (number | undefined)[] = [];
  let repli: number[][] = [];
  let entetes: string[] = [];
  let largeur = 0;
  let entete = true;
  let ligneEntete = 0;
  /** The last record: a file cut in its middle ends with a short or unreadable record. */
  let derniere: { ligne: number; etat: 'ok' | 'courte' | 'fautive'; champs: number } = { ligne: 0, etat: 'ok', champs: 0 };
  /** The file's header of a cell, when it differs from the canonical column name. */
  const enteteDe = (colonne: string, i: number | undefined) => (i === undefined || entetes[i] === colonne ? undefined : entetes[i]);
  try {
    const lecture: LectureColonnes = {};
    for await (const lot of lireLots(chemin, infos, lecture)) {
      for (const { ligne, valeurs } of lot) {
        if (entete) {
          entete = false;
          ligneEntete = ligne;
          entetes = valeurs.map((v) => v.trim());
          const plies = entetes.map(plierEntete);
          // every header matching a synonym, in the synonyms' order: a cell is read
          // from the first of them that is not empty (QPV_CODE, then PLG_QP24…)
          repli = format.colonnes.map((c) =>
            c.synonymes.map((s) => plies.indexOf(plierEntete(s))).filter((i, n, t) => i >= 0 && t.indexOf(i) === n),
          );
          indices = repli.map((r) => r[0]);
          const manquantes = format.colonnes.filter((c, i) => c.obligatoire && indices[i] === undefined);
          if (manquantes.length) {
            throw new ErreurFichier(
              `${fichier}, ligne ${ligne} (en-tête) : colonne(s) obligatoire(s) absente(s) : ` +
                manquantes.map((c) => `${c.colonne} (en-têtes acceptés : ${c.synonymes.join(', ')})`).join(' ; ') +
                ` — en-tête lu (séparateur ${nomDelimiteur(infos.separateur)}) : ${apercuEntete(entetes)}` +
                ` — pour accepter un autre nom de colonne, ajoutez-le aux synonymes de ${format.fichierConfig.split('/').slice(-4).join('/')}`,
              ligne,
            );
          }
          const utilises = new Set(repli.flat());
          // the fields of no column are not copied by the reader (their blankness is kept)
          lecture.ignorees = valeurs.map((_, i) => !utilises.has(i));
          bilan.colonnesIgnorees = entetes.filter((_, i) => !utilises.has(i));
          bilan.variante = options.variante?.(new Set(plies)) ?? `format du projet (${format.fichierConfig.split('/').pop()})`;
          largeur = valeurs.length;
          continue;
        }
        bilan.lignesLues++;
        if (valeurs.length > largeur && valeurs.slice(largeur).every((v) => v.trim() === '')) valeurs.length = largeur;
        derniere = { ligne, etat: valeurs.length < largeur ? 'courte' : 'ok', champs: valeurs.length };
        if (valeurs.length !== largeur) {
          bilan.rejetees++;
          // the values are not repeated: a shifted row may put personal data in any column
          noter({
            ligne,
            colonne: '(ligne entière)',
            valeur: `${valeurs.length} champ(s)`,
            attendu: `${largeur} champs comme l'en-tête (ligne ${ligneEntete})`,
            detail:
              valeurs.length < largeur
                ? 'ligne incomplète : fichier tronqué, ou retour à la ligne dans une valeur sans guillemets'
                : `séparateur « ${infos.separateur === '\t' ? 'tabulation' : infos.separateur} » dans une valeur sans guillemets ?`,
            gravite: 'rejet',
          });
          continue;
        }
        // every row has the same shape (one hidden class), the columns not reached stay null
        const l: Ligne = { ...modele };
        let rejet = false;
        let controle: Controle | null = null;
        let arrondissement: string | null = null;
        for (let o = 0; o < ordre.length; o++) {
          const k = ordre[o]!;
          const c = format.colonnes[k]!;
          // the first of the column's headers whose cell is not blank (else the first header)
          const r0 = repli[k]!;
          let i = indices[k];
          let brut = i === undefined ? '' : rogner(valeurs[i] ?? '');
          for (let n = 1; brut === '' && n < r0.length; n++) {
            const v = rogner(valeurs[r0[n]!] ?? '');
            if (v !== '') {
              i = r0[n];
              brut = v;
            }
          }
          if (brut === '') {
            if (c.obligatoire) {
              rejet = true;
              noter({ ligne, colonne: c.colonne, entete: enteteDe(c.colonne, indices[k]), valeur: '', attendu: `une valeur (colonne obligatoire : ${c.description})`, gravite: 'rejet' });
            }
            l[c.colonne] = null;
            continue;
          }
          const r = parseurs[k]!(brut);
          if (!(r instanceof Echec)) {
            l[c.colonne] = r;
            if (estCommune[k] && r !== brut && communeDeArrondissement(brut)) arrondissement = brut;
          } else if (c.obligatoire || r.bloquant) {
            rejet = true;
            noter({ ligne, colonne: c.colonne, entete: enteteDe(c.colonne, i), valeur: brut, attendu: r.attendu, detail: r.detail, gravite: 'rejet' });
          } else {
            // an optional cell that cannot be read is emptied, the row is kept, the fault reported
            l[c.colonne] = null;
            bilan.avertissements++;
            noter({ ligne, colonne: c.colonne, entete: enteteDe(c.colonne, i), valeur: brut, attendu: `${r.attendu} (valeur ignorée, ligne conservée)`, detail: r.detail, gravite: 'avertissement' });
          }
          if (o === 0 && kControle >= 0 && !rejet && options.controler) {
            controle = options.controler(l);
            if (controle.statut !== 'ok') break;
          }
        }
        if (rejet) {
          bilan.rejetees++;
          derniere.etat = 'fautive';
          continue;
        }
        controle ??= options.controler?.(l) ?? { statut: 'ok' };
        if (controle.statut === 'hors_perimetre') {
          bilan.horsPerimetre++;
          continue;
        }
        if (arrondissement !== null) {
          // noted for rows of the territory only: a national file's other arrondissements are not news
          const a = arrondissements.get(arrondissement) ?? { commune: String(communeDeArrondissement(arrondissement)), lignes: 0, premiere: ligne };
          a.lignes++;
          arrondissements.set(arrondissement, a);
        }
        if (controle.statut === 'rejet') {
          bilan.rejetees++;
          derniere.etat = 'fautive';
          // a control runs on typed cells: a date there is a real date
          noter({ ligne, colonne: controle.colonne, valeur: controle.valeur, attendu: controle.attendu, detail: controle.detail, gravite: 'rejet' }, true);
          continue;
        }
        options.transformer?.(l);
        bilan.chargees++;
        cellules[0] = String(ligne);
        for (let k = 0; k < sorties.length; k++) cellules[k + 1] = csvCellule(l[sorties[k]!] ?? null);
        tampon += cellules.join(',') + '\n';
        if (tampon.length >= 1 << 16) await ecrire('');
      }
    }
    if (entete) throw new ErreurFichier(`${fichier} : fichier vide — un en-tête de colonnes puis une ligne par enregistrement sont attendus`);
    // a file cut during the export or the copy: its last record is short, or rejected and without a line end
    // (an optional cell that cannot be read does not count: many exports have no final line end)
    if (derniere.etat === 'courte' || (derniere.etat === 'fautive' && lecture.finSansRetour)) {
      throw new ErreurFichier(
        `${fichier}, ligne ${derniere.ligne} : fichier tronqué — le dernier enregistrement est coupé (` +
          (derniere.etat === 'courte'
            ? `${derniere.champs} champ(s) au lieu des ${largeur} de l'en-tête`
            : 'une valeur illisible, et pas de retour à la ligne final') +
          `) ; réexportez ou recopiez le fichier en entier : aucune ligne de ce fichier n'a été chargée`,
        derniere.ligne,
      );
    }
    if (bilan.lignesLues === 0) {
      throw new ErreurFichier(
        `${fichier} : en-tête seul (ligne ${ligneEntete}), aucune ligne de données — export interrompu ou filtre trop strict ? Retirez le fichier s'il n'a rien à apporter`,
        ligneEntete,
      );
    }
    await ecrire('', true);
  } catch (e) {
    if (e instanceof ErreurGuillemet && !entete) {
      const col = entetes[e.champ];
      throw new ErreurFichier(
        `${fichier}, ligne ${e.ligne}, colonne ${col ? `« ${col} »` : `n° ${e.champ + 1}`} : guillemet ouvrant jamais refermé — fichier tronqué ou guillemet isolé dans une valeur ; aucune ligne de ce fichier n'a été chargée`,
        e.ligne,
      );
    }
    throw e;
  } finally {
    sortie.end();
    await once(sortie, 'close');
  }
  bilan.textesNonReconnus = format.colonnes.flatMap((c, k) => (nonReconnus[k]! > 0 ? [{ colonne: c.colonne, nombre: nonReconnus[k]! }] : []));
  for (const t of bilan.textesNonReconnus) {
    bilan.remarques.push(`${t.colonne} : ${t.nombre} texte(s) libre(s) sans catégorie reconnue, compté(s) « autre » (catégories : data/config/categories-texte-libre.csv)`);
  }
  for (const [code, a] of [...arrondissements].sort()) {
    bilan.remarques.push(`code d'arrondissement ${code} lu comme la commune ${a.commune} (${a.lignes} ligne(s), première : ligne ${a.premiere})`);
  }
  if (bilan.chargees + bilan.rejetees + bilan.horsPerimetre !== bilan.lignesLues) {
    throw new Error(`${fichier} : ${bilan.lignesLues} lignes lues ≠ ${bilan.chargees} chargées + ${bilan.rejetees} rejetées + ${bilan.horsPerimetre} hors territoire`);
  }
  return bilan;
}
