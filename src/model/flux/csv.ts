// Reading the Annexe 1 CSV (one row per convention × year, spec DATA-FORMATS.md § Reservation
// conventions): `;`-separated, French or dot decimals, UTF-8 (with or without BOM) or Windows-1252.
import { REGLES_ARRONDI } from './arrondi.ts';
import { lireFluxImprime, lirePartImprimee } from './imprime.ts';
import { lireNombre, lireTaux } from './nombres.ts';
import type { ConventionAnnexe1, EntreeModele, Modele, RegleArrondi } from './types.ts';
import { decoderOctets, type Encodage as DecodageEncodage } from '../../ingest/text/decode.ts';

export const EN_TETE = [
  'reservataire',
  'bailleur',
  'annee',
  'modele',
  'E',
  'R',
  'tau',
  'a',
  'b',
  'd',
  'f',
  'g',
  'i',
  'arrondi',
  'part_imprimee',
  'valeur_imprimee',
  'source',
] as const;
export type Colonne = (typeof EN_TETE)[number];

export const SEPARATEUR = ';';

export type Encodage = DecodageEncodage;

export interface ErreurLigne {
  ligne: number;
  colonne?: Colonne;
  valeur?: string;
  attendu: string;
}

export interface LigneLue {
  ligne: number;
  convention: ConventionAnnexe1;
}

export type LectureFichier =
  | { ok: true; encodage: Encodage; conventions: LigneLue[]; erreurs: ErreurLigne[] }
  | { ok: false; erreur: ErreurLigne };

/** Encoding detection is the importers' (src/ingest/text/decode.ts): BOMs, UTF-8, else Windows-1252. */
export function decoder(octets: Uint8Array): { texte: string; encodage: Encodage } {
  const r = decoderOctets(octets);
  // an undecodable file reads as empty text: lireCsvFlux reports why before calling this
  return r.ok ? { texte: r.texte, encodage: r.encodage } : { texte: '', encodage: 'utf-8' };
}

interface Enregistrement {
  ligne: number;
  cellules: string[];
}

/** Splits `;`-separated records (or another separator); double quotes protect `;`, line breaks and doubled quotes. */
export function decouper(texte: string, separateur = SEPARATEUR): { enregistrements: Enregistrement[]; guillemetOuvert: number | null } {
  const enregistrements: Enregistrement[] = [];
  let cellules: string[] = [];
  let cellule = '';
  let entreGuillemets = false;
  let ligne = 1;
  let debut = 1;
  for (let k = 0; k < texte.length; k++) {
    const ch = texte[k];
    if (entreGuillemets) {
      if (ch === '"' && texte[k + 1] === '"') {
        cellule += '"';
        k++;
      } else if (ch === '"') entreGuillemets = false;
      else {
        if (ch === '\n') ligne++;
        cellule += ch;
      }
    } else if (ch === '"' && cellule.trim() === '') {
      cellule = '';
      entreGuillemets = true;
    } else if (ch === separateur) {
      cellules.push(cellule);
      cellule = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && texte[k + 1] === '\n') k++;
      cellules.push(cellule);
      enregistrements.push({ ligne: debut, cellules });
      cellules = [];
      cellule = '';
      ligne++;
      debut = ligne;
    } else cellule += ch;
  }
  if (entreGuillemets) return { enregistrements, guillemetOuvert: debut };
  if (cellule !== '' || cellules.length > 0) {
    cellules.push(cellule);
    enregistrements.push({ ligne: debut, cellules });
  }
  return { enregistrements, guillemetOuvert: null };
}

const estVide = (cellules: string[]): boolean => cellules.every((c) => c.trim() === '');

/** Checks the header; returns the problem in French, or null. */
function verifierEnTete(cellules: string[]): string | null {
  const lues = cellules.map((c) => c.trim());
  if (lues.length === EN_TETE.length && lues.every((c, k) => c === EN_TETE[k])) return null;
  const attendu = `l’en-tête exact (séparateur « ; ») : ${EN_TETE.join(';')}`;
  if (lues.length === 1 && (lues[0] ?? '').includes(',')) {
    return `${attendu} — la ligne lue ne contient aucun « ; » (séparateur « , » ?)`;
  }
  const manquantes = EN_TETE.filter((c) => !lues.includes(c));
  const enTrop = lues.filter((c) => !(EN_TETE as readonly string[]).includes(c));
  const details: string[] = [];
  if (manquantes.length > 0) details.push(`colonne(s) manquante(s) : ${manquantes.join(', ')}`);
  if (enTrop.length > 0) details.push(`colonne(s) inconnue(s) : ${enTrop.map((c) => `« ${c} »`).join(', ')}`);
  if (details.length === 0) details.push('colonnes dans un autre ordre');
  return `${attendu} — ${details.join(' ; ')}`;
}

/** Reads one data row into a convention, or the list of its errors. */
function lireLigne(e: Enregistrement): { convention: ConventionAnnexe1 } | { erreurs: ErreurLigne[] } {
  const erreurs: ErreurLigne[] = [];
  const v = (c: Colonne): string => (e.cellules[EN_TETE.indexOf(c)] ?? '').trim();
  const err = (colonne: Colonne, attendu: string): void => {
    erreurs.push({ ligne: e.ligne, colonne, valeur: v(colonne), attendu });
  };
  const obligatoire = (c: Colonne): string => {
    const x = v(c);
    if (x === '') err(c, 'une valeur non vide');
    return x;
  };
  /** NaN when invalid (already reported): later cross-checks on it are skipped. */
  const entier = (c: Colonne, min: number): number => {
    const n = lireNombre(v(c));
    if (n === null || !Number.isInteger(n.valeur) || n.valeur < min) {
      err(c, `un nombre entier ${min > 0 ? 'strictement positif' : 'positif ou nul'} (ex. « 45 »)`);
      return Number.NaN;
    }
    return n.valeur;
  };
  const decimal = (c: Colonne): number => {
    if (v(c) === '') return 0; // deductions left empty = none
    const n = lireNombre(v(c));
    if (n === null || n.valeur < 0) {
      err(c, 'un nombre positif ou nul, virgule ou point décimal (ex. « 2,5 »), ou une case vide (0)');
      return 0;
    }
    return n.valeur;
  };
  const taux = (c: Colonne): number => {
    const t = lireTaux(v(c));
    if (t === null || t.fraction < 0 || t.fraction > 1) {
      err(c, 'un taux : pourcentage avec % (« 7,9 % ») ou fraction entre 0 et 1 (« 0.079 »)');
      return 0;
    }
    return t.fraction;
  };
  const vides = (colonnes: Colonne[], modele: Modele): void => {
    for (const c of colonnes) if (v(c) !== '') err(c, `une case vide (colonne inutilisée par le modèle ${modele})`);
  };

  if (e.cellules.length !== EN_TETE.length) {
    return {
      erreurs: [
        {
          ligne: e.ligne,
          attendu: `${EN_TETE.length} colonnes séparées par « ; », ${e.cellules.length} trouvée(s) (un « ; » dans un texte doit être entre guillemets)`,
        },
      ],
    };
  }
  const reservataire = obligatoire('reservataire');
  const bailleur = obligatoire('bailleur');
  const anneeTexte = v('annee');
  const annee = Number(anneeTexte);
  if (!/^\d{4}$/.test(anneeTexte) || annee < 1990 || annee > 2100) err('annee', 'une année sur 4 chiffres (ex. « 2025 »)');

  const modeleTexte = v('modele').toUpperCase();
  const modele: Modele | null = modeleTexte === 'HG' ? 'HG' : modeleTexte === 'BDR' ? 'BdR' : null;
  let entree: EntreeModele | null = null;
  if (modele === null) err('modele', '« HG » (modèle Haute-Garonne) ou « BdR » (modèle Bouches-du-Rhône)');
  else if (modele === 'HG') {
    const E = entier('E', 1);
    const R = entier('R', 0);
    const tau = taux('tau');
    if (R > E) err('R', `au plus E = ${E} (logements du réservataire parmi les logements éligibles)`);
    vides(['a', 'b', 'd', 'f', 'g', 'i'], modele);
    entree = { modele, E, R, tau };
  } else {
    const a = entier('a', 0);
    const b = v('b') === '' ? 0 : entier('b', 0);
    if (b > a) err('b', `au plus a = ${a} (logements hors assiette parmi les logements RPLS)`);
    entree = { modele, a, b, d: taux('d'), f: decimal('f'), g: decimal('g'), i: taux('i') };
    vides(['E', 'R', 'tau'], modele);
  }

  const arrondiTexte = v('arrondi').toUpperCase();
  const arrondi = REGLES_ARRONDI.find((r) => r === arrondiTexte);
  if (arrondi === undefined) err('arrondi', '« MIN1 », « PERIOD » ou « NONE »');

  const part = lirePartImprimee(v('part_imprimee'));
  if (!part.ok) err('part_imprimee', part.attendu);
  const flux = lireFluxImprime(v('valeur_imprimee'));
  if (!flux.ok) err('valeur_imprimee', flux.attendu);

  if (erreurs.length > 0 || entree === null || arrondi === undefined) return { erreurs };
  const regle: RegleArrondi = arrondi;
  return {
    convention: {
      reservataire,
      bailleur,
      annee,
      entree,
      arrondi: regle,
      part_imprimee: v('part_imprimee'),
      valeur_imprimee: v('valeur_imprimee'),
      source: v('source'),
    },
  };
}

/** Decodes, checks the header, reads every row; bad rows are reported, the others still read. */
export function lireCsvFlux(octets: Uint8Array): LectureFichier {
  const d = decoderOctets(octets);
  if (!d.ok && d.code !== 'vide') return { ok: false, erreur: { ligne: 1, attendu: `un fichier texte CSV (${d.message})` } };
  const { texte, encodage } = decoder(octets);
  const { enregistrements, guillemetOuvert } = decouper(texte.normalize('NFC'));
  if (guillemetOuvert !== null) {
    return { ok: false, erreur: { ligne: guillemetOuvert, attendu: 'un guillemet fermant (« " » ouvert et jamais refermé)' } };
  }
  const lignes = enregistrements.filter((r) => !estVide(r.cellules));
  const [tete, ...corps] = lignes;
  if (tete === undefined) {
    return { ok: false, erreur: { ligne: 1, attendu: `l’en-tête ${EN_TETE.join(';')} puis au moins une ligne de données (le fichier est vide)` } };
  }
  const probleme = verifierEnTete(tete.cellules);
  if (probleme !== null) return { ok: false, erreur: { ligne: tete.ligne, valeur: tete.cellules.join(';'), attendu: probleme } };
  if (corps.length === 0) {
    return { ok: false, erreur: { ligne: tete.ligne + 1, attendu: 'au moins une ligne de données après l’en-tête' } };
  }
  const conventions: LigneLue[] = [];
  const erreurs: ErreurLigne[] = [];
  for (const e of corps) {
    const r = lireLigne(e);
    if ('convention' in r) conventions.push({ ligne: e.ligne, convention: r.convention });
    else erreurs.push(...r.erreurs);
  }
  return { ok: true, encodage, conventions, erreurs };
}

/** "fichier.csv, ligne 3, colonne 6 (R) : valeur « deux » — attendu : un nombre entier …" */
export function formaterErreur(fichier: string, e: ErreurLigne): string {
  const ou = [fichier, `ligne ${e.ligne}`];
  if (e.colonne !== undefined) ou.push(`colonne ${EN_TETE.indexOf(e.colonne) + 1} (${e.colonne})`);
  const valeur = e.valeur !== undefined ? ` : valeur « ${e.valeur} »` : '';
  return `${ou.join(', ')}${valeur} — attendu : ${e.attendu}`;
}
