// RPLS dwellings → classes used by every stock indicator (S1-S5).
// Financing classes follow the RPLS arrêté's FINAN code list (DATA-FORMATS.md).

export const CLASSE_FINANCEMENT = `CASE
    WHEN finan_code IN (10, 11) THEN 'PLAI'
    WHEN finan_code IN (12, 13) THEN 'PLUS'
    WHEN finan_code = 14 THEN 'PLS'
    WHEN finan_code = 16 THEN 'PLI'
    WHEN finan_code BETWEEN 50 AND 55 OR finan_code = 99 THEN 'Avant 1977'
    ELSE 'Autre' END`;

/** Private table `logements` (typed import) → `logements_modele`. */
export function sqlLogementsModele(): string {
  return `CREATE OR REPLACE TABLE logements_modele AS
  SELECT
    l.ident_rep,
    l.millesime,
    l.depcom AS commune_insee,
    coalesce(c.territoire, '0') AS territoire,
    coalesce(nullif(trim(l.bailleur), ''), 'Non renseigné') AS bailleur,
    ${CLASSE_FINANCEMENT} AS financement,
    CASE l.typeconst WHEN 'C' THEN 'collectif' WHEN 'I' THEN 'individuel' ELSE 'etudiant' END AS type_logement,
    CASE WHEN l.nbpiece >= 5 THEN 'T5+' ELSE 'T' || l.nbpiece END AS pieces,
    CASE WHEN l.construct IS NULL THEN 'Inconnue'
         WHEN l.construct < 1950 THEN 'Avant 1950'
         WHEN l.construct < 1975 THEN '1950-1974'
         WHEN l.construct < 1990 THEN '1975-1989'
         WHEN l.construct < 2005 THEN '1990-2004'
         WHEN l.construct < 2015 THEN '2005-2014'
         ELSE '2015 et après' END AS periode_construction,
    coalesce(l.dpe, 'Non renseigné') AS dpe,
    CASE l.pmr_code WHEN '1' THEN 'Accessible' WHEN '2' THEN 'Non accessible' ELSE 'Non renseigné' END AS pmr,
    (coalesce(l.qpv_code, '') <> '' OR l.qpv = '1') AS en_qpv,
    nullif(l.qpv_code, '') AS qpv_code,
    l.mode = '2' AS vacant,
    -- S5: a lease started during the year before the 1 January snapshot
    (year(l.bail) = l.millesime - 1) AS bail_annee_precedente,
    l.x, l.y, l.epsg
  FROM logements l
  LEFT JOIN communes c ON c.code_insee = l.depcom`;
}
