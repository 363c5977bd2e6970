// Small fixed data for the chart tests (shapes of build/<id>/pages.json after the adapters).
import type { DonneeBarre, DonneeComparaison, DonneePeriode, DonneeRepartition } from '../../../../src/site/charts/index.ts';

export const FINANCEMENT: DonneeBarre[] = [
  { modalite: 'PLAI', valeur: 1234, part: 0.375 },
  { modalite: 'PLUS', valeur: 1900, part: 0.5775 },
  { modalite: 'PLS', valeur: 156, part: 0.0474 },
  { modalite: 'PLI', valeur: null, part: null },
];

export const PRIORITAIRES: DonneePeriode[] = [
  { periode: 2023, valeur: 0.4012 },
  { periode: 2024, valeur: 0.3239 },
  { periode: 2025, valeur: null, secret: true },
];

export const COMPARAISON: DonneeComparaison[] = [
  { indicateur: 'Part des attributions aux publics prioritaires (ACD, indicateur B)', commune: 0.3, epci: 0.3239, cible: { valeur: 0.375, sens: '>=' } },
  { indicateur: 'Attributions hors QPV au 1er quartile', commune: null, communeSecret: true, epci: 0.4007, cible: { valeur: 0.25, sens: '>=' } },
  { indicateur: '1er quartile hors étudiants, sur toutes les attributions hors QPV', commune: 0.12, epci: 0.1005 },
];

export const NIVEAUX = {
  niveau_0: 'Pas de fragilité repérée',
  niveau_1: 'Fragilité potentiellement faible',
  niveau_2: 'Fragilité potentiellement moyenne',
  niveau_3: 'Fragilité potentiellement élevée',
  niveau_4: 'Fragilité potentiellement très élevée',
};

function zone(serie: string, valeurs: (number | null)[]): DonneeRepartition[] {
  return valeurs.map((valeur, k) => ({ serie, modalite: `niveau_${k}`, valeur }));
}

export const FRAGILITE: DonneeRepartition[] = [
  ...zone('Aureville', [7, 11, 2, 2, 0]),
  ...zone('Labège', [null, null, null, null, null]),
  ...zone('Sicoval', [739, 1948, 544, 453, 0]),
];
