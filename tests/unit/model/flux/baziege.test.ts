// The four Baziège conventions (deliberation D25-59 of 10 Dec 2025, Annexe 1 of each convention):
// committed fixture, territory data file, and ../shared/vectors when present.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { evaluerConvention } from '../../../../src/model/flux/convention.ts';
import { decouper, lireCsvFlux } from '../../../../src/model/flux/csv.ts';
import { resumerEtatDesLieux } from '../../../../src/model/flux/etat-des-lieux.ts';
import { lireTaux } from '../../../../src/model/flux/nombres.ts';
import type { ConventionAnnexe1, ResultatConvention } from '../../../../src/model/flux/types.ts';
import { PARTAGE, RACINE, partagePresent } from '../../../helpers/racine.ts';

const racine = (p: string): string => join(RACINE, p);
const FIXTURE = racine('tests/fixtures/flux/baziege.csv');
const DONNEES = racine('data/territoires/sicoval/conventions_annexe1.csv');
const RESUMES_ETATS = racine('tests/fixtures/flux/baziege_etats_des_lieux_resume.csv');
const ETATS_PARTAGES = join(PARTAGE, 'reference', 'baziege_etats_des_lieux_normalises.csv');
const VECTEURS = join(PARTAGE, 'vectors', 'flux_baziege.json');

function conventions(fichier: string): ConventionAnnexe1[] {
  const l = lireCsvFlux(readFileSync(fichier));
  if (!l.ok) throw new Error(l.erreur.attendu);
  expect(l.erreurs).toEqual([]);
  return l.conventions.map((c) => c.convention);
}
const resultats = (): ResultatConvention[] => conventions(FIXTURE).map((c) => evaluerConvention(c));
const parBailleur = (b: string): ResultatConvention => {
  const r = resultats().find((x) => x.bailleur === b);
  if (r === undefined) throw new Error(b);
  return r;
};

describe('vecteurs Baziège depuis la fixture committée', () => {
  test('HG-1 OPH 31 : E 45, R 2, τ 9,89 % → 0,1978 ; « 0.265=>1 » et « 0.044% » : FLUX_MISMATCH, PCT_UNIT', () => {
    const r = parBailleur('OPH de la Haute-Garonne');
    expect(r.calcul).toMatchObject({ modele: 'HG' });
    expect(r).toMatchObject({ annee: 2025, flux_brut: 0.1978, flux_contractuel: 1, prioritaires_brut: 0.04945, periode_annees: 5 });
    expect(r.part).toBeCloseTo(2 / 45, 12);
    expect(r.flux_imprime).toMatchObject({ flux: 0.265, contractuel: 1 });
    expect(r.drapeaux.map((d) => d.code)).toEqual(['FLUX_MISMATCH', 'PCT_UNIT']);
  });
  test('HG-2 Patrimoine : 34, 2, 7,3 % → 0,146, contractuel 1, aucun drapeau', () => {
    const r = parBailleur('Patrimoine SA Languedocienne');
    expect(r).toMatchObject({ annee: 2024, flux_brut: 0.146, flux_contractuel: 1, drapeaux: [] });
  });
  test('HG-3 Cité Jardins : 62, 6, 7,9 % → 0,474, « 0.47 arrondi à 1 », aucun drapeau', () => {
    const r = parBailleur('La Cité Jardins');
    expect(r).toMatchObject({ annee: 2024, flux_brut: 0.474, flux_contractuel: 1, drapeaux: [] });
    expect(r.flux_imprime).toMatchObject({ flux: 0.47, decimales: 2, contractuel: 1 });
  });
  test('HG-4 ALTEAL : 8, 1, 6,41 %, PERIOD → 0,0641, 1 logement tous les 16 ans', () => {
    const r = parBailleur('Alteal');
    expect(r).toMatchObject({ annee: 2025, arrondi: 'PERIOD', flux_brut: 0.0641, flux_contractuel: null, periode_annees: 16, drapeaux: [] });
    expect(r.regle.affiche).toBe(0.064);
    expect(r.flux_imprime).toMatchObject({ flux: 0.064, periode_annees: 16 });
  });
  test('le fichier du territoire est identique à la fixture', () => {
    expect(readFileSync(DONNEES, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
  });
  test('chaque ligne cite sa source (document et lignes)', () => {
    for (const c of conventions(DONNEES)) expect(c.source).toMatch(/D25-59.*l\.\d{4,5}/);
  });
});

interface Vecteur {
  id: string;
  E: number;
  R: number;
  tau: number;
  raw: number;
  printed: string;
  printed_part: string;
  rule: string;
  flags?: string[];
  expected_contract?: number;
  expected_period_years?: number;
}

describe.skipIf(!partagePresent('vecteurs de flux de Baziège', VECTEURS))('vecteurs partagés ../shared/vectors/flux_baziege.json (absents : ignoré)', () => {
  const vecteurs = (): Vecteur[] => (JSON.parse(readFileSync(VECTEURS, 'utf8')) as { vectors: Vecteur[] }).vectors;
  test('quatre vecteurs', () => {
    expect(vecteurs().map((v) => v.id)).toEqual(['HG-1', 'HG-2', 'HG-3', 'HG-4']);
  });
  test.each(['HG-1', 'HG-2', 'HG-3', 'HG-4'])('%s recalculé depuis ses entrées', (id) => {
    const v = vecteurs().find((x) => x.id === id);
    if (v === undefined) throw new Error(id);
    const r = evaluerConvention({
      reservataire: 'Commune de Baziège',
      bailleur: id,
      annee: 2025,
      entree: { modele: 'HG', E: v.E, R: v.R, tau: v.tau },
      arrondi: v.rule === 'HG_PERIOD' ? 'PERIOD' : 'MIN1',
      valeur_imprimee: v.printed,
      part_imprimee: v.printed_part,
    });
    expect(r.flux_brut).toBeCloseTo(v.raw, 12);
    expect(r.drapeaux.map((d) => d.code).sort()).toEqual([...(v.flags ?? [])].sort());
    if (v.expected_contract !== undefined) expect(r.flux_contractuel).toBe(v.expected_contract);
    if (v.expected_period_years !== undefined) expect(r.periode_annees).toBe(v.expected_period_years);
  });
  test('la fixture reprend les entrées des vecteurs', () => {
    const fixture = conventions(FIXTURE);
    vecteurs().forEach((v, k) => {
      const c = fixture[k];
      expect(c?.entree).toMatchObject({ modele: 'HG', E: v.E, R: v.R, tau: v.tau });
      expect(c?.part_imprimee).toBe(v.printed_part);
      if (v.id !== 'HG-4') expect(c?.valeur_imprimee).toBe(v.printed); // HG-4: document wording kept, same reading
    });
  });
});

// Counts of the three Baziège états des lieux (ALTEAL's is a summary table), committed with their source lines.
interface ResumeEtat {
  bailleur: string;
  bailleur_etat_des_lieux: string;
  nb_logements: number;
  nb_logements_commune: number;
  taux_rotation: number;
}
function resumes(): ResumeEtat[] {
  const { enregistrements } = decouper(readFileSync(RESUMES_ETATS, 'utf8'));
  return enregistrements.slice(1).filter((e) => e.cellules.length > 1).map(({ cellules: c }) => ({
    bailleur: c[0] ?? '',
    bailleur_etat_des_lieux: c[1] ?? '',
    nb_logements: Number(c[2]),
    nb_logements_commune: Number(c[3]),
    taux_rotation: lireTaux(c[4] ?? '')?.fraction ?? Number.NaN,
  }));
}

describe('contrôle avec les états des lieux de Baziège (COUNT_MISMATCH, RATE_MISMATCH)', () => {
  const avecEtat = (bailleur: string, seulementReservataire = false): ResultatConvention => {
    const conv = conventions(FIXTURE).find((c) => c.bailleur === bailleur);
    const e = resumes().find((r) => r.bailleur === bailleur);
    if (conv === undefined || e === undefined) throw new Error(bailleur);
    return evaluerConvention({
      ...conv,
      etat_des_lieux: {
        // Patrimoine's table lists only the commune's dwellings: its row count is not comparable with E.
        ...(seulementReservataire ? {} : { nb_logements: e.nb_logements }),
        nb_logements_reservataire: e.nb_logements_commune,
        taux_rotation: e.taux_rotation,
      },
    });
  };
  test('OPH 31 : 44 logements et 3 « COMMUNE » contre 45 et 2 ; taux 9,39 % contre 9,89 %', () => {
    const r = avecEtat('OPH de la Haute-Garonne');
    expect(r.drapeaux.map((d) => d.code)).toEqual(['FLUX_MISMATCH', 'PCT_UNIT', 'COUNT_MISMATCH', 'RATE_MISMATCH']);
    expect(r.drapeaux.find((d) => d.code === 'RATE_MISMATCH')?.message).toMatch(/9,39 % ≠ τ \(Art.4\) 9,89 %/);
  });
  test('Patrimoine : taux 7,99 % contre 7,30 % ; 2 logements communaux = R', () => {
    expect(avecEtat('Patrimoine SA Languedocienne', true).drapeaux.map((d) => d.code)).toEqual(['RATE_MISMATCH']);
  });
  test('Cité Jardins : 62 logements, 6 « COMMUNE », 7,9 % : aucun drapeau', () => {
    expect(avecEtat('La Cité Jardins').drapeaux).toEqual([]);
  });
  test.skipIf(!partagePresent('états des lieux normalisés de Baziège', ETATS_PARTAGES))('les résumés committés = les 108 lignes normalisées de ../shared/reference (absente : ignoré)', () => {
    const { enregistrements } = decouper(readFileSync(ETATS_PARTAGES, 'utf8'), ',');
    const [tete, ...corps] = enregistrements.filter((e) => e.cellules.some((c) => c !== ''));
    const col = (nom: string): number => tete?.cellules.indexOf(nom) ?? -1;
    const lignes = corps.map(({ cellules: c }) => ({
      bailleur: c[col('bailleur')] ?? '',
      reservataire: c[col('reservataire')] ?? '',
      taux_rotation: lireTaux(c[col('rot_raw')] ?? '')?.fraction ?? null,
    }));
    expect(lignes).toHaveLength(108);
    for (const e of resumes()) {
      const r = resumerEtatDesLieux(lignes.filter((l) => l.bailleur === e.bailleur_etat_des_lieux), 'COMMUNE');
      expect(r).toEqual({ nb_logements: e.nb_logements, nb_logements_reservataire: e.nb_logements_commune, taux_rotation: e.taux_rotation });
    }
  });
});
