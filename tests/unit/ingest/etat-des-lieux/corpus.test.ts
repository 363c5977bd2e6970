/**
 * Corpus de mises en page (tests/fixtures/etat-des-lieux/corpus/, écrit par
 * corpus.ts à partir des 108 logements de Baziège de la délibération D25-59) :
 * chaque forme doit donner exactement ses logements — nombre par commune,
 * typologie, financement et catégorie de réservataire —, sans en perdre un,
 * et chaque ligne du fichier doit être comptée (logement, sautée ou rejetée).
 *
 * Comptes de la référence (data/territoires/sicoval/sources/baziege_etats_des_lieux_2024.csv) :
 * - La Cité Jardins, 62 logements : T2 12, T3 32, T4 12, T5 6 ; PLA 27, PLUS 31, PLAI 4 ;
 *   Département 6, État prioritaires 14, bailleur 21, commune 6, État fonctionnaires 5, Action Logement 10 ;
 *   49 collectifs, 13 individuels.
 * - OPH 31, 44 logements : T2 6, T3 12, T4 15, T5 11 ; DIVERS 30, PLA 13, PLA-TS 1 ; non renseigné 1,
 *   État prioritaires 29, Département 5, État fonctionnaires 1, Action Logement 5, commune 3 ; 44 individuels.
 * - Patrimoine SA Languedocienne, 2 logements : T2 1, T3 1 ; PLUS 2 ; commune 2 ; 2 collectifs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { analyserOctetsEtatDesLieux, lireEtatDesLieux } from '../../../../src/ingest/etat-des-lieux/index.ts';
import type { OptionsEtatDesLieux, ResultatEtatDesLieux } from '../../../../src/ingest/etat-des-lieux/index.ts';
import { CORPUS, DOSSIER_CORPUS, octetsCorpus } from '../../../fixtures/etat-des-lieux/corpus.ts';

const BAZIEGE = '31048';
const AYGUESVIVES = '31004';

const CITE_JARDINS = {
  pieces: { 2: 12, 3: 32, 4: 12, 5: 6 },
  financements: { PLA: 27, PLUS: 31, PLAI: 4 },
  reservataires: { DEPARTEMENT: 6, ETAT_PRIORITAIRES: 14, BAILLEUR: 21, COMMUNE: 6, ETAT_FONCTIONNAIRES: 5, ACTION_LOGEMENT: 10 },
  individuels: { false: 49, true: 13 },
};
const OPH31 = {
  pieces: { 2: 6, 3: 12, 4: 15, 5: 11 },
  financements: { DIVERS: 30, PLA: 13, 'PLA-TS': 1 },
  reservataires: { NON_RENSEIGNE: 1, ETAT_PRIORITAIRES: 29, DEPARTEMENT: 5, ETAT_FONCTIONNAIRES: 1, ACTION_LOGEMENT: 5, COMMUNE: 3 },
  individuels: { true: 44 },
};

function compter(valeurs: readonly unknown[]): Record<string, number> {
  const n: Record<string, number> = {};
  for (const v of valeurs) n[String(v)] = (n[String(v)] ?? 0) + 1;
  return n;
}

function resume(r: ResultatEtatDesLieux) {
  return {
    communes: compter(r.logements.map((l) => l.commune_insee)),
    pieces: compter(r.logements.map((l) => l.nb_pieces)),
    financements: compter(r.logements.map((l) => l.financement)),
    reservataires: compter(r.logements.map((l) => l.reservataire_categorie)),
    individuels: compter(r.logements.map((l) => l.individuel)),
  };
}

/** Chaque ligne du fichier est un logement, une ligne sautée (avec sa raison) ou une ligne rejetée. */
function toutesLesLignesComptees(r: ResultatEtatDesLieux, lignesDuFichier?: number): void {
  const s = r.statistiques;
  expect(s.logements + s.ignorees + s.rejetees).toBe(s.lignes_lues);
  expect(r.lignes_ignorees).toHaveLength(s.ignorees);
  expect(r.rejets.length).toBe(s.rejetees);
  if (lignesDuFichier !== undefined) expect(s.lignes_lues).toBe(lignesDuFichier);
  const vues = new Set([...r.logements.map((l) => l.ligne), ...r.lignes_ignorees.map((l) => l.ligne), ...r.rejets.map((j) => j.ligne)]);
  expect(vues.size).toBe(s.lignes_lues);
}

async function lire(fichier: string, options: OptionsEtatDesLieux = {}): Promise<ResultatEtatDesLieux> {
  return lireEtatDesLieux(join(DOSSIER_CORPUS, fichier), options);
}

function lignesTexte(fichier: string): number {
  return readFileSync(join(DOSSIER_CORPUS, fichier), 'latin1').split(/\r?\n/u).length - 1;
}

function colonne(r: ResultatEtatDesLieux, entete: string) {
  return r.tableaux[0]?.colonnes.find((c) => c.entete === entete);
}

test.each(CORPUS.map((f) => f.fichier))('corpus/%s à jour (régénéré par corpus.ts, octet pour octet)', (fichier) => {
  const f = CORPUS.find((x) => x.fichier === fichier);
  if (!f) throw new Error(fichier);
  expect(Buffer.from(octetsCorpus(f)).equals(readFileSync(join(DOSSIER_CORPUS, fichier)))).toBe(true);
});

describe('en-têtes sur plusieurs lignes', () => {
  test('CSV `;` Windows-1252 CRLF, en-tête sur deux lignes (parents écrits une fois), lignes `;;;;`, tampons, en-tête répété', async () => {
    const f = 'cite-jardins-entete-2-lignes-cp1252.csv';
    const r = await lire(f);
    expect(r.encodage).toBe('Windows-1252 (Latin-1)');
    expect(r.delimiteur).toBe('point-virgule');
    expect(r.logements).toHaveLength(62);
    expect(resume(r)).toEqual({ communes: { [BAZIEGE]: 62 }, ...CITE_JARDINS });
    expect(r.tableaux.map((t) => [t.ligne_entete, t.lignes_entete, t.logements])).toEqual([[3, 2, 62]]);
    expect(r.statistiques.ignorees_par_raison).toMatchObject({ entete: 2, entete_repete: 2, tampon_page: 2, vide: 5, hors_tableau: 1 });
    expect(r.rejets).toEqual([]);
    expect(r.avertissements_cellules).toEqual([]);
    // « Identification » au-dessus de « N° RPLS | Clé local » ; « Convention › Fin » : « Fin » seul serait le financement, le contenu (dates) tranche.
    expect(colonne(r, 'Identification › N° RPLS')).toMatchObject({ canonique: 'rpls', origine: 'libelle+contenu', lignes_contenu: 62, lignes_remplies: 62 });
    expect(colonne(r, 'Localisation du bien › Commune')).toMatchObject({ canonique: 'commune' });
    expect(colonne(r, 'Fin.')).toMatchObject({ canonique: 'financement', origine: 'libelle+contenu' });
    expect(colonne(r, 'Convention › Début')).toMatchObject({ canonique: 'date_debut' });
    expect(colonne(r, 'Convention › Fin')).toMatchObject({ canonique: 'date_fin', origine: 'contenu' });
    toutesLesLignesComptees(r, lignesTexte(f));
  });

  test('XLSX avec cellules fusionnées : titre, « Localisation du bien » sur 5 colonnes, libellés fusionnés verticalement, résidence fusionnée sur ses logements ; sans RPLS', async () => {
    const r = await lire('oph31-fusions.xlsx');
    expect(r.logements).toHaveLength(44);
    expect(resume(r)).toEqual({ communes: { [BAZIEGE]: 44 }, ...OPH31 });
    expect(r.tableaux.map((t) => [t.ligne_entete, t.lignes_entete, t.logements])).toEqual([[3, 2, 44]]);
    expect(r.logements.every((l) => l.rpls === null)).toBe(true);
    // La résidence n'est écrite que sur la première ligne de sa zone fusionnée : elle vaut pour toutes.
    expect(compter(r.logements.map((l) => l.programme))).toEqual({ 'Residence desSaules': 30, 'RESIDENCE LES PRADETTES': 13, '4, rue Traversiere': 1 });
    expect(r.logements[0]).toMatchObject({ ligne: 5, adresse: 'PAVILLON 1 / RUE DES SAULES', date_debut: '1959-01-01', date_fin_ouverte: true, taux_rotation: 0.0939, en_qpv: false });
    expect(colonne(r, 'Localisation du bien › Code postal')).toMatchObject({ canonique: 'code_postal', origine: 'libelle+contenu' });
    expect(r.avertissements_cellules).toEqual([]);
    toutesLesLignesComptees(r);
  });

  test('XLSX inventé, en-tête sur trois lignes (« Logement › Identification › Groupe »), vocabulaire d’un autre bailleur', async () => {
    const r = await lire('invente-entete-3-lignes.xlsx');
    expect(r.logements).toHaveLength(62);
    expect(resume(r)).toEqual({ communes: { [BAZIEGE]: 62 }, ...CITE_JARDINS });
    expect(r.tableaux.map((t) => [t.ligne_entete, t.lignes_entete])).toEqual([[1, 3]]);
    expect(r.tableaux[0]?.colonnes.map((c) => c.canonique)).toEqual([
      'programme',
      'ref_bailleur',
      'adresse',
      'commune',
      'collectif_individuel',
      'typologie',
      'financement',
      'reservataire',
      'date_fin',
    ]);
    toutesLesLignesComptees(r);
  });
});

describe('commune absente du tableau', () => {
  test('TSV copié d’un PDF : commune dans des lignes de titre « COMMUNE (code postal) : N logements », tampons de page, en-tête répété', async () => {
    const f = 'oph31-titres-commune-pdf.tsv';
    const r = await lire(f);
    expect(r.logements).toHaveLength(44);
    expect(resume(r)).toEqual({ communes: { [BAZIEGE]: 30, [AYGUESVIVES]: 14 }, ...OPH31 });
    expect(r.statistiques.ignorees_par_raison).toMatchObject({ titre: 2, tampon_page: 2, entete: 1, entete_repete: 1 });
    expect(r.avertissements).toEqual([]);
    toutesLesLignesComptees(r, lignesTexte(f));
  });

  test('le nombre annoncé par le titre est vérifié', async () => {
    const texte = readFileSync(join(DOSSIER_CORPUS, 'oph31-titres-commune-pdf.tsv'), 'utf8').replace('AYGUESVIVES (31450) : 14 logements', 'AYGUESVIVES (31450) : 15 logements');
    const r = await analyserOctetsEtatDesLieux(new TextEncoder().encode(texte), 'titres.tsv');
    expect(r.logements).toHaveLength(44);
    expect(r.avertissements).toEqual(['ligne 40 : le titre annonce 15 logement(s) pour AYGUESVIVES, 14 lu(s) sous ce titre — vérifiez le tableau']);
  });

  test('ni colonne ni titre : la commune de la convention (option `commune`, --commune)', async () => {
    const sans = await lire('patrimoine-sans-commune.csv');
    expect(resume(sans).communes).toEqual({ null: 2 });
    const avec = await lire('patrimoine-sans-commune.csv', { commune: BAZIEGE });
    expect(resume(avec)).toEqual({
      communes: { [BAZIEGE]: 2 },
      pieces: { 2: 1, 3: 1 },
      financements: { PLUS: 2 },
      reservataires: { COMMUNE: 2 },
      individuels: { false: 2 },
    });
    const parNom = await lire('patrimoine-sans-commune.csv', { commune: 'Baziège', departement: '31' });
    expect(resume(parNom).communes).toEqual({ [BAZIEGE]: 2 });
  });
});

describe('colonnes reconnues par leur contenu, valeurs hors des listes', () => {
  test('colonnes mélangées, libellés inconnus (« Code », « Col. 9 »), codes inconnus : aucun logement perdu', async () => {
    const r = await lire('cite-jardins-melangee.csv');
    expect(r.logements).toHaveLength(62);
    expect(resume(r)).toEqual({
      communes: { [BAZIEGE]: 62 },
      pieces: { 2: 12, 3: 31, 4: 12, 5: 6, null: 1 },
      financements: { PLA: 26, PLUS: 31, PLAI: 4, AUTRE: 1 },
      reservataires: { DEPARTEMENT: 6, ETAT_PRIORITAIRES: 13, BAILLEUR: 21, COMMUNE: 6, ETAT_FONCTIONNAIRES: 5, ACTION_LOGEMENT: 10, AUTRE: 1 },
      individuels: { false: 49, true: 13 },
    });
    expect(colonne(r, 'Code')).toMatchObject({ canonique: 'rpls', origine: 'contenu', lignes_contenu: 62 });
    expect(colonne(r, 'Col. 9')).toMatchObject({ canonique: 'date_debut', origine: 'contenu' });
    expect(colonne(r, 'Col. 10')).toMatchObject({ canonique: 'date_fin', origine: 'contenu' });
    expect(colonne(r, 'Observations')).toMatchObject({ canonique: null });
    expect(r.rejets).toEqual([]);
    expect(r.avertissements_cellules.map((a) => [a.ligne, a.numero_colonne, a.colonne, a.valeur])).toEqual([
      [5, 5, 'Typologie', 'TX'],
      [7, 1, 'Financement', 'PSLA'],
      [9, 4, 'Réservataire', 'FONDATION ABBE PIERRE'],
      [11, 9, 'Col. 9', '31/02/2001'],
    ]);
    expect(r.avertissements_cellules.every((a) => a.fichier.endsWith('cite-jardins-melangee.csv') && a.attendu !== '')).toBe(true);
    expect(r.statistiques.logements_avec_avertissement).toBe(4);
    toutesLesLignesComptees(r, lignesTexte('cite-jardins-melangee.csv'));
  });

  test('TSV inventé aux libellés presque tous inconnus : le contenu dit RPLS, adresse, typologie, financement, collectif', async () => {
    const r = await lire('invente-libelles-inconnus.tsv');
    expect(r.logements).toHaveLength(46);
    expect(resume(r)).toEqual({
      communes: { [BAZIEGE]: 46 },
      pieces: { 2: 7, 3: 13, 4: 15, 5: 11 },
      financements: { PLUS: 2, DIVERS: 30, PLA: 13, 'PLA-TS': 1 },
      reservataires: { COMMUNE: 5, NON_RENSEIGNE: 1, ETAT_PRIORITAIRES: 29, DEPARTEMENT: 5, ETAT_FONCTIONNAIRES: 1, ACTION_LOGEMENT: 5 },
      individuels: { false: 2, true: 44 },
    });
    expect(r.tableaux[0]?.colonnes.map((c) => [c.entete, c.canonique, c.origine])).toEqual([
      ['Ident.', 'rpls', 'contenu'],
      ['Organisme réservataire', 'reservataire', 'libelle+contenu'],
      ['Désignation', 'adresse', 'contenu'],
      ['Localité', 'commune', 'libelle+contenu'],
      ['Logt', 'typologie', 'contenu'],
      ['Aide', 'financement', 'contenu'],
      ['Cat.', 'collectif_individuel', 'contenu'],
      ['Remarque', null, null],
    ]);
    toutesLesLignesComptees(r, lignesTexte('invente-libelles-inconnus.tsv'));
  });

  test('libellé contredit par le contenu : « Type » qui contient collectif / individuel est lu comme tel', async () => {
    const tsv = ['N° RPLS\tRéservataire\tType\tFinancement', '0030816617\tMAIRIE\tCollectif\tPLUS', '0030818770\tPREFECTURE\tIndividuel\tPLAI', '0030818796\tCIL\tCollectif\tPLS'].join('\n');
    const r = await analyserOctetsEtatDesLieux(new TextEncoder().encode(tsv), 'type.tsv', { communes: null });
    expect(r.logements.map((l) => [l.nb_pieces, l.individuel, l.reservataire_categorie])).toEqual([
      [null, false, 'COMMUNE'],
      [null, true, 'ETAT_PRIORITAIRES'],
      [null, false, 'ACTION_LOGEMENT'],
    ]);
    expect(colonne(r, 'Type')).toMatchObject({ canonique: 'collectif_individuel', origine: 'contenu', libelle_contredit: 'typologie' });
    expect(r.avertissements.join('\n')).toMatch(/colonne 3 « Type » : libellé lu comme typologie, mais le contenu est celui de collectif_individuel/u);
  });

  test('vocabulaire d’un autre bailleur : « Usage » (Habitation) ignoré, « Type » (Appartement / Maison) lu comme collectif / individuel, date en numéro de série Excel ; les lignes de données ne sont pas prises pour un en-tête', async () => {
    const tsv = [
      'Groupe\tBâtiment\tClé local\tUsage\tType\tTypo\tFin.\tContingent\tDate conv.',
      '12\tA\t12-001\tHabitation\tAppartement\tT3\tPLUS\tPréfecture\t36488',
      '12\tA\t12-002\tHabitation\tAppartement\tT2\tPLAI\tMairie\t36488',
      '12\tB\t12-003\tHabitation\tMaison\tT4\tPLUS\tAL\t36488',
      '12\tB\t12-004\tHabitation\tMaison\tT5\tPLS\t\t36488',
    ].join('\n');
    const r = await analyserOctetsEtatDesLieux(new TextEncoder().encode(tsv), 'autre.tsv', { communes: null });
    expect(r.tableaux.map((t) => [t.ligne_entete, t.lignes_entete, t.logements])).toEqual([[1, 1, 4]]);
    expect(r.logements.map((l) => [l.ref_bailleur, l.nb_pieces, l.individuel, l.financement, l.reservataire_categorie, l.date_debut])).toEqual([
      ['12-001', 3, false, 'PLUS', 'ETAT_PRIORITAIRES', '1999-11-24'],
      ['12-002', 2, false, 'PLAI', 'COMMUNE', '1999-11-24'],
      ['12-003', 4, true, 'PLUS', 'ACTION_LOGEMENT', '1999-11-24'],
      ['12-004', 5, true, 'PLS', 'NON_RENSEIGNE', '1999-11-24'],
    ]);
    expect(colonne(r, 'Usage')).toMatchObject({ canonique: null, libelle_contredit: 'collectif_individuel' });
    expect(r.avertissements).toEqual([
      "tableau de la ligne 1 : colonne 4 « Usage » : libellé lu comme collectif_individuel, mais aucune valeur n'en a la forme (ex. « Habitation ») : colonne ignorée",
      'tableau de la ligne 1 : colonne 5 « Type » : libellé lu comme typologie, mais le contenu est celui de collectif_individuel (ex. « Appartement ») : lue comme collectif_individuel',
    ]);
    expect(r.avertissements_cellules).toEqual([]);
  });

  test('CSV issu de cellules fusionnées : commune et programme écrits sur le premier logement seulement, repris sur les suivants (signalé)', async () => {
    const csv = [
      'Commune;Programme;N° RPLS;Typologie;Financement;Réservataire',
      'BAZIEGE;Les Saules;0030816617;T3;PLUS;Mairie',
      ';;0030816618;T2;PLUS;Préfecture',
      ';;0030816619;T4;PLAI;',
      'LABEGE;Le Parc;0030816620;T3;PLS;AL',
      ';;0030816621;T3;PLS;Non réservé',
    ].join('\r\n');
    const r = await analyserOctetsEtatDesLieux(new TextEncoder().encode(csv), 'fusions.csv', { departement: '31' });
    expect(r.logements.map((l) => [l.commune_insee, l.programme, l.reservataire_categorie])).toEqual([
      [BAZIEGE, 'Les Saules', 'COMMUNE'],
      [BAZIEGE, 'Les Saules', 'ETAT_PRIORITAIRES'],
      [BAZIEGE, 'Les Saules', 'NON_RENSEIGNE'], // un réservataire vide n'est pas recopié
      ['31254', 'Le Parc', 'ACTION_LOGEMENT'],
      ['31254', 'Le Parc', 'BAILLEUR'],
    ]);
    expect(r.avertissements).toContain("colonne « Commune » vide : valeur du logement précédent reprise (cellule fusionnée dans le tableur d'origine ?) (lignes 3, 4, 6)");
  });

  test('une colonne par réservataire, cochée d’un X (pas de colonne réservataire)', async () => {
    const csv = [
      'N° RPLS;Typologie;Financement;Préfecture;Commune;Action Logement;Non réservé',
      '0030816617;T3;PLUS;X;;;',
      '0030816618;T2;PLAI;;X;;',
      '0030816619;T4;PLS;;;x;',
      '0030816620;T3;PLUS;;;;X',
      '0030816621;T3;PLUS;;;;',
    ].join('\n');
    const r = await analyserOctetsEtatDesLieux(new TextEncoder().encode(csv), 'coches.csv', { communes: null });
    expect(r.logements.map((l) => [l.reservataire_brut, l.reservataire_categorie, l.commune_insee])).toEqual([
      ['Préfecture', 'ETAT_PRIORITAIRES', null],
      ['Commune', 'COMMUNE', null],
      ['Action Logement', 'ACTION_LOGEMENT', null],
      ['Non réservé', 'BAILLEUR', null],
      [null, 'NON_RENSEIGNE', null],
    ]);
    expect(colonne(r, 'Commune')).toMatchObject({ canonique: 'reservataire', lignes_remplies: 1, lignes_contenu: 1 });
  });
});
