// DALO share (ACD phase 4), Sicoval reconciliation of the published objectives, parameters file,
// and the published `bailleurs` table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { parseConfigCsv } from '../../../../src/config/csv.ts';
import { chargerTerritoire, RACINE } from '../../../../src/config/territoire.ts';
import { ouvrirDuckDb } from '../../../../src/model/db-node.ts';
import { chargerParametresAcd } from '../../../../src/model/acd/config-node.ts';
import { daloGlobal, objectifDalo, partDalo } from '../../../../src/model/acd/dalo.ts';
import { lireParametresAcd } from '../../../../src/model/acd/parametres.ts';
import { rapprocherObjectifs, requeteRapprochementObjectifs } from '../../../../src/model/acd/rapprochement.ts';
import { publierBailleurs } from '../../../../src/publish/bailleurs.ts';

const P = chargerParametresAcd();
const dossier = join(RACINE, 'data', 'territoires', 'sicoval');
const csv = (f: string) => parseConfigCsv(readFileSync(join(dossier, f), 'utf8'), f);

test('DALO 2025 : part 847 / 3 078 ; Promologis 769 → 212, Les Chalets 417 → 115, ICF 56 → 15 (publié 16, tolérance 1)', () => {
  const part = partDalo(847, 3078);
  expect(part).toBeCloseTo(0.2752, 4); // 27,52 %
  const promologis = objectifDalo(769, part, { publie: 212, tolerance: P.dalo.tolerance });
  expect(promologis.brut).toBeCloseTo(211.6, 1);
  expect(promologis).toMatchObject({ arrondi: 212, ecart: 0, conforme: true });
  const chalets = objectifDalo(417, part, { publie: 115, tolerance: P.dalo.tolerance });
  expect(chalets.brut).toBeCloseTo(114.75, 2);
  expect(chalets).toMatchObject({ arrondi: 115, ecart: 0, conforme: true });
  const icf = objectifDalo(56, part, { publie: 16, tolerance: P.dalo.tolerance });
  expect(icf.brut).toBeCloseTo(15.4, 1);
  expect(icf).toMatchObject({ arrondi: 15, publie: 16, ecart: 1, conforme: true });
  expect(objectifDalo(56, part, { publie: 17, tolerance: 1 }).conforme).toBe(false);
});

test('DALO global = file active + 0,5 × nouveaux estimés', () => {
  expect(daloGlobal(700, 294, P.dalo.coefficientNouveaux)).toBe(847);
  expect(() => partDalo(10, 0)).toThrow();
});

test('Sicoval : Σ des objectifs par bailleur = 151 (2025, exact), 173 vs 172 publié (2026), 208 (2027)', async () => {
  const objectifs = csv('objectifs_acd.csv').map((r) => ({ annee: Number(r.annee), bailleur: String(r.bailleur), objectif: Number(r.objectif_edl_prioritaires) }));
  const totaux = csv('objectifs_acd_total.csv').map((r) => ({ annee: Number(r.annee), total: Number(r.objectif_total_publie) }));
  const r = rapprocherObjectifs(objectifs, totaux, P.toleranceRapprochement);
  expect(r).toEqual([
    { annee: 2025, bailleurs: 12, somme_bailleurs: 151, total_publie: 151, ecart: 0, exact: true, dans_tolerance: true },
    { annee: 2026, bailleurs: 12, somme_bailleurs: 173, total_publie: 172, ecart: -1, exact: false, dans_tolerance: true },
    { annee: 2027, bailleurs: 12, somme_bailleurs: 208, total_publie: 208, ecart: 0, exact: true, dans_tolerance: true },
  ]);
  // same result in SQL over the published table
  const db = await ouvrirDuckDb();
  try {
    await db.exec(`CREATE TABLE objectifs_acd (annee INTEGER, bailleur VARCHAR, objectif_edl_prioritaires INTEGER, source VARCHAR)`);
    await db.exec(`INSERT INTO objectifs_acd VALUES ${objectifs.map((o) => `(${o.annee}, '${o.bailleur.replaceAll("'", "''")}', ${o.objectif}, '')`).join(', ')}`);
    const s = await db.query(requeteRapprochementObjectifs(totaux, P.toleranceRapprochement));
    expect(s).toEqual(r.map((x) => ({ ...x })));
  } finally {
    db.close();
  }
});

test('acd.json : paramètres attendus, chacun avec sa source', () => {
  expect(P.ponderationFinancement).toEqual({ PLAI: 1, PLUS: 1, PLS: 0.1, PLI: 0, 'Avant 1977': 1, Autre: 0 });
  expect(P.tauxParZone).toEqual({ '1': 0.425, '2': 0.375, '3': 0.325, '4': 0.275 });
  expect(P.facteurQpv).toBe(0.5);
  expect(P.classesRotationPct).toEqual([7, 8, 9]);
  expect(P.cibleB).toBe(0.375);
  expect(P.annees).toEqual([2025, 2026, 2027]);
  for (const [k, v] of Object.entries(P.sources)) expect(v, k).not.toBe('');
  const brut = JSON.parse(readFileSync(join(RACINE, 'data', 'config', 'acd.json'), 'utf8'));
  expect(() => lireParametresAcd({ ...brut, arrondi: { niveau: 'epci', mode: 'plus_proche' } })).toThrow(/arrondi.niveau/);
  expect(() => lireParametresAcd({ ...brut, qpv: { facteur: -1 } })).toThrow(/qpv.facteur/);
});

test('Sicoval : taux de pondération des communes = taux de leur zone dans acd.json ; classes de rotation autorisées', () => {
  for (const c of csv('communes.csv')) {
    expect(Number(c.taux_ponderation_acd_pct) / 100, c.code_insee).toBeCloseTo(P.tauxParZone[String(c.zonage_tension_acd)]!, 12);
  }
  for (const b of csv('bailleurs.csv')) expect(P.classesRotationPct, b.bailleur).toContain(Number(b.classe_rotation_acd_pct));
});

test('publierBailleurs : table pub_bailleurs depuis la configuration du territoire', async () => {
  const t = chargerTerritoire('sicoval');
  const db = await ouvrirDuckDb();
  try {
    expect(await publierBailleurs(db, t)).toEqual({ lignes: 12 });
    const cols = await db.query(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'pub_bailleurs' ORDER BY ordinal_position`);
    expect(cols).toEqual([
      { column_name: 'bailleur', data_type: 'VARCHAR' },
      { column_name: 'classe_rotation_acd_pct', data_type: 'INTEGER' },
      { column_name: 'variantes', data_type: 'VARCHAR' },
    ]);
    const [p] = await db.query(`SELECT * FROM pub_bailleurs WHERE bailleur = 'Promologis'`);
    expect(p).toEqual({ bailleur: 'Promologis', classe_rotation_acd_pct: 8, variantes: 'PROMOLOGIS' });
    const [o] = await db.query(`SELECT * FROM pub_bailleurs WHERE bailleur = 'OPH de la Haute-Garonne'`);
    expect(o?.classe_rotation_acd_pct).toBe(9);
    expect(o?.variantes).toBe("Office Public de l'Habitat de Haute-Garonne|OPH 31|OPH31");
    // every bailleur with a published objective has a rotation class
    const sansClasse = t.objectifsAcd.filter((x) => !t.bailleurs.some((b) => b.nom === x.bailleur));
    expect(sansClasse).toEqual([]);
  } finally {
    db.close();
  }
});
