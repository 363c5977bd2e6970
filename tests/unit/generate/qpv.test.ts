// QPV support of the generator, exercised on the Muretain (EPCI 200068641,
// two QPVs in Muret), and the guarantee that the Sicoval (no QPV) output is
// byte-identical to what it was before QPV support existed.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultatGeneration } from '../../../src/generate/generer.ts';
import { lambert93 } from '../../../src/generate/geo.ts';
import { lireSynthese, type QuartierQpv } from '../../../src/generate/synthese.ts';
import { generer, lireFichier, lireTableau, nombreFr, RACINE, type Ligne } from './outils.ts';

const DOSSIER = join(RACINE, 'data', 'territoires', 'muretain');
const SIREN_MURETAIN = '200068641';

/**
 * sha256 of the Sicoval files generated with the default seed (31450): the stock and
 * the OPS as before QPV support was added; the decisions since the history went to
 * five years (2021-2025), the years 2024-2025 keeping their calibrated shares.
 * A change here means the Sicoval's synthetic data moved: only update these after
 * checking that the change is intended.
 */
const EMPREINTES_SICOVAL: Record<string, string> = {
  'rpls_2025.csv': '47922baba83f995186d536f893c050f5603dc8410aa2f5ee8581440dd920c155',
  'ops_2024.csv': '41408ba0c2f3a3771ea5f656a11d5ded724ead835205a6f9655eda2be7be2b76',
  'attributions_2021_2025.csv': '2d545714816f2dcf44149f802008bb0ebf337b723a48e3411a950cdfd89aa57b',
};

type Quartier = QuartierQpv;
const synthese = JSON.parse(readFileSync(join(DOSSIER, 'synthese.json'), 'utf8')) as {
  graine: number;
  annees_attributions: number[];
  attributions: {
    part_q1_hors_etudiants_pct: number;
    trajectoire: { par_annee: Record<string, { part_q1_hors_etudiants_pct?: number; part_q1_en_qpv_pct?: number }> };
  };
  qpv: { quartiers: Quartier[]; part_q1_en_qpv_pct: number };
};
/** The year's hypotheses: trajectory value for the earlier years of the history, else the base value. */
const cibleA5 = (annee: string): number =>
  synthese.attributions.trajectoire.par_annee[annee]?.part_q1_hors_etudiants_pct ?? synthese.attributions.part_q1_hors_etudiants_pct;
const cibleA5q = (annee: string): number =>
  100 - (synthese.attributions.trajectoire.par_annee[annee]?.part_q1_en_qpv_pct ?? synthese.qpv.part_q1_en_qpv_pct);
const QUARTIERS = synthese.qpv.quartiers;
const config = (f: string): Ligne[] => lireTableau(readFileSync(join(DOSSIER, f), 'utf8').trimEnd() + '\n', ',').lignes;
const seuil = (dossier: string): number =>
  Number(
    lireTableau(readFileSync(join(dossier, 'seuils_premier_quartile.csv'), 'utf8').trimEnd() + '\n', ',').lignes.find(
      (s) => s['annee'] === '2024',
    )?.['seuil_annuel_uc_eur'],
  );
const SEUIL_MURETAIN = seuil(DOSSIER);
const SEUIL_SICOVAL = seuil(join(RACINE, 'data', 'territoires', 'sicoval'));
const pct = (n: number, d: number): number => (100 * n) / d;

const seulesAttributions = (lignes: Ligne[]): Ligne[] =>
  lignes.filter((a) => (a['decision'] === 'attribution' || a['decision'] === 'attribution_sous_condition') && a['rang'] === '1');

/** Annual resources per consumption unit (INSEE scale 1 / 0,5 / 0,3) under the threshold. */
const sousSeuil = (a: Ligne, seuilAnnuel: number): boolean => {
  const uc = 1 + 0.5 * (Number(a['nb_personnes_14_plus']) - 1) + 0.3 * Number(a['nb_enfants_moins_14']);
  return (12 * nombreFr(a['ressources_mensuelles'] ?? '')) / uc < seuilAnnuel;
};

/** A5 (Q1 among attributions outside QPV) and A5q (quartiles 2-4 among attributions in QPV), per year of commission. */
function indicateurs(lignes: Ligne[], seuilAnnuel: number, annee: string): { a5: number; a5q: number; enQpv: number } {
  const an = seulesAttributions(lignes).filter((a) => a['date_caleol']?.endsWith(annee));
  const hors = an.filter((a) => a['qpv_code'] === '');
  const en = an.filter((a) => a['qpv_code'] !== '');
  return {
    a5: pct(hors.filter((a) => sousSeuil(a, seuilAnnuel)).length, hors.length),
    a5q: en.length === 0 ? NaN : pct(en.filter((a) => !sousSeuil(a, seuilAnnuel)).length, en.length),
    enQpv: en.length,
  };
}

const chemin = (r: ResultatGeneration, debut: string): string => {
  const f = r.fichiers.find((x) => x.nom.startsWith(debut));
  if (!f) throw new Error(`fichier ${debut} absent`);
  return f.chemin;
};

let sicoval: ResultatGeneration;
let muretain: ResultatGeneration;
let muretainBis: ResultatGeneration;
let muretainAutre: ResultatGeneration;
let rpls: Ligne[];
let ops: Ligne[];
let attributions: Ligne[];

beforeAll(async () => {
  sicoval = await generer();
  muretain = await generer(undefined, 'muretain');
  muretainBis = await generer(undefined, 'muretain');
  muretainAutre = await generer(synthese.graine + 1, 'muretain');
  rpls = lireFichier(chemin(muretain, 'rpls_2025')).lignes;
  ops = lireFichier(chemin(muretain, 'ops_2024')).lignes;
  attributions = lireFichier(chemin(muretain, 'attributions_2021_2025')).lignes;
});

afterAll(() => {
  for (const r of [sicoval, muretain, muretainBis, muretainAutre]) if (r) rmSync(r.sortie, { recursive: true, force: true });
});

describe('Sicoval (sans QPV)', () => {
  test('fichiers identiques octet par octet aux empreintes enregistrées (graine par défaut) : le support des QPV ne change rien', () => {
    expect(sicoval.graine).toBe(31450);
    // files added since (the demand extract) are not part of this regression check
    const anciens = sicoval.fichiers.filter((f) => f.nom in EMPREINTES_SICOVAL);
    expect(anciens).toHaveLength(Object.keys(EMPREINTES_SICOVAL).length);
    for (const f of anciens) {
      const empreinte = createHash('sha256').update(readFileSync(f.chemin)).digest('hex');
      expect(empreinte, f.nom).toBe(EMPREINTES_SICOVAL[f.nom]);
    }
  });

  test('aucun logement ni attribution en QPV', () => {
    const r = lireFichier(chemin(sicoval, 'rpls_2025')).lignes;
    expect(r.every((l) => l['QPV'] === '2' && l['QPV_CODE'] === '' && l['PLG_QP15'] === '' && l['PLG_QP24'] === '')).toBe(true);
    expect(lireFichier(chemin(sicoval, 'attributions_2021_2025')).lignes.every((a) => a['qpv_code'] === '')).toBe(true);
  });
});

describe('Muretain (QPV)', () => {
  test('déterminisme : même graine → mêmes octets, autre graine → autres fichiers', () => {
    for (const f of muretain.fichiers) {
      const octets = readFileSync(f.chemin);
      expect(readFileSync(join(muretainBis.sortie, f.nom)).equals(octets), f.nom).toBe(true);
      expect(readFileSync(join(muretainAutre.sortie, f.nom)).equals(octets), f.nom).toBe(false);
    }
  });

  test('les 26 communes de l’EPCI 200068641 sont configurées et ont un parc', () => {
    const require = createRequire(import.meta.url);
    const epci = (require('@etalab/decoupage-administratif/data/epci.json') as { code: string; membres: { code: string }[] }[]).find(
      (e) => e.code === SIREN_MURETAIN,
    );
    const membres = (epci?.membres ?? []).map((m) => m.code).sort();
    expect(membres).toHaveLength(26);
    expect(config('communes.csv').map((c) => c['code_insee']).sort()).toEqual(membres);
    expect([...new Set(rpls.map((l) => l['DEPCOM']))].sort()).toEqual(membres);
    expect(rpls.every((l) => l['EPCI_CODE'] === SIREN_MURETAIN)).toBe(true);
  });

  test('logements en QPV seulement dans les communes qui ont un QPV, avec un code valide et cohérent', () => {
    const parCode = new Map(QUARTIERS.map((q) => [q.code, q]));
    const enQpv = rpls.filter((l) => l['QPV'] === '1');
    expect(enQpv.length).toBeGreaterThan(0);
    for (const l of rpls) {
      const code = l['QPV_CODE'] ?? '';
      expect(l['QPV'], l['IDENT_REP']).toBe(code === '' ? '2' : '1');
      if (code === '') {
        expect(l['QPV_LIBELLE'] === '' && l['PLG_QP15'] === '' && l['PLG_QP24'] === '').toBe(true);
        continue;
      }
      expect(code).toMatch(/^Q[PN][0-9]{3}[0-9A-Z]{3}$/);
      const q = parCode.get(code);
      expect(q, code).toBeDefined();
      expect(l['DEPCOM']).toBe(q?.commune);
      expect(l['QPV_LIBELLE']).toBe(q?.libelle);
      // 2015 codes (QP…) go to PLG_QP15, 2024 codes (QN…) to PLG_QP24.
      expect(code.startsWith('QN') ? l['PLG_QP24'] : l['PLG_QP15']).toBe(code);
      expect(code.startsWith('QN') ? l['PLG_QP15'] : l['PLG_QP24']).toBe('');
    }
    const communesQpv = new Set(QUARTIERS.map((q) => q.commune));
    expect(new Set(enQpv.map((l) => l['DEPCOM']))).toEqual(communesQpv);
  });

  test('parc de chaque QPV à une demi-résidence près de l’hypothèse, logements dans ou près du périmètre', () => {
    for (const q of QUARTIERS) {
      const dans = rpls.filter((l) => l['QPV_CODE'] === q.code);
      expect(Math.abs(dans.length - q.logements), q.code).toBeLessThanOrEqual(40);
      expect(dans.every((l) => l['TYPECONST_CODE'] === 'C')).toBe(true);
      const points = q.points.map(([lat, lon]) => lambert93(lat, lon));
      for (const l of dans) {
        const x = nombreFr(l['X'] ?? '');
        const y = nombreFr(l['Y'] ?? '');
        const d = Math.min(...points.map(([px, py]) => Math.hypot(x - px, y - py)));
        // programme within rayon_m of a point; buildings of a résidence spread up to ≈ 100 m
        expect(d, `${q.code} ${l['IDENT_REP']}`).toBeLessThan(q.rayon_m + 120);
      }
    }
  });

  test('qpv_code de l’OPS et des attributions = QPV du logement dans le RPLS', () => {
    const qpvDe = new Map(rpls.map((l) => [l['IDENT_REP'], l['QPV_CODE']]));
    for (const o of ops) expect(o['qpv_code'], o['ident_rep']).toBe(qpvDe.get(o['ident_rep']));
    for (const a of attributions) expect(a['qpv_code'], a['ident_rep']).toBe(qpvDe.get(a['ident_rep']));
    expect(ops.some((o) => o['qpv_code'] !== '')).toBe(true);
  });

  test('A5q (quartiles 2-4 en QPV) calé sur l’hypothèse, au-dessus de 50 % ; A5 hors QPV différent du Sicoval', () => {
    const sicovalAttributions = lireFichier(chemin(sicoval, 'attributions_2021_2025')).lignes;
    for (const [nom, lignes] of [
      ['graine par défaut', attributions],
      ['autre graine', lireFichier(chemin(muretainAutre, 'attributions_2021_2025')).lignes],
    ] as const) {
      for (const annee of synthese.annees_attributions.map(String)) {
        const m = indicateurs(lignes, SEUIL_MURETAIN, annee);
        const s = indicateurs(sicovalAttributions, SEUIL_SICOVAL, annee);
        const ou = `${nom} ${annee}`;
        expect(m.enQpv, ou).toBeGreaterThanOrEqual(40);
        expect(m.a5q, ou).toBeGreaterThanOrEqual(50);
        expect(Math.abs(m.a5q - cibleA5q(annee)), ou).toBeLessThanOrEqual(8);
        expect(Math.abs(m.a5 - cibleA5(annee)), ou).toBeLessThanOrEqual(3);
        expect(Math.abs(m.a5 - s.a5), ou).toBeGreaterThan(10);
      }
    }
  });
});

describe('synthese.json : bloc qpv', () => {
  test('un code de QPV mal formé est refusé avec un message clair', () => {
    const dossier = mkdtempSync(join(tmpdir(), 'obs-cil-qpv-'));
    try {
      const brut = JSON.parse(readFileSync(join(DOSSIER, 'synthese.json'), 'utf8'));
      brut.qpv.quartiers[0].code = 'QPV-MURET';
      writeFileSync(join(dossier, 'synthese.json'), JSON.stringify(brut));
      expect(() => lireSynthese(join(dossier, 'synthese.json'))).toThrow(/code de QPV invalide/);
      copyFileSync(join(DOSSIER, 'synthese.json'), join(dossier, 'synthese.json'));
      expect(lireSynthese(join(dossier, 'synthese.json')).qpv?.quartiers).toHaveLength(QUARTIERS.length);
    } finally {
      rmSync(dossier, { recursive: true, force: true });
    }
  });
});
