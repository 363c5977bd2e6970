/** Fichiers hostiles : vides, binaires, tronqués, valeurs invalides, formats inattendus. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
  ErreurEtatDesLieux,
  analyserOctetsEtatDesLieux,
  analyserTexteEtatDesLieux,
  lireEtatDesLieux,
} from '../../../../src/ingest/etat-des-lieux/index.ts';
import type { ResultatEtatDesLieux } from '../../../../src/ingest/etat-des-lieux/index.ts';
import { ecrireXlsx } from '../../../fixtures/etat-des-lieux/xlsx-minimal.ts';
import { encoderWindows1252 } from '../../../fixtures/etat-des-lieux/generer.ts';
import { FIXTURES } from '../../../helpers/etat-des-lieux.ts';

const dossier = mkdtempSync(join(tmpdir(), 'etat-des-lieux-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

const ENTETE = 'N° RPLS;module LC;Réservataire du bien;Commune;Adresse;Typologie du bien;Type de financement;Collectif / Individuel;Taux de rotation;Date de début de la convention;Date de fin de la convention';
const LIGNE = (rpls: string, resa = 'MAIRIE DE BAZIEGE', debut = '24/11/1996', fin = '31/12/2999') =>
  `${rpls};0790001T3;${resa};BAZIEGE;11 allée Paul Marty;T3;PLA;collectif;7,9%;${debut};${fin}`;

function texte(contenu: string, options = {}): ResultatEtatDesLieux {
  return analyserTexteEtatDesLieux(contenu, 'essai.csv', { departement: '31', ...options });
}

async function erreur(promesse: Promise<unknown>): Promise<ErreurEtatDesLieux> {
  try {
    await promesse;
  } catch (e) {
    expect(e).toBeInstanceOf(ErreurEtatDesLieux);
    return e as ErreurEtatDesLieux;
  }
  throw new Error('une ErreurEtatDesLieux était attendue');
}

describe('fichiers illisibles : erreur bloquante, en français, qui nomme le fichier', () => {
  test.each([
    ['vide.csv', new Uint8Array(), 'vide', /vide\.csv : le fichier est vide/u],
    ['blanc.csv', new TextEncoder().encode(' \r\n\t\r\n'), 'vide', /aucun texte/u],
    ['binaire.csv', new Uint8Array([0x4e, 0x00, 0x52, 0x50, 0x4c, 0x53]), 'binaire', /octet nul/u],
    ['ancien.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'format', /\.xls non pris en charge/u],
    ['scan.pdf', new TextEncoder().encode('%PDF-1.7\n%âãÏÓ\n'), 'pdf', /PDF/u],
    ['faux.xlsx', new TextEncoder().encode('N° RPLS;Typologie\n'), 'xlsx-illisible', /pas une archive XLSX/u],
    ['archive.csv', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]), 'xlsx-illisible', /classeur XLSX illisible/u],
  ])('%s', async (nom, octets, code, message) => {
    const e = await erreur(analyserOctetsEtatDesLieux(octets, nom));
    expect(e.code).toBe(code);
    expect(e.fichier).toBe(nom);
    expect(e.message).toMatch(message);
  });

  test('fichier introuvable, dossier', async () => {
    expect((await erreur(lireEtatDesLieux(join(dossier, 'absent.csv')))).message).toMatch(/absent\.csv : fichier introuvable/u);
    expect((await erreur(lireEtatDesLieux(dossier))).message).toMatch(/c'est un dossier/u);
  });

  test('XLSX tronqué', async () => {
    const complet = readFileSync(join(FIXTURES, 'baziege-patrimoine.xlsx'));
    const e = await erreur(analyserOctetsEtatDesLieux(complet.subarray(0, Math.floor(complet.length / 2)), 'tronque.xlsx'));
    expect(e.code).toBe('xlsx-illisible');
  });

  test('aucun en-tête reconnu : erreur qui dit quoi faire et montre la meilleure ligne candidate', () => {
    expect(() => texte('Nom;Prénom;Âge\nDupont;Jean;42\n')).toThrow(/aucune ligne d'en-tête.*etat-des-lieux-colonnes\.csv/u);
    expect(() => texte('titre\nRéservataire;Couleur;Taille du chien\nx;y;z\n')).toThrow(/meilleure candidate : ligne 2, 2 colonne\(s\) reconnue/u);
  });

  test('classeur sans tableau', async () => {
    const xlsx = ecrireXlsx([{ nom: 'Feuil1', lignes: [['Bonjour'], [], ['rien', 'à', 'voir']] }]);
    expect((await erreur(analyserOctetsEtatDesLieux(xlsx, 'vide.xlsx'))).code).toBe('sans-entete');
  });
});

describe('valeur illisible : le logement est gardé, le champ vide, un avertissement dit ligne, colonne, valeur, attendu', () => {
  test('date impossible', () => {
    const r = texte([ENTETE, LIGNE('0030816617'), LIGNE('0030818770', 'PREFECTURE PRIORITAIRE', '31/02/2020'), LIGNE('0030818796')].join('\n'));
    expect(r.logements.map((l) => [l.ligne, l.rpls, l.date_debut])).toEqual([
      [2, '0030816617', '1996-11-24'],
      [3, '0030818770', null],
      [4, '0030818796', '1996-11-24'],
    ]);
    expect(r.rejets).toEqual([]);
    expect(r.avertissements_cellules).toEqual([
      {
        fichier: 'essai.csv',
        ligne: 3,
        colonne: 'Date de début de la convention',
        numero_colonne: 10,
        valeur: '31/02/2020',
        attendu: 'date au format jj/mm/aaaa (ou mm/aaaa)',
        message: 'ligne 3, colonne 10 « Date de début de la convention » : « 31/02/2020 » : date impossible, février 2020 a 29 jours — logement gardé, date de début vide',
      },
    ]);
    expect(r.statistiques).toMatchObject({ lignes_lues: 4, logements: 3, rejetees: 0, ignorees: 1, logements_avec_avertissement: 1 });
  });

  test('plusieurs valeurs illisibles sur une ligne : un avertissement par cellule, un seul logement gardé', () => {
    const mauvaise = '123;0790001T3;MAIRIE;BAZIEGE;x;T15;PLA;collectif;beaucoup;24/11/96;31/12/2999';
    const r = texte([ENTETE, mauvaise].join('\n'));
    expect(r.avertissements_cellules.map((j) => [j.ligne, j.numero_colonne, j.valeur])).toEqual([
      [2, 1, '123'],
      [2, 6, 'T15'],
      [2, 9, 'beaucoup'],
      [2, 10, '24/11/96'],
    ]);
    expect(r.avertissements_cellules[0]?.attendu).toMatch(/10 chiffres/u);
    expect(r.statistiques).toMatchObject({ logements: 1, rejetees: 0, logements_avec_avertissement: 1 });
    expect(r.logements[0]).toMatchObject({
      rpls: null,
      ref_bailleur: '0790001T3',
      typologie_brute: 'T15',
      nb_pieces: null,
      taux_rotation: null,
      date_debut: null,
      date_fin_ouverte: true,
      reservataire_categorie: 'COMMUNE',
      financement: 'PLA',
    });
  });

  test('fichier tronqué au milieu d’une ligne (TSV de Cité Jardins coupé) : le logement coupé est gardé', () => {
    const complet = readFileSync(join(FIXTURES, 'baziege-cite-jardins.tsv'), 'utf8');
    const coupe = complet.slice(0, complet.indexOf('0030818811') + 30); // 4e logement coupé après « MAIRIE DE »
    const r = analyserTexteEtatDesLieux(coupe, 'coupe.tsv', { communes: null });
    expect(r.logements).toHaveLength(4);
    expect(r.logements[3]).toMatchObject({ ligne: 7, rpls: '0030818811', ref_bailleur: '0790004T3', reservataire_brut: 'MAIRIE DE', reservataire_categorie: 'COMMUNE', typologie_brute: null });
    expect(r.rejets).toEqual([]);
    expect(r.avertissements_cellules[0]).toMatchObject({ ligne: 7, numero_colonne: 4, colonne: 'EPCI', attendu: '12 champs (ligne complète)' });
    expect(r.avertissements_cellules[0]?.message).toMatch(/ligne 7, colonne 4 « EPCI » : ligne incomplète : 3 champ\(s\) au lieu d'au moins 12 — fichier tronqué ou ligne coupée \? Logement gardé/u);
  });

  test('fichier tronqué juste après un RPLS', () => {
    const r = texte([ENTETE, LIGNE('0030816617'), '0030818770'].join('\n'));
    expect(r.logements.map((l) => l.rpls)).toEqual(['0030816617', '0030818770']);
    expect(r.avertissements_cellules[0]).toMatchObject({ ligne: 3, numero_colonne: 2, colonne: 'module LC' });
  });

  test('fichier tronqué dans un champ entre guillemets', () => {
    const r = texte(`${ENTETE}\n${LIGNE('0030816617')}\n0030818770;0790002T2;"PREFECTURE PRIO`);
    expect(r.logements).toHaveLength(2);
    expect(r.avertissements_cellules[0]).toMatchObject({ ligne: 3, numero_colonne: 3, colonne: 'Réservataire du bien', attendu: 'guillemet fermant (")' });
  });

  test('tampon de page sur plusieurs cellules au milieu des logements : sauté, pas pris pour un logement', () => {
    const r = texte(['N° RPLS;Réservataire;Typologie;Financement', '0030816617;Mairie;T3;PLUS', 'Page 1;sur 2', '0030816618;AL;T2;PLAI', 'Publié le : 12/12/2025;ID : 031-2131'].join('\n'), { communes: null });
    expect(r.logements.map((l) => l.rpls)).toEqual(['0030816617', '0030816618']);
    expect(r.lignes_ignorees).toEqual([
      { ligne: 1, raison: 'entete' },
      { ligne: 3, raison: 'tampon_page' },
      { ligne: 5, raison: 'tampon_page' },
    ]);
    expect(r.avertissements_cellules).toEqual([]);
  });

  test('une ligne du tableau qui n’est pas un logement est rejetée avec sa raison ; après une ligne vide, c’est du texte', () => {
    const r = texte([ENTETE, LIGNE('0030816617'), 'TOTAL;;;;;;;;;1 logement', 'Note;voir annexe', '', 'Texte;de la convention'].join('\n'));
    expect(r.logements).toHaveLength(1);
    expect(r.rejets.map((j) => [j.ligne, j.message])).toEqual([
      [3, 'ligne 3 : ligne de total, pas un logement (« TOTAL | 1 logement »)'],
      [4, expect.stringMatching(/^ligne 4 : pas un logement : 2 colonne\(s\) du tableau remplie\(s\) sur 11, et ni N° RPLS/u)],
    ]);
    expect(r.lignes_ignorees).toEqual([
      { ligne: 1, raison: 'entete' },
      { ligne: 5, raison: 'vide' },
      { ligne: 6, raison: 'hors_tableau' },
    ]);
    const s = r.statistiques;
    expect(s.logements + s.ignorees + s.rejetees).toBe(s.lignes_lues);
  });
});

describe('valeurs inconnues : gardées, classées AUTRE, signalées', () => {
  test('réservataire inconnu → AUTRE avec le libellé brut', () => {
    const r = texte([ENTETE, LIGNE('0030816617', 'FONDATION DU LOGEMENT X'), LIGNE('0030818770', 'FONDATION DU LOGEMENT X')].join('\n'));
    expect(r.rejets).toEqual([]);
    expect(r.logements.map((l) => [l.reservataire_brut, l.reservataire_categorie])).toEqual([
      ['FONDATION DU LOGEMENT X', 'AUTRE'],
      ['FONDATION DU LOGEMENT X', 'AUTRE'],
    ]);
    expect(r.avertissements_cellules.map((a) => [a.ligne, a.numero_colonne, a.valeur, a.message])).toEqual([
      [2, 3, 'FONDATION DU LOGEMENT X', 'ligne 2, colonne 3 « Réservataire du bien » : réservataire « FONDATION DU LOGEMENT X » non reconnu : logement gardé en catégorie AUTRE (ajoutez une règle dans data/config/formats/reservataires.csv)'],
      [3, 3, 'FONDATION DU LOGEMENT X', expect.stringContaining('ligne 3, colonne 3')],
    ]);
  });

  test('financement inconnu, commune introuvable, RPLS en double', () => {
    const l = LIGNE('0030816617').replace(';PLA;', ';PRÊT X;').replace(';BAZIEGE;', ';ATLANTIDE;');
    const r = texte([ENTETE, l, l].join('\n'));
    expect(r.logements.map((x) => [x.financement_brut, x.financement, x.commune_insee])).toEqual([
      ['PRÊT X', 'AUTRE', null],
      ['PRÊT X', 'AUTRE', null],
    ]);
    expect(r.avertissements_cellules.map((a) => a.message).join('\n')).toMatch(/financement « PRÊT X » non reconnu : logement gardé en classe AUTRE/u);
    expect(r.avertissements.join('\n')).toMatch(/commune « ATLANTIDE » introuvable ou ambiguë dans le département 31/u);
    expect(r.avertissements.join('\n')).toMatch(/RPLS 0030816617 en double/u);
  });
});

describe('formats et mises en page', () => {
  test('CSV virgule, BOM UTF-8, en-tête ligne 5 entre guillemets, champ multiligne', async () => {
    const csv = [
      'Convention de réservation',
      'Commune de Baziège',
      '',
      'Etat au 31/12/2024,,,',
      '"N° RPLS","Réservataire","Typologie","Financement","Adresse"',
      '0030816617,"MAIRIE DE BAZIEGE, service logement",T3,PLA,"11 allée Paul Marty',
      'Bâtiment A"',
      '0030818770,"PREFECTURE PRIORITAIRE",t2,"PLA",x',
    ].join('\r\n');
    const octets = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(csv)]);
    const r = await analyserOctetsEtatDesLieux(octets, 'virgule.csv', { communes: null });
    expect(r.delimiteur).toBe('virgule');
    expect(r.encodage).toBe('UTF-8 avec BOM');
    expect(r.tableaux[0]?.ligne_entete).toBe(5);
    expect(r.logements.map((l) => [l.ligne, l.rpls, l.reservataire_categorie, l.nb_pieces, l.adresse])).toEqual([
      [6, '0030816617', 'COMMUNE', 3, '11 allée Paul Marty Bâtiment A'], // retour à la ligne du champ → espace
      [8, '0030818770', 'ETAT_PRIORITAIRES', 2, 'x'],
    ]);
  });

  test('UTF-16 (Excel « Texte Unicode »), tabulations', async () => {
    const tsv = `${ENTETE.replaceAll(';', '\t')}\r\n${LIGNE('0030816617').replaceAll(';', '\t')}\r\n`;
    const octets = new Uint8Array([0xff, 0xfe, ...Buffer.from(tsv, 'utf16le')]);
    const r = await analyserOctetsEtatDesLieux(octets, 'unicode.txt', { communes: null });
    expect(r.encodage).toBe('UTF-16 petit-boutiste avec BOM');
    expect(r.logements).toHaveLength(1);
  });

  test('Windows-1252 sans BOM', async () => {
    const octets = encoderWindows1252(`${ENTETE}\r\n${LIGNE('0030816617', 'PRÉFECTURE FONCTIONNAIRES')}\r\n`);
    const r = await analyserOctetsEtatDesLieux(octets, 'latin.csv', { communes: null });
    expect(r.encodage).toBe('Windows-1252 (Latin-1)');
    expect(r.logements[0]).toMatchObject({ reservataire_brut: 'PRÉFECTURE FONCTIONNAIRES', reservataire_categorie: 'ETAT_FONCTIONNAIRES' });
  });

  test('en-tête répété à chaque page, tampons de page et colonnes inconnues', () => {
    const r = texte(
      [
        ENTETE,
        LIGNE('0030816617'),
        'Publié le : 12/12/2025 12:34',
        'ID : 031-213100480-20251210-M101225_D2559-DE',
        '',
        ENTETE,
        LIGNE('0030818770'),
      ].join('\n'),
    );
    expect(r.logements).toHaveLength(2);
    expect(r.statistiques.ignorees_par_raison).toMatchObject({ entete: 1, entete_repete: 1, vide: 1, tampon_page: 2, hors_tableau: 0 });
  });

  test('deux tableaux de formats différents dans un même fichier', () => {
    const r = texte(
      [
        'Reservataire;Typologie;Collectif / Individuel;Financement',
        'COMMUNE;Type 4;Individuel;P.L.A',
        '',
        'Texte de la convention, article 3.',
        '',
        'N° RPLS;Typologie du bien;Type de financement;Réservataire du bien;Couleur des volets',
        '0030816617;V4;PLA T Social;CONSEIL GENERAL;vert',
      ].join('\n'),
    );
    expect(r.tableaux.map((t) => [t.ligne_entete, t.logements])).toEqual([
      [1, 1],
      [6, 1],
    ]);
    expect(r.logements.map((l) => [l.ligne, l.ligne_entete, l.reservataire_categorie, l.nb_pieces, l.individuel, l.financement])).toEqual([
      [2, 1, 'COMMUNE', 4, true, 'PLA'],
      [7, 6, 'DEPARTEMENT', 4, true, 'PLA-TS'],
    ]);
    expect(r.tableaux[1]?.colonnes.find((c) => c.entete === 'Couleur des volets')?.canonique).toBeNull();
  });

  test('commune mal orthographiée sans département : le département des communes déjà trouvées sert d’indice', () => {
    const r = texte([ENTETE, LIGNE('0030816617'), LIGNE('0030818770').replace(';BAZIEGE;', ';Bazège;')].join('\n'), { departement: undefined });
    expect(r.logements.map((l) => l.commune_insee)).toEqual(['31048', '31048']);
    expect(r.avertissements).toEqual(['commune « Bazège » lue comme Baziège (31048), à une faute près (ligne 3)']);
  });

  test('codes CONTRESLOG du RPLS dans la colonne réservataire', () => {
    const r = texte(['N° RPLS;CONTRESLOG;NBPIECE;TYPECONST;FINAN', '0030816617;2;3;C;13', '0030818770;7;4;I;10', '0030818796;4;2;C;14'].join('\n'), { communes: null });
    expect(r.logements.map((l) => [l.reservataire_categorie, l.nb_pieces, l.individuel, l.financement])).toEqual([
      ['ETAT_PRIORITAIRES', 3, false, 'PLUS'],
      ['BAILLEUR', 4, true, 'PLAI'],
      ['AUTRE', 2, false, 'PLS'],
    ]);
  });

  test('une ligne de données faite de mots d’en-tête n’est pas prise pour une suite d’en-tête', () => {
    const r = texte(['Reservataire;Typologie;Collectif / Individuel;Commune', 'COMMUNE;;Individuel;'].join('\n'), { communes: null });
    expect(r.logements).toEqual([expect.objectContaining({ reservataire_categorie: 'COMMUNE', individuel: true, nb_pieces: null })]);
  });

  test('ligne plus longue que l’en-tête : colonnes en trop ignorées', () => {
    const r = texte([ENTETE, `${LIGNE('0030816617')};note;;`].join('\n'));
    expect(r.logements).toHaveLength(1);
    expect(r.rejets).toEqual([]);
  });

  test('décalage de lignes (extrait d’un document plus long)', () => {
    const r = texte([ENTETE, LIGNE('0030816617'), LIGNE('0030818770', 'X', '99/99/2020')].join('\n'), { premiereLigne: 1000 });
    expect(r.logements[0]?.ligne).toBe(1001);
    expect(r.logements[0]?.ligne_entete).toBe(1000);
    expect(r.logements[1]?.ligne).toBe(1002);
    expect(r.avertissements_cellules[1]?.ligne).toBe(1002);
    expect(r.avertissements_cellules[1]?.message).toMatch(/^ligne 1002, colonne 10/u);
  });

  test('XLSX : avertissement localisé par feuille et lettre de colonne', async () => {
    const xlsx = ecrireXlsx([
      {
        nom: 'Baziège',
        lignes: [
          ['État des lieux au 31/12/2024'],
          [],
          ['N° RPLS', 'Réservataire', 'Typologie', 'Financement', 'Date de fin de la convention', 'En QPV'],
          ['0030816617', 'MAIRIE DE BAZIEGE', 'T3', 'PLUS', { date: new Date(Date.UTC(2999, 11, 31)) }, false],
          [30818770, 'C I L Interlogement', 'T2', 'PLAI', '31/04/2030', true],
        ],
      },
    ]);
    const chemin = join(dossier, 'essai.xlsx');
    writeFileSync(chemin, xlsx);
    const r = await lireEtatDesLieux(chemin, { communes: null });
    expect(r.logements).toEqual([
      expect.objectContaining({ ligne: 4, feuille: 'Baziège', rpls: '0030816617', date_fin: null, date_fin_ouverte: true, en_qpv: false }),
      expect.objectContaining({ ligne: 5, feuille: 'Baziège', rpls: '0030818770', date_fin: null, date_fin_ouverte: false, en_qpv: true }),
    ]);
    expect(r.rejets).toEqual([]);
    expect(r.avertissements_cellules).toEqual([
      expect.objectContaining({ ligne: 5, feuille: 'Baziège', numero_colonne: 5, valeur: '31/04/2030' }),
    ]);
    expect(r.avertissements_cellules[0]?.message).toMatch(/^feuille « Baziège », ligne 5, colonne E « Date de fin de la convention » : .*avril 2030 a 30 jours/u);
  });
});
