// Published demand cubes (D1, D2, D4): counts of demands per year × place ×
// profile; the statistical secret (fewer than 11 demands, and every cell that would
// give one away) is applied with the other tables (src/confidentialite/secret-publication.ts). No id, no individual date, no resources leave here:
// only counts and, per cell of at least 11 satisfied demands, a mean wait.
import type { Territoire } from '../config/territoire.ts';
import type { Db } from '../model/db.ts';
import { sqlDemandesActives, sqlDemandesAttribuees, sqlDemandesModele, TRANCHES_ATTENTE } from '../model/regles/demandes.sql.ts';
import { colonnesGeo, ensemblesGroupes } from './cubes.ts';
import type { DescriptionTable } from './telechargements.ts';

/** D1 (prioritaire) and D2 profile variables: column of demandes_modele → published variable. */
export const VARIABLES_DEMANDE = {
  prioritaire: "CASE WHEN prioritaire THEN 'oui' ELSE 'non' END",
  mutation: "CASE WHEN mutation THEN 'oui' ELSE 'non' END",
  age_classe: 'age_classe',
  composition: 'composition',
  taille_menage: 'taille_menage',
  situation: 'situation',
  origine: 'origine',
  typologie: 'typologie',
  motif: 'motif',
} as const;
export type VariableDemande = keyof typeof VARIABLES_DEMANDE;


export const TABLES_DEMANDE: Record<string, string> = {
  demande: 'annee, variable, niveau, code, modalite',
  demande_delais: 'annee, niveau, code, tranche',
};

const GEO_DEMANDE = {
  niveau: 'Niveau géographique : « epci », « territoire » (territoire d’équilibre) ou « commune » (commune demandée en premier choix).',
  code: 'Code de la zone : SIREN de l’EPCI, numéro du territoire d’équilibre ou code INSEE de la commune.',
  parent: 'Code de la zone englobante ; vide pour l’EPCI.',
  secret: 'oui si la case est couverte par le secret statistique (moins de 11 demandes, ou case qui permettrait de la recalculer : valeurs laissées vides), non sinon.',
};

/** Data dictionary of the demand tables (downloads page), with the other tables' in telechargements.ts. */
export const DICTIONNAIRE_DEMANDE: Record<string, DescriptionTable> = {
  demande: {
    description: 'Demandes de logement social actives au 31 décembre (indicateurs D1, D2) par caractéristique du ménage, par année et zone ; « * » = toutes les modalités.',
    colonnes: {
      annee: 'Année d’observation (stock au 31 décembre, ou à la date de l’extraction pour l’année en cours).',
      variable: 'Caractéristique décrite : prioritaire, mutation, classe d’âge, composition, taille du ménage, situation professionnelle, logement actuel, taille demandée, motif.',
      ...GEO_DEMANDE,
      modalite: 'Modalité de la caractéristique ; « * » = toutes (total des demandes actives).',
      demandeurs: 'Nombre de demandes actives.',
    },
  },
  demande_delais: {
    description: 'Demandes radiées pour attribution dans l’année (indicateur D4) par ancienneté de la demande, avec le délai moyen d’attente ; « * » = toutes.',
    colonnes: {
      annee: 'Année de l’attribution.',
      ...GEO_DEMANDE,
      tranche: 'Ancienneté de la demande à l’attribution ; « * » = toutes.',
      attribuees: 'Nombre de demandes satisfaites.',
      delai_moyen_mois: 'Délai moyen entre le dépôt et l’attribution, en mois de 30,4 jours.',
    },
  },
};

export interface BilanCubeDemande {
  demandes: number;
  lignes: number;
}

export async function publierDemande(db: Db, t: Territoire): Promise<BilanCubeDemande> {
  await db.exec(sqlDemandesModele());
  const seuil = t.secret.menagesOpsMin;
  const unions = Object.entries(VARIABLES_DEMANDE)
    .map(([v, expr]) => `SELECT annee, territoire, commune_insee, '${v}' AS variable, ${expr} AS modalite FROM actives`)
    .join('\n    UNION ALL ');
  await db.exec(`CREATE OR REPLACE TABLE pub_demande AS
  WITH actives AS (${sqlDemandesActives()}),
  e AS (${unions})
  SELECT annee, variable,
    ${colonnesGeo(t)},
    CASE WHEN grouping(modalite) = 1 THEN '*' ELSE modalite END AS modalite,
    count(*)::INTEGER AS demandeurs
  FROM e
  GROUP BY GROUPING SETS (
    ${ensemblesGroupes(['annee', 'variable'], [[['territoire', 'commune_insee'], ['territoire'], []], [['modalite'], []]])}
  )`);

  const tranche = `CASE WHEN attente_mois < 12 THEN '${TRANCHES_ATTENTE[0]}' WHEN attente_mois < 24 THEN '${TRANCHES_ATTENTE[1]}'
    WHEN attente_mois < 36 THEN '${TRANCHES_ATTENTE[2]}' ELSE '${TRANCHES_ATTENTE[3]}' END`;
  await db.exec(`CREATE OR REPLACE TABLE pub_demande_delais AS
  WITH a AS (SELECT *, ${tranche} AS tranche_attente FROM (${sqlDemandesAttribuees()}))
  SELECT annee,
    ${colonnesGeo(t)},
    CASE WHEN grouping(tranche_attente) = 1 THEN '*' ELSE tranche_attente END AS tranche,
    count(*)::INTEGER AS attribuees,
    round(avg(attente_mois), 1) AS delai_moyen_mois
  FROM a
  GROUP BY GROUPING SETS (
    ${ensemblesGroupes(['annee'], [[['territoire', 'commune_insee'], ['territoire'], []], [['tranche_attente'], []]])}
  )`);
  const [n] = await db.query(`SELECT (SELECT count(*) FROM pub_demande)::INTEGER + (SELECT count(*) FROM pub_demande_delais)::INTEGER AS lignes,
    (SELECT count(*) FROM demandes_modele)::INTEGER AS demandes`);
  return {
    demandes: Number(n?.demandes),
    lignes: Number(n?.lignes),
  };
}
