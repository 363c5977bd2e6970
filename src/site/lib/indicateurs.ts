// Presentation helpers shared by pages: target status, French values.
import { pourcent, nombre } from '../../lib/format-fr.ts';
import type { Ligne } from '../../model/db.ts';
import { INDICATEURS_ATTRIBUTIONS } from '../../model/indicateurs/attributions.ts';

export function definition(id: string) {
  const d = INDICATEURS_ATTRIBUTIONS.find((x) => x.id === id);
  if (!d) throw new Error(`indicateur inconnu : ${id}`);
  return d;
}

export function cible(id: string, valeur: number | null): { texte: string; atteinte: boolean | null } | undefined {
  const c = definition(id).cible;
  if (!c) return undefined;
  const texte = `${c.sens === '>=' ? '≥' : '≤'} ${pourcent(c.valeur)}`;
  if (valeur === null) return { texte, atteinte: null };
  return { texte, atteinte: c.sens === '>=' ? valeur >= c.valeur : valeur <= c.valeur };
}

export function tauxOuSecret(l: Ligne | null, id: string): string {
  if (!l) return 'aucune attribution';
  if (l.secret === true && l[id] === null) return 'secret statistique';
  return pourcent(typeof l[id] === 'number' ? (l[id] as number) : null);
}

export { pourcent, nombre };
