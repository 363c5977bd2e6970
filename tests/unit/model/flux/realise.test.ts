// R5 réalisé: CALEOL decisions → attributions, leases, priority households per réservataire × bailleur × year,
// on real DuckDB with a small table counted by hand.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import { calculerRealise, cle } from '../../../../src/model/flux/realise.sql.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE attributions (bailleur VARCHAR, date_caleol DATE, decision VARCHAR, rang INTEGER, commune VARCHAR,
    reservataire_contingent VARCHAR, reservataire_nom VARCHAR, date_bail DATE, public_prioritaire BOOLEAN)`);
  await db.exec(`INSERT INTO attributions VALUES
    -- Baziège × Cité Jardins 2024: 3 attributions (1 prioritaire), 2 leases in 2024, 1 lease in 2025 (decision of Dec 2024)
    ('La Cité Jardins', '2024-03-01', 'attribution', 1, '31048', 'commune', 'Commune de Baziège', '2024-04-01', true),
    ('CITE JARDINS',    '2024-06-01', 'attribution_sous_condition', NULL, '31048', 'commune', 'COMMUNE DE BAZIEGE', '2024-07-01', false),
    ('La Cité Jardins', '2024-12-15', 'attribution_rang', 1, '31048', 'commune', 'Baziège', '2025-01-10', false),
    -- ranked 2: a proposal, not an attribution; but it signed (the first refused): a lease of 2024
    ('La Cité Jardins', '2024-12-15', 'attribution_rang', 2, '31048', 'commune', 'Baziège', '2024-12-30', false),
    -- non-attribution and irrecevable: excluded, even with a (wrong) lease date
    ('La Cité Jardins', '2024-05-01', 'non_attribution', NULL, '31048', 'commune', 'Commune de Baziège', '2024-06-01', true),
    ('La Cité Jardins', '2024-05-01', 'irrecevable', NULL, '31048', 'commune', 'Commune de Baziège', NULL, true),
    -- empty réservataire name: the dwelling's commune decides (Baziège), 2025, prioritaire, no lease yet
    ('La Cité Jardins', '2025-02-01', 'attribution', 1, '31048', 'commune', '', NULL, true),
    -- other contingents and other communes: excluded
    ('La Cité Jardins', '2024-03-01', 'attribution', 1, '31048', 'etat_prioritaires', 'Préfecture de la Haute-Garonne', '2024-04-01', true),
    ('La Cité Jardins', '2024-03-01', 'attribution', 1, '31003', 'commune', 'Commune d''Ayguesvives', '2024-04-01', false),
    ('La Cité Jardins', '2024-03-01', 'attribution', 1, '31003', 'commune', NULL, '2024-04-01', false),
    -- named Baziège but the dwelling is elsewhere: the name decides
    ('OPH 31',          '2025-09-01', 'attribution', 1, '31003', 'commune', 'Mairie de Baziège', '2025-10-01', false),
    -- a bailleur without convention: excluded
    ('Promologis',      '2024-03-01', 'attribution', 1, '31048', 'commune', 'Commune de Baziège', '2024-04-01', false),
    ('Alteal',          '2023-03-01', 'attribution', 1, '31048', 'commune', 'Commune de Baziège', NULL, false)`);
  // no DALO column in these rows: priority from « public prioritaire » alone (sqlPrioritaire)
  await db.exec(`ALTER TABLE attributions ADD COLUMN dalo BOOLEAN`);
});
afterAll(() => db.close());

describe('réalisé sur le flux d’une commune (SQL, DuckDB)', () => {
  test('comptes par réservataire × bailleur × année, calculés à la main', async () => {
    const { realise, annees } = await calculerRealise(
      db,
      [{ reservataire: 'Commune de Baziège', code_insee: '31048', nom_commune: 'Baziège' }],
      [
        { bailleur: 'La Cité Jardins', variantes: ['Cité Jardins', 'CITE JARDINS'] },
        { bailleur: 'OPH de la Haute-Garonne', variantes: ['OPH 31'] },
        { bailleur: 'Alteal', variantes: [] },
      ],
    );
    expect(realise).toEqual([
      { reservataire: 'Commune de Baziège', bailleur: 'Alteal', annee: 2023, attributions: 1, baux_signes: 0, prioritaires: 0 },
      { reservataire: 'Commune de Baziège', bailleur: 'La Cité Jardins', annee: 2024, attributions: 3, baux_signes: 3, prioritaires: 1 },
      { reservataire: 'Commune de Baziège', bailleur: 'La Cité Jardins', annee: 2025, attributions: 1, baux_signes: 1, prioritaires: 1 },
      { reservataire: 'Commune de Baziège', bailleur: 'OPH de la Haute-Garonne', annee: 2025, attributions: 1, baux_signes: 1, prioritaires: 0 },
    ]);
    expect(annees).toEqual([2023, 2024, 2025]);
  });
  test('la clé SQL et la clé JS coïncident', async () => {
    const noms = ['Commune de Baziège', "Commune d'Ayguesvives", '  MAIRIE  DE  BAZIÈGE ', 'Cité-Jardins (La)'];
    for (const n of noms) {
      const [r] = await db.query(`SELECT regexp_replace(regexp_replace(lower(strip_accents('${n.replaceAll("'", "''")}')), '[^a-z0-9]+', '-', 'g'), '^-|-$', '', 'g') AS k`);
      expect(r?.k).toBe(cle(n));
    }
  });
});
