// Build-time access to the yearly bilan of a year: the pages' published figures + the team's inputs.
import { chargerTerritoire } from '../../config/territoire.ts';
import { construireBilan, type BilanAnnuel } from '../../publish/bilan-annuel.ts';
import { lireEntreesEquipe } from '../../publish/bilan-annuel-entrees.ts';
import { donnees, TERRITOIRE } from './donnees.ts';
import { petitsEffectifs } from './verdict.ts';
import { chargerParametresAcd } from '../../model/acd/config-node.ts';

const cache = new Map<number, BilanAnnuel>();

/** Years with a bilan: every year of the published attributions. */
export function anneesBilan(): number[] {
  return donnees().annees;
}

export function bilanDe(annee: number): BilanAnnuel {
  let b = cache.get(annee);
  if (!b) {
    const t = chargerTerritoire(TERRITOIRE);
    const equipe = lireEntreesEquipe(t.dossier, annee);
    b = construireBilan({ d: donnees(), t, annee, ...equipe, petitsEffectifs: petitsEffectifs(), cibleAcdB: chargerParametresAcd().cibleB });
    for (const a of b.avertissements) console.warn(`bilan ${annee} : ${a}`);
    cache.set(annee, b);
  }
  return b;
}
