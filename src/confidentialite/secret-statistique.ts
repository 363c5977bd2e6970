// Statistical secrecy on a published cube (one row per cell, every level of
// aggregation present, '*' meaning "all" for a categorical dimension):
//  1. primary: a cell built from fewer than `seuil` units is secret;
//  2. secondary: whenever a parent cell is published and exactly one of its
//     children is secret, the smallest other child is made secret too, so the
//     secret one cannot be recomputed as parent − siblings. Repeated to a fixpoint.
//  3. the measures of secret cells are emptied (the flag `secret` says why).
// Cumulative quarters are not a partition and are not treated as one (documented).
import { lit, type Db } from '../model/db.ts';

export interface Hierarchie {
  /** child level → parent level, joined on child.parent = parent.code */
  niveaux: [enfant: string, parent: string][];
}

export interface CubeSecret {
  table: string;
  /** column counting the units the threshold applies to (households, attributions) */
  effectif: string;
  seuil: number;
  /** dimensions other than niveau/code/parent, each holding '*' on its total rows */
  categories: string[];
  /** other dimensions that are never aggregated (year, period, wave) */
  fixes: string[];
  geographie: Hierarchie;
  /** columns emptied on secret cells */
  mesures: string[];
}

function egal(cols: string[], a = 'c', b = 'p'): string {
  return cols.map((c) => `${a}.${c} = ${b}.${c}`).join(' AND ') || 'TRUE';
}

async function passeSecondaire(db: Db, cube: CubeSecret): Promise<number> {
  const { table } = cube;
  let changes = 0;
  const relations: { jointure: string; enfants: string; groupe: string[] }[] = [];
  for (const [enfant, parent] of cube.geographie.niveaux) {
    relations.push({
      jointure: `p.niveau = ${lit(parent)} AND p.code = c.parent AND ${egal([...cube.fixes, ...cube.categories])}`,
      enfants: `c.niveau = ${lit(enfant)}`,
      groupe: [...cube.fixes, ...cube.categories, 'parent'],
    });
  }
  for (const d of cube.categories) {
    const autres = [...cube.fixes, ...cube.categories.filter((x) => x !== d), 'niveau', 'code'];
    relations.push({ jointure: `p.${d} = '*' AND ${egal(autres)}`, enfants: `c.${d} <> '*'`, groupe: autres });
  }
  for (const r of relations) {
    const g = r.groupe.map((x) => `c.${x}`).join(', ');
    const famille = `
      SELECT c.id, p.id AS id_parent, c.${cube.effectif} AS n, c.secret, p.secret AS parent_secret, ${g},
             count(*) FILTER (WHERE c.secret) OVER (PARTITION BY ${g}) AS nb_secrets,
             count(*) OVER (PARTITION BY ${g}) AS nb_enfants
      FROM ${table} c JOIN ${table} p ON ${r.jointure}
      WHERE ${r.enfants}`;
    // a lone secret child among visible siblings: hide the smallest sibling;
    // a lone child that is secret: it equals its parent, so hide the parent
    const aMasquer = `
      WITH famille AS (${famille}),
      freres AS (
        SELECT id, row_number() OVER (PARTITION BY ${r.groupe.join(', ')} ORDER BY n, id) AS rang
        FROM famille WHERE nb_secrets = 1 AND nb_enfants > 1 AND NOT parent_secret AND NOT secret),
      parents AS (SELECT DISTINCT id_parent AS id FROM famille WHERE nb_secrets = 1 AND nb_enfants = 1 AND NOT parent_secret)
      SELECT id FROM freres WHERE rang = 1 UNION SELECT id FROM parents`;
    const [res] = await db.query(`SELECT count(*)::INTEGER AS n FROM (${aMasquer})`);
    const n = Number(res?.n ?? 0);
    if (n > 0) {
      await db.exec(`UPDATE ${table} SET secret = TRUE WHERE id IN (${aMasquer})`);
      changes += n;
    }
  }
  return changes;
}

/** Applies primary and secondary suppression in place; returns the number of secret cells. */
export async function appliquerSecret(db: Db, cube: CubeSecret): Promise<{ primaires: number; secondaires: number }> {
  const { table, effectif, seuil } = cube;
  await db.exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS id INTEGER`);
  // ids from the cell's dimensions, not from rowid: the parallel GROUP BY emits rows in
  // varying order, and ties between candidate cells must break the same way every run
  const dimensions = [...cube.fixes, 'niveau', 'code', ...cube.categories].join(', ');
  await db.exec(`UPDATE ${table} SET id = s.rang FROM (SELECT rowid AS r, row_number() OVER (ORDER BY ${dimensions})::INTEGER AS rang FROM ${table}) s WHERE ${table}.rowid = s.r`);
  await db.exec(`ALTER TABLE ${table} ADD COLUMN IF NOT EXISTS secret BOOLEAN`);
  await db.exec(`UPDATE ${table} SET secret = (${effectif} > 0 AND ${effectif} < ${seuil})`);
  const [p] = await db.query(`SELECT count(*) FILTER (WHERE secret)::INTEGER AS n FROM ${table}`);
  let secondaires = 0;
  for (let i = 0; i < 50; i++) {
    const n = await passeSecondaire(db, cube);
    secondaires += n;
    if (n === 0) break;
    if (i === 49) throw new Error(`secret statistique : pas de point fixe sur ${table}`);
  }
  const vider = [effectif, ...cube.mesures].map((m) => `${m} = CASE WHEN secret THEN NULL ELSE ${m} END`).join(', ');
  await db.exec(`UPDATE ${table} SET ${vider}`);
  await db.exec(`ALTER TABLE ${table} DROP COLUMN id`);
  return { primaires: Number(p?.n ?? 0), secondaires };
}
