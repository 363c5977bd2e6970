// Streaming reader for partners' delimited exports (RPLS is ~5,4 M rows for France):
// detects BOM / UTF-8 / Windows-1252 and the separator, follows RFC 4180 quoting,
// and yields each record with the line number where it starts, for error messages.
import { open } from 'node:fs/promises';

export type Encodage = 'utf-8' | 'utf-8-bom' | 'windows-1252';
export interface Enregistrement { ligne: number; valeurs: string[] }
export interface InfosFichier { encodage: Encodage; separateur: string }

export class ErreurFichier extends Error {}

const TAILLE_BLOC = 1 << 20;

/** Reads the first bytes to decide encoding (invalid UTF-8 → Windows-1252) and reject binary files. */
export async function sonderFichier(chemin: string): Promise<InfosFichier & { vide: boolean }> {
  const fh = await open(chemin, 'r');
  try {
    const buf = Buffer.alloc(TAILLE_BLOC);
    const { bytesRead } = await fh.read(buf, 0, TAILLE_BLOC, 0);
    const debut = buf.subarray(0, bytesRead);
    if (bytesRead === 0) return { encodage: 'utf-8', separateur: ';', vide: true };
    if ((debut[0] === 0xff && debut[1] === 0xfe) || (debut[0] === 0xfe && debut[1] === 0xff)) {
      throw new ErreurFichier(`${chemin} : fichier en UTF-16, non pris en charge — réenregistrez-le en « CSV UTF-8 » ou « CSV (séparateur : point-virgule) »`);
    }
    if (debut.subarray(0, Math.min(bytesRead, 8192)).includes(0)) {
      throw new ErreurFichier(`${chemin} : fichier binaire (octet nul dans les premiers Ko) — un export CSV/texte est attendu (un classeur .xlsx doit être enregistré en CSV)`);
    }
    const bom = debut[0] === 0xef && debut[1] === 0xbb && debut[2] === 0xbf;
    let encodage: Encodage = bom ? 'utf-8-bom' : 'utf-8';
    try {
      // stream:true tolerates a multi-byte character cut at the end of the sample
      new TextDecoder('utf-8', { fatal: true }).decode(debut, { stream: bytesRead === TAILLE_BLOC });
    } catch {
      encodage = 'windows-1252';
    }
    const texte = new TextDecoder(encodage === 'windows-1252' ? 'windows-1252' : 'utf-8').decode(debut.subarray(0, 65536));
    const premiere = texte.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const comptes = [';', '\t', ','].map((s) => [s, premiere.split(s).length - 1] as const);
    comptes.sort((a, b) => b[1] - a[1]);
    const separateur = comptes[0] && comptes[0][1] > 0 ? comptes[0][0] : ';';
    return { encodage, separateur, vide: texte.trim() === '' };
  } finally {
    await fh.close();
  }
}

/** Yields records (header included, as the first record). Throws ErreurFichier on an unterminated quote. */
export async function* lireEnregistrements(chemin: string, infos: InfosFichier): AsyncGenerator<Enregistrement> {
  const fh = await open(chemin, 'r');
  const decodeur = new TextDecoder(infos.encodage === 'windows-1252' ? 'windows-1252' : 'utf-8', { fatal: infos.encodage !== 'windows-1252' });
  const sep = infos.separateur;
  let valeurs: string[] = [];
  let cellule = '';
  let guillemets = false;
  let apresGuillemet = false;
  let ligne = 1;
  let debutEnregistrement = 1;
  let premierBloc = true;
  let sauterLf = false; // a CRLF split across two blocks is one line end
  let vide = true;
  const buf = Buffer.alloc(TAILLE_BLOC);
  let position = 0;
  try {
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, TAILLE_BLOC, position);
      position += bytesRead;
      let texte: string;
      try {
        texte = decodeur.decode(buf.subarray(0, bytesRead), { stream: bytesRead > 0 });
      } catch {
        throw new ErreurFichier(`${chemin}, vers la ligne ${ligne} : octets invalides en UTF-8 après le début du fichier (encodage mixte ?) — réenregistrez le fichier en UTF-8`);
      }
      if (premierBloc && texte.charCodeAt(0) === 0xfeff) texte = texte.slice(1);
      premierBloc = false;
      const pending: Enregistrement[] = [];
      for (let i = 0; i < texte.length; i++) {
        const c = texte[i]!;
        if (sauterLf) {
          sauterLf = false;
          if (c === '\n') continue;
        }
        if (guillemets) {
          if (c === '"') {
            if (texte[i + 1] === '"') {
              cellule += '"';
              i++;
            } else {
              guillemets = false;
              apresGuillemet = true;
            }
          } else {
            if (c === '\n') ligne++;
            cellule += c;
          }
          continue;
        }
        if (c === '"' && cellule === '' && !apresGuillemet) {
          guillemets = true;
        } else if (c === sep) {
          valeurs.push(cellule);
          cellule = '';
          apresGuillemet = false;
        } else if (c === '\n' || c === '\r') {
          if (c === '\r') {
            if (i + 1 < texte.length) {
              if (texte[i + 1] === '\n') i++;
            } else sauterLf = true;
          }
          valeurs.push(cellule);
          if (valeurs.length > 1 || valeurs[0] !== '') {
            pending.push({ ligne: debutEnregistrement, valeurs });
            vide = false;
          }
          valeurs = [];
          cellule = '';
          apresGuillemet = false;
          ligne++;
          debutEnregistrement = ligne;
        } else {
          cellule += c;
        }
      }
      for (const e of pending) yield e;
      if (bytesRead === 0) break;
    }
    if (guillemets) {
      throw new ErreurFichier(`${chemin}, ligne ${debutEnregistrement} : guillemet ouvrant sans guillemet fermant — fichier tronqué ?`);
    }
    if (cellule !== '' || valeurs.length) {
      valeurs.push(cellule);
      yield { ligne: debutEnregistrement, valeurs };
      vide = false;
    }
    if (vide) return;
  } finally {
    await fh.close();
  }
}
