// C1 capacity simulator on hand-made tables: the worked cases of ACD.md (Annexe 3 example
// table at 7/8/9 %, new-build cases 42,5 / 37,5 / 4,25), rotation, rounding, objectives.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../../src/model/db-node.ts';
import type { Ligne } from '../../../../src/model/db.ts';
import { chargerParametresAcd } from '../../../../src/model/acd/config-node.ts';
import { requeteCapaciteAcd, requeteCapaciteAcdBailleurs, requeteCapaciteAcdTotal } from '../../../../src/model/acd/capacite.ts';
import type { ParametresAcd } from '../../../../src/model/acd/parametres.ts';
import { creerTables, insererBailleurs, insererCommunes, insererObjectifs, insererParc, type LigneParc } from './tables.ts';

const P = chargerParametresAcd();
const avec = (m: Partial<ParametresAcd>): ParametresAcd => ({ ...P, ...m });

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
  await creerTables(db);
  // Annexe 3 example: 31068 Billière (zone 4), 31069 Blagnac (zone 1), 31070 Blajan (zone 4); 31001-31002 for new builds
  await insererCommunes(db, [['31068', 4], ['31069', 1], ['31070', 4], ['31001', 1], ['31002', 2]]);
  await insererBailleurs(db, [['B7', 7], ['B8', 8], ['B9', 9], ['Neuf', 8]]);
  const exemple = (b: string): LigneParc[] => [
    // 31068 hors QPV: PLS 10, PLAI/PLUS 120 (+ students and PLI, excluded / weight 0)
    { commune: '31068', bailleur: b, financement: 'PLAI', n: 40 },
    { commune: '31068', bailleur: b, financement: 'PLUS', n: 70 },
    { commune: '31068', bailleur: b, financement: 'PLUS', type: 'individuel', n: 10 },
    { commune: '31068', bailleur: b, financement: 'PLS', n: 10 },
    { commune: '31068', bailleur: b, financement: 'PLUS', type: 'etudiant', n: 50 },
    { commune: '31068', bailleur: b, financement: 'PLS', type: 'etudiant', n: 30 },
    { commune: '31068', bailleur: b, financement: 'PLI', n: 5 },
    // 31069 en QPV: PLS 0, PLAI/PLUS 50
    { commune: '31069', bailleur: b, financement: 'PLUS', qpv: true, n: 50 },
    // 31069 hors QPV: PLS 30, PLAI/PLUS 23
    { commune: '31069', bailleur: b, financement: 'PLAI', n: 23 },
    { commune: '31069', bailleur: b, financement: 'PLS', n: 30 },
    // 31070 hors QPV: PLS 48, PLAI/PLUS 7
    { commune: '31070', bailleur: b, financement: 'PLUS', type: 'individuel', n: 7 },
    { commune: '31070', bailleur: b, financement: 'PLS', n: 48 },
  ];
  await insererParc(db, [...exemple('B7'), ...exemple('B8'), ...exemple('B9')]);
  // a bailleur absent from the configuration (no rotation class)
  await insererParc(db, [{ commune: '31068', bailleur: 'Inconnu', financement: 'PLUS', n: 100 }]);
  await insererObjectifs(db, [[2025, 'B7', 4], [2025, 'B8', 10], [2025, 'B9', 0], [2025, 'Sans parc', 2]]);
});
afterAll(() => db.close());

const cle = (r: Ligne) => `${r.commune_insee}|${r.en_qpv ? 'QPV' : 'hors'}`;

describe('cas de l’annexe 3 (ACD.md) : 4 lignes × taux de rotation 7, 8, 9 %', () => {
  const attendu: Record<string, { eligible: number; w: number; cap: [number, number, number] }> = {
    '31068|hors': { eligible: 121.0, w: 0.275, cap: [2.3293, 2.662, 2.9948] },
    '31069|QPV': { eligible: 50.0, w: 0.2125, cap: [0.7438, 0.85, 0.9563] },
    '31069|hors': { eligible: 26.0, w: 0.425, cap: [0.7735, 0.884, 0.9945] },
    '31070|hors': { eligible: 11.8, w: 0.275, cap: [0.2272, 0.2596, 0.2921] },
  };
  for (const [i, b] of (['B7', 'B8', 'B9'] as const).entries()) {
    test(`${b} : éligibles, pondération, capacité au 1/10 000`, async () => {
      const r = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025], bailleur: b }));
      expect(r.map(cle).sort()).toEqual(Object.keys(attendu).sort());
      for (const x of r) {
        const a = attendu[cle(x)]!;
        expect(x.eligibles_existant).toBeCloseTo(a.eligible, 9);
        expect(x.ponderation).toBeCloseTo(a.w, 12);
        expect(x.classe_rotation_pct).toBe(7 + i);
        expect(Math.abs(Number(x.capacite_existant) - a.cap[i]!)).toBeLessThanOrEqual(0.00005 + 1e-12);
        expect(x.capacite_neuf).toBe(0);
        expect(x.capacite).toBeCloseTo(Number(x.capacite_existant), 12);
      }
    });
  }

  test('détail de 31068 : étudiants exclus, PLI à 0, PLS à 10 %', async () => {
    const [r] = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025], bailleur: 'B7', commune_insee: '31068' }));
    expect(r).toMatchObject({ plai: 40, plus: 80, pls: 10, pli: 5, parc_familial: 135, zonage_tension: 4, taux_tension: 0.275, facteur_qpv: 1 });
    expect(r?.capacite).toBeCloseTo(121 * 0.275 * 0.07, 12); // 2,32925
  });

  test('par bailleur : somme des 4 lignes, arrondie au plus proche, comparée à l’objectif publié', async () => {
    const r = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, annees: [2025] }));
    const par = Object.fromEntries(r.map((x) => [x.bailleur, x]));
    expect(par.B7?.capacite).toBeCloseTo(2.32925 + 0.74375 + 0.7735 + 0.22715, 9); // 4,07365
    expect(par.B7).toMatchObject({ objectif_simule: 4, objectif_publie: 4, ecart: 0, ratio: 1, cellules: 4 });
    expect(par.B8?.capacite).toBeCloseTo(2.662 + 0.85 + 0.884 + 0.2596, 9); // 4,6556
    expect(par.B8).toMatchObject({ objectif_simule: 5, objectif_publie: 10, ecart: -5, ratio: 0.5 });
    expect(par.B9?.capacite).toBeCloseTo(2.99475 + 0.95625 + 0.9945 + 0.29205, 9); // 5,23755
    expect(par.B9).toMatchObject({ objectif_simule: 5, objectif_publie: 0, ecart: 5, ratio: null });
    // objective without any dwelling: capacity 0, not unknown
    expect(par['Sans parc']).toMatchObject({ capacite: 0, objectif_simule: 0, objectif_publie: 2, ecart: -2, ratio: 0, sans_parc: true });
    // no rotation class: not computed, flagged; no published objective
    expect(par.Inconnu).toMatchObject({ classe_rotation_pct: null, capacite: null, objectif_simule: null, cellules_non_calculees: 1, objectif_publie: null });
  });

  test('classe de rotation par défaut (paramètre)', async () => {
    const [r] = await db.query(requeteCapaciteAcdBailleurs({ parametres: avec({ classeRotationParDefautPct: 8 }), annees: [2025], bailleur: 'Inconnu' }));
    expect(r?.capacite).toBeCloseTo(100 * 0.275 * 0.08, 12); // 2,2
    expect(r?.objectif_simule).toBe(2);
  });

  test('niveau et mode d’arrondi en paramètres', async () => {
    const q = (niveau: 'aucun' | 'commune' | 'bailleur', mode: 'plus_proche' | 'inferieur' | 'superieur') =>
      db.query(requeteCapaciteAcdBailleurs({ parametres: avec({ arrondi: { niveau, mode } }), annees: [2025], bailleur: 'B9' }));
    expect((await q('aucun', 'plus_proche'))[0]?.objectif_simule).toBeCloseTo(5.23755, 9);
    expect((await q('bailleur', 'plus_proche'))[0]?.objectif_simule).toBe(5);
    expect((await q('bailleur', 'superieur'))[0]?.objectif_simule).toBe(6);
    expect((await q('bailleur', 'inferieur'))[0]?.objectif_simule).toBe(5);
    // per commune: 2,99475 → 3 ; 0,95625 → 1 ; 0,9945 → 1 ; 0,29205 → 0
    expect((await q('commune', 'plus_proche'))[0]?.objectif_simule).toBe(5);
    // per commune, rounded down: 2 + 0 + 0 + 0
    expect((await q('commune', 'inferieur'))[0]?.objectif_simule).toBe(2);
  });

  test('total EPCI : somme des objectifs simulés et publiés', async () => {
    const [t] = await db.query(requeteCapaciteAcdTotal({ parametres: P, annees: [2025] }));
    expect(t).toMatchObject({ annee: 2025, objectif_simule: 4 + 5 + 5 + 0, objectif_publie: 4 + 10 + 0 + 2, ecart: -2, bailleurs_non_calcules: 1 });
  });

  test('pondération Avant 1977 en paramètre (défaut 1, assimilé PLUS)', async () => {
    await insererParc(db, [{ commune: '31069', bailleur: 'Ancien', financement: 'Avant 1977', n: 100 }, { commune: '31069', bailleur: 'Ancien', financement: 'Autre', n: 40 }]);
    await insererBailleurs(db, [['Ancien', 9]]);
    const [a] = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025], bailleur: 'Ancien' }));
    expect(a).toMatchObject({ avant_1977: 100, autres: 40, eligibles_existant: 100, parc_familial: 140 });
    expect(a?.capacite).toBeCloseTo(100 * 0.425 * 0.09, 12);
    const sans = avec({ ponderationFinancement: { ...P.ponderationFinancement, 'Avant 1977': 0 } });
    const [b] = await db.query(requeteCapaciteAcd({ parametres: sans, annees: [2025], bailleur: 'Ancien' }));
    expect(b?.eligibles_existant).toBe(0);
    expect(b?.capacite).toBe(0);
  });
});

describe('livraisons (constructions neuves) : pondérées, sans rotation ; stock de l’année suivante', () => {
  const livraisons = [
    { bailleur: 'Neuf', commune_insee: '31001', en_qpv: false, financement: 'PLUS', logements: 60, annee: 2025 },
    { bailleur: 'Neuf', commune_insee: '31001', en_qpv: false, financement: 'PLAI', logements: 40, annee: 2025 },
    { bailleur: 'Neuf', commune_insee: '31002', en_qpv: false, financement: 'PLUS', logements: 100, annee: 2025 },
    { bailleur: 'Neuf', commune_insee: '31001', en_qpv: true, financement: 'PLS', logements: 100, annee: 2026 },
    { bailleur: 'Neuf', commune_insee: '31001', en_qpv: false, financement: 'PLS', logements: 100, annee: 2027 },
  ];
  test('100 PLAI/PLUS hors QPV zone 1 → 42,5 ; zone 2 → 37,5 (l.7479)', async () => {
    const r = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025], livraisons, bailleur: 'Neuf' }));
    const par = Object.fromEntries(r.map((x) => [cle(x), x]));
    expect(par['31001|hors']).toMatchObject({ livraisons_annee: 100, eligibles_neuf: 100, capacite_existant: 0 });
    expect(par['31001|hors']?.capacite_neuf).toBeCloseTo(42.5, 12);
    expect(par['31002|hors']?.capacite_neuf).toBeCloseTo(37.5, 12);
    expect(par['31002|hors']?.capacite).toBeCloseTo(37.5, 12);
  });

  test('100 PLS zone 1 → 100 × 0,1 × 0,425 = 4,25 ; en QPV → 2,125', async () => {
    const r27 = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2027], livraisons, bailleur: 'Neuf', commune_insee: '31001' }));
    expect(r27.find((x) => !x.en_qpv)?.capacite_neuf).toBeCloseTo(4.25, 12);
    const r26 = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2026], livraisons, bailleur: 'Neuf', commune_insee: '31001' }));
    expect(r26.find((x) => x.en_qpv)?.capacite_neuf).toBeCloseTo(100 * 0.1 * 0.2125, 12);
    // without the 10 % rule on deliveries (parameter): 100 × 0,425 = 42,5
    const r27b = await db.query(requeteCapaciteAcd({ parametres: avec({ ponderationLivraisons: false }), annees: [2027], livraisons, bailleur: 'Neuf', commune_insee: '31001' }));
    expect(r27b.find((x) => !x.en_qpv)?.capacite_neuf).toBeCloseTo(42.5, 12);
  });

  test('les livraisons de N entrent dans le stock de N+1 (× pondération × rotation)', async () => {
    const r = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2026], livraisons, bailleur: 'Neuf', commune_insee: '31001' }));
    const hors = r.find((x) => !x.en_qpv);
    expect(hors).toMatchObject({ parc_familial: 100, livraisons_anterieures: 100, eligibles_existant: 100, livraisons_annee: 0 });
    expect(hors?.capacite_existant).toBeCloseTo(100 * 0.425 * 0.08, 12); // 3,4
    const [b] = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, annees: [2026], livraisons, bailleur: 'Neuf' }));
    // 2026: stock 100 (31001) × 0,425 × 0,08 + 100 (31002) × 0,375 × 0,08 + new PLS in QPV 2,125 = 3,4 + 3 + 2,125
    expect(b?.capacite).toBeCloseTo(8.525, 9);
    expect(b?.objectif_simule).toBe(9);
  });

  test('livraisons depuis une table (qui peut être vide)', async () => {
    await db.exec(`CREATE TABLE livraisons (bailleur VARCHAR, commune_insee VARCHAR, en_qpv BOOLEAN, financement VARCHAR, logements INTEGER, annee INTEGER)`);
    const vide = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, annees: [2025], tableLivraisons: 'livraisons', bailleur: 'B7' }));
    expect(vide[0]?.capacite).toBeCloseTo(4.07365, 9);
    await db.exec(`INSERT INTO livraisons VALUES ('B7', '31001', FALSE, 'PLAI', 100, 2025)`);
    const [r] = await db.query(requeteCapaciteAcdBailleurs({ parametres: P, annees: [2025], tableLivraisons: 'livraisons', bailleur: 'B7' }));
    expect(r?.capacite).toBeCloseTo(4.07365 + 42.5, 9);
    expect(() => requeteCapaciteAcd({ parametres: P, tableLivraisons: 'x; DROP TABLE parc' })).toThrow();
  });
});

describe('millésime du RPLS', () => {
  test('dernier millésime ≤ année ; livraisons à partir du millésime', async () => {
    const d = await ouvrirDuckDb();
    try {
      await creerTables(d);
      await insererCommunes(d, [['31001', 1]]);
      await insererBailleurs(d, [['X', 7]]);
      // RPLS at 1/1/2024 (ACD: latest available) + deliveries of 2024 → stock 2025
      await insererParc(d, [{ millesime: 2024, commune: '31001', bailleur: 'X', financement: 'PLUS', n: 200 }]);
      const livraisons = [
        { bailleur: 'X', commune_insee: '31001', en_qpv: false, financement: 'PLUS', logements: 10, annee: 2023 }, // already in RPLS 2024
        { bailleur: 'X', commune_insee: '31001', en_qpv: false, financement: 'PLUS', logements: 20, annee: 2024 },
      ];
      const [r] = await d.query(requeteCapaciteAcd({ parametres: P, annees: [2025], livraisons }));
      expect(r).toMatchObject({ millesime: 2024, parc_familial: 220, livraisons_anterieures: 20, livraisons_annee: 0 });
      expect(r?.capacite).toBeCloseTo(220 * 0.425 * 0.07, 12);
    } finally {
      d.close();
    }
  });
});

test('les valeurs saisies ne peuvent pas injecter de SQL', async () => {
  const r = await db.query(requeteCapaciteAcd({ parametres: P, annees: [2025], bailleur: "B7' OR '1'='1" }));
  expect(r).toEqual([]);
});
