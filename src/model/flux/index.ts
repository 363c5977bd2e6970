// Reservation flux (indicators R2-R5, FLUX.md): public entry point.
export type * from './types.ts';
export { appliquerRegle, arrondiMin1, periodeAnnees, DECIMALES_PERIODE, REGLES_ARRONDI } from './arrondi.ts';
export { calculerBilan, objectifAnnuel } from './bilan.ts';
export type { BilanAnneeEntree, BilanAnneeSortie, MesureAtteinte, ModeReport, OptionsBilan } from './bilan.ts';
export { evaluerConvention, PART_PRIORITAIRES } from './convention.ts';
export type { OptionsConvention } from './convention.ts';
export { decoder, decouper, EN_TETE, formaterErreur, lireCsvFlux } from './csv.ts';
export type { Colonne, Encodage, ErreurLigne, LectureFichier, LigneLue } from './csv.ts';
export {
  dansPrecision,
  drapeauCountMismatch,
  drapeauDurationMismatch,
  drapeauFluxMismatch,
  drapeauFluxMissing,
  drapeauPctUnit,
  drapeauRateMismatch,
  tolerance,
} from './drapeaux.ts';
export { resumerEtatDesLieux } from './etat-des-lieux.ts';
export type { LigneEtatDesLieux } from './etat-des-lieux.ts';
export { estVide, lireFluxImprime, lirePartImprimee } from './imprime.ts';
export type { Lecture } from './imprime.ts';
export { calculerBdR } from './modele-bdr.ts';
export { ANNEES_SANS_DEDUCTIONS_HG, calculerHG } from './modele-hg.ts';
export type { OptionsHG } from './modele-hg.ts';
export { arrondiDemiLoin, formatNombre, formatNombreCourt, formatPourcent, lireNombre, lireTaux, nettoyer } from './nombres.ts';
export { libelleContractuel, tableau, versJson } from './sortie.ts';
export type { LigneJson, ResultatLigne } from './sortie.ts';
