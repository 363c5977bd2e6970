// The counts of the attributions cube, defined once: each is a number of rows of the
// private table `attributions_modele` meeting a condition over the rules' flags
// (src/model/regles/attributions.sql.ts). The cube (src/publish/cubes.ts), the
// indicator SQL, the secrecy lists and the downloads dictionary are derived from here.
//
// Two bases (the texts count differently):
//   - 'decisions': CALEOL decisions that are attributions (refused ones included), dated by
//     the CALEOL (INDICATORS.md A1, A7; ACD indicateur B);
//   - 'baux': signed leases (entrées dans les lieux), whatever the candidate's rank, dated
//     by the lease (loi Égalité et Citoyenneté for the 1st quartile, CCH L.441-1 quoted
//     at l.5184-5186; ACD indicateur A, l.6555).

export type Base = 'decisions' | 'baux';

export interface Compte {
  id: string;
  base: Base;
  /** SQL condition over the flags of attributions_modele (rows of the base) */
  condition: string;
  /** the downloads dictionary's sentence (French, plain words) */
  description: string;
}

const d = (id: string, condition: string, description: string): Compte => ({ id, base: 'decisions', condition, description });
const b = (id: string, condition: string, description: string): Compte => ({ id, base: 'baux', condition, description });

export const COMPTES: readonly Compte[] = [
  d('attributions', 'TRUE', 'Attributions décidées en CALEOL dans l’année (refus du demandeur compris), datées par la CALEOL.'),
  d('prioritaires', 'prioritaire', 'Dont ménages reconnus prioritaires (DALO, PDALHPD, CIL) — objectif de la CIA.'),
  d('attributions_acd', 'NOT logement_etudiant', 'Dont attributions hors logements dédiés aux étudiants (périmètre de l’accord collectif départemental).'),
  d('prioritaires_acd', 'prioritaire AND NOT logement_etudiant', 'Dont attributions à des ménages prioritaires hors logements dédiés aux étudiants — indicateur ACD B.'),
  d('dalo', 'dalo', 'Dont ménages reconnus DALO.'),
  d('mutations', 'mutation', 'Dont demandeurs de mutation (déjà locataires du parc social).'),
  d('etudiants', 'etudiant', 'Dont demandeurs étudiants.'),
  d('q1', 'q1', 'Dont ménages sous le seuil du 1er quartile de l’année (du bail, sinon de la décision).'),
  d('q1_etudiants', 'q1 AND etudiant', 'Dont ménages étudiants sous le seuil du 1er quartile.'),
  d('q1_inconnu', 'q1 IS NULL', 'Dont ménages non classés au regard du 1er quartile (seuil de l’année non renseigné ou ressources inconnues).'),
  d('edl', 'edl', 'Dont attributions suivies d’un bail signé (entrée dans les lieux).'),
  d('edl_prioritaires', 'edl AND prioritaire', 'Dont attributions de l’année à des ménages prioritaires suivies d’un bail signé.'),
  d('refus', 'refus', 'Dont attributions refusées par le demandeur.'),
  d('hors_qpv', 'NOT en_qpv', 'Dont logements situés hors quartier prioritaire (QPV).'),
  d('q1_hors_qpv', 'q1 AND NOT en_qpv', 'Dont logements hors QPV attribués à des ménages sous le seuil du 1er quartile (décisions de CALEOL).'),
  d('q1_hors_qpv_etudiants', 'q1 AND etudiant AND NOT en_qpv', 'Dont logements hors QPV attribués à des étudiants sous le seuil du 1er quartile.'),
  d('etudiants_hors_qpv', 'etudiant AND NOT en_qpv', 'Dont logements hors QPV attribués à des étudiants.'),
  d('hors_qpv_seuil_inconnu', 'NOT en_qpv AND seuil_q1 IS NULL', 'Dont logements hors QPV attribués une année dont le seuil du 1er quartile n’est pas renseigné (taux non calculé).'),
  d('en_qpv', 'en_qpv', 'Dont logements situés en quartier prioritaire (QPV).'),
  d('q2_4_en_qpv', 'en_qpv AND NOT q1', 'Dont logements en QPV attribués à des ménages au-dessus du seuil du 1er quartile (quartiles 2 à 4).'),
  d('sous_60_plus', 'sous_60_plus', 'Dont ménages aux ressources inférieures à 60 % du plafond PLUS de leur catégorie (année du bail).'),
  d('sous_60_plus_q1', 'sous_60_plus AND q1', 'Dont ménages sous 60 % du plafond PLUS et sous le seuil du 1er quartile.'),
  d('sous_60_plus_q1_inconnu', 'sous_60_plus AND q1 IS NULL', 'Dont ménages sous 60 % du plafond PLUS non classés au regard du 1er quartile (seuil de l’année non renseigné).'),
  d('plafond_plus_connu', 'sous_60_plus IS NOT NULL', 'Dont attributions classées au regard des plafonds PLUS (plafonds de l’année connus).'),
  b('baux', 'TRUE', 'Baux signés dans l’année (entrées dans les lieux), quel que soit le rang du candidat, datés par la signature du bail.'),
  b('baux_prioritaires', 'prioritaire AND NOT logement_etudiant', 'Dont baux signés par des ménages prioritaires, hors logements dédiés aux étudiants (périmètre de l’accord collectif) — indicateur ACD A.'),
  b('baux_hors_qpv', 'NOT en_qpv', 'Dont baux de logements situés hors quartier prioritaire (QPV).'),
  b('baux_hors_qpv_seuil_inconnu', 'NOT en_qpv AND seuil_q1 IS NULL', 'Dont baux hors QPV signés une année dont le seuil du 1er quartile n’est pas renseigné (taux non calculé).'),
  b('q1_baux_hors_qpv', 'NOT en_qpv AND (q1 OR relogement_anru_orcod)', 'Dont baux hors QPV signés par des ménages sous le seuil du 1er quartile de l’année du bail, ou relogés au titre d’une opération ANRU ou ORCOD.'),
  b('q1_baux_hors_qpv_etudiants', 'NOT en_qpv AND etudiant AND (q1 OR relogement_anru_orcod)', 'Dont baux hors QPV de ce 1er quartile signés par des étudiants.'),
  b('baux_hors_qpv_etudiants', 'NOT en_qpv AND etudiant', 'Dont baux hors QPV signés par des étudiants.'),
];

export const COMPTES_PAR_ID: ReadonlyMap<string, Compte> = new Map(COMPTES.map((c) => [c.id, c]));

export function compte(id: string): Compte {
  const c = COMPTES_PAR_ID.get(id);
  if (!c) throw new Error(`compte inconnu : ${id}`);
  return c;
}
