// npm run check-data as the analyst runs it (a subprocess on fixture folders):
// per-file counts, every rejected row or cell with file/line/column/value/expected,
// exit code 1 when something blocks a publication, no demand id ever printed.
import { afterAll, describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RACINE } from '../../helpers/racine.ts';

const FIXTURES = join(RACINE, 'tests', 'fixtures', 'ingest');
const travail = mkdtempSync(join(tmpdir(), 'obs-check-'));
afterAll(() => rmSync(travail, { recursive: true, force: true }));

function checkData(...args: string[]) {
  const r = spawnSync(join(RACINE, 'node_modules', '.bin', 'node'), [join(RACINE, 'scripts', 'check-data.ts'), '--travail', travail, ...args], {
    cwd: RACINE,
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr, tout: r.stdout + r.stderr };
}

describe('check-data', () => {
  const ok = checkData('--entrees', join(FIXTURES, 'check-data'));

  test('fichiers lisibles avec des lignes fautives : code 0, bilan par fichier', () => {
    expect(ok.code, ok.tout).toBe(0);
    expect(ok.out).toContain('rpls_2023.csv [rpls : RPLS 2023, fichier public ; Windows-1252 (Latin-1), séparateur point-virgule] : 5 lignes lues, 2 chargées, 2 rejetées, 1 hors territoire');
    expect(ok.out).toContain('attributions_2025.csv [attributions : format du projet (attributions-colonnes.csv) ; UTF-8, séparateur virgule] : 9 lignes lues, 5 chargées, 4 rejetées, 0 hors territoire');
    expect(ok.out).toContain('6 ligne(s) rejetée(s) : la publication reste possible');
  });

  test('conventions du territoire : états des lieux (chaque ligne comptée), conventions_annexe1.csv, bilans_bailleurs.csv', () => {
    // data/territoires/sicoval : les quatre états des lieux de Baziège (délibération D25-59) et leurs annexes 1.
    expect(ok.out).toContain('États des lieux (4 listé(s) dans etats_des_lieux/index.csv) :');
    expect(ok.out).toContain(
      'baziege-oph31.tsv (Commune de Baziège × OPH de la Haute-Garonne) : 59 lignes lues = 44 logements (dont 0 avec avertissement) + 15 sautées + 0 rejetées ; réservataires : NON_RENSEIGNE 1, ETAT_PRIORITAIRES 29, DEPARTEMENT 5, ETAT_FONCTIONNAIRES 1, ACTION_LOGEMENT 5, COMMUNE 3',
    );
    expect(ok.out).toContain('baziege-cite-jardins.tsv (Commune de Baziège × La Cité Jardins) : 73 lignes lues = 62 logements');
    expect(ok.out).toContain('baziege-alteal.tsv, ligne 4 : tableau récapitulatif (FINANCEMENTS / TYPES LOGTS / T4 / TOTAL) sans détail par logement : ignoré');
    expect(ok.out).toContain('conventions_annexe1.csv : 4 convention(s) lue(s), 0 ligne(s) en erreur');
    // FLUX.md : « OPH 31 Baziège: 44 rows vs 45; 3 "COMMUNE" rows vs 2 »
    expect(ok.out).toContain('COUNT_MISMATCH — état des lieux : 44 logements ≠ 45 pour E (Art.1) ; état des lieux : 3 logements du réservataire ≠ R = 2 (Art.2)');
    expect(ok.out).toMatch(/Bilans des bailleurs : aucun|bilans_bailleurs\.csv : \d+ bilan\(s\) lu\(s\)/u);
  });

  test('chaque rejet : fichier, ligne, colonne, valeur, attendu', () => {
    expect(ok.out).toContain('rpls_2023.csv, ligne 4, colonne nbpiece (en-tête « NBPIECE ») : « T4 » — attendu : un nombre entier entre 1 et 20 (ligne rejetée)');
    expect(ok.out).toContain('rpls_2023.csv, ligne 6, colonne depcom : « 99999 » — attendu : un code commune du Code officiel géographique');
    expect(ok.out).toContain('attributions_2025.csv, ligne 3, colonne date_caleol : « 31/02/2025 » — attendu : une date réelle jj/mm/aaaa — date impossible, février 2025 a 28 jours');
    expect(ok.out).toContain('attributions_2025.csv, ligne 4, colonne commune : « 31555 » — attendu : une commune du territoire CA du Sicoval — Toulouse, hors du territoire');
    expect(ok.out).toContain("attributions_2025.csv, ligne 6, colonne (ligne entière) : « 6 champ(s) » — attendu : 14 champs comme l'en-tête (ligne 1)");
    const detail = readFileSync(join(travail, 'qualite-detail.csv'), 'utf8');
    expect(detail.split('\r\n')[0]).toBe('\uFEFFfichier;ligne;colonne;entete;valeur;attendu;detail;gravite');
    expect(detail).toContain('rpls_2023.csv;4;nbpiece;NBPIECE;T4;un nombre entier entre 1 et 20;;rejet');
  });

  test('aucun numéro de demande ni valeur personnelle affichés', () => {
    expect(ok.tout).not.toMatch(/031\d{10}/);
    // a household's value is shown by its kind only (data/config/formats: personnelle)
    expect(ok.out).toContain('ligne 5, colonne ressources_mensuelles : « nombre en notation scientifique »');
    expect(ok.out).not.toContain('1e5');
  });

  test('fichiers illisibles : code 1, chaque problème nommé (fichier, ligne, colonne), les autres fichiers quand même contrôlés', () => {
    const r = checkData('--entrees', join(FIXTURES, 'illisible'));
    expect(r.code, r.tout).toBe(1);
    expect(r.out).toContain('rpls_2025.csv [rpls : RPLS 2025, version loi ; UTF-8 avec BOM, séparateur point-virgule] : 1 lignes lues, 1 chargées');
    expect(r.out).toContain('✖ ops_2024.csv, ligne 1 (en-tête) : colonne(s) obligatoire(s) absente(s) : reponse (en-têtes acceptés : reponse, REPONSE)');
    expect(r.out).toContain('✖ attributions_2025.csv, ligne 3, colonne « decision » : guillemet ouvrant jamais refermé');
    expect(r.err).toContain('2 problème(s) bloquant(s)');
    expect(r.tout).not.toMatch(/031\d{10}/);
  });

  test('aucun export RPLS : code 1', () => {
    const r = checkData('--entrees', join(FIXTURES, 'check-data', 'absent'));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/aucun export RPLS \(rpls_AAAA\.csv\)/);
  });
});
