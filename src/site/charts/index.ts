// Chart registry: one pure module per kind, all `(donnees, options) → ResultatGraphique`.
// Browser-safe (no linkedom): at build time pass `document: documentServeur()` (./serveur.ts).
import { barresHorizontales, type DonneeBarre, type OptionsBarres } from './barres-horizontales.ts';
import { evolutionAvecCible, type DonneePeriode, type OptionsEvolution } from './evolution-avec-cible.ts';
import { comparaisonCommuneEpci, type DonneeComparaison, type OptionsComparaison } from './comparaison-commune-epci.ts';
import { repartitionEmpilee, type DonneeRepartition, type OptionsRepartition } from './repartition-empilee.ts';
import type { ResultatGraphique } from './types.ts';

export interface DonneesGraphique {
  barresHorizontales: DonneeBarre[];
  evolutionAvecCible: DonneePeriode[];
  comparaisonCommuneEpci: DonneeComparaison[];
  repartitionEmpilee: DonneeRepartition[];
}

export interface OptionsGraphique {
  barresHorizontales: OptionsBarres;
  evolutionAvecCible: OptionsEvolution;
  comparaisonCommuneEpci: OptionsComparaison;
  repartitionEmpilee: OptionsRepartition;
}

export type TypeGraphique = keyof DonneesGraphique;

export const GRAPHIQUES: { [T in TypeGraphique]: (d: DonneesGraphique[T], o: OptionsGraphique[T]) => ResultatGraphique } = {
  barresHorizontales,
  evolutionAvecCible,
  comparaisonCommuneEpci,
  repartitionEmpilee,
};

export function estTypeGraphique(t: string): t is TypeGraphique {
  return Object.hasOwn(GRAPHIQUES, t);
}

export function rendreGraphique<T extends TypeGraphique>(type: T, donnees: DonneesGraphique[T], options: OptionsGraphique[T]): ResultatGraphique {
  const f = GRAPHIQUES[type] as (d: DonneesGraphique[T], o: OptionsGraphique[T]) => ResultatGraphique;
  return f(donnees, options);
}

export { barresHorizontales, evolutionAvecCible, comparaisonCommuneEpci, repartitionEmpilee };
export type { DonneeBarre, OptionsBarres, DonneePeriode, OptionsEvolution, DonneeComparaison, OptionsComparaison, DonneeRepartition, OptionsRepartition };
export type { ResultatGraphique, Tableau, Cible, Unite, OptionsCommunes, EtatGraphique } from './types.ts';
