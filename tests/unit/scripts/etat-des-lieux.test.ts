/** `npm run etat-des-lieux -- FICHIER [--json]` : sorties et codes de retour. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FIXTURES, RACINE } from '../../helpers/etat-des-lieux.ts';

const SCRIPT = join(RACINE, 'scripts', 'etat-des-lieux.ts');
const dossier = mkdtempSync(join(tmpdir(), 'etat-des-lieux-cli-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

function lancer(...args: string[]) {
  // Même Node 22 que Vitest (type stripping), comme `npm run`.
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: RACINE, encoding: 'utf8' });
  return { code: r.status, sortie: r.stdout, erreurs: r.stderr };
}

describe('--json', () => {
  test('exactement un objet JSON {logements, rejets, avertissements} sur la sortie standard', () => {
    const r = lancer(join(FIXTURES, 'baziege-oph31.tsv'), '--json', '--premiere-ligne', String(4039 + 4752));
    expect(r.code).toBe(0);
    const json = JSON.parse(r.sortie) as { logements: Array<Record<string, unknown>>; rejets: unknown[] };
    expect(Object.keys(json)).toEqual(['logements', 'rejets', 'avertissements']);
    expect(json.logements).toHaveLength(44);
    expect(json.rejets).toEqual([]);
    expect(json.logements[0]).toMatchObject({ ligne: 8802, rpls: null, typologie_brute: 'Type 4', commune_insee: '31048', date_fin_ouverte: true });
    expect(r.erreurs).toMatch(/59 ligne\(s\) lue\(s\), 44 logement\(s\) \(dont 0 avec avertissement\), 15 ignorée\(s\), 0 rejetée\(s\)/u);
  });

  test('valeur illisible : logement gardé, avertissement localisé dans « avertissements », code 0', () => {
    const f = join(dossier, 'rejets.csv');
    writeFileSync(f, 'N° RPLS;Réservataire;Typologie;Date de fin de la convention\n0030816617;COMMUNE;T3;31/02/2030\n0030818770;COMMUNE;T2;31/12/2999\nTOTAL;;;2\n');
    const r = lancer(f, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.sortie) as { logements: Array<Record<string, unknown>>; rejets: Array<Record<string, unknown>>; avertissements: Array<Record<string, unknown>> };
    expect(json.logements.map((l) => [l.rpls, l.date_fin])).toEqual([
      ['0030816617', null],
      ['0030818770', null],
    ]);
    expect(json.avertissements).toEqual([
      {
        fichier: f,
        ligne: 2,
        colonne: 'Date de fin de la convention',
        numero_colonne: 4,
        valeur: '31/02/2030',
        attendu: 'date au format jj/mm/aaaa (ou mm/aaaa)',
        message: 'ligne 2, colonne 4 « Date de fin de la convention » : « 31/02/2030 » : date impossible, février 2030 a 28 jours — logement gardé, date de fin vide',
      },
    ]);
    expect(json.rejets).toEqual([
      {
        ligne: 4,
        colonne: '',
        numero_colonne: null,
        valeur: 'TOTAL | 2',
        attendu: 'une ligne de logement (N° RPLS, typologie, financement ou réservataire reconnu, ou la moitié des colonnes remplies)',
        message: 'ligne 4 : ligne de total, pas un logement (« TOTAL | 2 »)',
      },
    ]);
    expect(r.erreurs).toMatch(/4 ligne\(s\) lue\(s\), 2 logement\(s\) \(dont 1 avec avertissement\), 1 ignorée\(s\), 1 rejetée\(s\)/u);
  });
});

describe('sortie texte', () => {
  test('tableau français, correspondance des colonnes, bilan', () => {
    const r = lancer(join(FIXTURES, 'baziege-patrimoine.tsv'));
    expect(r.code).toBe(0);
    expect(r.sortie).toMatch(/Tableau en-tête ligne 4 : 12 colonne\(s\) reconnue\(s\) sur 12, 2 logement\(s\)/u);
    expect(r.sortie).toMatch(/Réensaisné du bien → reservataire \(libellé et contenu ; forme attendue dans 2 \/ 2 ligne\(s\) remplie\(s\)\)/u);
    expect(r.sortie).toMatch(/N°ESI → ref_bailleur \(libellé seul ; 2 ligne\(s\) remplie\(s\), pas de forme connue\)/u);
    expect(r.sortie).toMatch(/Ligne │ RPLS\s+│ Réf\. bailleur/u);
    expect(r.sortie).toMatch(/0055117131 │ 551L0003/u);
    expect(r.sortie).toMatch(/7,99 %/u);
    expect(r.sortie).toMatch(/typologie « 12 » lue comme T2/u);
    expect(r.sortie).toMatch(/Bilan : 10 ligne\(s\) lue\(s\), 2 logement\(s\) \(dont 0 avec avertissement\), 8 ignorée\(s\) \(.*\), 0 rejetée\(s\)$/mu);
  });

  test('valeur hors liste : logement gardé, avertissement avec la raison', () => {
    const f = join(dossier, 'rejet.tsv');
    writeFileSync(f, 'N° RPLS\tRéservataire\tTypologie\tFinancement\n0030816617\tCOMMUNE\tT33\tPLA\n');
    const r = lancer(f);
    expect(r.code).toBe(0);
    expect(r.sortie).toMatch(/Valeurs illisibles ou inconnues \(1, dans 1 logement\(s\) gardé\(s\)\) :\n {2}rejet\.tsv, ligne 2, colonne 3 « Typologie » : « T33 » : typologie/u);
    expect(r.sortie).toMatch(/Logements \(1\)/u);
  });

  test('tableau récapitulatif seul (ALTEAL) : 0 logement, signalé, code 0', () => {
    const r = lancer(join(FIXTURES, 'baziege-alteal.tsv'));
    expect(r.code).toBe(0);
    expect(r.sortie).toMatch(/Aucun tableau de logements/u);
    expect(r.sortie).toMatch(/tableau récapitulatif \(FINANCEMENTS \/ TYPES LOGTS \/ T4 \/ TOTAL\)/u);
  });
});

describe('erreurs', () => {
  test('fichier introuvable : code 1, message français', () => {
    const r = lancer(join(dossier, 'absent.csv'));
    expect(r.code).toBe(1);
    expect(r.sortie).toBe('');
    expect(r.erreurs).toMatch(/^Erreur : .*absent\.csv : fichier introuvable/u);
  });

  test('fichier vide et fichier binaire : code 1', () => {
    const vide = join(dossier, 'vide.csv');
    writeFileSync(vide, '');
    expect(lancer(vide)).toMatchObject({ code: 1, erreurs: expect.stringMatching(/le fichier est vide/u) });
    const binaire = join(dossier, 'image.csv');
    writeFileSync(binaire, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00]));
    expect(lancer(binaire, '--json')).toMatchObject({ code: 1, sortie: '', erreurs: expect.stringMatching(/octet nul/u) });
  });

  test('arguments invalides : code 2 et usage', () => {
    expect(lancer()).toMatchObject({ code: 2, erreurs: expect.stringMatching(/fichier manquant[\s\S]*Usage/u) });
    expect(lancer('a.csv', '--inconnue')).toMatchObject({ code: 2, erreurs: expect.stringMatching(/option inconnue/u) });
    expect(lancer('a.csv', '--premiere-ligne', 'zéro')).toMatchObject({ code: 2 });
  });
});
