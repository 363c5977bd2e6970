// Published demand cubes (D1, D2, D4): counts of demands per year × place ×
// profile, under statistical secrecy (fewer than 11 demands → secret, plus
// secondary suppression). No id, no individual date, no resources leave here:
// only counts and, per cell of at least 11 satisfied demands, a mean wait.
import type { Territoire } from '../config/territoire.ts';
import type { Db } from '../model/db.ts';
import { appliquerSecret } from '../confidentialite/secret-statistique.ts';
import { sqlDemandesActives, sqlDemandesAttribuees, sqlDemandesModele, TRANCHES_ATTENTE } from '../model/regles/demandes.sql.ts';
import { colonnesGeo, ensemblesGroupes } from './cubes.ts';

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

export interface BilanCubeDemande {
  demandes: number;
  lignes: number;
  primaires: number;
  secondaires: number;
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
  const s1 = await appliquerSecret(db, {
    table: 'pub_demande',
    effectif: 'demandeurs',
    seuil,
    categories: ['modalite'],
    fixes: ['annee', 'variable'],
    geographie: { niveaux: [['commune', 'territoire'], ['territoire', 'epci']] },
    mesures: [],
  });

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
  const s2 = await appliquerSecret(db, {
    table: 'pub_demande_delais',
    effectif: 'attribuees',
    seuil,
    categories: ['tranche'],
    fixes: ['annee'],
    geographie: { niveaux: [['commune', 'territoire'], ['territoire', 'epci']] },
    mesures: ['delai_moyen_mois'],
  });
  const [n] = await db.query(`SELECT (SELECT count(*) FROM pub_demande)::INTEGER + (SELECT count(*) FROM pub_demande_delais)::INTEGER AS lignes,
    (SELECT count(*) FROM demandes_modele)::INTEGER AS demandes`);
  return {
    demandes: Number(n?.demandes),
    lignes: Number(n?.lignes),
    primaires: s1.primaires + s2.primaires,
    secondaires: s1.secondaires + s2.secondaires,
  };
}
