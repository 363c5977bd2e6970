// Definitions shown next to the ACD figures (libellé, définition, source, cible).
export interface DefinitionAcd {
  id: 'c1' | 'a2' | 'a3';
  libelle: string;
  definition: string;
  source: string;
  cible: string;
}

export const INDICATEURS_ACD: DefinitionAcd[] = [
  {
    id: 'c1',
    libelle: "Capacité d'accueil des ménages prioritaires (simulateur ACD)",
    definition:
      "Par bailleur, commune et QPV : logements familiaux éligibles (PLAI + PLUS + 10 % des PLS, hors étudiants) × taux de tension de la commune (42,5 % / 37,5 % / 32,5 % / 27,5 % selon la zone, divisé par deux en QPV) × taux de rotation du bailleur (7, 8 ou 9 %), plus les livraisons de l'année × taux de tension. Somme des communes de l'EPCI, arrondie, comparée à l'objectif publié du bailleur.",
    source: "ACD 31 2025-2027, annexe 3 phases 1 à 3 (l.7441-7508) ; §2.2-2.3 (l.6459-6490)",
    cible: "Objectif publié du bailleur pour l'EPCI et l'année (annexe 1)",
  },
  {
    id: 'a2',
    libelle: 'Relogements de ménages prioritaires (ACD, indicateur A)',
    definition:
      "Baux signés pendant l'année par des ménages prioritaires dans le parc du bailleur sur l'EPCI, quel que soit le rang du candidat en CALEOL (un candidat classé deuxième qui signe après le refus du premier est compté), datés par la signature du bail, hors logements dédiés aux étudiants (périmètre de l'accord), rapportés à l'objectif du bailleur ; aussi en cumul sur la période 2025-2027. Le même compte de baux sert au bilan des conventions de réservation.",
    source: 'ACD 31 2025-2027, évaluation des objectifs (l.6549-6571) ; objectifs annexe 1 (l.6510-6540) ; CIA Sicoval l.5144-5159',
    cible: "A ≥ objectif du bailleur pour l'année",
  },
  {
    id: 'a3',
    libelle: 'Objectif ACD atteint',
    definition:
      "L'objectif du bailleur est atteint si l'indicateur A est atteint (entrées dans les lieux de ménages prioritaires ≥ objectif) ou si l'indicateur B l'est (part des attributions aux ménages prioritaires ≥ 37,5 %).",
    source: 'ACD 31 2025-2027 (l.6571, 6654)',
    cible: 'A atteint ou B ≥ 37,5 %',
  },
];
