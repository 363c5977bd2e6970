// Streaming reader for partners' delimited exports (RPLS is ~5,4 M rows and
// up to 2 GB for France): never holds the whole file in memory. The encoding
// and the separator are decided on a sample with the shared helpers of
// ./text/decode.ts (BOM, UTF-16, binary signatures, UTF-8 vs Windows-1252)
// and ./text/delimited.ts (separator), then the file is decoded block by block,
// following RFC 4180 quoting, and each record carries the line where it starts.
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { decoderOctets, libelleEncodage } from './text/decode.ts';
import { detecterDelimiteur, type Delimiteur } from './text/delimited.ts';

export type Encodage = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';
export interface Enregistrement { ligne: number; valeurs: string[] }
export interface InfosFichier { encodage: Encodage; separateur: Delimiteur; avertissements: string[] }

/** A file that cannot be read as a whole (the message names the file, and the line when there is one). */
export class ErreurFichier extends Error {
  ligne: number | undefined;
  constructor(message: string, ligne?: number) {
    super(message);
    this.ligne = ligne;
  }
}
/** Bytes that are not UTF-8 found after the sample on which UTF-8 was chosen: the caller may read again in Windows-1252. */
export class ErreurEncodageTardive extends ErreurFichier {}
/** A quote opened and never closed (truncated file): `champ` is the 0-based field of the record. */
export class ErreurGuillemet extends ErreurFichier {
  champ: number;
  constructor(message: string, ligne: number, champ: number) {
    super(message, ligne);
    this.champ = champ;
  }
}

// small blocks: a block's records are alive together, and fewer of them survive to the old generation (GC)
const TAILLE_BLOC = 1 << 16;
const TAILLE_ECHANTILLON = 1 << 20;
/** A quoted cell longer than this is a quote never closed, not data (it would swallow the rest of a 2 GB file). */
export const LONGUEUR_MAX_CELLULE = 1 << 20;

export function libelleEncodageFichier(e: Encodage): string {
  return e === 'utf-8-bom' ? 'UTF-8 avec BOM' : libelleEncodage(e);
}

/**
 * Reads the first MB to decide encoding and separator. Throws ErreurFichier,
 * in French and naming the file, for an empty, blank or binary file
 * (ZIP/XLSX, XLS, PDF, PNG…, any NUL byte) and a truncated UTF-16 file.
 */
export async function sonderFichier(chemin: string): Promise<InfosFichier> {
  const nom = basename(chemin);
  const fh = await open(chemin, 'r');
  let echantillon: Buffer;
  let complet: boolean;
  try {
    const buf = Buffer.alloc(TAILLE_ECHANTILLON);
    const { bytesRead } = await fh.read(buf, 0, TAILLE_ECHANTILLON, 0);
    complet = bytesRead < TAILLE_ECHANTILLON || (await fh.stat()).size === bytesRead;
    echantillon = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const utf16 = (echantillon[0] === 0xff && echantillon[1] === 0xfe) || (echantillon[0] === 0xfe && echantillon[1] === 0xff);
  if (!complet) {
    // cut the sample on a line end so that a character split by the cut is not taken for bad bytes
    if (utf16) echantillon = echantillon.subarray(0, echantillon.length & ~1);
    else {
      const fin = echantillon.lastIndexOf(0x0a);
      if (fin > 0) echantillon = echantillon.subarray(0, fin + 1);
    }
  }
  const d = decoderOctets(echantillon);
  if (!d.ok) {
    const message =
      d.code === 'vide'
        ? 'fichier vide (0 octet) — un en-tête de colonnes puis une ligne par enregistrement sont attendus'
        : d.code === 'binaire'
          ? `fichier binaire (octet nul à la position ${d.position}) : ce n'est pas un export texte — un fichier CSV (séparateur ; , ou tabulation) est attendu ; une image, une archive ou un classeur renommé en .csv ne peut pas être lu`
          : `${d.message} — un fichier CSV (séparateur ; , ou tabulation) est attendu`;
    throw new ErreurFichier(`${nom} : ${message}`);
  }
  if (d.texte.replace(/[\s\uFEFF]/g, '') === '') {
    throw new ErreurFichier(`${nom} : fichier vide (seulement des lignes blanches) — un en-tête de colonnes puis une ligne par enregistrement sont attendus`);
  }
  const encodage: Encodage = d.encodage === 'utf-8' ? (d.bom ? 'utf-8-bom' : 'utf-8') : d.encodage;
  const separateur = detecterDelimiteur(d.texte, { echantillon: 64 * 1024 }).delimiteur;
  return { encodage, separateur, avertissements: d.avertissements };
}

/** Columns the caller does not read; it may set them once it has read the header. */
export interface LectureColonnes {
  /**
   * `ignorees[k]`: field k is not read. Its text is not copied (a national RPLS row has 73
   * fields, the import reads 19): a field that does not start with a blank becomes NON_LUE,
   * which is not blank either, so blank records, widths and quotes are decided as before.
   */
  ignorees?: boolean[];
  /** Set by the reader at the end: the last record was ended by the end of the file, not by a line end. */
  finSansRetour?: boolean;
}
/** Stands for the text of an ignored field that is not blank. */
export const NON_LUE = '(non lue)';

const CR = 13;
const LF = 10;
const GUILLEMET = 34;

/**
 * Yields the records of one block at a time (header included, as the first record),
 * so the caller is not paying one promise per row. Blank records (empty lines,
 * lines of separators only) are skipped. Throws ErreurGuillemet on a quote never
 * closed, ErreurEncodageTardive on non-UTF-8 bytes in a file read as UTF-8.
 */
export async function* lireLots(chemin: string, infos: InfosFichier, lecture: LectureColonnes = {}): AsyncGenerator<Enregistrement[]> {
  const nom = basename(chemin);
  const label = infos.encodage === 'utf-8-bom' ? 'utf-8' : infos.encodage;
  const strict = infos.encodage === 'utf-8';
  const decodeur = new TextDecoder(label, { fatal: strict });
  const sep = infos.separateur.charCodeAt(0);
  const fh = await open(chemin, 'r');
  let valeurs: string[] = [];
  let cellule = '';
  let guillemets = false;
  let guillemetEnSuspens = false; // a quote ending a block inside a quoted cell: closing or doubled?
  let apresGuillemet = false;
  let ligne = 1;
  let debutEnregistrement = 1;
  let ligneGuillemet = 1;
  let sauterLf = false; // a CRLF split across two blocks is one line end
  const buf = Buffer.alloc(TAILLE_BLOC);
  let position = 0;

  const erreurGuillemet = () =>
    new ErreurGuillemet(
      `${nom}, ligne ${ligneGuillemet} : guillemet ouvrant jamais refermé (champ n° ${valeurs.length + 1} de l'enregistrement commencé ligne ${debutEnregistrement}) — fichier tronqué ou guillemet isolé dans une valeur ; aucune ligne de ce fichier n'a été chargée`,
      ligneGuillemet,
      valeurs.length,
    );
  const finEnregistrement = (lot: Enregistrement[]) => {
    valeurs.push(cellule);
    if (valeurs[0] !== '' || valeurs.some((v) => v.trim() !== '')) lot.push({ ligne: debutEnregistrement, valeurs });
    valeurs = [];
    cellule = '';
    apresGuillemet = false;
  };

  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, TAILLE_BLOC, position);
      position += bytesRead;
      let texte: string;
      try {
        texte = decodeur.decode(buf.subarray(0, bytesRead), { stream: bytesRead > 0 });
      } catch {
        throw new ErreurEncodageTardive(
          `${nom}, vers la ligne ${ligne} : octets invalides en UTF-8 alors que le début du fichier est en UTF-8 (encodage mixte ?) — réenregistrez le fichier en UTF-8`,
          ligne,
        );
      }
      const lot: Enregistrement[] = [];
      const n = texte.length;
      let i = 0;
      if (sauterLf && n > 0) {
        sauterLf = false;
        if (texte.charCodeAt(0) === LF) i = 1;
      }
      if (guillemetEnSuspens && n > 0) {
        guillemetEnSuspens = false;
        if (texte.charCodeAt(i) === GUILLEMET) {
          cellule += '"';
          i++;
        } else {
          guillemets = false;
          apresGuillemet = true;
        }
      }
      while (i < n) {
        if (guillemets) {
          const q = texte.indexOf('"', i);
          const morceau = texte.slice(i, q < 0 ? n : q);
          for (let k = morceau.indexOf('\n'); k >= 0; k = morceau.indexOf('\n', k + 1)) ligne++;
          cellule += morceau;
          if (cellule.length > LONGUEUR_MAX_CELLULE) throw erreurGuillemet();
          if (q < 0) break;
          if (q + 1 >= n) {
            guillemetEnSuspens = true;
            i = n;
          } else if (texte.charCodeAt(q + 1) === GUILLEMET) {
            cellule += '"';
            i = q + 2;
          } else {
            guillemets = false;
            apresGuillemet = true;
            i = q + 1;
          }
          continue;
        }
        let j = i;
        let c = 0;
        while (j < n) {
          c = texte.charCodeAt(j);
          if (c === sep || c === LF || c === CR || c === GUILLEMET) break;
          j++;
        }
        if (j > i) {
          const c0 = texte.charCodeAt(i);
          const ignoree = lecture.ignorees?.[valeurs.length] === true;
          if (ignoree && cellule === '' && c0 > 32 && c0 < 160) cellule = NON_LUE;
          else if (!ignoree || cellule !== NON_LUE) cellule = cellule === '' ? texte.slice(i, j) : cellule + texte.slice(i, j);
        }
        if (j >= n) break;
        if (c === GUILLEMET) {
          if (cellule === '' && !apresGuillemet) {
            guillemets = true;
            ligneGuillemet = ligne;
          } else cellule += '"'; // a quote inside an unquoted value is kept as text
          i = j + 1;
        } else if (c === sep) {
          valeurs.push(cellule);
          cellule = '';
          apresGuillemet = false;
          i = j + 1;
        } else {
          if (c === CR) {
            if (j + 1 < n) {
              if (texte.charCodeAt(j + 1) === LF) j++;
            } else sauterLf = true;
          }
          finEnregistrement(lot);
          ligne++;
          debutEnregistrement = ligne;
          i = j + 1;
        }
      }
      if (lot.length) yield lot;
      if (bytesRead === 0) break;
    }
    if (guillemets && !guillemetEnSuspens) throw erreurGuillemet();
    lecture.finSansRetour = false;
    if (cellule !== '' || valeurs.length) {
      const lot: Enregistrement[] = [];
      finEnregistrement(lot);
      lecture.finSansRetour = lot.length > 0;
      if (lot.length) yield lot;
    }
  } finally {
    await fh.close();
  }
}

/** Record by record (tests, small files). */
export async function* lireEnregistrements(chemin: string, infos: InfosFichier): AsyncGenerator<Enregistrement> {
  for await (const lot of lireLots(chemin, infos)) yield* lot;
}
