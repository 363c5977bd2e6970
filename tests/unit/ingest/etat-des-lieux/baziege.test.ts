/**
 * Les quatre états des lieux de Baziège (délibération D25-59) doivent donner
 * exactement les lignes de la référence normalisée, quel que soit le support :
 * extrait TSV tel que dans le document, CSV `;` en Windows-1252, XLSX typé,
 * et le fichier source complet quand ../shared est présent.
 *
 * Numéros de ligne : le parseur numérote les lignes du fichier qu'il lit.
 * Une fixture commence à la ligne `premiereLigneExtrait` de l'extrait, soit
 * `premiereLigneExtrait + 4752` du document d'origine : avec l'option
 * `premiereLigne`, les lignes sont celles du document d'origine (= colonne
 * `line` de la référence) ; sans elle, celles de la fixture.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyserOctetsEtatDesLieux, lireEtatDesLieux } from '../../../../src/ingest/etat-des-lieux/index.ts';
import {
  FIXTURES,
  REFERENCE_DEPOT,
  REFERENCE_PARTAGEE,
  SOURCES_PARTAGEES,
  TABLEAUX,
  comparerAReference,
  lireReference,
  partageDisponible,
  premiereLigneOrigine,
} from '../../../helpers/etat-des-lieux.ts';

const reference = lireReference();

function attendusDe(bailleur: string) {
  return reference.filter((r) => r.bailleur === bailleur);
}

test('la référence du dépôt contient les 108 logements (44 + 2 + 62)', () => {
  expect(reference).toHaveLength(108);
  for (const t of TABLEAUX) expect(attendusDe(t.bailleur)).toHaveLength(t.logements);
});

describe.each(TABLEAUX)('$fixture', (t) => {
  const attendus = attendusDe(t.bailleur);
  const origine = premiereLigneOrigine(t.premiereLigneExtrait);

  test('TSV tel que dans la délibération, lignes du document d’origine', async () => {
    const r = await lireEtatDesLieux(join(FIXTURES, `${t.fixture}.tsv`), { premiereLigne: origine });
    expect(r.rejets).toEqual([]);
    expect(r.delimiteur).toBe('tabulation');
    expect(r.encodage).toBe('UTF-8');
    expect(r.tableaux).toHaveLength(1);
    comparerAReference(r.logements, attendus);
    const s = r.statistiques;
    expect(s.logements + s.ignorees + s.rejetees).toBe(s.lignes_lues);
  });

  test('TSV sans décalage : lignes de la fixture', async () => {
    const r = await lireEtatDesLieux(join(FIXTURES, `${t.fixture}.tsv`));
    comparerAReference(r.logements, attendus, origine - 1);
  });

  test('CSV point-virgule en Windows-1252 (CRLF)', async () => {
    const r = await lireEtatDesLieux(join(FIXTURES, `${t.fixture}-cp1252.csv`), { premiereLigne: origine });
    expect(r.encodage).toBe('Windows-1252 (Latin-1)');
    expect(r.delimiteur).toBe('point-virgule');
    expect(r.rejets).toEqual([]);
    comparerAReference(r.logements, attendus);
  });

  test('XLSX (RPLS numériques, dates et pourcentages stylés, 2 feuilles)', async () => {
    const r = await lireEtatDesLieux(join(FIXTURES, `${t.fixture}.xlsx`));
    expect(r.format).toBe('xlsx');
    expect(r.rejets).toEqual([]);
    expect(new Set(r.logements.map((l) => l.feuille))).toEqual(new Set(['Etat des lieux']));
    // Ligne N de la feuille = ligne N de la fixture TSV.
    comparerAReference(r.logements, attendus, origine - 1);
    if (attendus.some((a) => a.attendu.rpls !== null)) {
      expect(r.avertissements.some((a) => a.includes('zéros en tête'))).toBe(true);
    }
  });
});

test('ALTEAL : tableau récapitulatif seulement → 0 logement, signalé, sans erreur', async () => {
  const r = await lireEtatDesLieux(join(FIXTURES, 'baziege-alteal.tsv'), { premiereLigne: premiereLigneOrigine(5290) });
  expect(r.logements).toEqual([]);
  expect(r.rejets).toEqual([]);
  expect(r.tableaux).toEqual([]);
  expect(r.avertissements).toEqual([
    'ligne 10045 : tableau récapitulatif (FINANCEMENTS / TYPES LOGTS / T4 / TOTAL) sans détail par logement : ignoré',
  ]);
  expect(r.statistiques.ignorees_par_raison.recapitulatif).toBe(3);
});

test('les OCR de Patrimoine sont lus et signalés (12 → T2, « Réensaisné du bien », SICCOVAL)', async () => {
  const r = await lireEtatDesLieux(join(FIXTURES, 'baziege-patrimoine.tsv'));
  expect(r.logements.map((l) => [l.typologie_brute, l.nb_pieces])).toEqual([
    ['12', 2],
    ['13', 3],
  ]);
  expect(r.tableaux[0]?.colonnes.find((c) => c.entete === 'Réensaisné du bien')?.canonique).toBe('reservataire');
  expect(r.avertissements.filter((a) => a.includes("erreur d'OCR"))).toHaveLength(2);
});

test('Cité Jardins : l’en-tête répété en page 2 (« N° RPL5 », « module ICI ») et sa ligne de suite sont sautés', async () => {
  const r = await lireEtatDesLieux(join(FIXTURES, 'baziege-cite-jardins.tsv'), { premiereLigne: premiereLigneOrigine(4837) });
  expect(r.statistiques.ignorees_par_raison.entete_repete).toBe(2); // en-tête répété sur deux lignes (libellés + suite)
  expect(r.statistiques.ignorees_par_raison.suite_entete).toBe(0);
  expect(r.rejets).toEqual([]);
  expect(r.logements.map((l) => l.ligne)).not.toContain(9622);
  expect(r.logements.map((l) => l.ligne)).not.toContain(9623);
});

describe.skipIf(!partageDisponible())('fichier source complet (../shared)', () => {
  test('la référence partagée est celle du dépôt', () => {
    const norm = (s: string): string => s.replace(/\r\n/gu, '\n');
    expect(norm(readFileSync(REFERENCE_PARTAGEE, 'utf8'))).toBe(norm(readFileSync(REFERENCE_DEPOT, 'utf8')));
  });

  test('les 5 350 lignes de l’extrait donnent les 108 logements aux lignes du document d’origine', async () => {
    const octets = readFileSync(SOURCES_PARTAGEES);
    const r = await analyserOctetsEtatDesLieux(octets, SOURCES_PARTAGEES, { premiereLigne: 4753 });
    expect(r.rejets).toEqual([]);
    expect(r.tableaux.map((t) => [t.ligne_entete, t.logements])).toEqual([
      [8801, 44],
      [9249, 2],
      [9591, 62],
    ]);
    comparerAReference(r.logements, lireReference(REFERENCE_PARTAGEE));
    expect(r.avertissements.filter((a) => a.includes('récapitulatif'))).toHaveLength(1);
  });
});
