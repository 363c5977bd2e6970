// The synthetic demand extract: deterministic, coherent with the synthetic
// decisions (same numbers, lease ⇒ attributed on the commission date), calibrated
// on the CIA (stock per territoire d'équilibre, pressure ≈ 10, wait ≈ 24 months),
// and loaded without a single rejected row by the project's importer.
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ResultatGeneration } from '../../../src/generate/generer.ts';
import { chargerFormat } from '../../../src/ingest/format.ts';
import { importerFichier, type Anomalie } from '../../../src/ingest/importer.ts';
import { controleDemande } from '../../../src/ingest/demandes.ts';
import { generer, lireFichier, lireTableau, RACINE, type Ligne } from './outils.ts';

const DOSSIER = join(RACINE, 'data', 'territoires', 'sicoval');
const config = (f: string): Ligne[] => lireTableau(readFileSync(join(DOSSIER, f), 'utf8').trimEnd() + '\n', ',').lignes;
const territoireDe = new Map(config('communes.csv').map((c) => [c['code_insee'], c['territoire_equilibre']]));
const fiches = config('fiches_territoriales_2024.csv');

let r: ResultatGeneration;
let bis: ResultatGeneration;
let demandes: Ligne[];
let attributions: Ligne[];
const chemin = (g: ResultatGeneration, debut: string) => g.fichiers.find((f) => f.nom.startsWith(debut))!.chemin;
const jour = (s: string): number => {
  const [j, m, a] = s.split('/').map(Number) as [number, number, number];
  return Date.UTC(a, m - 1, j) / 86_400_000;
};
const actives = (fin: string) => demandes.filter((d) => jour(d['date_depot']!) <= jour(fin) && (d['date_sortie'] === '' || jour(d['date_sortie']!) > jour(fin)));
const rang1 = (a: Ligne) => a['decision'] === 'attribution' || a['decision'] === 'attribution_sous_condition';

beforeAll(async () => {
  r = await generer();
  bis = await generer();
  demandes = lireFichier(chemin(r, 'demandes_2025')).lignes;
  attributions = lireFichier(chemin(r, 'attributions_2021_2025')).lignes;
});
afterAll(() => {
  for (const g of [r, bis]) if (g) rmSync(g.sortie, { recursive: true, force: true });
});

test('même graine → extrait identique octet par octet, listé dans le marqueur SYNTHETIQUE.json', () => {
  expect(readFileSync(chemin(bis, 'demandes_2025')).equals(readFileSync(chemin(r, 'demandes_2025')))).toBe(true);
  const marqueur = JSON.parse(readFileSync(join(r.sortie, 'SYNTHETIQUE.json'), 'utf8')) as { fichiers: { nom: string }[] };
  expect(marqueur.fichiers.map((f) => f.nom)).toContain('demandes_2025.csv');
});

describe('cohérence avec les décisions de CALEOL', () => {
  test('numéros uniques ; chaque candidat non étudiant est une demande, les étudiants n’y sont pas', () => {
    const numeros = new Set(demandes.map((d) => d['num_unique']));
    expect(numeros.size).toBe(demandes.length);
    for (const a of attributions) expect(numeros.has(a['num_unique']), a['num_unique']).toBe(a['etudiant'] !== 'oui');
  });

  test('bail signé ⇒ demande attribuée à la date de la CALEOL, déposée le mois que code son numéro', () => {
    const parNumero = new Map(demandes.map((d) => [d['num_unique'], d]));
    const avecBail = attributions.filter((a) => a['etudiant'] !== 'oui' && a['date_bail'] !== '');
    expect(avecBail.length).toBeGreaterThan(800);
    for (const a of avecBail) {
      const d = parNumero.get(a['num_unique'])!;
      expect([d['statut'], d['date_sortie']]).toEqual(['attribuee', a['date_caleol']]);
      const [, mm, aaaa] = d['date_depot']!.split('/');
      expect(`${aaaa!.slice(2)}${mm}`).toBe(a['num_unique']!.slice(3, 7));
    }
    expect(demandes.filter((d) => d['statut'] === 'attribuee')).toHaveLength(avecBail.length);
  });
});

describe('calibrage sur la CIA', () => {
  test('stock au 31/12/2024 par territoire d’équilibre : le chiffre des fiches (au moins, à 10 % près quand les candidats le dépassent)', () => {
    const stock = actives('31/12/2024');
    for (const f of fiches) {
      const n = stock.filter((d) => territoireDe.get(d['commune_1er_choix']!) === f['territoire_equilibre']).length;
      const cible = Number(f['demandeurs_2024']);
      expect(n, `territoire ${f['territoire_equilibre']}`).toBeGreaterThanOrEqual(cible);
      expect(n).toBeLessThanOrEqual(Math.ceil(cible * 1.1));
    }
    expect(stock.filter((d) => territoireDe.get(d['commune_1er_choix']!) === '1')).toHaveLength(4488);
  });

  test('pression : environ 10 demandes actives par attribution à un non-étudiant (D3) en 2024-2025, moindre avant', () => {
    const pression = (annee: string): number =>
      actives(`31/12/${annee}`).length /
      attributions.filter((a) => rang1(a) && a['etudiant'] !== 'oui' && a['date_caleol']!.endsWith(annee)).length;
    for (const annee of ['2024', '2025']) {
      expect(pression(annee), annee).toBeGreaterThan(9);
      expect(pression(annee), annee).toBeLessThan(11);
    }
    // the stock grows 4 % a year up to the fiches' 2024 figure (hypothesis) while attributions stay ≈ level:
    // 2021 ≈ 5 057 / 1,04³ ≈ 4 500 demands for ≈ 560 attributions, about 8
    for (const annee of ['2021', '2022', '2023']) {
      expect(pression(annee), annee).toBeGreaterThan(7);
      expect(pression(annee), annee).toBeLessThan(10.5);
    }
    expect(pression('2025')).toBeGreaterThan(pression('2021'));
  });

  test('délai moyen d’attente des demandeurs satisfaits : environ 24 mois (D4), chaque année', () => {
    for (const annee of ['2021', '2022', '2023', '2024', '2025']) {
      const d = demandes.filter((x) => x['statut'] === 'attribuee' && x['date_sortie']!.endsWith(annee));
      const moyenne = d.reduce((s, x) => s + (jour(x['date_sortie']!) - jour(x['date_depot']!)) / 30.4375, 0) / d.length;
      expect(moyenne, annee).toBeGreaterThan(22);
      expect(moyenne, annee).toBeLessThan(27);
    }
  });

  test('priorités : environ 10 % des demandes actives à la date d’extraction (fiches : 507 sur 5 057)', () => {
    const stock = actives('31/12/2025');
    const part = stock.filter((d) => d['prioritaire'] === 'oui').length / stock.length;
    expect(part).toBeGreaterThan(0.08);
    expect(part).toBeLessThan(0.13);
  });
});

test('l’importeur du projet charge tout l’extrait, sans rejet ni avertissement', async () => {
  const anomalies: Anomalie[] = [];
  const tmp = mkdtempSync(join(tmpdir(), 'obs-demandes-'));
  try {
    const codes = new Set(config('communes.csv').map((c) => c['code_insee']!));
    const b = await importerFichier(chemin(r, 'demandes_2025'), chargerFormat('demandes'), join(tmp, 'propre.csv'), anomalies, {
      controler: controleDemande(codes),
    });
    expect(anomalies).toEqual([]);
    expect([b.lignesLues, b.chargees, b.colonnesIgnorees]).toEqual([demandes.length, demandes.length, []]);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
