// French labels of the published modalities.
export const TYPES_LOGEMENT: Record<string, string> = {
  collectif: 'Logements collectifs',
  individuel: 'Logements individuels',
  etudiant: 'Logements étudiants',
};

export const CONTINGENTS: Record<string, string> = {
  etat_prioritaires: 'État (publics prioritaires)',
  etat_fonctionnaires: 'État (fonctionnaires)',
  commune: 'Commune',
  epci: 'EPCI',
  departement: 'Département',
  action_logement: 'Action Logement',
  non_reserve: 'Non réservé (bailleur)',
  autre: 'Autre réservataire',
};
