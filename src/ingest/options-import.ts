// The territory's checks and rewrites of each import format (commune in the
// territory, pseudonymised demand ids, WGS84 coordinates), built from plain
// parameters so that a worker thread builds exactly the same ones as the main
// thread: one definition, whichever thread reads the file.
import type { Territoire } from '../config/territoire.ts';
import { pseudonymiseur } from '../confidentialite/pseudonymisation.ts';
import { nomCommuneCog } from './communes.ts';
import { versWgs84 } from './coordonnees.ts';
import { ErreurFichier } from './lecteur-delimite.ts';
import { plierEntete, type IdFormat } from './format.ts';
import type { Controle, Ligne, OptionsImport } from './importer.ts';

/** What a thread needs to check a file for a territory (structured-clonable). */
export interface ParametresImport {
  codes: string[];
  nomTerritoire: string;
  /** Pseudonymisation key, hexadecimal (chargerOuCreerCle). */
  cleHex: string;
}

/** Columns added to `logements` at import, after those of rpls-colonnes.csv. */
export const COLONNES_CALCULEES_RPLS = { millesime: 'INTEGER', lon: 'DOUBLE', lat: 'DOUBLE' } as const;

export function parametresImport(t: Territoire, cle: Buffer): ParametresImport {
  return { codes: t.communes.map((c) => c.code), nomTerritoire: t.nom, cleHex: cle.toString('hex') };
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

/** The import options of one file of format `id` (throws ErreurFichier for an RPLS file name without millésime). */
export function optionsImport(id: IdFormat, chemin: string, p: ParametresImport): OptionsImport {
  const codes = new Set(p.codes);
  if (id === 'rpls') {
    const millesime = millesimeRpls(chemin);
    // a national RPLS file holds other EPCIs' dwellings: outside the territory, not errors
    const controleRpls = (l: Ligne): Controle => {
      const code = String(l.depcom);
      if (codes.has(code)) return { statut: 'ok' };
      return nomCommuneCog(code) === null
        ? {
            statut: 'rejet',
            colonne: 'depcom',
            valeur: code,
            attendu: 'un code commune du Code officiel géographique',
            detail: 'code inconnu du COG (commune, commune déléguée ou arrondissement)',
          }
        : { statut: 'hors_perimetre' };
    };
    return {
      controler: controleRpls,
      colonneControle: 'depcom',
      transformer: (l) => {
        l.millesime = millesime;
        const xy = versWgs84(l.x as number | null, l.y as number | null, l.epsg as number | null);
        l.lon = xy ? xy[0] : null;
        l.lat = xy ? xy[1] : null;
      },
      colonnesCalculees: Object.keys(COLONNES_CALCULEES_RPLS),
      variante: varianteRpls,
    };
  }
  const rejetHorsTerritoire = (l: Ligne): Controle => {
    const code = String(l.commune);
    if (codes.has(code)) return { statut: 'ok' };
    const nom = nomCommuneCog(code);
    return {
      statut: 'rejet',
      colonne: 'commune',
      valeur: code,
      attendu: `une commune du territoire ${p.nomTerritoire}`,
      detail: nom === null ? 'code inconnu du Code officiel géographique' : `${nom}, hors du territoire`,
    };
  };
  if (id === 'ops') return { controler: rejetHorsTerritoire, colonneControle: 'commune', colonnesCalculees: [] };
  const pseudo = pseudonymiseur(Buffer.from(p.cleHex, 'hex'));
  return {
    controler: rejetHorsTerritoire,
    colonneControle: 'commune',
    transformer: (l) => {
      l.num_unique = pseudo(String(l.num_unique));
    },
    colonnesCalculees: [],
  };
}
