// The CALEOL decisions counts, defined once (src/model/catalogue/comptes-decisions.ts): each
// inclusion the secret relies on holds for every household the model can produce, and the
// published table counts what the catalogue says — on real DuckDB, by hand on five decisions.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { COMPTES_DECISIONS } from '../../../../src/model/catalogue/index.ts';
import { chargerTerritoire } from '../../../../src/config/territoire.ts';
import { publierDecisions } from '../../../../src/publish/cubes.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
});
afterAll(() => db?.close());

describe('comptes des décisions de CALEOL', () => {
  test('chaque inclusion nomme un compte défini avant lui ; identifiants uniques', () => {
    const vus = new Set<string>();
    for (const c of COMPTES_DECISIONS) {
      expect(vus.has(c.id), c.id).toBe(false);
      if (c.dans) expect(vus.has(c.dans), `${c.id} ⊂ ${c.dans}`).toBe(true);
      vus.add(c.id);
    }
  });

  test('« A dans B » : la condition de A implique celle de B pour toute combinaison des drapeaux du modèle', async () => {
    // the model's own implications: an attribution is a proposal (rank 1 among the ranked ones); a DALO household is priority
    const drapeaux = ['est_proposition', 'est_attribution', 'prioritaire', 'dalo', 'mutation', 'refus'];
    const combinaisons = `(SELECT * FROM ${drapeaux.map((d) => `(VALUES (true), (false)) ${d}_(${d})`).join(', ')}, (VALUES (true), (false), (NULL)) q1_(q1)
      WHERE (NOT est_attribution OR est_proposition) AND (NOT dalo OR prioritaire))`;
    for (const c of COMPTES_DECISIONS.filter((x) => x.dans)) {
      const parent = COMPTES_DECISIONS.find((x) => x.id === c.dans)!;
      const [r] = await db.query(`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE coalesce(${c.condition}, false) AND NOT coalesce(${parent.condition}, false))::INTEGER AS hors FROM ${combinaisons}`);
      expect(r!.n).toBe(2 ** 6 * 3 * (3 / 4) * (3 / 4));
      expect(r!.hors, `${c.id} ⊂ ${parent.id}`).toBe(0);
    }
  });

  test('la table publiée compte ce que dit le catalogue : cinq décisions calculées à la main', async () => {
    await db.exec(`CREATE OR REPLACE TABLE attributions_modele AS SELECT * FROM (VALUES
      -- annee, bailleur, est_proposition, est_attribution, prioritaire, dalo, q1, mutation, refus
      (2025, 'A', true,  true,  true,  true,  true,  false, false),  -- DALO, 1st quartile, signed
      (2025, 'A', true,  true,  true,  false, NULL,  true,  true),   -- priority mutation, refused, quartile unknown
      (2025, 'A', true,  false, false, false, false, false, false),  -- ranked 2nd
      (2025, 'B', false, false, false, false, true,  false, false),  -- non-attribution
      (2025, 'B', true,  true,  false, false, true,  false, true)    -- 1st quartile, refused
    ) t(annee, bailleur, est_proposition, est_attribution, prioritaire, dalo, q1, mutation, refus)`);
    await publierDecisions(db, chargerTerritoire('sicoval'));
    const [tous] = await db.query(`SELECT * FROM pub_decisions WHERE bailleur = '*'`);
    expect(tous).toMatchObject({
      annee: 2025, niveau: 'epci', code: '243100633',
      propositions: 4, propositions_prioritaires: 2, propositions_dalo: 1, propositions_q1: 2, propositions_q1_inconnu: 1, propositions_mutations: 1,
      non_attributions: 1, refus: 2, refus_prioritaires: 1, refus_q1: 1,
    });
    const colonnes = (await db.query(`SELECT column_name AS c FROM (DESCRIBE pub_decisions)`)).map((r) => r.c);
    expect(colonnes).toEqual(['annee', 'niveau', 'code', 'parent', 'bailleur', ...COMPTES_DECISIONS.map((c) => c.id)]);
  });
});
