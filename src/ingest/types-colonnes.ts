// Cell parsers for the column types used in data/config/formats/*-colonnes.csv.
// Each returns the normalised value or, in French, what was expected.

export type ValeurCellule = string | number | boolean | null;
export type Resultat = { ok: true; valeur: ValeurCellule } | { ok: false; attendu: string };

const ok = (valeur: ValeurCellule): Resultat => ({ ok: true, valeur });
const ko = (attendu: string): Resultat => ({ ok: false, attendu });

/** "1 234,5" / "1234.5" / "7,9%" → number (percent kept as written: 7.9). */
export function nombreFrancais(brut: string): number | null {
  const s = brut.replace(/[\s\u00a0\u202f]/g, '').replace(/%$/, '');
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return null;
  return Number(s.replace(',', '.'));
}

function date(brut: string): Resultat {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(brut) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(brut);
  if (!m) return ko('une date jj/mm/aaaa');
  const [j, mo, a] = brut.includes('/') ? [+m[1]!, +m[2]!, +m[3]!] : [+m[3]!, +m[2]!, +m[1]!];
  if (a === 2999 && mo === 12 && j === 31) return ok(null); // open-ended in bailleurs' exports
  const d = new Date(Date.UTC(a, mo - 1, j));
  if (a < 1850 || a > 2100 || d.getUTCMonth() !== mo - 1 || d.getUTCDate() !== j) return ko('une date réelle jj/mm/aaaa');
  return ok(d.toISOString().slice(0, 10));
}

function mois(brut: string): Resultat {
  const m = /^(\d{1,2})\/(\d{4})$/.exec(brut);
  if (!m) return ko('un mois mm/aaaa');
  const mo = +m[1]!;
  const a = +m[2]!;
  if (mo < 1 || mo > 12 || a < 1850 || a > 2100) return ko('un mois réel mm/aaaa');
  return ok(`${a}-${String(mo).padStart(2, '0')}-01`);
}

const VRAI = new Set(['oui', 'o', '1', 'vrai', 'true', 'yes', 'y', 'x']);
const FAUX = new Set(['non', 'n', '0', 'faux', 'false', 'no']);

/** Parses one cell (already trimmed, non-empty) according to its declared type. */
export function lireCellule(type: string, brut: string): Resultat {
  const [nom, arg] = type.split(/:(.*)/s, 2) as [string, string | undefined];
  switch (nom) {
    case 'texte':
      return ok(brut);
    case 'identifiant':
      // identifiers keep their leading zeros; Excel's scientific notation is refused
      return /^[0-9A-Za-z_-]+$/.test(brut) ? ok(brut) : ko('un identifiant (chiffres et lettres, zéros initiaux conservés)');
    case 'code_insee': {
      if (/^\d{4}$/.test(brut)) return ok(`0${brut}`); // leading zero lost by a spreadsheet
      return /^(\d{5}|2[AB]\d{3})$/.test(brut) ? ok(brut.toUpperCase()) : ko('un code INSEE de commune à 5 caractères');
    }
    case 'entier': {
      const n = nombreFrancais(brut);
      if (n === null || !Number.isInteger(n)) return ko(arg ? `un nombre entier entre ${arg.replace('-', ' et ')}` : 'un nombre entier');
      if (arg) {
        const [min, max] = arg.split('-').map(Number) as [number, number];
        if (n < min || n > max) return ko(`un nombre entier entre ${min} et ${max}`);
      }
      return ok(n);
    }
    case 'decimal': {
      const n = nombreFrancais(brut);
      return n === null ? ko('un nombre (virgule décimale acceptée)') : ok(n);
    }
    case 'annee': {
      const n = Number(brut);
      return /^\d{4}$/.test(brut) && n >= 1800 && n <= 2100 ? ok(n) : ko('une année sur 4 chiffres');
    }
    case 'date':
      return date(brut);
    case 'mois':
      return mois(brut);
    case 'booleen': {
      const v = brut.toLowerCase();
      if (VRAI.has(v)) return ok(true);
      if (FAUX.has(v)) return ok(false);
      return ko('oui ou non');
    }
    case 'code': {
      const codes = (arg ?? '').split('|');
      const trouve = codes.find((c) => c.toLowerCase() === brut.toLowerCase());
      return trouve !== undefined ? ok(trouve) : ko(`une des valeurs ${codes.join(', ')}`);
    }
    case 'classe_ressources': {
      // OPS resources vs the PLUS ceiling: a class or a percentage; normalised to the class's lower bound
      const classes: Record<string, number> = { '<20': 0, '20-40': 20, '40-60': 40, '60-100': 60, '>100': 100 };
      const c = brut.replace(/\s|%/g, '');
      if (c in classes) return ok(classes[c]!);
      const n = nombreFrancais(brut);
      if (n !== null && n >= 0 && n < 1000) return ok(n < 20 ? 0 : n < 40 ? 20 : n < 60 ? 40 : n < 100 ? 60 : 100);
      return ko('une classe <20, 20-40, 40-60, 60-100, >100 ou un pourcentage');
    }
    default:
      throw new Error(`type de colonne inconnu dans la configuration : ${type}`);
  }
}
