// R5 — what was achieved on a commune's reservation flux, from the CALEOL decisions
// (private table `attributions`), per réservataire × bailleur × year (docs/flux.md § Réalisé).
//
// A decision belongs to the flux of the commune réservataire "Commune de X" when it is on the
// `commune` contingent and
//   - its reservataire_nom reads as that réservataire once accents, case and punctuation are
//     removed ("Commune de Baziège", "COMMUNE DE BAZIEGE", "Baziège", "Mairie de Baziège"), or
//   - its reservataire_nom is empty and the dwelling is in commune X (a commune reserves on its own territory).
// Its bailleur must read as the convention's bailleur or one of its spellings in bailleurs.csv.
import { slug } from '../../lib/slug.ts';
import { lit, type Db } from '../db.ts';
import { sqlEstAttribution, sqlEstBailSigne, sqlPrioritaire } from '../regles/attributions.sql.ts';

/** Same key as the pages' slug(): no accents, lower case, runs of other characters → '-'. */
export function sqlCle(expr: string): string {
  return `regexp_replace(regexp_replace(lower(strip_accents(coalesce(${expr}, ''))), '[^a-z0-9]+', '-', 'g'), '^-|-$', '', 'g')`;
}

/** JS twin of sqlCle: the site's slug. */
export const cle = slug;

export interface ReservataireFlux {
  /** Name as in the convention ("Commune de Baziège"). */
  reservataire: string;
  /** INSEE code of the commune, null when the name matches no commune of the territory. */
  code_insee: string | null;
  /** Name of the commune ("Baziège"), null if unknown. */
  nom_commune: string | null;
}

export interface BailleurFlux {
  /** Name as in the convention. */
  bailleur: string;
  /** Other spellings accepted in the exports (bailleurs.csv). */
  variantes: string[];
}

export interface RealiseAnnee {
  reservataire: string;
  bailleur: string;
  annee: number;
  /** Attribution decisions on the commune's contingent, by year of the CALEOL. */
  attributions: number;
  /** Leases signed after a positive decision on the contingent, by year of the lease. */
  baux_signes: number;
  /** Priority households (public_prioritaire or DALO) among the attributions. */
  prioritaires: number;
}

/** Correspondence tables flux_reservataires(reservataire, code_insee, cle) and flux_bailleurs(bailleur, cle). */
export async function preparerCorrespondances(db: Db, reservataires: readonly ReservataireFlux[], bailleurs: readonly BailleurFlux[]): Promise<void> {
  const r = new Set<string>();
  for (const x of reservataires) {
    const noms = [x.reservataire];
    if (x.nom_commune) noms.push(x.nom_commune, `Mairie de ${x.nom_commune}`, `Ville de ${x.nom_commune}`);
    for (const n of noms) r.add(`(${lit(x.reservataire)}, ${lit(x.code_insee)}, ${lit(cle(n))})`);
  }
  const b = new Set<string>();
  for (const x of bailleurs) for (const n of [x.bailleur, ...x.variantes]) b.add(`(${lit(x.bailleur)}, ${lit(cle(n))})`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE flux_reservataires (reservataire VARCHAR, code_insee VARCHAR, cle VARCHAR)`);
  await db.exec(`CREATE OR REPLACE TEMP TABLE flux_bailleurs (bailleur VARCHAR, cle VARCHAR)`);
  if (r.size > 0) await db.exec(`INSERT INTO flux_reservataires VALUES ${[...r].join(', ')}`);
  if (b.size > 0) await db.exec(`INSERT INTO flux_bailleurs VALUES ${[...b].join(', ')}`);
}

/** Achieved counts per réservataire × bailleur × year (needs preparerCorrespondances first). */
export function sqlRealise(): string {
  return `
  WITH r AS (SELECT DISTINCT reservataire, code_insee FROM flux_reservataires),
  b AS (SELECT DISTINCT bailleur FROM flux_bailleurs),
  d AS (
    SELECT r.reservataire, b.bailleur, a.date_caleol, a.date_bail, a.decision,
           ${sqlEstAttribution('a')} AS est_attribution,
           ${sqlEstBailSigne('a')} AS est_bail,
           ${sqlPrioritaire('a')} AS prioritaire
    FROM attributions a CROSS JOIN r CROSS JOIN b
    WHERE a.reservataire_contingent = 'commune'
      AND CASE WHEN trim(coalesce(a.reservataire_nom, '')) = '' THEN a.commune = r.code_insee
               ELSE EXISTS (SELECT 1 FROM flux_reservataires k WHERE k.reservataire = r.reservataire AND k.cle = ${sqlCle('a.reservataire_nom')}) END
      AND EXISTS (SELECT 1 FROM flux_bailleurs k WHERE k.bailleur = b.bailleur AND k.cle = ${sqlCle('a.bailleur')})
  ),
  faits AS (
    SELECT reservataire, bailleur, year(date_caleol) AS annee, 1 AS attributions, prioritaire::INTEGER AS prioritaires, 0 AS baux_signes
    FROM d WHERE est_attribution
    UNION ALL
    -- a lease follows a positive decision (a candidate ranked 2 signs when the first refused): the same rule as ACD indicator A
    SELECT reservataire, bailleur, year(date_bail), 0, 0, 1
    FROM d WHERE est_bail
  )
  SELECT reservataire, bailleur, annee::INTEGER AS annee, sum(attributions)::INTEGER AS attributions,
         sum(baux_signes)::INTEGER AS baux_signes, sum(prioritaires)::INTEGER AS prioritaires
  FROM faits GROUP BY ALL ORDER BY reservataire, bailleur, annee`;
}

/** Years covered by the decisions export (years of CALEOL dates). */
export function sqlAnneesDecisions(): string {
  return `SELECT DISTINCT year(date_caleol)::INTEGER AS annee FROM attributions WHERE date_caleol IS NOT NULL ORDER BY annee`;
}

export async function calculerRealise(db: Db, reservataires: readonly ReservataireFlux[], bailleurs: readonly BailleurFlux[]): Promise<{ realise: RealiseAnnee[]; annees: number[] }> {
  await preparerCorrespondances(db, reservataires, bailleurs);
  const lignes = await db.query(sqlRealise());
  const annees = (await db.query(sqlAnneesDecisions())).map((l) => Number(l.annee));
  return {
    realise: lignes.map((l) => ({
      reservataire: String(l.reservataire),
      bailleur: String(l.bailleur),
      annee: Number(l.annee),
      attributions: Number(l.attributions),
      baux_signes: Number(l.baux_signes),
      prioritaires: Number(l.prioritaires),
    })),
    annees,
  };
}
