// `npm run flux` as a real subprocess: ./node_modules/.bin/node scripts/flux.ts FILE [--json]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { EN_TETE } from '../../../src/model/flux/csv.ts';
import type { LigneJson } from '../../../src/model/flux/sortie.ts';
import { RACINE } from '../../helpers/racine.ts';

const FIXTURE = join(RACINE, 'tests/fixtures/flux/baziege.csv');
const dossier = mkdtempSync(join(tmpdir(), 'flux-cli-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

function flux(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(join(RACINE, 'node_modules/.bin/node'), ['scripts/flux.ts', ...args], { cwd: RACINE, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
function fichier(nom: string, contenu: string | Buffer): string {
  const chemin = join(dossier, nom);
  writeFileSync(chemin, contenu);
  return chemin;
}
const TETE = EN_TETE.join(';');
const lignesFixture = (): string[] => readFileSync(FIXTURE, 'utf8').trimEnd().split('\n');

describe('fixture de Baziège', () => {
  test('--json : tableau JSON seul sur la sortie standard, champs demandés', () => {
    const r = flux(FIXTURE, '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const lignes = JSON.parse(r.stdout) as LigneJson[];
    expect(lignes).toHaveLength(4);
    expect(lignes[0]).toMatchObject({
      reservataire: 'Commune de Baziège',
      bailleur: 'OPH de la Haute-Garonne',
      annee: 2025,
      modele: 'HG',
      flux_brut: 0.1978,
      flux_contractuel: 1,
      prioritaires_brut: 0.04945,
      periode_annees: 5,
      drapeaux: ['FLUX_MISMATCH', 'PCT_UNIT'],
    });
    expect(lignes[0]?.part).toBeCloseTo(2 / 45, 10);
    expect(lignes.map((l) => [l.flux_brut, l.flux_contractuel, l.periode_annees, l.drapeaux])).toEqual([
      [0.1978, 1, 5, ['FLUX_MISMATCH', 'PCT_UNIT']],
      [0.146, 1, 7, []],
      [0.474, 1, 2, []],
      [0.0641, null, 16, []],
    ]);
    for (const l of lignes) {
      for (const k of ['reservataire', 'bailleur', 'annee', 'modele', 'part', 'flux_brut', 'flux_contractuel', 'prioritaires_brut', 'periode_annees', 'drapeaux']) {
        expect(l).toHaveProperty(k);
      }
    }
  });
  test('tableau en français', () => {
    const r = flux(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Flux de réservation — baziege\.csv \(4 conventions calculées\)/);
    expect(r.stdout).toMatch(/Réservataire +Bailleur +Année +Modèle +Part +Flux brut +Imprimé +Flux contractuel +Dont prioritaires +Drapeaux/);
    expect(r.stdout).toMatch(/OPH de la Haute-Garonne +2025 +HG +4,44 % +0,198 +0\.265=>1 +1 +0,049 +FLUX_MISMATCH, PCT_UNIT/);
    expect(r.stdout).toMatch(/Alteal +2025 +HG +12,50 % +0,064 .* 1 logement tous les 16 ans +0,016 +—/);
    expect(r.stdout).toContain('FLUX_MISMATCH : flux imprimé 0,265 (« 0.265=>1 ») ≠ flux recalculé 0,1978 (R × τ = 2 × 9,89 %)');
  });
  test('le fichier du territoire donne le même résultat', () => {
    const r = flux('data/territoires/sicoval/conventions_annexe1.csv', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(flux(FIXTURE, '--json').stdout));
  });
});

describe('fichiers hostiles', () => {
  test('texte dans une case numérique : ligne et colonne nommées, autres lignes calculées, code 1', () => {
    const [tete, l1, l2, l3, l4] = lignesFixture();
    const mauvaise = (l2 ?? '').replace(';34;2;', ';34;deux;');
    const f = fichier('hostile.csv', [tete, l1, mauvaise, l3, l4].join('\n'));
    const r = flux(f, '--json');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('hostile.csv, ligne 3, colonne 6 (R) : valeur « deux » — attendu : un nombre entier positif ou nul');
    expect(r.stderr).toMatch(/1 ligne rejetée/);
    const lignes = JSON.parse(r.stdout) as LigneJson[];
    expect(lignes.map((l) => l.ligne)).toEqual([2, 4, 5]);
  });
  test('chaque ligne fautive est signalée', () => {
    const f = fichier('deux-fautes.csv', `${TETE}\nC;B;2025;HG;10;1;8 %;;;;;;;MIN1;;1;s\nC;B;2025;HG;10;1;huit;;;;;;;MIN1;;1;s\nC;B;2026;XX;10;1;8 %;;;;;;;MIN1;;1;s\n`);
    const r = flux(f);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('deux-fautes.csv, ligne 3, colonne 7 (tau) : valeur « huit »');
    expect(r.stderr).toContain('deux-fautes.csv, ligne 4, colonne 4 (modele) : valeur « XX »');
    expect(r.stderr).toMatch(/2 lignes rejetées/);
    expect(r.stdout).toMatch(/1 convention calculée/);
  });
  test('colonne manquante : en-tête attendu listé, code 2', () => {
    const [tete, ...reste] = lignesFixture();
    const f = fichier('sans-source.csv', [(tete ?? '').replace(';source', ''), ...reste.map((l) => l.replace(/;[^;]*$/, ''))].join('\n'));
    const r = flux(f, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`sans-source.csv, ligne 1`);
    expect(r.stderr).toContain(`attendu : l’en-tête exact (séparateur « ; ») : ${TETE} — colonne(s) manquante(s) : source`);
  });
  test('fichier vide : code 2', () => {
    const r = flux(fichier('vide.csv', ''));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/vide\.csv, ligne 1 — attendu : l’en-tête reservataire;bailleur;.* \(le fichier est vide\)/);
  });
  test('Windows-1252 (export Excel) : accents lus', () => {
    const texte = readFileSync(FIXTURE, 'utf8').replaceAll('’', "'");
    const f = fichier('cp1252.csv', Buffer.from(texte, 'latin1'));
    expect(readFileSync(f).includes(Buffer.from('Bazi\u00e8ge', 'utf8'))).toBe(false);
    const r = flux(f);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('encodage windows-1252');
    expect(r.stdout).toContain('Commune de Baziège');
    expect(r.stdout).toContain('0,15 arrondi à 1');
    const j = flux(f, '--json');
    expect((JSON.parse(j.stdout) as LigneJson[]).map((l) => l.drapeaux)).toEqual([['FLUX_MISMATCH', 'PCT_UNIT'], [], [], []]);
  });
  test('UTF-8 avec BOM et fins de ligne CRLF', () => {
    const f = fichier('bom.csv', `\ufeff${lignesFixture().join('\r\n')}\r\n`);
    const r = flux(f, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });
  test('fichier introuvable, sans argument, option inconnue : code 2', () => {
    expect(flux(join(dossier, 'absent.csv'))).toMatchObject({ code: 2, stderr: expect.stringMatching(/absent\.csv : fichier introuvable/) });
    expect(flux()).toMatchObject({ code: 2, stderr: expect.stringMatching(/indiquer exactement un fichier CSV[\s\S]*Usage : npm run flux/) });
    expect(flux(FIXTURE, '--xml')).toMatchObject({ code: 2, stderr: expect.stringMatching(/option inconnue : --xml/) });
    expect(flux('--help')).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Usage : npm run flux -- FICHIER\.csv \[--json\]/) });
  });
});
