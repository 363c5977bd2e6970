/**
 * Octets → texte, pour les fichiers tabulaires envoyés par les partenaires.
 *
 * Ordre des décisions :
 * 1. fichier vide → erreur `vide` ;
 * 2. BOM UTF-8 → UTF-8 (BOM retiré) ; BOM UTF-16 LE/BE → UTF-16 (export
 *    « Texte Unicode » d'Excel) ;
 * 3. signatures de formats binaires connus (ZIP/XLSX, XLS 97-2003, PDF…) →
 *    erreur avec un message qui dit quoi faire ;
 * 4. octet NUL → erreur `binaire` ;
 * 5. UTF-8 strict si les octets sont de l'UTF-8 valide ;
 * 6. sinon Windows-1252 (sur-ensemble pratique de l'ISO-8859-1), avec un
 *    avertissement si le fichier mêle des séquences UTF-8 valides et des
 *    octets isolés (fichier « mixte », souvent un copier-coller).
 */

export type Encodage = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type CodeErreurDecodage = 'vide' | 'binaire' | 'zip' | 'xls' | 'pdf' | 'utf-16-impair';

export interface TexteDecode {
  ok: true;
  texte: string;
  encodage: Encodage;
  /** Le fichier commençait par une marque d'ordre des octets (retirée du texte). */
  bom: boolean;
  /** Remarques non bloquantes, en français. */
  avertissements: string[];
}

export interface ErreurDecodage {
  ok: false;
  code: CodeErreurDecodage;
  /** Position (0-based) de l'octet fautif quand elle a un sens. */
  position?: number;
  message: string;
}

export type ResultatDecodage = TexteDecode | ErreurDecodage;

/** Libellé français d'un encodage, pour les messages. */
export function libelleEncodage(e: Encodage): string {
  switch (e) {
    case 'utf-8':
      return 'UTF-8';
    case 'windows-1252':
      return 'Windows-1252 (Latin-1)';
    case 'utf-16le':
      return 'UTF-16 petit-boutiste';
    case 'utf-16be':
      return 'UTF-16 gros-boutiste';
  }
}

function commencePar(octets: Uint8Array, signature: readonly number[]): boolean {
  if (octets.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (octets[i] !== signature[i]) return false;
  return true;
}

const SIGNATURES: ReadonlyArray<{ octets: readonly number[]; code: CodeErreurDecodage; message: string }> = [
  {
    octets: [0x50, 0x4b, 0x03, 0x04],
    code: 'zip',
    message:
      "le fichier est une archive ZIP (classeur Excel .xlsx ou .ods ?) et non un fichier texte : donnez-lui l'extension .xlsx ou enregistrez-le en CSV",
  },
  {
    octets: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    code: 'xls',
    message:
      "le fichier est un classeur Excel 97-2003 (.xls), format non pris en charge : ouvrez-le et enregistrez-le en .xlsx ou en CSV",
  },
  {
    octets: [0x25, 0x50, 0x44, 0x46, 0x2d],
    code: 'pdf',
    message: "le fichier est un PDF : il faut d'abord en extraire le tableau (CSV ou XLSX)",
  },
];

/** Nombre de séquences multi-octets UTF-8 bien formées (indice d'un fichier « mixte »). */
function compterSequencesUtf8(octets: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < octets.length; i++) {
    const b = octets[i] as number;
    let longueur = 0;
    if (b >= 0xc2 && b <= 0xdf) longueur = 2;
    else if (b >= 0xe0 && b <= 0xef) longueur = 3;
    else if (b >= 0xf0 && b <= 0xf4) longueur = 4;
    if (longueur === 0 || i + longueur > octets.length) continue;
    let ok = true;
    for (let k = 1; k < longueur; k++) {
      const c = octets[i + k] as number;
      if (c < 0x80 || c > 0xbf) {
        ok = false;
        break;
      }
    }
    if (ok) {
      n++;
      i += longueur - 1;
    }
  }
  return n;
}

/** Position du premier octet qui rend la suite invalide en UTF-8, -1 si tout est valide. */
function premierOctetInvalideUtf8(octets: Uint8Array): number {
  let i = 0;
  while (i < octets.length) {
    const b = octets[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let longueur: number;
    let min2 = 0x80;
    let max2 = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) longueur = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      longueur = 3;
      if (b === 0xe0) min2 = 0xa0;
      if (b === 0xed) max2 = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      longueur = 4;
      if (b === 0xf0) min2 = 0x90;
      if (b === 0xf4) max2 = 0x8f;
    } else return i;
    if (i + longueur > octets.length) return i;
    const b2 = octets[i + 1] as number;
    if (b2 < min2 || b2 > max2) return i;
    for (let k = 2; k < longueur; k++) {
      const c = octets[i + k] as number;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += longueur;
  }
  return -1;
}

/**
 * Décode les octets d'un fichier texte. Ne lève jamais d'exception : renvoie
 * soit le texte et l'encodage retenu, soit une erreur typée avec un message en
 * français (à préfixer du nom du fichier par l'appelant).
 */
export function decoderOctets(octets: Uint8Array): ResultatDecodage {
  if (octets.length === 0) return { ok: false, code: 'vide', message: 'le fichier est vide (0 octet)' };

  if (commencePar(octets, [0xef, 0xbb, 0xbf])) {
    const reste = octets.subarray(3);
    const invalide = premierOctetInvalideUtf8(reste);
    if (invalide < 0) {
      return { ok: true, texte: new TextDecoder('utf-8').decode(reste), encodage: 'utf-8', bom: true, avertissements: [] };
    }
    // BOM UTF-8 mais contenu invalide : on décode quand même en UTF-8 (le BOM est
    // une déclaration explicite) en signalant les caractères remplacés.
    return {
      ok: true,
      texte: new TextDecoder('utf-8').decode(reste),
      encodage: 'utf-8',
      bom: true,
      avertissements: [
        `le fichier se déclare UTF-8 (BOM) mais contient des octets invalides (premier à l'octet ${invalide + 4}) : caractères remplacés par « \uFFFD »`,
      ],
    };
  }
  for (const [bom, encodage] of [
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const) {
    if (commencePar(octets, bom)) {
      const reste = octets.subarray(2);
      if (reste.length % 2 !== 0) {
        return {
          ok: false,
          code: 'utf-16-impair',
          message: `le fichier se déclare ${libelleEncodage(encodage)} (BOM) mais contient un nombre impair d'octets : fichier tronqué ?`,
        };
      }
      return {
        ok: true,
        texte: new TextDecoder(encodage).decode(reste),
        encodage,
        bom: true,
        avertissements: [],
      };
    }
  }

  for (const s of SIGNATURES) {
    if (commencePar(octets, s.octets)) return { ok: false, code: s.code, position: 0, message: s.message };
  }

  const nul = octets.indexOf(0);
  if (nul >= 0) {
    return {
      ok: false,
      code: 'binaire',
      position: nul,
      message: `le fichier contient un octet nul (position ${nul}) : ce n'est pas un fichier texte (binaire, ou UTF-16 sans BOM)`,
    };
  }

  const invalide = premierOctetInvalideUtf8(octets);
  if (invalide < 0) {
    return { ok: true, texte: new TextDecoder('utf-8').decode(octets), encodage: 'utf-8', bom: false, avertissements: [] };
  }

  const avertissements: string[] = [];
  const sequences = compterSequencesUtf8(octets);
  if (sequences > 0) {
    avertissements.push(
      `encodage mixte : ${sequences} séquence(s) UTF-8 valides mais un octet invalide en UTF-8 à la position ${invalide} ; lu en Windows-1252, certains accents peuvent être mal rendus (« Ã© »)`,
    );
  }
  return {
    ok: true,
    texte: new TextDecoder('windows-1252').decode(octets),
    encodage: 'windows-1252',
    bom: false,
    avertissements,
  };
}
