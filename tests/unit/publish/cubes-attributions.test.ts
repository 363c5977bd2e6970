// The attributions cube with its financing and QPV dimensions, on real DuckDB: statistical
// secrecy stays closed (no hidden cell recomputable as a published total minus its siblings),
// the measures of secret cells are emptied, and the cube holds the published crossings
// (src/model/catalogue/croisements.ts), no other.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { publierAttributions, MESURES_ATTRIBUTIONS } from '../../../src/publish/cubes.ts';
import type { Territoire } from '../../../src/config/territoire.ts';
import { appliquerSecretPublication } from '../../../src/confidentialite/secret-publication.ts';
import { croisementsPublies } from '../../../src/model/catalogue/croisements.ts';

let db: DbNode;
const territoire = (aDesQpv: boolean) => ({ epciSiren: 'E', secret: { attributionsMin: 5, menagesOpsMin: 11 }, aDesQpv }) as unknown as Territoire;
const CATEGORIES = ['bailleur', 'contingent', 'financement', 'qpv'];

/** Deterministic pseudo-random attributions over 2 territories, 5 communes, 3 bailleurs, 5 financings. */
async function modele(): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE attributions_modele AS
  WITH g AS (SELECT i, (hash(i * 7919) % 1000000007)::BIGINT AS h FROM range(400) t(i))
  SELECT TRUE AS est_attribution, 2025 AS annee, (h % 4 + 1)::INTEGER AS trimestre,
    ['31001', '31002', '31003', '31004', '31005'][(h // 4) % 5 + 1] AS commune_insee,
    CASE WHEN (h // 4) % 5 < 3 THEN '1' ELSE '2' END AS territoire,
    ['OPH', 'SA', 'ESH'][(h // 20) % 3 + 1] AS bailleur,
    ['commune', 'etat_prioritaires', 'action_logement'][(h // 60) % 3 + 1] AS contingent,
    ['PLAI', 'PLUS', 'PLUS', 'PLUS', 'PLS', 'PLI', 'Autre'][(h // 180) % 7 + 1] AS financement,
    (h // 1260) % 9 = 0 AS en_qpv,
    (h // 11340) % 3 = 0 AS prioritaire, FALSE AS dalo, FALSE AS mutation, FALSE AS etudiant,
    (h // 34020) % 4 = 0 AS q1, TRUE AS edl, FALSE AS refus,
    CASE WHEN (h // 136080) % 10 = 0 THEN NULL ELSE (h // 1360800) % 2 = 0 END AS sous_60_plus,
    TRUE AS est_bail, 2025 AS annee_bail, (h % 4 + 1)::INTEGER AS trimestre_bail, FALSE AS relogement_anru_orcod, 8895.0 AS seuil_q1, FALSE AS logement_etudiant
  FROM g`);
}

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await modele();
});
afterAll(() => db.close());

/** « niveau periode dimensions » of every kind of row of the cube. */
async function signatures(): Promise<string[]> {
  const lignes = await db.query(`SELECT DISTINCT niveau, periode, ${CATEGORIES.map((c) => `${c} <> '*' AS ${c}`).join(', ')} FROM pub_attributions`);
  return lignes.map((l) => `${l.niveau} ${l.periode} ${CATEGORIES.filter((c) => l[c]).join('+') || '-'}`).sort();
}

/** The same from the list of published crossings. */
function attendues(avecQpv: boolean): string[] {
  return croisementsPublies(avecQpv)
    .flatMap((c) => c.niveaux.flatMap((n) => (c.trimestres ? ['T1', 'T2', 'T3', 'annee'] : ['annee']).map((p) => `${n} ${p} ${CATEGORIES.filter((d) => (c.dimensions as string[]).includes(d)).join('+') || '-'}`)))
    .filter((x, i, t) => t.indexOf(x) === i)
    .sort();
}

/** Published parents with exactly one hidden child that is not 0 (a row under the secret empties its zeros too), over every relation the secrecy must close, for each measure (each is a cell). */
async function fuites(): Promise<unknown[]> {
  const r: unknown[] = [];
  for (const m of ['attributions', 'baux', 'prioritaires', 'q1']) r.push(...(await fuitesMesure(m)).map((x) => ({ mesure: m, ...(x as object) })));
  return r;
}

async function fuitesMesure(m: string): Promise<Record<string, unknown>[]> {
  const egal = (cols: string[]) => cols.map((c) => `e.${c} = p.${c}`).join(' AND ');
  const requetes = [
    ...[['commune', 'territoire'], ['territoire', 'epci']].map(
      ([enfant, parent]) => `SELECT p.niveau, p.code, p.bailleur, p.contingent, p.financement, p.qpv, p.periode FROM pub_attributions p
        JOIN pub_attributions e ON e.niveau = '${enfant}' AND p.niveau = '${parent}' AND e.parent = p.code AND ${egal(['annee', 'periode', ...CATEGORIES])}
        WHERE p.${m} IS NOT NULL GROUP BY ALL HAVING count(*) FILTER (WHERE e.${m} IS NULL) = 1 AND any_value(p.${m}) - coalesce(sum(e.${m}), 0) <> 0`,
    ),
    ...CATEGORIES.map(
      (d) => `SELECT p.niveau, p.code, p.bailleur, p.contingent, p.financement, p.qpv, p.periode FROM pub_attributions p
        JOIN pub_attributions e ON p.${d} = '*' AND e.${d} <> '*' AND ${egal(['annee', 'periode', 'niveau', 'code', ...CATEGORIES.filter((x) => x !== d)])}
        WHERE p.${m} IS NOT NULL GROUP BY ALL HAVING count(*) FILTER (WHERE e.${m} IS NULL) = 1 AND any_value(p.${m}) - coalesce(sum(e.${m}), 0) <> 0`,
    ),
  ];
  return db.query(requetes.join('\nUNION ALL\n'));
}

describe('territoire avec QPV', () => {
  beforeAll(async () => {
    await publierAttributions(db, territoire(true));
    await appliquerSecretPublication(db, territoire(true), { avecDemande: false });
  });

  test('des cases sont en secret, et aucune ne se recalcule comme total publié moins les autres cases', async () => {
    const [n] = await db.query(`SELECT count(*) FILTER (WHERE secret)::INTEGER AS s, count(*) FILTER (WHERE secret AND financement <> '*')::INTEGER AS sf FROM pub_attributions`);
    expect(Number(n?.sf)).toBeGreaterThan(0);
    expect(await fuites()).toEqual([]);
  });

  test('une case en secret n’a aucune mesure publiée, A6 compris', async () => {
    const nonVides = [...MESURES_ATTRIBUTIONS, 'attributions'].map((m) => `count(${m})`).join(' + ');
    const [r] = await db.query(`SELECT (${nonVides})::INTEGER AS n FROM pub_attributions WHERE secret`);
    expect(r?.n).toBe(0);
  });

  test('exactement les croisements de la liste publiée : trimestres, bailleur, contingent, financement et QPV à l’échelle de l’EPCI seulement', async () => {
    expect(await signatures()).toEqual(attendues(true));
    // spelled out once, so that a change of the list is a decision seen in this test
    expect(attendues(true)).toEqual([
      'commune annee -', 'epci T1 -', 'epci T2 -', 'epci T3 -', 'epci annee -', 'epci annee bailleur', 'epci annee contingent',
      'epci annee financement', 'epci annee financement+qpv', 'epci annee qpv', 'territoire annee -',
    ]);
    const qpv = (await db.query(`SELECT DISTINCT qpv FROM pub_attributions ORDER BY 1`)).map((x) => x.qpv);
    expect(qpv).toEqual(['*', 'en QPV', 'hors QPV']);
  });

  test('les cases publiées comptent juste (EPCI, année, par financement)', async () => {
    const attendu = await db.query(`SELECT financement, count(*)::INTEGER AS attributions, count(*) FILTER (WHERE sous_60_plus)::INTEGER AS sous_60_plus,
      count(*) FILTER (WHERE sous_60_plus AND q1)::INTEGER AS sous_60_plus_q1, count(sous_60_plus)::INTEGER AS plafond_plus_connu
      FROM attributions_modele GROUP BY 1 ORDER BY 1`);
    const publie = await db.query(`SELECT financement, attributions, sous_60_plus, sous_60_plus_q1, plafond_plus_connu FROM pub_attributions
      WHERE niveau = 'epci' AND periode = 'annee' AND financement <> '*' AND qpv = '*' AND NOT secret ORDER BY 1`);
    expect(publie.length).toBeGreaterThan(2);
    // each measure is a cell of its own: a visible row may have measures hidden (empty), the others count exactly
    for (const l of publie) {
      const a = attendu.find((x) => x.financement === l.financement)!;
      for (const [k, v] of Object.entries(l)) if (v !== null) expect(v, `${l.financement} · ${k}`).toBe(a[k]);
    }
    expect(publie.some((l) => l.sous_60_plus !== null)).toBe(true);
  });
});

test('territoire sans QPV : pas de découpage QPV (chaque case serait répétée « hors QPV »), secret toujours fermé', async () => {
  await publierAttributions(db, territoire(false));
  await appliquerSecretPublication(db, territoire(false), { avecDemande: false });
  const qpv = (await db.query(`SELECT DISTINCT qpv FROM pub_attributions`)).map((x) => x.qpv);
  expect(qpv).toEqual(['*']);
  expect(await signatures()).toEqual(attendues(false));
  expect(await fuites()).toEqual([]);
});
