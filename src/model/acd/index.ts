// ACD: capacity simulator (C1), evaluation of objectives (A2, A3), DALO share, reconciliation, the 31 March freeze.
export { lireParametresAcd, sqlArrondi, arrondir, FINANCEMENTS, type ParametresAcd, type Financement, type NiveauArrondi, type ModeArrondi } from './parametres.ts';
export { requeteCapaciteAcd, requeteCapaciteAcdBailleurs, requeteCapaciteAcdTotal, type Livraison, type OptionsCapacite } from './capacite.ts';
export { requeteEvaluationAcd, requeteEvaluationAcdCumul, type OptionsEvaluation } from './evaluation.ts';
export { daloGlobal, partDalo, objectifDalo, type ObjectifDalo } from './dalo.ts';
export { rapprocherObjectifs, requeteRapprochementObjectifs, type ObjectifBailleur, type TotalPublie, type Rapprochement } from './rapprochement.ts';
export { INDICATEURS_ACD, type DefinitionAcd } from './definitions.ts';
export { arreteAcd, phraseArrete, type ArreteAnnee } from './arrete.ts';
