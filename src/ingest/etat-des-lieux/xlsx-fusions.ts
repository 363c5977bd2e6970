/**
 * Cellules fusionnées d'un classeur .xlsx (read-excel-file ne les expose pas) :
 * lecture directe de l'archive ZIP (répertoire central, zlib de Node) et des
 * balises <mergeCell ref="A1:C2"/> de chaque feuille. Excel n'écrit la valeur
 * que dans la première cellule d'une zone fusionnée : on la recopie dans toute
 * la zone, pour qu'un libellé parent (« Localisation du bien ») couvre ses
 * colonnes filles et qu'un libellé fusionné verticalement se lise sur chaque ligne.
 */
import { inflateRawSync } from 'node:zlib';

/** Entrées de l'archive (nom → contenu décompressé), lues à la demande. */
function lireZip(octets: Uint8Array): Map<string, () => Buffer> {
  const b = Buffer.from(octets.buffer, octets.byteOffset, octets.byteLength);
  const entrees = new Map<string, () => Buffer>();
  // Fin du répertoire central : signature 0x06054b50, dans les 65 557 derniers octets.
  let fin = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 65_557); i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      fin = i;
      break;
    }
  }
  if (fin < 0) return entrees;
  const nombre = b.readUInt16LE(fin + 10);
  let p = b.readUInt32LE(fin + 16);
  for (let k = 0; k < nombre && p + 46 <= b.length; k++) {
    if (b.readUInt32LE(p) !== 0x02014b50) break;
    const methode = b.readUInt16LE(p + 10);
    const taille = b.readUInt32LE(p + 20);
    const lgNom = b.readUInt16LE(p + 28);
    const lgExtra = b.readUInt16LE(p + 30);
    const lgComm = b.readUInt16LE(p + 32);
    const local = b.readUInt32LE(p + 42);
    const nom = b.toString('utf8', p + 46, p + 46 + lgNom);
    entrees.set(nom, () => {
      const debut = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
      const donnees = b.subarray(debut, debut + taille);
      return methode === 8 ? inflateRawSync(donnees) : Buffer.from(donnees);
    });
    p += 46 + lgNom + lgExtra + lgComm;
  }
  return entrees;
}

export interface Zone {
  ligne1: number;
  colonne1: number;
  ligne2: number;
  colonne2: number;
}

function colonneDeLettres(l: string): number {
  let n = 0;
  for (const c of l.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n;
}

/** « B2:D3 » → zone (1-based) ; null si la référence est illisible. */
export function lireZone(ref: string): Zone | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+):\$?([A-Za-z]{1,3})\$?(\d+)$/u.exec(ref.trim());
  if (!m) return null;
  return { colonne1: colonneDeLettres(m[1] as string), ligne1: Number(m[2]), colonne2: colonneDeLettres(m[3] as string), ligne2: Number(m[4]) };
}

function attribut(balise: string, nom: string): string | null {
  const m = new RegExp(`\\s${nom}="([^"]*)"`, 'u').exec(balise);
  return m ? (m[1] as string) : null;
}

/** Zones fusionnées de chaque feuille, dans l'ordre du classeur (nom de feuille → zones). Vide si l'archive est inattendue. */
export function zonesFusionnees(octets: Uint8Array): Map<string, Zone[]> {
  const resultat = new Map<string, Zone[]>();
  const zip = lireZip(octets);
  const classeur = zip.get('xl/workbook.xml')?.().toString('utf8');
  const liens = zip.get('xl/_rels/workbook.xml.rels')?.().toString('utf8');
  if (!classeur || !liens) return resultat;
  const cibles = new Map<string, string>();
  for (const m of liens.matchAll(/<Relationship\b[^>]*>/gu)) {
    const id = attribut(m[0], 'Id');
    const cible = attribut(m[0], 'Target');
    if (id && cible) cibles.set(id, cible.startsWith('/') ? cible.slice(1) : `xl/${cible}`);
  }
  for (const m of classeur.matchAll(/<sheet\b[^>]*>/gu)) {
    const nom = attribut(m[0], 'name');
    const id = attribut(m[0], 'r:id');
    const chemin = id ? cibles.get(id) : undefined;
    const xml = chemin ? zip.get(chemin)?.().toString('utf8') : undefined;
    if (nom === null || !xml) continue;
    const zones: Zone[] = [];
    for (const z of xml.matchAll(/<mergeCell\b[^>]*>/gu)) {
      const ref = attribut(z[0], 'ref');
      const zone = ref ? lireZone(ref) : null;
      if (zone) zones.push(zone);
    }
    resultat.set(nom.replace(/&amp;/gu, '&').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'"), zones);
  }
  return resultat;
}

/** Recopie la valeur de la première cellule de chaque zone dans toute la zone (lignes : ligne 1 = indice 0). */
export function etendreFusions(lignes: string[][], zones: readonly Zone[]): void {
  for (const z of zones) {
    const valeur = lignes[z.ligne1 - 1]?.[z.colonne1 - 1] ?? '';
    if (valeur === '') continue;
    for (let r = z.ligne1; r <= z.ligne2; r++) {
      while (lignes.length < r) lignes.push([]);
      const ligne = lignes[r - 1] as string[];
      for (let c = z.colonne1; c <= z.colonne2; c++) {
        while (ligne.length < c) ligne.push('');
        if ((ligne[c - 1] ?? '') === '') ligne[c - 1] = valeur;
      }
    }
  }
}
