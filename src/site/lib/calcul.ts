// "Recompute it by hand": an indicator's numerator and denominator, as written in its
// definition (cube columns joined by + or −), evaluated on one published row.
import type { Ligne } from '../../model/db.ts';
import { nombre, pourcent } from '../../lib/format-fr.ts';

/** Value of "a", "a - b" or "a + b - c" on a row; null when a term is missing or secret. */
export function evaluerExpression(expression: string, l: Ligne | null): number | null {
  if (!l) return null;
  const termes = expression.trim().split(/\s+([+-])\s+/);
  let total = 0;
  let signe = 1;
  for (const [i, t] of termes.entries()) {
    if (i % 2 === 1) {
      signe = t === '-' ? -1 : 1;
      continue;
    }
    const v = l[t];
    if (typeof v !== 'number') return null;
    total += signe * v;
  }
  return total;
}

/** "(396 − 300) / 984 = 9,8 %" and the same with the column names; null when not computable. */
export function calculExemple(numerateur: string, denominateur: string, l: Ligne | null): { texte: string; colonnes: string } | null {
  const n = evaluerExpression(numerateur, l);
  const d = evaluerExpression(denominateur, l);
  if (n === null || d === null || d === 0) return null;
  const compose = (expr: string) => /\s[+-]\s/.test(expr);
  const moins = (expr: string) => expr.replace(/ - /g, ' − ');
  const valeurs = (expr: string) => moins(expr).replace(/\b([a-z_0-9]+)\b/g, (c) => nombre(l![c] as number));
  const terme = (expr: string, f: (e: string) => string) => (compose(expr) ? `(${f(expr)})` : f(expr));
  return {
    texte: `${terme(numerateur, valeurs)} / ${terme(denominateur, valeurs)} = ${pourcent(n / d)}`,
    colonnes: `${terme(numerateur, moins)} / ${terme(denominateur, moins)}`,
  };
}
