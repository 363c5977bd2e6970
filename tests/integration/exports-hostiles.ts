// The small exports of the protections' tests (pipeline-garde-fous, construire-garde-fous):
// a base whose every figure is known, and the pieces to write hostile variants of it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CALEOL secretary's note typed in the refusal reason column: must never be published. */
export const NOTE = 'Mme Xavière Q., dossier 123456, violences conjugales';
export const TEXTE_INTERDIT = ['xavière', 'dossier 123456', 'violences conjugales'];
/** Searched case-insensitively (the model lowercases reasons). */
export const contient = (texte: string | Buffer, t: string) => texte.toString().toLowerCase().includes(t);
/** A resource value no household has: makes DuckDB fail when it is not stopped at import. */
export const ABSURDE = '987654321987654321987654';

const COMMUNES = ['31048', '31113'];
export const RPLS_ENTETE = 'DEPCOM;IDENT_REP;RS;FINAN_CODE;TYPECONST_CODE;NBPIECE;SURFHAB;CONSTRUCT;DPEENERGIE;PMR_CODE;X;Y;EPSG;PLG_QP24;QPV;MODE;BAIL;CONTRESLOG;LOYERPRINC';
export const rpls = (i: number, o: { nbpiece?: string; surface?: string } = {}) =>
  `${COMMUNES[i % 2]};${String(30000000 + i).padStart(10, '0')};OPH de la Haute-Garonne;13;C;${o.nbpiece ?? String(1 + (i % 5))};${o.surface ?? '60,5'};1990;C;1;585000;6262000;2154;;2;1;03/2024;2;420,5`;
export const OPS_ENTETE = 'ident_rep;bailleur;commune;residence;adresse;qpv_code;vague;date_emmenagement;nb_occupants;nb_enfants;age_titulaire;type_menage;ressources_pct_plafond_plus;aide_logement;nb_pieces;reponse';
export const ops = (i: number) =>
  `${String(30000000 + i).padStart(10, '0')};OPH de la Haute-Garonne;${COMMUNES[i % 2]};Les Saules;${i} rue des Saules;;2024;01/03/2015;2;1;40;famille monoparentale;20-40;oui;3;repondu`;
export const ATTR_ENTETE =
  'num_unique;bailleur;date_caleol;decision;rang;ident_rep;commune;typologie;financement;reservataire_contingent;refus_demandeur;motif_refus;date_bail;mutation;public_prioritaire;ressources_mensuelles;nb_adultes;nb_enfants_moins_14;nb_personnes_14_plus;etudiant;composition;situation_pro';
export function attribution(i: number, o: { motif?: string; ressources?: string } = {}): string {
  const annee = 2024 + (i % 2);
  const refus = o.motif !== undefined;
  return [
    `0312${String(annee).slice(2)}01${String(i).padStart(6, '0')}A`, 'OPH de la Haute-Garonne', `15/${String(1 + (i % 12)).padStart(2, '0')}/${annee}`,
    refus ? 'attribution_rang' : 'attribution', '1', String(30000000 + i).padStart(10, '0'), COMMUNES[i % 2], 'T3', 'PLUS', i % 3 ? 'commune' : 'epci',
    refus ? 'oui' : 'non', o.motif ?? '', refus ? '' : `01/${String(1 + (i % 12)).padStart(2, '0')}/${annee}`, 'non', i % 4 ? 'non' : 'oui',
    o.ressources ?? String(900 + i), '1', '1', '1', 'non', 'famille monoparentale', 'CDI',
  ].join(';');
}
export const lignes = (entete: string, n: number, ligne: (i: number) => string) => [entete, ...Array.from({ length: n }, (_, i) => ligne(i))].join('\n') + '\n';

export const N = { rpls: 60, ops: 30, attributions: 80 };
export function ecrireBase(dossier: string): void {
  mkdirSync(dossier, { recursive: true });
  writeFileSync(join(dossier, 'rpls_2025.csv'), lignes(RPLS_ENTETE, N.rpls, (i) => rpls(i)));
  writeFileSync(join(dossier, 'ops_2024.csv'), lignes(OPS_ENTETE, N.ops, ops));
  // two refusals: a known reason, and a secretary's note; one row with absurd resources, one with negative ones
  writeFileSync(
    join(dossier, 'attributions_2025.csv'),
    lignes(ATTR_ENTETE, N.attributions, (i) =>
      i === 3 ? attribution(i, { motif: 'Logement trop petit pour la famille' }) : i === 5 ? attribution(i, { motif: NOTE }) : i === 7 ? attribution(i, { ressources: ABSURDE }) : i === 9 ? attribution(i, { ressources: '-850' }) : attribution(i),
    ),
  );
}

