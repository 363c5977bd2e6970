/**
 * Attendus des tests : les 108 logements de Baziège normalisés à la main
 * (data/territoires/sicoval/sources/baziege_etats_des_lieux_2024.csv, copie de
 * ../reference/baziege_etats_des_lieux_normalises.csv), avec la ligne de chaque
 * logement dans le document d'origine (délibération D25-59).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { lireDelimite } from '../../src/ingest/text/delimited.ts';
import type { LogementEtatDesLieux } from '../../src/ingest/etat-des-lieux/types.ts';
import { PARTAGE, RACINE, partagePresent } from './racine.ts';

export { PARTAGE, RACINE };
export const FIXTURES = join(RACINE, 'tests', 'fixtures', 'etat-des-lieux');
export const REFERENCE_DEPOT = join(RACINE, 'data', 'territoires', 'sicoval', 'sources', 'baziege_etats_des_lieux_2024.csv');
export const REFERENCE_PARTAGEE = join(PARTAGE, 'reference', 'baziege_etats_des_lieux_normalises.csv');
export const SOURCES_PARTAGEES = join(PARTAGE, 'sources', 'baziege-2025-12-10-D25-58-D25-59.txt');
/** La ligne N du document d'origine est à la ligne N − 4752 de l'extrait (../sources). */
export const DECALAGE_EXTRAIT = 4752;

/**
 * Fixtures : extrait des délibérations (lignes de l'extrait `premiereLigneExtrait`…)
 * et bailleur correspondant dans la référence.
 */
export const TABLEAUX = [
  { fixture: 'baziege-oph31', bailleur: 'OPH 31', premiereLigneExtrait: 4039, logements: 44 },
  { fixture: 'baziege-patrimoine', bailleur: 'Patrimoine SA Languedocienne', premiereLigneExtrait: 4494, logements: 2 },
  { fixture: 'baziege-cite-jardins', bailleur: 'La Cité Jardins', premiereLigneExtrait: 4837, logements: 62 },
] as const;

/** Numéro, dans le document d'origine, de la ligne 1 d'une fixture. */
export function premiereLigneOrigine(premiereLigneExtrait: number): number {
  return premiereLigneExtrait + DECALAGE_EXTRAIT;
}

export interface LigneReference {
  bailleur: string;
  ligne: number;
  attendu: Omit<LogementEtatDesLieux, 'ligne_entete' | 'feuille'>;
}

function isoDepuisFr(s: string): string | null {
  if (s === '' || s === '31/12/2999') return null;
  const [j, m, a] = s.split('/');
  return `${a}-${m}-${j}`;
}

/** Lit la référence et la traduit dans le vocabulaire de sortie (ACTION_LOGEMENT_OU_EX_CIL → ACTION_LOGEMENT). */
export function lireReference(chemin = REFERENCE_DEPOT): LigneReference[] {
  const { enregistrements } = lireDelimite(readFileSync(chemin, 'utf8'), { delimiteur: ',' });
  const [entete, ...corps] = enregistrements.filter((e) => e.champs.some((c) => c !== ''));
  if (!entete) throw new Error(`${chemin} : vide`);
  return corps.map((e) => {
    const r = Object.fromEntries(entete.champs.map((n, i) => [n, e.champs[i] ?? ''])) as Record<string, string>;
    const v = (k: string): string => r[k] ?? '';
    const rotation = v('rot_raw').replace('%', '').replace(',', '.');
    return {
      bailleur: v('bailleur'),
      ligne: Number(v('line')),
      attendu: {
        rpls: v('rpls') || null,
        ref_bailleur: v('ref_bailleur') || null,
        programme: v('programme') || null,
        adresse: v('adresse') || null,
        reservataire_brut: v('resa_raw') || null,
        reservataire_categorie: v('reservataire').replace('ACTION_LOGEMENT_OU_EX_CIL', 'ACTION_LOGEMENT') as LogementEtatDesLieux['reservataire_categorie'],
        typologie_brute: v('typ_raw') || null,
        nb_pieces: Number(v('nb_pieces')),
        individuel: v('individuel') === 'True',
        financement_brut: v('fin_raw') || null,
        financement: v('financement') || null,
        en_qpv: v('en_qpv') === '' ? null : v('en_qpv') === 'True',
        commune_insee: v('insee') || null,
        date_debut: isoDepuisFr(v('date_debut')),
        date_fin: isoDepuisFr(v('date_fin')),
        date_fin_ouverte: v('date_fin') === '31/12/2999',
        taux_rotation: Number(`${rotation}e-2`),
        ligne: Number(v('line')),
      },
    };
  });
}

let disponible: boolean | undefined;
export function partageDisponible(): boolean {
  return (disponible ??= partagePresent('état des lieux de Baziège (document source complet)', REFERENCE_PARTAGEE, SOURCES_PARTAGEES));
}

/** Compare des logements importés à la référence, champ par champ (ligne comprise, décalée de `decalage`). */
export function comparerAReference(obtenus: readonly LogementEtatDesLieux[], attendus: readonly LigneReference[], decalage = 0): void {
  expect(obtenus.length).toBe(attendus.length);
  expect(obtenus.map((l) => l.rpls)).toEqual(attendus.map((a) => a.attendu.rpls));
  expect(obtenus.map((l) => l.reservataire_categorie)).toEqual(attendus.map((a) => a.attendu.reservataire_categorie));
  expect(obtenus.map((l) => l.nb_pieces)).toEqual(attendus.map((a) => a.attendu.nb_pieces));
  expect(obtenus.map((l) => l.individuel)).toEqual(attendus.map((a) => a.attendu.individuel));
  expect(obtenus.map((l) => l.financement)).toEqual(attendus.map((a) => a.attendu.financement));
  expect(obtenus.map((l) => l.ligne + decalage)).toEqual(attendus.map((a) => a.ligne));
  obtenus.forEach((l, i) => {
    const a = attendus[i] as LigneReference;
    const { ligne_entete: _e, feuille: _f, ...champs } = l;
    expect({ ...champs, ligne: l.ligne + decalage }, `logement de la ligne ${a.ligne}`).toEqual(a.attendu);
  });
}
