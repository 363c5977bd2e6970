// C1 — capacité d'accueil des ménages prioritaires (ACD 31 annexe 3, phases 1-3), as SQL
// over the published tables `parc`, `communes`, `bailleurs` and `objectifs_acd`, plus an
// optional deliveries input `livraisons(bailleur, commune_insee, en_qpv, financement,
// logements, annee)` (inline rows or a table name; may be empty). The same text runs in
// native DuckDB at build time and in DuckDB-WASM in the browser.
//
//   stock(N)          = family dwellings of the RPLS millésime M (latest ≤ N) + deliveries of years M … N-1
//   eligible          = Σ_f poids(f) × n_f                       (PLAI, PLUS 1 ; PLS 0,10 ; see acd.json)
//   w(c, qpv)         = taux_tension(zone(c)) × (0,5 en QPV)
//   capacite_existant = eligible(stock) × w × classe_rotation(b) / 100
//   capacite_neuf     = eligible(livraisons de N) × w            (no rotation: first lettings)
//   capacite          = capacite_existant + capacite_neuf         per bailleur × commune × QPV
//   objectif simulé   = arrondi(Σ_communes capacite)              per bailleur × EPCI (rounding level = parameter)
import { lit } from '../db.ts';
import { FINANCEMENTS, sqlArrondi, type ParametresAcd } from './parametres.ts';

export interface Livraison {
  bailleur: string;
  commune_insee: string;
  en_qpv: boolean;
  financement: string;
  logements: number;
  annee: number;
}

export interface OptionsCapacite {
  parametres: ParametresAcd;
  /** ACD years simulated (default: parametres.annees) */
  annees?: number[];
  /** force the RPLS millésime (default: latest millésime ≤ year) */
  millesime?: number;
  /** deliveries as rows (default: none) … */
  livraisons?: Livraison[];
  /** … or the name of a table with the same columns */
  tableLivraisons?: string;
  bailleur?: string;
  commune_insee?: string;
}

const nb = (x: number) => `CAST(${lit(x)} AS DOUBLE)`;

function annees(o: OptionsCapacite): number[] {
  const a = o.annees ?? o.parametres.annees;
  if (!a.length) throw new Error('ACD : aucune année à simuler');
  for (const x of a) if (!Number.isInteger(x)) throw new Error(`ACD : année invalide ${x}`);
  return a;
}

function sourceLivraisons(o: OptionsCapacite): string {
  if (o.tableLivraisons !== undefined) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(o.tableLivraisons)) throw new Error(`ACD : nom de table de livraisons invalide « ${o.tableLivraisons} »`);
    return `SELECT bailleur::VARCHAR AS bailleur, commune_insee::VARCHAR AS commune_insee, en_qpv::BOOLEAN AS en_qpv,
      financement::VARCHAR AS financement, logements::DOUBLE AS logements, annee::INTEGER AS annee FROM ${o.tableLivraisons}`;
  }
  const l = o.livraisons ?? [];
  const vide = `SELECT NULL::VARCHAR AS bailleur, NULL::VARCHAR AS commune_insee, NULL::BOOLEAN AS en_qpv,
      NULL::VARCHAR AS financement, NULL::DOUBLE AS logements, NULL::INTEGER AS annee WHERE FALSE`;
  if (!l.length) return vide;
  for (const x of l) {
    if (!(x.logements >= 0)) throw new Error(`ACD : livraisons négatives ou invalides (${x.bailleur}, ${x.commune_insee}, ${x.annee})`);
  }
  const lignes = l
    .map((x) => `(${lit(x.bailleur)}, ${lit(x.commune_insee)}, ${lit(x.en_qpv)}, ${lit(x.financement)}, ${nb(x.logements)}, ${lit(x.annee)})`)
    .join(',\n      ');
  return `SELECT * FROM (VALUES ${lignes}) AS v(bailleur, commune_insee, en_qpv, financement, logements, annee)`;
}

/** The CTE chain ending in `cellules`: one row per year × bailleur × commune × QPV (no ORDER BY). */
function cteCellules(o: OptionsCapacite): string {
  const p = o.parametres;
  const ans = annees(o);
  const poids = FINANCEMENTS.map((f) => {
    const w = p.ponderationFinancement[f];
    const wl = p.ponderationLivraisons ? w : w > 0 ? 1 : 0;
    return `(${lit(f)}, ${nb(w)}, ${nb(wl)})`;
  }).join(', ');
  const zones = Object.entries(p.tauxParZone).map(([z, t]) => `(${lit(Number(z))}, ${nb(t)})`).join(', ');
  const exclus = p.typesLogementExclus.length ? `p.type_logement NOT IN (${p.typesLogementExclus.map((x) => lit(x)).join(', ')})` : 'TRUE';
  const millesime = o.millesime !== undefined
    ? lit(o.millesime)
    : `(SELECT max(millesime) FROM parc WHERE millesime <= a.annee)`;
  const rotDefaut = p.classeRotationParDefautPct === null ? 'NULL' : nb(p.classeRotationParDefautPct);
  const filtres = [
    o.bailleur !== undefined ? `u.bailleur = ${lit(o.bailleur)}` : '',
    o.commune_insee !== undefined ? `u.commune_insee = ${lit(o.commune_insee)}` : '',
  ].filter(Boolean);
  const parFin = (f: string, col: string) => `coalesce(sum(u.n) FILTER (WHERE u.genre <> 'neuf' AND u.financement = ${lit(f)}), 0)::DOUBLE AS ${col}`;
  return `acd_annees(annee) AS (VALUES ${ans.map((a) => `(${lit(a)})`).join(', ')}),
acd_poids(financement, poids, poids_livraison) AS (VALUES ${poids}),
acd_zones(zone, taux) AS (VALUES ${zones}),
acd_livraisons AS (${sourceLivraisons(o)}),
acd_millesimes AS (SELECT a.annee, ${millesime} AS millesime FROM acd_annees a),
acd_u AS (
  SELECT m.annee, m.millesime, p.bailleur, p.commune_insee, coalesce(p.en_qpv, FALSE) AS en_qpv, p.financement,
         p.logements::DOUBLE AS n, 'parc' AS genre
  FROM acd_millesimes m JOIN parc p ON p.millesime = m.millesime
  WHERE ${exclus}
  UNION ALL
  SELECT m.annee, m.millesime, l.bailleur, l.commune_insee, coalesce(l.en_qpv, FALSE), l.financement, l.logements,
         CASE WHEN l.annee < m.annee THEN 'parc_livre' ELSE 'neuf' END
  FROM acd_millesimes m JOIN acd_livraisons l ON l.annee <= m.annee AND (m.millesime IS NULL OR l.annee >= m.millesime)
),
acd_c AS (
  SELECT u.annee, any_value(u.millesime) AS millesime, u.bailleur, u.commune_insee, u.en_qpv,
    coalesce(sum(u.n) FILTER (WHERE u.genre <> 'neuf'), 0)::DOUBLE AS parc_familial,
    coalesce(sum(u.n) FILTER (WHERE u.genre = 'parc_livre'), 0)::DOUBLE AS livraisons_anterieures,
    ${parFin('PLAI', 'plai')}, ${parFin('PLUS', 'plus')}, ${parFin('PLS', 'pls')}, ${parFin('PLI', 'pli')},
    ${parFin('Avant 1977', 'avant_1977')},
    coalesce(sum(u.n) FILTER (WHERE u.genre <> 'neuf' AND u.financement NOT IN ('PLAI', 'PLUS', 'PLS', 'PLI', 'Avant 1977')), 0)::DOUBLE AS autres,
    coalesce(sum(u.n * coalesce(w.poids, 0)) FILTER (WHERE u.genre <> 'neuf'), 0)::DOUBLE AS eligibles_existant,
    coalesce(sum(u.n) FILTER (WHERE u.genre = 'neuf'), 0)::DOUBLE AS livraisons_annee,
    coalesce(sum(u.n * coalesce(w.poids_livraison, 0)) FILTER (WHERE u.genre = 'neuf'), 0)::DOUBLE AS eligibles_neuf
  FROM acd_u u LEFT JOIN acd_poids w ON w.financement = u.financement
  ${filtres.length ? `WHERE ${filtres.join(' AND ')}` : ''}
  GROUP BY u.annee, u.bailleur, u.commune_insee, u.en_qpv
),
acd_w AS (
  SELECT c.*, co.nom AS commune, co.zonage_tension, z.taux AS taux_tension,
    CASE WHEN c.en_qpv THEN ${nb(p.facteurQpv)} ELSE CAST(1 AS DOUBLE) END AS facteur_qpv,
    coalesce(b.classe_rotation_acd_pct::DOUBLE, ${rotDefaut}) AS classe_rotation_pct
  FROM acd_c c
  LEFT JOIN communes co ON co.code_insee = c.commune_insee
  LEFT JOIN acd_zones z ON z.zone = co.zonage_tension
  LEFT JOIN bailleurs b ON b.bailleur = c.bailleur
),
cellules AS (
  SELECT annee, millesime, bailleur, commune_insee, commune, en_qpv, zonage_tension, taux_tension, facteur_qpv,
    taux_tension * facteur_qpv AS ponderation, classe_rotation_pct,
    parc_familial, livraisons_anterieures, plai, plus, pls, pli, avant_1977, autres, eligibles_existant,
    livraisons_annee, eligibles_neuf,
    eligibles_existant * taux_tension * facteur_qpv * classe_rotation_pct / 100 AS capacite_existant,
    eligibles_neuf * taux_tension * facteur_qpv AS capacite_neuf,
    eligibles_existant * taux_tension * facteur_qpv * classe_rotation_pct / 100 + eligibles_neuf * taux_tension * facteur_qpv AS capacite
  FROM acd_w
)`;
}

/**
 * C1 détaillé : une ligne par année × bailleur × commune × QPV.
 * Colonnes : annee, millesime, bailleur, commune_insee, commune, en_qpv, zonage_tension, taux_tension, facteur_qpv,
 * ponderation (w), classe_rotation_pct, parc_familial (logements familiaux du parc N, toutes classes),
 * livraisons_anterieures, plai, plus, pls, pli, avant_1977, autres, eligibles_existant, livraisons_annee,
 * eligibles_neuf, capacite_existant, capacite_neuf, capacite, capacite_arrondie (si arrondi au niveau commune, sinon
 * = capacite arrondie au même mode pour l'affichage). Capacités NULL si la commune n'a pas de zone de tension
 * ou le bailleur pas de classe de rotation.
 */
export function requeteCapaciteAcd(o: OptionsCapacite): string {
  return `WITH ${cteCellules(o)}
SELECT *, ${sqlArrondi('capacite', o.parametres.arrondi.mode)} AS capacite_arrondie
FROM cellules
ORDER BY annee, bailleur, commune_insee, en_qpv`;
}

/**
 * C1 par bailleur (EPCI) comparé aux objectifs publiés : une ligne par année × bailleur présent dans le parc
 * ou dans `objectifs_acd`. Colonnes : annee, bailleur, millesime, classe_rotation_pct, cellules,
 * cellules_non_calculees, parc_familial, eligibles_existant, livraisons_annee, eligibles_neuf, capacite_existant,
 * capacite_neuf, capacite (somme non arrondie), objectif_simule (arrondi selon acd.json), objectif_publie,
 * ecart (objectif_simule − objectif_publie), ratio (objectif_simule / objectif_publie, NULL si objectif 0).
 */
export function requeteCapaciteAcdBailleurs(o: OptionsCapacite): string {
  const { niveau, mode } = o.parametres.arrondi;
  const somme = (col: string) => `CASE WHEN count(*) FILTER (WHERE ${col} IS NULL) > 0 THEN NULL ELSE sum(${col}) END`;
  const simule = niveau === 'aucun'
    ? somme('capacite')
    : niveau === 'commune'
      ? somme(sqlArrondi('capacite', mode))
      : sqlArrondi(somme('capacite'), mode);
  const ans = annees(o);
  const filtreObj = o.bailleur !== undefined ? ` AND bailleur = ${lit(o.bailleur)}` : '';
  // with a commune filter, published objectives (EPCI level) are not comparable: not joined
  const objectifs = o.commune_insee !== undefined
    ? `SELECT NULL::INTEGER AS annee, NULL::VARCHAR AS bailleur, NULL::INTEGER AS objectif WHERE FALSE`
    : `SELECT annee, bailleur, objectif_edl_prioritaires AS objectif FROM objectifs_acd WHERE annee IN (${ans.map((a) => lit(a)).join(', ')})${filtreObj}`;
  return `WITH ${cteCellules(o)},
acd_b AS (
  SELECT annee, bailleur, any_value(millesime) AS millesime, any_value(classe_rotation_pct) AS classe_rotation_pct,
    count(*)::INTEGER AS cellules,
    count(*) FILTER (WHERE capacite IS NULL)::INTEGER AS cellules_non_calculees,
    sum(parc_familial) AS parc_familial, sum(eligibles_existant) AS eligibles_existant,
    sum(livraisons_annee) AS livraisons_annee, sum(eligibles_neuf) AS eligibles_neuf,
    ${somme('capacite_existant')} AS capacite_existant,
    ${somme('capacite_neuf')} AS capacite_neuf,
    ${somme('capacite')} AS capacite,
    ${simule} AS objectif_simule
  FROM cellules GROUP BY annee, bailleur
),
acd_o AS (${objectifs}),
acd_j AS (
  SELECT coalesce(b.annee, o.annee) AS annee, coalesce(b.bailleur, o.bailleur) AS bailleur, b.millesime, b.classe_rotation_pct,
    coalesce(b.cellules, 0) AS cellules, coalesce(b.cellules_non_calculees, 0) AS cellules_non_calculees,
    b.parc_familial, b.eligibles_existant, b.livraisons_annee, b.eligibles_neuf,
    b.capacite_existant, b.capacite_neuf, b.capacite, b.objectif_simule, o.objectif AS objectif_publie,
    b.annee IS NULL AS sans_parc
  FROM acd_b b FULL OUTER JOIN acd_o o ON o.annee = b.annee AND o.bailleur = b.bailleur
),
acd_m AS (SELECT a.annee, (SELECT max(millesime) FROM parc WHERE millesime <= a.annee) AS m FROM acd_annees a)
SELECT j.annee, j.bailleur, coalesce(j.millesime, ${o.millesime !== undefined ? lit(o.millesime) : 'm.m'}) AS millesime,
  j.classe_rotation_pct, j.cellules, j.cellules_non_calculees,
  -- a bailleur with an objective but no family dwelling in a year that has a stock: capacity 0, not unknown
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.parc_familial END AS parc_familial,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.eligibles_existant END AS eligibles_existant,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.livraisons_annee END AS livraisons_annee,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.eligibles_neuf END AS eligibles_neuf,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.capacite_existant END AS capacite_existant,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.capacite_neuf END AS capacite_neuf,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.capacite END AS capacite,
  CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.objectif_simule END AS objectif_simule,
  j.objectif_publie,
  (CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.objectif_simule END) - j.objectif_publie AS ecart,
  (CASE WHEN j.sans_parc AND m.m IS NOT NULL THEN 0 ELSE j.objectif_simule END)::DOUBLE / nullif(j.objectif_publie, 0) AS ratio,
  j.sans_parc
FROM acd_j j LEFT JOIN acd_m m ON m.annee = j.annee
ORDER BY j.annee, j.bailleur`;
}

/**
 * C1 total EPCI par année : somme des objectifs simulés par bailleur (arrondis) et des objectifs publiés.
 * Colonnes : annee, capacite (non arrondie), objectif_simule, objectif_publie, ecart, bailleurs_non_calcules.
 */
export function requeteCapaciteAcdTotal(o: OptionsCapacite): string {
  return `WITH parb AS (${requeteCapaciteAcdBailleurs(o).replace(/\nORDER BY j\.annee, j\.bailleur$/, '')})
SELECT annee, sum(capacite) AS capacite, sum(objectif_simule)::DOUBLE AS objectif_simule,
  sum(objectif_publie)::INTEGER AS objectif_publie,
  sum(objectif_simule)::DOUBLE - sum(objectif_publie) AS ecart,
  count(*) FILTER (WHERE objectif_simule IS NULL)::INTEGER AS bailleurs_non_calcules
FROM parb GROUP BY annee ORDER BY annee`;
}
