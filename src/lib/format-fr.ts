// French number formatting, shared by build-time pages and browser code.
// Intl's fr-FR output uses narrow no-break spaces (U+202F): keeps "37,5 %" on one line.

const cache = new Map<string, Intl.NumberFormat>();
function fmt(min: number, max: number): Intl.NumberFormat {
  const key = `${min}:${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat('fr-FR', { minimumFractionDigits: min, maximumFractionDigits: max });
    cache.set(key, f);
  }
  return f;
}

/** 1234.5 → "1 234,5"; null → "—". */
export function nombre(n: number | null | undefined, decimales = 0): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  return fmt(decimales, decimales).format(n);
}

/** Fraction → percentage: 0.375 → "37,5 %"; null → "—". */
export function pourcent(fraction: number | null | undefined, decimales = 1): string {
  if (fraction === null || fraction === undefined || !Number.isFinite(fraction)) return '—';
  return `${fmt(decimales, decimales).format(fraction * 100)}\u202f%`;
}

/** Seconds with one decimal, for build logs: 1.234 → "1,2 s". */
export function duree(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${fmt(1, 1).format(ms / 1000)} s`;
}

/** Bytes in French units: 1536 → "1,5 Ko". */
export function octets(n: number): string {
  if (n < 1024) return `${n} o`;
  const unites = ['Ko', 'Mo', 'Go'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < unites.length - 1) {
    v /= 1024;
    i++;
  }
  return `${fmt(1, 1).format(v)} ${unites[i]}`;
}

/** ISO date → "10/12/2025". */
export function date(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : iso;
}

const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];

/** ISO date → "31 mars 2026" ("1er" for the first day, as written in French). */
export function dateLongue(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const j = Number(m[3]);
  return `${j === 1 ? '1er' : j} ${MOIS[Number(m[2]) - 1]} ${m[1]}`;
}

/** "2025-12" (or an ISO date) → "décembre 2025". */
export function moisLong(iso: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(iso);
  return m ? `${MOIS[Number(m[2]) - 1]} ${m[1]}` : iso;
}

/** Value for a CSV cell read by a French Excel: decimal comma, no thousands separator. */
export function nombreCsv(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '';
  return String(n).replace('.', ',');
}
