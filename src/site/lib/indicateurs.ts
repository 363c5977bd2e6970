// Presentation helpers shared by pages: target status, French values.
import { pourcent, nombre } from '../../lib/format-fr.ts';
import type { Ligne } from '../../model/db.ts';
import { INDICATEURS_ATTRIBUTIONS } from '../../model/indicateurs/attributions.ts';
import { donnees } from './donnees.ts';

export function definition(id: string) {
  const d = INDICATEURS_ATTRIBUTIONS.find((x) => x.id === id);
  if (!d) throw new Error(`indicateur inconnu : ${id}`);
  return d;
}

/** The territory's target for an indicator (objectifs_cia.csv), if any. */
export function objectif(id: string) {
  return donnees().objectifs[id];
}

export function cible(id: string, valeur: number | null): { texte: string; atteinte: boolean | null } | undefined {
  const o = objectif(id);
  const c = o ? { valeur: o.cible, sens: o.sens } : undefined;
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

/** Chart target line of an indicator on this territory (undefined when none is set). */
export function cibleGraphique(id: string): { valeur: number; sens: '>=' | '<=' } | undefined {
  const o = objectif(id);
  return o ? { valeur: o.cible, sens: o.sens } : undefined;
}

/** Indicator definitions carrying this territory's targets. */
export function avecCibles(ids: string[]) {
  return ids.map((id) => ({ ...definition(id), cible: cibleGraphique(id) }));
}

/** Source of the target in force (the territory's CIA line), else the definition's legal source. */
export function sourceObjectif(id: string): string {
  return objectif(id)?.source ?? definition(id).source;
}
