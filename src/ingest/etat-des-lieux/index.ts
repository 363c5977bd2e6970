export { lireEtatDesLieux, analyserOctetsEtatDesLieux, analyserTexteEtatDesLieux, analyserFeuilles } from './parse.ts';
export type { OptionsEtatDesLieux, FeuilleSource, LigneSource } from './parse.ts';
export { chargerConfig, DOSSIER_FORMATS_DEFAUT } from './config.ts';
export type { ConfigEtatDesLieux } from './config.ts';
export { ResolveurCommunes, resolveurCommunes } from './communes.ts';
export { ErreurEtatDesLieux, CATEGORIES_RESERVATAIRE } from './types.ts';
export type {
  CategorieReservataire,
  LogementEtatDesLieux,
  Rejet,
  ResultatEtatDesLieux,
  Statistiques,
  TableauDetecte,
} from './types.ts';
export { formaterResultat } from './affichage.ts';
