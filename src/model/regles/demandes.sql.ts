// Demand extract → demandes_modele: one row per demand with its status, exit
// date and the profile classes D1/D2 count. Free-text fields are only trimmed
// (their wording is the partner's); sizes and ages get fixed classes.
import { SQL_CLASSE_AGE } from './attributions.sql.ts';

/** D4: classes of waiting time of satisfied demands, in display order. */
export const TRANCHES_ATTENTE = ['moins de 1 an', '1 à 2 ans', '2 à 3 ans', '3 ans et plus'] as const;

export function sqlDemandesModele(): string {
  const texte = (col: string, vide: string) => `coalesce(nullif(trim(d.${col}), ''), '${vide}')`;
  return `CREATE OR REPLACE TABLE demandes_modele AS
  WITH d AS (
    SELECT d.*,
      CASE strip_accents(lower(trim(d.statut))) WHEN 'attribuee' THEN 'attribuee' WHEN 'radiee' THEN 'radiee' ELSE 'active' END AS statut_norme,
      ${texte('logement_actuel', 'non renseigné')} AS origine_norme,
      try_cast(regexp_extract(d.typologie, '([0-9]+)', 1) AS INTEGER) AS pieces
    FROM demandes d
  )
  SELECT
    d.pseudo_demande,
    d.commune AS commune_insee,
    coalesce(c.territoire, '0') AS territoire,
    d.date_depot,
    d.date_renouvellement,
    d.statut_norme AS statut,
    -- an active demand has no exit date (checked at import)
    CASE WHEN d.statut_norme = 'active' THEN NULL ELSE d.date_sortie END AS date_sortie,
    coalesce(d.prioritaire, false) AS prioritaire,
    -- mutation: the column when given, else a current social tenancy
    coalesce(d.mutation, lower(d.origine_norme) LIKE '%parc social%' OR lower(d.origine_norme) LIKE '%hlm%', false) AS mutation,
    ${SQL_CLASSE_AGE('d.age_demandeur')} AS age_classe,
    ${texte('composition', 'non renseignée')} AS composition,
    CASE WHEN d.nb_personnes IS NULL THEN 'non renseignée'
         WHEN d.nb_personnes >= 5 THEN '5 personnes et plus'
         WHEN d.nb_personnes = 1 THEN '1 personne'
         ELSE d.nb_personnes::VARCHAR || ' personnes' END AS taille_menage,
    ${texte('situation_pro', 'non renseignée')} AS situation,
    d.origine_norme AS origine,
    CASE WHEN d.pieces IS NULL OR d.pieces < 1 THEN 'non renseignée'
         WHEN d.pieces >= 5 THEN 'T5 et plus'
         ELSE 'T' || d.pieces END AS typologie,
    ${texte('motif', 'non renseigné')} AS motif
  FROM d
  LEFT JOIN communes c ON c.code_insee = d.commune`;
}

/**
 * Observation points of the extract: one per year with an exit (attribution or
 * radiation) and the year of the extraction; the stock is counted on 31 December,
 * or on the extraction date (latest date of the file) for its own year.
 */
export function sqlPointsDemande(): string {
  return `WITH ext AS (
      SELECT max(greatest(date_depot, coalesce(date_renouvellement, date_depot), coalesce(date_sortie, date_depot))) AS d FROM demandes_modele),
    annees AS (
      SELECT DISTINCT year(date_sortie)::INTEGER AS annee FROM demandes_modele WHERE date_sortie IS NOT NULL
      UNION SELECT year(d)::INTEGER FROM ext WHERE d IS NOT NULL)
    SELECT annee, least(make_date(annee, 12, 31), ext.d) AS date_point FROM annees, ext`;
}

/** Demands active at each observation point (D1, D2, D3's numerator). */
export function sqlDemandesActives(): string {
  return `SELECT p.annee, m.* FROM demandes_modele m JOIN (${sqlPointsDemande()}) p
    ON m.date_depot <= p.date_point AND (m.date_sortie IS NULL OR m.date_sortie > p.date_point)`;
}

/** Demands satisfied (radiated for attribution) during each year, with their wait in months (D4). */
export function sqlDemandesAttribuees(): string {
  return `SELECT year(date_sortie)::INTEGER AS annee, *,
      date_diff('day', date_depot, date_sortie) / 30.4375 AS attente_mois
    FROM demandes_modele WHERE statut = 'attribuee'`;
}
