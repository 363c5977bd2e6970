// OPS households → the CIA's nine fragility criteria and the level by their count (CIA l.5249-5266):
// « très élevée » needs all nine, so it cannot occur while criterion 1 (commercial vacancy) is not given.
// Thresholds come from data/config/fragilite.json, the file the methodology page prints.

export interface ParametresFragilite {
  suroccupationPiecesEnPlus: number;
  revenusPctPlafondPlus: number;
  /** criterion 1: the résidence's commercial vacancy rate at least this (percent) */
  vacanceCommercialePctMin: number;
  enfantsMin: number;
  niveaux: { niveau: number; min: number; max: number; libelle: string }[];
}

export function sqlMenagesModele(p: ParametresFragilite): string {
  const niveau = `CASE ${p.niveaux.map((n) => `WHEN nb_criteres BETWEEN ${n.min} AND ${n.max} THEN ${n.niveau}`).join(' ')} END`;
  return `CREATE OR REPLACE TABLE menages_modele AS
  WITH m AS (
    SELECT
      o.vague,
      o.commune AS commune_insee,
      coalesce(c.territoire, '0') AS territoire,
      o.bailleur,
      coalesce(nullif(trim(o.residence), ''), 'Résidence non renseignée') AS residence,
      o.reponse = 'repondu' AS repondant,
      -- criterion 1 (CIA l.5254): the résidence's commercial vacancy, an optional input per résidence
      coalesce(v.taux_pct >= ${p.vacanceCommercialePctMin}, false) AS c1,
      v.taux_pct IS NOT NULL AS c1_renseigne,
      -- criteria 2-9; a missing answer never counts as "met"
      coalesce(o.nb_occupants > o.nb_pieces + ${p.suroccupationPiecesEnPlus}, false) AS c2,
      coalesce(o.nb_adultes_emploi_stable = 0, false) AS c3,
      coalesce(o.nb_adultes_chomage + o.nb_adultes_emploi_precaire >= 1, false) AS c4,
      coalesce(o.ressources_pct_plafond_plus < ${p.revenusPctPlafondPlus}, false) AS c5,
      coalesce(o.nb_enfants >= ${p.enfantsMin}, false) AS c6,
      coalesce(o.type_menage = 'famille monoparentale', false) AS c7,
      coalesce(o.aide_logement, false) AS c8,
      coalesce(o.impaye_plus_3_mois, false) AS c9,
      o.impaye_plus_3_mois IS NOT NULL AS c9_renseigne
    FROM ops o
    LEFT JOIN communes c ON c.code_insee = o.commune
    LEFT JOIN vacance_commerciale v ON v.commune_insee = o.commune AND lower(trim(v.residence)) = lower(trim(o.residence))
  )
  SELECT *, ${niveau} AS niveau
  FROM (SELECT *, (c1::INT + c2::INT + c3::INT + c4::INT + c5::INT + c6::INT + c7::INT + c8::INT + c9::INT) AS nb_criteres FROM m)`;
}
