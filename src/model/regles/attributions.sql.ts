// CALEOL decisions → attributions with the flags every A-indicator counts.
// An attribution is a decision "attribution" or "attribution sous condition", or
// an "attribution_rang" ranked first; candidates ranked 2+ are proposals only (A9).
// A refused attribution is still an attribution (DOMAIN.md); EDL = a signed lease.

/** The attribution rule above, on a CALEOL decisions table aliased `t` (also used by the flux bilan, R5). */
export function sqlEstAttribution(t: string): string {
  return `(${t}.decision IN ('attribution', 'attribution_sous_condition') OR (${t}.decision = 'attribution_rang' AND ${t}.rang = 1))`;
}

export interface EchelleUc {
  premierAdulte: number;
  autrePersonne14Plus: number;
  enfantMoins14: number;
}

export function sqlAttributionsModele(uc: EchelleUc): string {
  return `CREATE OR REPLACE TABLE attributions_modele AS
  WITH d AS (
    SELECT
      a.*,
      year(a.date_caleol)::INTEGER AS annee,
      quarter(a.date_caleol)::INTEGER AS trimestre,
      coalesce(c.territoire, '0') AS territoire,
      -- resources per consumption unit (INSEE scale, parameter), annual
      a.ressources_mensuelles * 12 / (${uc.premierAdulte}
        + ${uc.autrePersonne14Plus} * greatest(a.nb_personnes_14_plus - 1, 0)
        + ${uc.enfantMoins14} * a.nb_enfants_moins_14) AS ressources_annuelles_uc,
      -- the 1st-quartile threshold is that of the year of the lease (of the decision when no lease)
      year(coalesce(a.date_bail, a.date_caleol)) AS annee_seuil
    FROM attributions a
    LEFT JOIN communes c ON c.code_insee = a.commune
  )
  SELECT
    d.pseudo_demande, d.bailleur, d.annee, d.trimestre, d.commune AS commune_insee, d.territoire,
    d.reservataire_contingent AS contingent,
    ${sqlEstAttribution('d')} AS est_attribution,
    d.decision IN ('attribution', 'attribution_sous_condition', 'attribution_rang') AS est_proposition,
    coalesce(d.public_prioritaire, false) AS prioritaire,
    coalesce(d.dalo, false) AS dalo,
    coalesce(d.mutation, false) AS mutation,
    coalesce(d.etudiant, false) AS etudiant,
    coalesce(d.refus_demandeur, false) AS refus,
    -- refusal reasons as typed; an empty reason on a refusal is "non précisé"
    CASE WHEN coalesce(d.refus_demandeur, false) THEN coalesce(nullif(lower(trim(d.motif_refus)), ''), 'non précisé') END AS motif_refus,
    coalesce(nullif(trim(d.composition), ''), 'non renseignée') AS composition,
    coalesce(nullif(upper(trim(d.typologie)), ''), 'non renseignée') AS typologie,
    CASE WHEN d.nb_personnes_14_plus + d.nb_enfants_moins_14 >= 5 THEN '5 personnes et plus'
         ELSE (d.nb_personnes_14_plus + d.nb_enfants_moins_14)::VARCHAR || CASE WHEN d.nb_personnes_14_plus + d.nb_enfants_moins_14 = 1 THEN ' personne' ELSE ' personnes' END END AS taille_menage,
    CASE WHEN d.age_demandeur IS NULL THEN 'non renseigné'
         WHEN d.age_demandeur < 25 THEN 'moins de 25 ans'
         WHEN d.age_demandeur < 40 THEN '25 à 39 ans'
         WHEN d.age_demandeur < 60 THEN '40 à 59 ans'
         ELSE '60 ans et plus' END AS age_classe,
    d.date_bail IS NOT NULL AS edl,
    coalesce(d.qpv_code, '') <> '' AS en_qpv,
    d.ressources_annuelles_uc,
    s.seuil_annuel_uc AS seuil_q1,
    s.annee AS annee_arrete_q1,
    d.ressources_annuelles_uc < s.seuil_annuel_uc AS q1
  FROM d
  ASOF LEFT JOIN seuils_q1 s ON d.annee_seuil >= s.annee`;
}
