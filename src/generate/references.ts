// Real dwellings from a normalised état des lieux (one row per dwelling, as
// parsed from the reservation conventions), kept as is in the synthetic RPLS.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lireCsv } from './csv.ts';
import type { Contingent } from './modele.ts';
import type { Territoire } from './territoire.ts';

export interface LogementReference {
  ligne: number;
  commune: string;
  bailleur: string;
  identRep: string;
  identInt: string;
  programme: string;
  adresse: string;
  nbPieces: number;
  individuel: boolean;
  finan: string;
  contingent: Contingent;
  annee: number;
}

/** Financing labels of états des lieux → RPLS FINAN code. */
const FINANCEMENTS: Record<string, string> = {
  PLAI: '10',
  'PLA-I': '10',
  'PLA-TS': '11',
  'PLA-LM': '11',
  PLA: '12',
  PLUS: '13',
  PLS: '14',
  PLI: '16',
  DIVERS: '99',
};

const CONTINGENTS: Record<string, Contingent> = {
  ETAT_PRIORITAIRES: 'etat_prioritaires',
  ETAT_FONCTIONNAIRES: 'etat_fonctionnaires',
  ACTION_LOGEMENT_OU_EX_CIL: 'action_logement',
  ACTION_LOGEMENT: 'action_logement',
  COMMUNE: 'commune',
  EPCI: 'epci',
  DEPARTEMENT: 'departement',
  BAILLEUR: 'non_reserve',
  NON_RESERVE: 'non_reserve',
  NON_RENSEIGNE: 'non_reserve',
  '': 'non_reserve',
};

export function chargerReferences(territoire: Territoire): LogementReference[] {
  const conf = territoire.synthese.parc.logements_reference;
  if (!conf) return [];
  const chemin = join(territoire.dossier, conf.fichier);
  const lignes = lireCsv(readFileSync(chemin, 'utf8'));
  return lignes.map((l, i) => {
    const ou = `${conf.fichier} ligne ${i + 2}`;
    const finan = FINANCEMENTS[(l['financement'] ?? '').toUpperCase()];
    if (!finan) throw new Error(`${ou} : financement « ${l['financement']} » non reconnu`);
    const nbPieces = Number(l['nb_pieces']);
    if (!Number.isInteger(nbPieces) || nbPieces < 1) throw new Error(`${ou} : nb_pieces « ${l['nb_pieces']} » invalide`);
    const programme = l['programme'] ?? '';
    const debut = /^\d\d\/\d\d\/(\d{4})$/.exec(l['date_debut'] ?? '');
    const anneeDebut = debut ? Number(debut[1]) : NaN;
    const annee =
      conf.annee_par_programme[programme] ?? (anneeDebut >= 1900 && anneeDebut < 2100 ? anneeDebut : conf.annee_par_defaut);
    return {
      ligne: i + 2,
      commune: l['insee'] ?? '',
      bailleur: territoire.bailleurCanonique(l['bailleur'] ?? ''),
      identRep: l['rpls'] ?? '',
      identInt: l['ref_bailleur'] ?? '',
      programme,
      adresse: l['adresse'] ?? '',
      nbPieces,
      individuel: (l['individuel'] ?? '').toLowerCase() === 'true',
      finan,
      contingent: CONTINGENTS[(l['reservataire'] ?? '').toUpperCase()] ?? 'autre',
      annee,
    };
  });
}
