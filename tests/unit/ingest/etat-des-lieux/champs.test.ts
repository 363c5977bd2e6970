/** Valeurs bruitées des documents du Sicoval (OCR, fautes, variantes de bailleurs). */
import { describe, expect, test } from 'vitest';
import {
  categoriserReservataire,
  classerFinancement,
  lireIndividuel,
  lireQpv,
  lireRpls,
  lireTypologie,
  programmeDepuisReference,
} from '../../../../src/ingest/etat-des-lieux/champs.ts';
import { analyserEntete, estEntete, estEnteteRecap, reconnaitreCellule } from '../../../../src/ingest/etat-des-lieux/colonnes.ts';
import { chargerConfig } from '../../../../src/ingest/etat-des-lieux/config.ts';

const config = chargerConfig();

describe('typologie', () => {
  test.each([
    ['T3', 3, false, false],
    ['t3', 3, false, false],
    ['Type 3', 3, false, false],
    ['TYPE 5', 5, false, false],
    ['F4', 4, false, false],
    ['T1 bis', 1, false, false],
    ['T4 duplex', 4, false, false],
    ['V4', 4, true, false],
    ['v 5', 5, true, false],
    ['Villa 3', 3, true, false],
    ['Studio', 1, false, false],
    ['2', 2, false, false],
    ['12', 2, false, true], // « 12 » pour T2 (Patrimoine Baziège, OCR)
    ['13', 3, false, true],
    // Autres bailleurs
    ['3P', 3, false, false],
    ['4 pièces', 4, false, false],
    ['T2+', 2, false, false],
    ['Appartement T3', 3, false, false],
    ['Maison T4', 4, true, false],
    ['Pav. 4', 4, true, false],
  ])('%j → %i pièce(s), villa %s, OCR %s', (brut, nb, villa, ocr) => {
    expect(lireTypologie(brut)).toEqual({ ok: true, valeur: { nb_pieces: nb, villa, correctionOcr: ocr } });
  });
  test.each(['T0', 'T12', '25', 'Type', 'appartement', '0'])('%j refusé', (brut) => {
    const r = lireTypologie(brut);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.erreur.attendu).toMatch(/typologie/u);
  });
});

describe('collectif / individuel', () => {
  test.each([
    ['Individuel', true],
    ['Individue', true], // OCR tronqué
    ['INDIV', true],
    ['villa', true],
    ['Pavillon', true],
    ['I', true],
    ['Collectif', false],
    ['collectif', false],
    ['Collectf', false],
    ['C', false],
    ['Appartement', false],
    ['Immeuble collectif', false],
    ['Maison individuelle', true],
    ['Habitat individuel', true],
  ])('%j → individuel = %s', (brut, attendu) => {
    expect(lireIndividuel(brut)).toEqual({ ok: true, valeur: attendu });
  });
  test.each(['collectif individuel', 'semi', 'X'])('%j refusé', (brut) => {
    expect(lireIndividuel(brut).ok).toBe(false);
  });
});

describe('QPV', () => {
  test.each([
    ['Non', false],
    ['Hors QPV', false],
    ['hors qpv', false],
    ['2', false],
    ['Oui', true],
    ['QPV', true],
    ['En QPV', true],
    ['QP031005', true],
    ['X', true], // case cochée dans une colonne QPV
    ['Quartier prioritaire', true],
  ])('%j → %s', (brut, attendu) => {
    expect(lireQpv(brut)).toEqual({ ok: true, valeur: attendu });
  });
  test('valeur inconnue refusée', () => {
    expect(lireQpv('quartier nord').ok).toBe(false);
  });
});

describe('RPLS', () => {
  test('10 chiffres gardés en texte avec les zéros de tête', () => {
    expect(lireRpls('0030816617')).toEqual({ ok: true, valeur: { rpls: '0030816617', zerosRestaures: false } });
    expect(lireRpls('0030 816 617')).toEqual({ ok: true, valeur: { rpls: '0030816617', zerosRestaures: false } });
  });
  test('zéros de tête perdus par un tableur : rétablis et signalés', () => {
    expect(lireRpls('30816617')).toEqual({ ok: true, valeur: { rpls: '0030816617', zerosRestaures: true } });
  });
  test.each(['12345', '00308166170', '0030816A17', 'RPLS'])('%j refusé', (brut) => {
    const r = lireRpls(brut);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.erreur.attendu).toMatch(/10 chiffres/u);
  });
});

describe('réservataires (data/config/formats/reservataires.csv)', () => {
  test.each([
    ['', 'NON_RENSEIGNE'],
    ['00000003 - PREFECTURE', 'ETAT_PRIORITAIRES'],
    ['PREFECTURE PRIORITAIRES', 'ETAT_PRIORITAIRES'],
    ['PREFECTURE PRIORITAIRE', 'ETAT_PRIORITAIRES'],
    ['PREFECTURE FONCTIONNAIRES', 'ETAT_FONCTIONNAIRES'],
    ['Préfecture fonctionnaire', 'ETAT_FONCTIONNAIRES'],
    ['00000010 - CONSEIL DEPARTEMENTAL', 'DEPARTEMENT'],
    ['CONSEIL GENERAL', 'DEPARTEMENT'],
    ['CONSEIL GENERAL EMPRUNT', 'DEPARTEMENT'],
    ['CONSEIL GENERAL DAULE', 'DEPARTEMENT'],
    ["CONSEIL GENERAL D'ALJUE", 'DEPARTEMENT'],
    ['COMMUNE', 'COMMUNE'],
    ['COMMUNE DE BAZIEGE', 'COMMUNE'],
    ['MAIRIE DE BAZIEGE', 'COMMUNE'],
    ['CA du Sicoval', 'EPCI'],
    ['SICCOVAL', 'EPCI'],
    ['ACTION LOGEMENT', 'ACTION_LOGEMENT'],
    ['C I L Interlogement', 'ACTION_LOGEMENT'],
    ['CILEO', 'ACTION_LOGEMENT'],
    ['LOGEO COOP LOGEMENT', 'ACTION_LOGEMENT'],
    ['CITE JARDINS', 'BAILLEUR'],
    ['Non réservé', 'BAILLEUR'],
    ['Ministère des Armées', 'AUTRE'],
    // Vocabulaires d'autres bailleurs
    ['Etat', 'ETAT_PRIORITAIRES'],
    ['Contingent préfectoral', 'ETAT_PRIORITAIRES'],
    ['Réservation préfectorale', 'ETAT_PRIORITAIRES'],
    ['DALO', 'ETAT_PRIORITAIRES'],
    ['Publics prioritaires', 'ETAT_PRIORITAIRES'],
    ["Agents de l'Etat", 'ETAT_FONCTIONNAIRES'],
    ['CD31', 'DEPARTEMENT'],
    ['CD', 'DEPARTEMENT'],
    ['AL', 'ACTION_LOGEMENT'],
    ['Collecteur 1%', 'ACTION_LOGEMENT'],
    ['Non contingenté', 'BAILLEUR'],
    ['Hors contingent', 'BAILLEUR'],
    ['NR', 'BAILLEUR'],
    ['Région Occitanie', 'AUTRE'],
  ])('%j → %s', (brut, categorie) => {
    expect(categoriserReservataire(brut, config).valeur).toBe(categorie);
  });
  test('la règle appliquée est citée (fichier et ligne de configuration)', () => {
    expect(categoriserReservataire('MAIRIE DE BAZIEGE', config).regle).toMatch(/reservataires\.csv, ligne \d+$/u);
  });
});

describe('financements (data/config/formats/financements.csv)', () => {
  test.each([
    ['PLA', 'PLA'],
    ['P.L.A', 'PLA'],
    ['PLA INT/PLA', 'PLA'],
    ['PLA TS', 'PLA-TS'],
    ['PLATS', 'PLA-TS'],
    ['PLA T Social', 'PLA-TS'],
    ['PLAI', 'PLAI'],
    ['PLA-I', 'PLAI'],
    ['PLUS', 'PLUS'],
    ['P.L.U.S', 'PLUS'],
    ['PLUS CD', 'PLUS'],
    ['PLS', 'PLS'],
    ['PLI', 'PLI'],
    ['DIVERS', 'DIVERS'],
    ['HLM/O', 'DIVERS'],
    ['13', 'PLUS'],
    ['99', 'DIVERS'],
    ['Prêt mystère', 'AUTRE'],
    ['Prêt locatif social', 'PLS'],
    ["Prêt locatif aidé d'intégration", 'PLAI'],
    ['PLAI adapté', 'PLAI'],
    ['PSLA', 'AUTRE'],
  ])('%j → %s', (brut, classe) => {
    expect(classerFinancement(brut, config)?.valeur).toBe(classe);
  });
  test('vide → null', () => {
    expect(classerFinancement('  ', config)).toBeNull();
  });
});

describe('programme déduit de la référence bailleur', () => {
  test.each([
    ['0790001T3', '079'],
    ['395A0001T3', '395A'],
    ['1160001V5', '116'],
    ['551L0003', '551'],
    ['ABC', null],
    ['', null],
  ])('%j → %j', (ref, programme) => {
    expect(programmeDepuisReference(ref, config)).toBe(programme);
  });
});

describe('en-têtes (data/config/formats/etat-des-lieux-colonnes.csv)', () => {
  test.each([
    ['N° RPLS', 'rpls'],
    ['N°RPLS', 'rpls'],
    ['N° RPL5', 'rpls'],
    ['module LC', 'ref_bailleur'],
    ['module ICI', 'ref_bailleur'],
    ['N°ESI', 'ref_bailleur'],
    ['Réensaisné du bien', 'reservataire'],
    ['Reservataire', 'reservataire'],
    ['Typologie du bien', 'typologie'],
    ['Collectif / Individuel', 'collectif_individuel'],
    ['QPV/hors QPV', 'qpv'],
    ['En QPV', 'qpv'],
    ['Type de financement', 'financement'],
    ["Date d'expiration de la convention", 'date_fin'],
    ['Date de début de la convention', 'date_debut'],
    ["Taux de rotation moyen sur l'ensemble du parc du bailleur par département", 'taux_rotation'],
    ['Taux de rotation moyen sur le bailleur par réservataire sur son', 'taux_rotation_reservataire'],
    ['Taux de rotation', 'taux_rotation'],
    ['Adresse 3', 'adresse'],
    ['code postal', 'code_postal'],
  ])('%j → %s', (entete, colonne) => {
    expect(reconnaitreCellule(entete, config)?.colonne).toBe(colonne);
  });

  test.each(['0030816617', 'BAZIEGE', 'Publié le : 12/12/2025 12:34', '', '7,9%'])('%j n’est pas un en-tête', (c) => {
    expect(reconnaitreCellule(c, config)).toBeNull();
  });

  test('une ligne de titre n’est pas un en-tête ; un tableau agrégé est reconnu comme tel', () => {
    const titre = analyserEntete(['Informations sur le bien (au 31.12.2023)', '', ''], config);
    expect(estEntete(titre)).toBe(false);
    const recap = analyserEntete(['FINANCEMENTS', 'TYPES LOGTS', 'T4', 'TOTAL'], config);
    expect(estEntete(recap)).toBe(false);
    expect(estEnteteRecap(recap)).toBe(true);
    const totalSeul = analyserEntete(['TOTAL', '18', '125', '114'], config);
    expect(estEnteteRecap(totalSeul)).toBe(false);
  });

  test('colonne revendiquée deux fois : la mieux reconnue l’emporte', () => {
    const a = analyserEntete(['Taux de rotation', "Taux de rotation moyen sur l'ensemble du parc du bailleur par département", 'N° RPLS', 'Typologie'], config);
    expect(a.colonnes).toEqual([null, 'taux_rotation', 'rpls', 'typologie']);
  });
});
