// The indicator catalogue (docs/indicateurs.md): counts, indicators, where targets apply.
export { COMPTES, COMPTES_PAR_ID, compte, type Base, type Compte } from './comptes.ts';
export { COMPTES_DECISIONS, type CompteDecision } from './comptes-decisions.ts';
export { CATALOGUE, TOUS, A4, ACD_A, indicateur, termes, sqlTaux, verifierCatalogue, type IndicateurCatalogue, type NiveauCible } from './indicateurs.ts';
export { cibleApplicable, decider, type ObjectifChiffre, type NiveauPage, type Decision, type RaisonSansVerdict } from './cibles.ts';
