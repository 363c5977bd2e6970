// CALEOL decisions → attributions with the flags every A-indicator counts.
// An attribution is a decision "attribution" or "attribution sous condition", or
// an "attribution_rang" ranked first; candidates ranked 2+ are proposals (A9) — but a
// lease signed by any of them is a lease (est_bail, dated by the lease).
// A refused attribution is still an attribution (DOMAIN.md); EDL = a signed lease.
// A6: annual resources (12 × monthly) against a rate of the PLUS ceiling of the
// household's category, for the year of the lease (of the decision without lease):
// category = number of persons (14+ and under 14), capped at 6, plus the amount per
// extra person beyond 6. No ceiling for that year (table plafonds_plus) → NULL, never a guess.

/** Age classes of the applicant (A10 entrants, D2 demand profile: the same classes, so both compare). */
export const SQL_CLASSE_AGE = (col: string) => `CASE WHEN ${col} IS NULL THEN 'non renseigné'
         WHEN ${col} < 25 THEN 'moins de 25 ans'
         WHEN ${col} < 40 THEN '25 à 39 ans'
         WHEN ${col} < 60 THEN '40 à 59 ans'
         ELSE '60 ans et plus' END`;

/** The attribution rule above, on a CALEOL decisions table aliased `t` (also used by the flux bilan, R5). */
export function sqlEstAttribution(t: string): string {
  return `(${t}.decision IN ('attribution', 'attribution_sous_condition') OR (${t}.decision = 'attribution_rang' AND ${t}.rang = 1))`;
}

/**
 * A priority household: the export's « public prioritaire », or recognised DALO — the first of the
 * priority publics of CCH L.441-1 — even where the export left « public prioritaire » at « non ».
 * One rule for the cubes, the secret's inclusion « DALO ⊂ prioritaires » and the flux bilan (R5).
 */
export function sqlPrioritaire(t: string): string {
  return `(coalesce(${t}.public_prioritaire, false) OR coalesce(${t}.dalo, false))`;
}

/**
 * A signed lease (entrée dans les lieux) after a positive decision, whatever the candidate's
 * rank: the rank-2 candidate who signs after the rank-1 refusal enters the dwelling. The one
 * rule for ACD indicator A (l.6555), the legal 1st quartile (baux signés, l.5184-5186) and
 * the flux bilan's leases (R5).
 */
export function sqlEstBailSigne(t: string): string {
  return `(${t}.date_bail IS NOT NULL AND ${t}.decision IN ('attribution', 'attribution_sous_condition', 'attribution_rang'))`;
}

export interface EchelleUc {
  premierAdulte: number;
  autrePersonne14Plus: number;
  enfantMoins14: number;
}

export interface ParametresA6 {
  /** "< 60 % of the PLUS ceiling": the rate, in percent (data/config/attributions.json) */
  tauxPct: number;
}

/** Financing class of the dwelling attributed, from the export's free text (compacted: « P.L.A.I » = « plai »). */
export const CLASSE_FINANCEMENT_ATTRIBUTION = `CASE
    WHEN f = '' THEN 'Non renseigné'
    WHEN f IN ('10', '11') OR f LIKE 'plai%' OR f LIKE 'plats%' OR f LIKE 'platres%' OR f LIKE 'plalm%' OR f = 'plaloyerminore' THEN 'PLAI'
    WHEN f IN ('12', '13', 'pla', 'plaordinaire', 'placff') OR f LIKE 'plus%' THEN 'PLUS'
    WHEN f IN ('14', 'pls', 'ppls', 'pcls') THEN 'PLS'
    WHEN f IN ('16', 'pli') THEN 'PLI'
    ELSE 'Autre' END`;

export function sqlAttributionsModele(uc: EchelleUc, a6: ParametresA6 = { tauxPct: 60 }): string {
  if (!(a6.tauxPct > 0 && a6.tauxPct <= 100)) throw new Error(`A6 : taux du plafond PLUS invalide (${a6.tauxPct} %), attendu entre 0 et 100`);
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
      -- the 1st-quartile threshold is that of the year of the lease (of the decision when no lease),
      -- of that year only: a year without its arrêté leaves q1 NULL (« non calculé »), never another year's
      year(coalesce(a.date_bail, a.date_caleol)) AS annee_seuil,
      a.nb_personnes_14_plus + a.nb_enfants_moins_14 AS personnes,
      regexp_replace(lower(strip_accents(coalesce(a.financement, ''))), '[^a-z0-9]', '', 'g') AS f
    FROM attributions a
    LEFT JOIN communes c ON c.code_insee = a.commune
  )
  SELECT
    d.pseudo_demande, d.bailleur, d.annee, d.trimestre, d.commune AS commune_insee, d.territoire,
    d.reservataire_contingent AS contingent,
    ${sqlEstAttribution('d')} AS est_attribution,
    d.decision IN ('attribution', 'attribution_sous_condition', 'attribution_rang') AS est_proposition,
    ${sqlPrioritaire('d')} AS prioritaire,
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
    ${SQL_CLASSE_AGE('d.age_demandeur')} AS age_classe,
    d.date_bail IS NOT NULL AS edl,
    ${sqlEstBailSigne('d')} AS est_bail,
    year(d.date_bail)::INTEGER AS annee_bail,
    quarter(d.date_bail)::INTEGER AS trimestre_bail,
    coalesce(d.relogement_anru_orcod, false) AS relogement_anru_orcod,
    -- the ACD's perimeter excludes student-dedicated stock (l.6471): a dwelling the RPLS lists as student housing;
    -- a dwelling the RPLS does not know (identifier missing or unmatched) stays in the perimeter
    le.ident_rep IS NOT NULL AS logement_etudiant,
    coalesce(d.qpv_code, '') <> '' AS en_qpv,
    ${CLASSE_FINANCEMENT_ATTRIBUTION} AS financement,
    d.ressources_annuelles_uc,
    s.seuil_annuel_uc AS seuil_q1,
    s.annee AS annee_arrete_q1,
    d.ressources_annuelles_uc < s.seuil_annuel_uc AS q1,
    -- A6 (exact decimals: resources exactly at the rate are not "below")
    d.annee_seuil AS annee_plafond_plus,
    least(d.personnes, 6) AS categorie_menage,
    p.plafond_annuel + greatest(d.personnes - 6, 0) * p.par_personne_supplementaire AS plafond_plus,
    CAST(d.ressources_mensuelles AS DECIMAL(18, 2)) * 12 * 100
      < CAST(p.plafond_annuel + greatest(d.personnes - 6, 0) * p.par_personne_supplementaire AS DECIMAL(18, 2)) * CAST(${a6.tauxPct} AS DECIMAL(9, 4)) AS sous_60_plus
  FROM d
  LEFT JOIN seuils_q1 s ON s.annee = d.annee_seuil
  LEFT JOIN (SELECT DISTINCT ident_rep FROM logements_modele WHERE type_logement = 'etudiant' AND ident_rep IS NOT NULL) le ON le.ident_rep = d.ident_rep
  LEFT JOIN plafonds_plus p ON p.annee = d.annee_seuil AND p.categorie = least(d.personnes, 6)`;
}
