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

export const QPV: Record<string, string> = { true: 'En QPV', false: 'Hors QPV' };

/** Labels of a parc dimension's modalities, when they are codes. */
export function libellesDimension(dim: string, communes: { code: string; nom: string }[] = []): Record<string, string> {
  if (dim === 'type_logement') return TYPES_LOGEMENT;
  if (dim === 'en_qpv') return QPV;
  if (dim === 'commune_insee') return Object.fromEntries(communes.map((c) => [c.code, c.nom]));
  return {};
}

export const TITRES_DIMENSIONS: Record<string, string> = {
  financement: "Financement d'origine",
  type_logement: 'Type de logement',
  pieces: 'Nombre de pièces',
  periode_construction: 'Période de construction',
  dpe: 'Étiquette énergie (DPE)',
  pmr: 'Accessibilité (PMR)',
  bailleur: 'Bailleur',
  commune_insee: 'Commune',
  en_qpv: 'Quartier prioritaire (QPV)',
};

/** Reader's name of each published table (quality page, secret audit). */
export const TABLES_PUBLIEES: Record<string, string> = {
  attributions: 'Attributions',
  occupation: 'Occupation du parc (enquête OPS)',
  decisions: 'Décisions des commissions (CALEOL)',
  refus: 'Refus par motif',
  entrees: 'Entrées dans les lieux',
  demande: 'Demandes de logement social',
  demande_delais: 'Délais d’attente des demandes',
};
