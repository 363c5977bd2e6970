// The counts of the CALEOL decisions table (A9 proposals, refusals), defined once like the
// attributions cube's (comptes.ts): each is a number of rows of `attributions_modele` meeting a
// condition over the rules' flags. The table (src/publish/cubes.ts), the indicator SQL
// (src/model/indicateurs/decisions.ts), the secret's inclusions (src/confidentialite/cellules-publiees.ts)
// and the downloads dictionary are derived from here.
//
// A proposal is a candidate examined for a dwelling when the decision is an attribution, ranked or
// not (est_proposition); a refusal is an applicant's refusal of an attribution (est_attribution).

export interface CompteDecision {
  id: string;
  /** SQL condition over the flags of attributions_modele */
  condition: string;
  /** a count this one is part of (its condition implies the other's): an equation of the secret */
  dans?: string;
  /** the downloads dictionary's sentence */
  description: string;
}

export const COMPTES_DECISIONS: readonly CompteDecision[] = [
  { id: 'propositions', condition: 'est_proposition', description: 'Candidatures examinées par la CALEOL.' },
  { id: 'propositions_prioritaires', condition: 'est_proposition AND prioritaire', dans: 'propositions', description: 'Dont candidatures de ménages prioritaires.' },
  { id: 'propositions_dalo', condition: 'est_proposition AND dalo', dans: 'propositions_prioritaires', description: 'Dont candidatures de ménages DALO.' },
  { id: 'propositions_q1', condition: 'est_proposition AND q1', dans: 'propositions', description: 'Dont candidatures de ménages du 1er quartile.' },
  {
    id: 'propositions_q1_inconnu',
    condition: 'est_proposition AND q1 IS NULL',
    dans: 'propositions',
    description: 'Dont candidatures non classées au regard du 1er quartile (seuil de l’année non renseigné ou ressources inconnues).',
  },
  { id: 'propositions_mutations', condition: 'est_proposition AND mutation', dans: 'propositions', description: 'Dont candidatures de demandeurs de mutation.' },
  { id: 'non_attributions', condition: 'NOT est_proposition', description: 'Dont décisions de non-attribution.' },
  { id: 'refus', condition: 'est_attribution AND refus', dans: 'propositions', description: 'Attributions refusées par le ménage.' },
  { id: 'refus_prioritaires', condition: 'est_attribution AND refus AND prioritaire', dans: 'refus', description: 'Dont refus de ménages prioritaires.' },
  { id: 'refus_q1', condition: 'est_attribution AND refus AND q1', dans: 'refus', description: 'Dont refus de ménages du 1er quartile.' },
];
