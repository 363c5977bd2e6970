// Cell parsers for the column types used in data/config/formats/*-colonnes.csv.
// Value rules (French numbers, percentages, dates, booleans) exist once, in
// ./text/values.ts: this module only maps a column type onto them and words
// what was expected. Each parser returns the normalised value or, in French,
// what was expected (`attendu`) and, when useful, why (`detail`, which never
// repeats the value itself: the value may be personal).
import { lireBooleen, lireDate, lireNombre, lirePourcentage, type ErreurValeur } from './text/values.ts';
import { communeDeArrondissement } from './communes.ts';
import { chargerVocabulaire } from './categories.ts';

export type ValeurCellule = string | number | boolean | null;
export type Resultat = { ok: true; valeur: ValeurCellule } | { ok: false; attendu: string; detail?: string };

/** A cell that cannot be read: what was expected and, when useful, why. */
export class Echec {
  attendu: string;
  detail: string | undefined;
  /** The value is readable but impossible (a negative rent, surface or resource): the row is rejected even in an optional column. */
  bloquant: boolean;
  constructor(attendu: string, detail?: string, bloquant = false) {
    this.attendu = attendu;
    this.detail = detail || undefined;
    this.bloquant = bloquant;
  }
}
/** The normalised value, or why not (no wrapping object per cell: millions of cells). */
export type Lu = ValeurCellule | Echec;

const ok = (valeur: ValeurCellule): Lu => valeur;
/** DuckDB's INTEGER (the cleaned column's type): a bigger number would fail the load with the whole row in the message. */
const INT32 = [-(2 ** 31), 2 ** 31 - 1] as const;
/** Beyond this, a decimal is absurd in any export (and would overflow DuckDB's DECIMAL(18, 2) in the model). */
export const DECIMAL_MAX = 1e12;
const ko = (attendu: string, detail?: string): Lu => new Echec(attendu, detail);

function resultat(v: Lu): Resultat {
  if (!(v instanceof Echec)) return { ok: true, valeur: v };
  return v.detail ? { ok: false, attendu: v.attendu, detail: v.detail } : { ok: false, attendu: v.attendu };
}

/** Year bounds of a real date in an export (31/12/2999 and later = open-ended, read as empty). */
export const ANNEE_DATE_MIN = 1850;
export const ANNEE_DATE_MAX = 2100;

/** The explanation of values.ts without the leading « value » (the value may be personal). */
function sansValeur(e: ErreurValeur): string {
  return e.message.replace(/^« [^]*? » :\s*/u, '');
}

/** Why a number was refused, for the cases a spreadsheet produces. */
function detailNombre(brut: string, e: ErreurValeur): string | undefined {
  const s = brut.replace(/\s/g, '');
  if (/^[-+]?\d+([.,]\d+)?e[-+]?\d+$/i.test(s)) return 'notation scientifique (tableur) : écrivez le nombre en chiffres';
  if ((s.match(/,/g) ?? []).length > 1 && !s.includes('.')) return 'plusieurs virgules : une seule virgule décimale est admise';
  if (/%$/.test(s)) return 'pourcentage dans une colonne de nombres';
  if (e.code === 'hors-bornes') return sansValeur(e);
  return undefined;
}

/** "1 234,5" / "1234.5" / "1.234,5" → number; null if not a number (rules: text/values.ts). */
export function nombreFrancais(brut: string): number | null {
  const r = lireNombre(brut);
  return r.ok ? r.valeur : null;
}

function entier(brut: string, arg: string | undefined): Lu {
  const [min, max] = arg ? (arg.split('-').map(Number) as [number, number]) : INT32;
  const attendu = arg ? `un nombre entier entre ${min} et ${max}` : 'un nombre entier';
  const r = lireNombre(brut, { entier: true, min, max });
  if (r.ok) return ok(r.valeur);
  const n = lireNombre(brut);
  if (n.ok && !Number.isInteger(n.valeur)) return ko(attendu, 'nombre décimal dans une colonne de nombres entiers');
  return ko(attendu, detailNombre(brut, r.erreur));
}

/** jj/mm/aaaa (also mm/aaaa → first of the month, aaaa-mm-jj) → ISO date; 31/12/2999 → empty (open-ended). */
function date(brut: string, mois: boolean): Lu {
  const attendu = mois ? 'un mois mm/aaaa' : 'une date jj/mm/aaaa';
  const attenduReel = mois ? 'un mois réel mm/aaaa' : 'une date réelle jj/mm/aaaa';
  const r = lireDate(brut);
  if (!r.ok) {
    if (r.erreur.code === 'format') return ko(attendu, /année sur 2 chiffres/.test(r.erreur.message) ? 'année sur 2 chiffres ambiguë' : undefined);
    return ko(attenduReel, sansValeur(r.erreur));
  }
  const d = r.valeur;
  if (d.ouverte || d.iso === null) return ok(null);
  const annee = Number(d.iso.slice(0, 4));
  if (annee < ANNEE_DATE_MIN || annee > ANNEE_DATE_MAX) {
    return ko(attenduReel, `année ${annee} invraisemblable (entre ${ANNEE_DATE_MIN} et ${ANNEE_DATE_MAX}, ou 31/12/2999 pour « sans fin »)`);
  }
  return ok(d.precision === 'mois' ? `${d.iso}-01` : d.iso);
}

/** `decimal:MIN-MAX`, either bound may be left out (`decimal:0-`: not negative). */
function bornesDecimal(arg: string | undefined): [number, number] {
  const m = /^(-?[\d.]*)-(-?[\d.]*)$/.exec(arg ?? '');
  const min = m && m[1] !== '' ? Number(m[1]) : -DECIMAL_MAX;
  const max = m && m[2] !== '' ? Number(m[2]) : DECIMAL_MAX;
  return [Math.max(min, -DECIMAL_MAX), Math.min(max, DECIMAL_MAX)];
}

function decimal(brut: string, min: number, max: number): Lu {
  let v: number | null = null;
  if (/^-?\d{1,15}$/.test(brut)) v = Number(brut);
  else if (/^-?\d{1,15},\d{1,15}$/.test(brut)) v = Number(brut.replace(',', '.'));
  else {
    const r = lireNombre(brut);
    if (!r.ok) return ko('un nombre (virgule décimale acceptée)', detailNombre(brut, r.erreur));
    v = r.valeur;
  }
  if (v < min || v > max) {
    const attendu = min === 0 && max === DECIMAL_MAX ? 'un nombre positif ou nul' : `un nombre entre ${min} et ${max}`;
    // a readable but impossible amount (negative rent, absurd resources) says the row is wrong, not the cell
    return new Echec(attendu, v < 0 ? 'nombre négatif' : 'nombre démesuré', true);
  }
  return ok(v);
}

const compiles = new Map<string, (brut: string) => Lu>();

/** Parses one cell (already trimmed, non-empty) according to its declared type. */
export function lireCellule(type: string, brut: string): Resultat {
  let f = compiles.get(type);
  if (!f) {
    f = compilerType(type);
    compiles.set(type, f);
  }
  return resultat(f(brut));
}

/** Types whose cells repeat (codes, dates, booleans…): their parse is memoised per column. */
const MEMOISES = new Set(['code_insee', 'annee', 'date', 'mois', 'booleen', 'code', 'classe_ressources', 'pourcentage']);
/** Distinct values memoised per column; beyond, cells are parsed each time (memory stays bounded). */
const TAILLE_MEMO = 4096;

/**
 * The parser of one column type (checked once: an unknown type fails when the format is loaded).
 * Parsing is a pure function of the cell, so a column of repeated values (a national file has
 * millions of « 31/12/2023 » or « oui ») reuses the same result: never mutate an Echec.
 */
export function compilerType(type: string): (brut: string) => Lu {
  const [nom, arg] = type.split(/:(.*)/s, 2) as [string, string | undefined];
  const codes = nom === 'code' ? (arg ?? '').split('|') : [];
  const codesMin = new Map(codes.map((c) => [c.toLowerCase(), c]));
  const bornes = nom === 'entier' && arg ? arg : undefined;
  if (nom === 'categorie') {
    // free text mapped onto the closed list of its vocabulary (src/ingest/categories.ts)
    const v = chargerVocabulaire(arg ?? '');
    return (brut) => v.classer(brut).categorie;
  }
  if (nom === 'decimal') {
    const [min, max] = bornesDecimal(arg);
    return (brut) => decimal(brut, min, max);
  }
  if (!['texte', 'identifiant', 'code_insee', 'entier', 'decimal', 'pourcentage', 'annee', 'date', 'mois', 'booleen', 'code', 'classe_ressources'].includes(nom)) {
    throw new Error(`type de colonne inconnu dans la configuration : ${type}`);
  }
  if (nom === 'texte') return ok; // the hottest type: no dispatch
  if (nom === 'entier') {
    const [min, max] = bornes ? (bornes.split('-').map(Number) as [number, number]) : INT32;
    return (brut) => {
      // fast path for plain integers, the bulk of an RPLS file (same rule as lireSelonType)
      if (brut.length <= 9 && CHIFFRES.test(brut)) {
        const n = Number(brut);
        if (n >= min && n <= max) return ok(n);
      }
      return lireSelonType(nom, bornes, codes, codesMin, brut);
    };
  }
  if (!MEMOISES.has(nom)) return (brut) => lireSelonType(nom, bornes, codes, codesMin, brut);
  const memo = new Map<string, Lu>();
  return (brut) => {
    const connu = memo.get(brut); // never undefined once stored (null is a value: 31/12/2999)
    if (connu !== undefined) return connu;
    const r = lireSelonType(nom, bornes, codes, codesMin, brut);
    if (memo.size < TAILLE_MEMO) memo.set(brut, r);
    return r;
  };
}
const CHIFFRES = /^\d+$/;

function lireSelonType(nom: string, arg: string | undefined, codes: string[], codesMin: Map<string, string>, brut: string): Lu {
  switch (nom) {
    case 'texte':
      return ok(brut);
    case 'identifiant':
      // identifiers keep their leading zeros; Excel's scientific notation is refused
      if (/^[0-9A-Za-z_-]+$/.test(brut)) return ok(brut);
      return ko(
        'un identifiant (chiffres et lettres, zéros initiaux conservés)',
        /^\d+([.,]\d+)?E\+?\d+$/i.test(brut) ? 'notation scientifique d’un tableur : chiffres et zéros initiaux perdus, réexportez la colonne au format texte' : undefined,
      );
    case 'code_insee': {
      let code = brut.toUpperCase();
      if (/^\d{4}$/.test(code)) code = `0${code}`; // leading zero lost by a spreadsheet
      if (!/^(\d{5}|2[AB]\d{3})$/.test(code)) return ko('un code INSEE de commune à 5 caractères');
      // Paris, Lyon and Marseille coded by arrondissement → the commune
      return ok(communeDeArrondissement(code) ?? code);
    }
    case 'entier': {
      // fast path for plain integers, the bulk of an RPLS file
      if (/^\d{1,9}$/.test(brut)) {
        const n = Number(brut);
        if (!arg) return ok(n);
        const [min, max] = arg.split('-').map(Number) as [number, number];
        if (n >= min && n <= max) return ok(n);
      }
      return entier(brut, arg);
    }
    case 'decimal': {
      const [min, max] = bornesDecimal(arg);
      return decimal(brut, min, max);
    }
    case 'pourcentage': {
      // stored in points as written: "7,9%", "7,9 %" and "7,9" → 7.9
      const r = lirePourcentage(brut, { sansSigne: 'pourcentage', max: 10 });
      return r.ok ? ok(Number((r.valeur * 100).toPrecision(12))) : ko('un pourcentage (ex. 7,9 %)', detailNombre(brut.replace(/\s*%$/, ''), r.erreur));
    }
    case 'annee': {
      const n = Number(brut);
      return /^\d{4}$/.test(brut) && n >= 1800 && n <= ANNEE_DATE_MAX ? ok(n) : ko('une année sur 4 chiffres');
    }
    case 'date':
      return date(brut, false);
    case 'mois':
      return date(brut, true);
    case 'booleen': {
      const r = lireBooleen(brut);
      return r.ok ? ok(r.valeur) : ko('oui ou non');
    }
    case 'code': {
      const trouve = codesMin.get(brut.toLowerCase());
      return trouve !== undefined ? ok(trouve) : ko(`une des valeurs ${codes.join(', ')}`);
    }
    case 'classe_ressources': {
      // OPS resources vs the PLUS ceiling: a class or a percentage; normalised to the class's lower bound
      const classes: Record<string, number> = { '<20': 0, '20-40': 20, '40-60': 40, '60-100': 60, '>100': 100 };
      const c = brut.replace(/\s|%/g, '');
      if (c in classes) return ok(classes[c]!);
      const r = lirePourcentage(brut, { sansSigne: 'pourcentage', max: 10 });
      if (r.ok) {
        const n = Number((r.valeur * 100).toPrecision(12));
        return ok(n < 20 ? 0 : n < 40 ? 20 : n < 60 ? 40 : n < 100 ? 60 : 100);
      }
      return ko('une classe <20, 20-40, 40-60, 60-100, >100 ou un pourcentage');
    }
    default:
      throw new Error(`type de colonne inconnu dans la configuration : ${nom}`);
  }
}
