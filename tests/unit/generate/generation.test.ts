// End-to-end checks of the synthetic input files against the published
// calibration figures, recomputed here from the parsed CSV.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultatGeneration } from '../../../src/generate/generer.ts';
import { generer, lireFichier, lireTableau, nombreFr, RACINE, type Ligne } from './outils.ts';

const DOSSIER = join(RACINE, 'data', 'territoires', 'sicoval');
const COLONNES_RPLS =
  'REG_CODE;REG_LIBELLE;DEP_CODE;DEP_LIBELLE;EPCI_CODE;EPCI_LIBELLE;DEPCOM;LIBCOM;CODEPOSTAL;NUMVOIE;INDREP;TYPVOIE;NOMVOIE;ETAGE;COMPLGEO;LIEUDIT;QPV_CODE;QPV_LIBELLE;PLG_QP24;PLG_QP15;QUALITE_QP24;QUALITE_QP15;DROIT_CODE;DROIT_LIBELLE;TYPECONST_CODE;TYPECONST_LIBELLE;NBPIECE;SURFHAB;CONSTRUCT;LOCAT;PATRIMOINE;ORIGINE;FINAN_CODE;FINAN_LIBELLE;FINANAUTRE;CONV;NUMCONV;DATCONV;NEWLOGT_CODE;CUS;DPEDATE;DPEENERGIE;DPESERRE;SRU_EXPIR;SRU_ALINEA;CODSEGPATRIM;LIBSEGPATRIM;PMR_CODE;PMR_LIBELLE;X;Y;EPSG;PLG_VOIE;PLG_IRIS2024_CODE;QUALITE_XY;DISTANCE_PRECISION;COMAQP;UU2020;AAV2020;ZE2020;IDENT_REP;IDENT_INT;RS;SIRET;MODE;BAIL;LOYERPRINC;REMLOCDATE;CONTRESLOG;PMR;DATE_DEP_DERLOCAT;QPV';
const COLONNES_OPS =
  'ident_rep;bailleur;commune;residence;adresse;qpv_code;vague;date_emmenagement;nb_occupants;nb_enfants;age_titulaire;type_menage;ressources_pct_plafond_plus;aide_logement;nb_adultes_emploi_stable;nb_adultes_emploi_precaire;nb_adultes_chomage;nb_adultes_retraites;nb_adultes_etudiants;nb_adultes_autres_inactifs;nb_pieces;impaye_plus_3_mois;reponse';
const COLONNES_ATTRIBUTIONS =
  'num_unique;bailleur;date_caleol;decision;rang;ident_rep;commune;qpv_code;typologie;financement;reservataire_contingent;reservataire_nom;refus_demandeur;motif_refus;date_bail;mutation;public_prioritaire;categorie_prioritaire;dalo;relogement_anru_orcod;ressources_mensuelles;nb_adultes;nb_enfants_moins_14;nb_personnes_14_plus;etudiant;age_demandeur;composition;situation_pro';

const config = (f: string): Ligne[] => lireTableau(readFileSync(join(DOSSIER, f), 'utf8').trimEnd() + '\n', ',').lignes;
const territoireDe = new Map(config('communes.csv').map((c) => [c['code_insee'], c['territoire_equilibre']]));
const fiches = new Map(config('fiches_territoriales_2024.csv').map((f) => [f['territoire_equilibre'], f]));
const SEUIL_Q1 = Number(config('seuils_premier_quartile.csv').find((s) => s['annee'] === '2024')?.['seuil_annuel_uc_eur']);
const pct = (n: number, d: number): number => (100 * n) / d;
const synthese = JSON.parse(readFileSync(join(DOSSIER, 'synthese.json'), 'utf8')) as {
  annees_attributions: number[];
  attributions: {
    part_prioritaires_pct: number;
    part_q1_hors_etudiants_pct: number;
    trajectoire: { par_annee: Record<string, { part_prioritaires_pct?: number; part_q1_hors_etudiants_pct?: number }> };
  };
};
const ANNEES = synthese.annees_attributions.map(String);
/** The year's calibrated share: its trajectory value (earlier years of the history), else the diagnostic's. */
const cible = (annee: string, cle: 'part_prioritaires_pct' | 'part_q1_hors_etudiants_pct'): number =>
  synthese.attributions.trajectoire.par_annee[annee]?.[cle] ?? synthese.attributions[cle];

let resultat: ResultatGeneration;
let bis: ResultatGeneration;
let autre: ResultatGeneration;
let rpls: Ligne[];
let ops: Ligne[];
let attributions: Ligne[];
const fichier = (r: ResultatGeneration, debut: string): string => {
  const f = r.fichiers.find((x) => x.nom.startsWith(debut));
  if (!f) throw new Error(`fichier ${debut} absent`);
  return f.chemin;
};

beforeAll(async () => {
  resultat = await generer();
  bis = await generer();
  autre = await generer(resultat.graine + 1);
  rpls = lireFichier(fichier(resultat, 'rpls_2025')).lignes;
  ops = lireFichier(fichier(resultat, 'ops_2024')).lignes;
  attributions = lireFichier(fichier(resultat, 'attributions_2021_2025')).lignes;
});

afterAll(() => {
  for (const r of [resultat, bis, autre]) if (r) rmSync(r.sortie, { recursive: true, force: true });
});

describe('format des fichiers', () => {
  test('en-têtes exacts, UTF-8 sans BOM, séparateur point-virgule', () => {
    for (const [debut, entetes] of [
      ['rpls_2025', COLONNES_RPLS],
      ['ops_2024', COLONNES_OPS],
      ['attributions_2021_2025', COLONNES_ATTRIBUTIONS],
    ] as const) {
      const brut = readFileSync(fichier(resultat, debut));
      expect(brut[0]).not.toBe(0xef);
      expect(brut.toString('utf8').split('\n')[0]).toBe(entetes);
    }
  });

  test('nombre de lignes annoncé = lignes écrites', () => {
    const demandes = lireFichier(fichier(resultat, 'demandes_2025')).lignes;
    expect(resultat.fichiers.map((f) => f.lignes)).toEqual([rpls.length, ops.length, attributions.length, demandes.length]);
  });
});

describe('déterminisme', () => {
  test('même graine → fichiers identiques octet par octet ; autre graine → fichiers différents', () => {
    for (const f of resultat.fichiers) {
      const octets = readFileSync(f.chemin);
      expect(readFileSync(join(bis.sortie, f.nom)).equals(octets), f.nom).toBe(true);
      expect(readFileSync(join(autre.sortie, f.nom)).equals(octets), f.nom).toBe(false);
    }
  });
});

describe('RPLS 2025', () => {
  const parTerritoire = (t: string): Ligne[] => rpls.filter((l) => territoireDe.get(l['DEPCOM'] ?? '') === t);

  test('parc du territoire central nord : 5 492 logements dont 1 084 étudiants, 420 individuels, 3 988 collectifs', () => {
    const t1 = parTerritoire('1');
    expect(t1).toHaveLength(5492);
    expect(t1.filter((l) => l['TYPECONST_CODE'] === 'E')).toHaveLength(1084);
    expect(t1.filter((l) => l['TYPECONST_CODE'] === 'I')).toHaveLength(420);
    expect(t1.filter((l) => l['TYPECONST_CODE'] === 'C')).toHaveLength(3988);
  });

  test('parc des autres territoires conforme aux fiches (2) et aux hypothèses de synthese.json (3-5)', () => {
    const synthese = JSON.parse(readFileSync(join(DOSSIER, 'synthese.json'), 'utf8'));
    expect(parTerritoire('2')).toHaveLength(327);
    for (const t of ['3', '4', '5']) expect(parTerritoire(t)).toHaveLength(synthese.parc.territoires[t].logements);
    const hors = rpls.filter((l) => territoireDe.get(l['DEPCOM'] ?? '') === '');
    const attendu = Object.values(synthese.parc.hors_territoire.logements_par_commune as Record<string, number>);
    expect(hors).toHaveLength(attendu.reduce((a, b) => a + b, 0));
    expect(rpls.filter((l) => l['TYPECONST_CODE'] === 'E' && territoireDe.get(l['DEPCOM'] ?? '') !== '1')).toHaveLength(0);
  });

  test('part de PLAI du parc familial à ±1 point des fiches territoriales', () => {
    for (const t of ['1', '2', '3', '4', '5']) {
      const familial = parTerritoire(t).filter((l) => l['TYPECONST_CODE'] !== 'E');
      const plai = familial.filter((l) => l['FINAN_CODE'] === '10' || l['FINAN_CODE'] === '11');
      expect(Math.abs(pct(plai.length, familial.length) - Number(fiches.get(t)?.['part_plai_pct'])), `territoire ${t}`).toBeLessThanOrEqual(1);
    }
  });

  test('Baziège : 149 logements (45 OPH 31, 34 Patrimoine, 62 Cité Jardins, 8 Alteal) incluant les logements réels des états des lieux', () => {
    const baziege = rpls.filter((l) => l['DEPCOM'] === '31048');
    expect(baziege).toHaveLength(149);
    const parBailleur = (b: string): number => baziege.filter((l) => l['RS'] === b).length;
    expect(parBailleur('OPH de la Haute-Garonne')).toBe(45);
    expect(parBailleur('Patrimoine SA Languedocienne')).toBe(34);
    expect(parBailleur('La Cité Jardins')).toBe(62);
    expect(parBailleur('Alteal')).toBe(8);

    const reference = lireTableau(readFileSync(join(DOSSIER, 'sources', 'baziege_etats_des_lieux_2024.csv'), 'utf8'), ',').lignes;
    expect(reference).toHaveLength(108);
    const parId = new Map(baziege.map((l) => [l['IDENT_REP'], l]));
    const ids = reference.map((r) => r['rpls'] ?? '').filter(Boolean);
    expect(ids.length).toBeGreaterThan(50);
    for (const r of reference.filter((x) => x['rpls'])) {
      const l = parId.get(r['rpls']);
      expect(l, `RPLS ${r['rpls']}`).toBeDefined();
      expect(l?.['NBPIECE']).toBe(r['nb_pieces']);
      expect(l?.['TYPECONST_CODE']).toBe(r['individuel'] === 'True' ? 'I' : 'C');
    }
    // The 30 pre-1977 "DIVERS" pavilions of OPH 31 keep a pre-1977 financing code.
    const divers = baziege.filter((l) => l['RS'] === 'OPH de la Haute-Garonne' && Number(l['FINAN_CODE']) >= 50);
    expect(divers.length).toBeGreaterThanOrEqual(30);
  });

  test('IDENT_REP : 10 chiffres, préfixe 00, uniques', () => {
    const ids = rpls.map((l) => l['IDENT_REP'] ?? '');
    expect(ids.every((id) => /^00\d{8}$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('codes et valeurs plausibles', () => {
    for (const l of rpls) {
      expect(['C', 'I', 'E']).toContain(l['TYPECONST_CODE']);
      expect(Number(l['NBPIECE'])).toBeGreaterThanOrEqual(1);
      expect(Number(l['NBPIECE'])).toBeLessThanOrEqual(9);
      expect(l['SURFHAB']).toMatch(/^\d+,\d\d$/);
      expect(l['EPSG']).toBe('2154');
      expect(l['QPV']).toBe('2');
      expect(l['QPV_CODE']).toBe('');
      expect(l['DPEDATE'] === '01/1900').toBe(l['DPEENERGIE'] === '');
    }
    const sansDpe = rpls.filter((l) => l['DPEENERGIE'] === '').length;
    expect(pct(sansDpe, rpls.length)).toBeGreaterThan(9);
    expect(pct(sansDpe, rpls.length)).toBeLessThan(15);
    const vacants = rpls.filter((l) => l['MODE'] === '2').length;
    expect(pct(vacants, rpls.length)).toBeGreaterThan(2);
    expect(pct(vacants, rpls.length)).toBeLessThan(5);
    const etudiants = rpls.filter((l) => l['TYPECONST_CODE'] === 'E');
    expect(pct(etudiants.filter((l) => l['NBPIECE'] === '1').length, etudiants.length)).toBeGreaterThan(80);
  });

  test('coordonnées Lambert-93 à moins de 1,5 km du point d’ancrage de la commune', () => {
    const synthese = JSON.parse(readFileSync(join(DOSSIER, 'synthese.json'), 'utf8'));
    // Anchor in Lambert-93: mean of the commune's points must sit near its WGS84 centroid; checked on the spread.
    const parCommune = new Map<string, [number, number][]>();
    for (const l of rpls) {
      const pts = parCommune.get(l['DEPCOM'] ?? '') ?? [];
      pts.push([nombreFr(l['X'] ?? ''), nombreFr(l['Y'] ?? '')]);
      parCommune.set(l['DEPCOM'] ?? '', pts);
    }
    for (const [code, pts] of parCommune) {
      expect(synthese.centroides_communes.valeurs[code]).toBeDefined();
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      expect(Math.max(...xs) - Math.min(...xs), code).toBeLessThan(3000);
      expect(Math.max(...ys) - Math.min(...ys), code).toBeLessThan(3000);
      // Sicoval lies around X 570-600 km, Y 6 255-6 280 km in Lambert-93.
      expect(Math.min(...xs)).toBeGreaterThan(560_000);
      expect(Math.max(...xs)).toBeLessThan(610_000);
      expect(Math.min(...ys)).toBeGreaterThan(6_245_000);
      expect(Math.max(...ys)).toBeLessThan(6_290_000);
    }
  });

  test('baux commencés en 2024 : environ le taux de rotation familial, bien plus chez les étudiants', () => {
    const occupes = (e: boolean): Ligne[] =>
      rpls.filter((l) => l['MODE'] === '1' && (l['TYPECONST_CODE'] === 'E') === e && Number(l['LOCAT']) < 2024);
    const taux = (ls: Ligne[]): number => pct(ls.filter((l) => l['BAIL']?.endsWith('/2024')).length, ls.length);
    expect(taux(occupes(false))).toBeGreaterThan(5);
    expect(taux(occupes(false))).toBeLessThan(11);
    expect(taux(occupes(true))).toBeGreaterThan(25);
  });
});

describe('OPS 2024', () => {
  test('une ligne par logement familial occupé, cohérente avec le RPLS', () => {
    const parId = new Map(rpls.map((l) => [l['IDENT_REP'], l]));
    const attendus = rpls.filter((l) => l['MODE'] === '1' && l['TYPECONST_CODE'] !== 'E');
    expect(ops).toHaveLength(attendus.length);
    expect(new Set(ops.map((m) => m['ident_rep'])).size).toBe(ops.length);
    for (const m of ops) {
      const l = parId.get(m['ident_rep']);
      expect(l, m['ident_rep']).toBeDefined();
      expect(l?.['MODE']).toBe('1');
      expect(m['commune']).toBe(l?.['DEPCOM']);
      expect(m['bailleur']).toBe(l?.['RS']);
      expect(m['nb_pieces']).toBe(l?.['NBPIECE']);
    }
  });

  test('répondants cohérents, non-répondants sans données du ménage', () => {
    const repondants = ops.filter((m) => m['reponse'] === 'repondu');
    expect(pct(repondants.length, ops.length)).toBeGreaterThan(65);
    expect(pct(repondants.length, ops.length)).toBeLessThan(75);
    for (const m of repondants) {
      const adultes = ['stable', 'precaire', 'chomage', 'retraites', 'etudiants', 'autres_inactifs']
        .map((k) => Number(m[`nb_adultes_${k === 'stable' || k === 'precaire' ? `emploi_${k}` : k}`]))
        .reduce((a, b) => a + b, 0);
      expect(adultes).toBeGreaterThanOrEqual(1);
      expect(Number(m['nb_occupants'])).toBe(adultes + Number(m['nb_enfants']));
      expect(['personne seule', 'couple sans enfant', 'couple avec enfant(s)', 'famille monoparentale', 'autre']).toContain(m['type_menage']);
      expect(m['ressources_pct_plafond_plus']).toMatch(/^(<20|20-40|40-60|60-100|>100|\d+,\d)$/);
    }
    for (const m of ops.filter((x) => x['reponse'] !== 'repondu')) {
      expect(['refus', 'absent']).toContain(m['reponse']);
      const champsMenage = ['nb_occupants', 'nb_enfants', 'age_titulaire', 'type_menage', 'ressources_pct_plafond_plus', 'aide_logement'];
      expect(champsMenage.map((c) => m[c]).join('')).toBe('');
    }
  });

  test('les résidences nommées dans la CIA dépassent 25 % de ménages à fragilité élevée (≥ 5 critères)', () => {
    const criteres = (m: Ligne): number => {
      const ressources = m['ressources_pct_plafond_plus'] ?? '';
      return [
        Number(m['nb_occupants']) > Number(m['nb_pieces']) + 1,
        Number(m['nb_adultes_emploi_stable']) === 0,
        Number(m['nb_adultes_emploi_precaire']) + Number(m['nb_adultes_chomage']) > 0,
        ressources === '<20' || (/^\d/.test(ressources) && nombreFr(ressources) < 20),
        Number(m['nb_enfants']) >= 3,
        m['type_menage'] === 'famille monoparentale',
        m['aide_logement'] === 'oui',
        m['impaye_plus_3_mois'] === 'oui',
      ].filter(Boolean).length;
    };
    const residences = new Map<string, { n: number; fragiles: number }>();
    for (const m of ops.filter((x) => x['reponse'] === 'repondu')) {
      const cle = `${m['commune']}|${m['residence']}`;
      const r = residences.get(cle) ?? { n: 0, fragiles: 0 };
      r.n += 1;
      if (criteres(m) >= 5) r.fragiles += 1;
      residences.set(cle, r);
    }
    const nommees = config('residences_enjeux.csv');
    for (const n of nommees) {
      const r = residences.get(`${n['code_insee']}|${n['residence']}`);
      expect(r, n['residence']).toBeDefined();
      expect(r?.n, n['residence']).toBeGreaterThanOrEqual(11);
      expect(pct(r?.fragiles ?? 0, r?.n ?? 1), n['residence']).toBeGreaterThan(25);
    }
    const fragilesEpci = [...residences.values()].reduce((a, r) => a + r.fragiles, 0);
    const repondantsEpci = [...residences.values()].reduce((a, r) => a + r.n, 0);
    expect(pct(fragilesEpci, repondantsEpci)).toBeLessThan(15);
  });
});

/** Rank-1 decisions attribution / attribution_sous_condition (refused ones included). */
const seulesAttributions = (lignes: Ligne[]): Ligne[] =>
  lignes.filter((a) => (a['decision'] === 'attribution' || a['decision'] === 'attribution_sous_condition') && a['rang'] === '1');

/** Annual resources per consumption unit (INSEE scale 1 / 0,5 / 0,3) under the year's threshold. */
const premierQuartile = (a: Ligne): boolean => {
  const moins14 = Number(a['nb_enfants_moins_14']);
  const plus14 = Number(a['nb_personnes_14_plus']);
  const uc = 1 + 0.5 * (plus14 - 1) + 0.3 * moins14;
  return (12 * nombreFr(a['ressources_mensuelles'] ?? '')) / uc < SEUIL_Q1;
};

function verifierPremierQuartile(lignes: Ligne[]): void {
  for (const annee of ANNEES) {
    const toutes = seulesAttributions(lignes).filter((a) => a['date_caleol']?.endsWith(annee));
    const horsEtudiants = toutes.filter((a) => a['etudiant'] === 'non');
    const q1 = toutes.filter(premierQuartile);
    // the year's target (12 % in 2021 rising to the diagnostic's 16 %), within the quotas' tolerance
    expect(Math.abs(pct(horsEtudiants.filter(premierQuartile).length, horsEtudiants.length) - cible(annee, 'part_q1_hors_etudiants_pct')), annee).toBeLessThanOrEqual(3);
    expect(Math.abs(pct(q1.filter((a) => a['etudiant'] === 'oui').length, q1.length) - 75), annee).toBeLessThanOrEqual(7);
    expect(pct(q1.length, toutes.length), annee).toBeGreaterThan(20);
  }
}

function verifierPrioritaires(lignes: Ligne[]): void {
  const parts = ANNEES.map((annee) => {
    const an = seulesAttributions(lignes).filter((a) => a['date_caleol']?.endsWith(annee));
    const part = pct(an.filter((a) => a['public_prioritaire'] === 'oui').length, an.length);
    expect(Math.abs(part - cible(annee, 'part_prioritaires_pct')), annee).toBeLessThanOrEqual(3);
    // « près d'un tiers », under the 37,5 % objective every year
    expect(part, annee).toBeLessThan(37.5);
    return part;
  });
  // a trend, not five copies of one share: 2021 clearly below 2025
  expect(parts.at(-1)! - parts[0]!).toBeGreaterThan(3);
}

describe('attributions 2021-2025', () => {
  const attribuees = (): Ligne[] => seulesAttributions(attributions);

  test('chaque candidat renvoie à un logement du RPLS, avec commune, bailleur, typologie et financement cohérents', () => {
    const parId = new Map(rpls.map((l) => [l['IDENT_REP'], l]));
    const classe = (code: string): string =>
      ({ '10': 'PLAI', '11': 'PLAI', '12': 'PLUS', '13': 'PLUS', '14': 'PLS', '16': 'PLI' })[code] ?? 'DIVERS';
    for (const a of attributions) {
      const l = parId.get(a['ident_rep']);
      expect(l, a['ident_rep']).toBeDefined();
      expect(a['commune']).toBe(l?.['DEPCOM']);
      expect(a['bailleur']).toBe(l?.['RS']);
      expect(a['typologie']).toBe(`T${Math.min(5, Number(l?.['NBPIECE']))}`);
      expect(a['financement']).toBe(classe(l?.['FINAN_CODE'] ?? ''));
      expect(a['date_caleol']).toMatch(/^\d\d\/\d\d\/202[1-5]$/);
      expect(['attribution', 'attribution_rang', 'attribution_sous_condition', 'non_attribution', 'irrecevable']).toContain(a['decision']);
      expect(Number(a['nb_personnes_14_plus'])).toBeGreaterThanOrEqual(Number(a['nb_adultes']));
      expect(Number(a['nb_adultes'])).toBeGreaterThanOrEqual(1);
      expect(a['num_unique']).toMatch(/^031\d{4}\d{8}[A-Z]$/);
      if (a['refus_demandeur'] === 'oui') expect(a['motif_refus']).not.toBe('');
    }
    expect(new Set(attributions.map((a) => a['num_unique'])).size).toBe(attributions.length);
  });

  test('baux signés en 2024 = baux commencés en 2024 dans le RPLS (même mois)', () => {
    const parId = new Map(rpls.map((l) => [l['IDENT_REP'], l]));
    const baux2024 = attributions.filter((a) => a['date_bail']?.endsWith('/2024'));
    expect(baux2024.length).toBeGreaterThan(500);
    for (const a of baux2024) expect(parId.get(a['ident_rep'])?.['BAIL']).toBe(a['date_bail']?.slice(3));
  });

  test('baux 2021-2023 : le bail du RPLS 2025 (même mois), ou un bail antérieur qu’il a remplacé, ou un logement vacant au 1er janvier 2025', () => {
    const parId = new Map(rpls.map((l) => [l['IDENT_REP'], l]));
    const anciens = attributions.filter((a) => /\/202[123]$/.test(a['date_bail'] ?? ''));
    expect(anciens.length).toBeGreaterThan(1500);
    for (const a of anciens) {
      const l = parId.get(a['ident_rep']);
      const anneeBail = Number(a['date_bail']?.slice(6));
      expect(Number(l?.['LOCAT']), a['ident_rep']).toBeLessThanOrEqual(anneeBail);
      // the RPLS's own lease (same month), or an earlier one it replaced; a dwelling vacant at 1 January 2025 was let before
      if (l?.['MODE'] === '1') {
        if (l['BAIL'] !== a['date_bail']?.slice(3)) expect(Number(l['BAIL']?.slice(3)), a['ident_rep']).toBeGreaterThan(anneeBail);
      } else expect(l?.['MODE'], a['ident_rep']).toBe('2');
    }
    // at most one lease per dwelling and year
    const cles = attributions.filter((a) => a['date_bail'] !== '').map((a) => `${a['ident_rep']}|${a['date_bail']?.slice(6)}`);
    expect(new Set(cles).size).toBe(cles.length);
  });

  test('volumes par an : 800-1 050 attributions dont 33-43 % en logement étudiant, chacune des cinq années', () => {
    expect(ANNEES).toEqual(['2021', '2022', '2023', '2024', '2025']);
    for (const annee of ANNEES) {
      const an = attribuees().filter((a) => a['date_caleol']?.endsWith(annee));
      expect(an.length, annee).toBeGreaterThan(800);
      expect(an.length, annee).toBeLessThan(1050);
      expect(pct(an.filter((a) => a['etudiant'] === 'oui').length, an.length), annee).toBeGreaterThan(33);
      expect(pct(an.filter((a) => a['etudiant'] === 'oui').length, an.length), annee).toBeLessThan(43);
    }
  });

  test('1er quartile : la cible de l’année ± 3 hors étudiants (16 % en 2024-2025), environ 3/4 d’étudiants parmi les attributaires du 1er quartile', () => {
    verifierPremierQuartile(attributions);
  });

  test('publics prioritaires : la cible de l’année ± 3 (près d’un tiers en 2024-2025), en hausse, sous l’objectif de 37,5 %', () => {
    verifierPrioritaires(attributions);
    const etudiants = attribuees().filter((a) => a['etudiant'] === 'oui');
    expect(pct(etudiants.filter((a) => a['public_prioritaire'] === 'oui').length, etudiants.length)).toBeLessThan(6);
    for (const a of attributions) expect(a['dalo'] === 'oui').toBe(a['categorie_prioritaire'] === 'DALO');
  });

  test('mutations, refus et baux dans les fourchettes du diagnostic', () => {
    const toutes = attribuees();
    const part = (f: (a: Ligne) => boolean): number => pct(toutes.filter(f).length, toutes.length);
    expect(part((a) => a['mutation'] === 'oui')).toBeGreaterThan(12);
    expect(part((a) => a['mutation'] === 'oui')).toBeLessThan(22);
    expect(part((a) => a['refus_demandeur'] === 'oui')).toBeGreaterThan(8);
    expect(part((a) => a['refus_demandeur'] === 'oui')).toBeLessThan(16);
    expect(part((a) => a['date_bail'] !== '')).toBeGreaterThan(84);
    expect(part((a) => a['date_bail'] !== '')).toBeLessThan(92);
    expect(toutes.filter((a) => a['refus_demandeur'] === 'oui' && a['date_bail'] !== '')).toHaveLength(0);
  });
});

describe('une autre graine tient les mêmes cibles (calibrage par construction, pas par chance)', () => {
  test('effectifs exacts, PLAI, 1er quartile et prioritaires', () => {
    const r = lireFichier(fichier(autre, 'rpls_2025')).lignes;
    const a = lireFichier(fichier(autre, 'attributions_2021_2025')).lignes;
    const t1 = r.filter((l) => territoireDe.get(l['DEPCOM'] ?? '') === '1');
    expect(t1).toHaveLength(5492);
    expect(t1.filter((l) => l['TYPECONST_CODE'] === 'E')).toHaveLength(1084);
    expect(t1.filter((l) => l['TYPECONST_CODE'] === 'I')).toHaveLength(420);
    expect(r.filter((l) => l['DEPCOM'] === '31048')).toHaveLength(149);
    for (const t of ['1', '2', '3', '4', '5']) {
      const familial = r.filter((l) => territoireDe.get(l['DEPCOM'] ?? '') === t && l['TYPECONST_CODE'] !== 'E');
      const plai = familial.filter((l) => l['FINAN_CODE'] === '10' || l['FINAN_CODE'] === '11');
      expect(Math.abs(pct(plai.length, familial.length) - Number(fiches.get(t)?.['part_plai_pct']))).toBeLessThanOrEqual(1);
    }
    verifierPremierQuartile(a);
    verifierPrioritaires(a);
  });
});
