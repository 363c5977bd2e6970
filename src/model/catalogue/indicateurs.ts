// The indicator catalogue: every attribution indicator defined once — its id, the
// label a mayor reads, numerator and denominator over the counts of ./comptes.ts,
// its base, the objective it is compared with and the LEVELS where that objective
// applies, its source as a reader knows it, its secrecy rule. Cube measures, secrecy
// lists, the downloads dictionary, page labels, verdicts, map legends and the
// explorer's columns are derived from this list (docs/indicateurs.md).
//
// Targets are never written here: `objectif.nom` names a row of the territory's
// data/territoires/<id>/objectifs_cia.csv, which carries the value and its source.
import { COMPTES_PAR_ID, type Base } from './comptes.ts';

/** Where a text sets a target. Communes and territoires d'équilibre never get a verdict (CIA l.5128, 5186, 5300, 5360). */
export type NiveauCible = 'epci' | 'bailleur' | 'reservataire';

export interface IndicateurCatalogue {
  id: string;
  /** what a mayor reads beside the value */
  libelle: string;
  /** short column header */
  court: string;
  /** the words after a key figure: "37,5 %" + phrase */
  phrase: string;
  /** counts (./comptes.ts) joined by + or − */
  numerateur: string;
  denominateur: string;
  base: Base;
  /** a count of cases that cannot be classified (threshold of the year not published): when > 0 the share is « non calculé » */
  inconnus?: string;
  /** plain-words definition (methodology page, downloads dictionary) */
  definition: string;
  /** the legal or conventional definition, named as a reader knows it (no file, no line) */
  source: string;
  /** the territory's objective compared with this indicator, and the levels where a text sets it */
  objectif?: { nom: string; niveaux: readonly NiveauCible[] };
  /** a variant of another indicator: shown with its name, never with a verdict */
  variante?: { de: string; pourquoi: string };
  /** secrecy: the cell's effectif is the cube's `attributions` count (< seuil → masked with its secondary cells) */
  secret: 'attributions';
  /** shown as a map layer (commune level) */
  carte?: boolean;
  /** only where the territory has QPVs */
  qpvSeulement?: boolean;
}

export const CATALOGUE: readonly IndicateurCatalogue[] = [
  {
    id: 'a1',
    libelle: 'Part des attributions à des ménages prioritaires',
    court: 'Ménages prioritaires',
    phrase: 'des attributions à des ménages prioritaires',
    numerateur: 'prioritaires',
    denominateur: 'attributions',
    base: 'decisions',
    definition: 'Attributions décidées en CALEOL à des ménages reconnus prioritaires (DALO, PDALHPD, CIL), divisées par toutes les attributions de l’année, refus compris.',
    source: 'Accord collectif départemental, indicateur B ; code de la construction et de l’habitation, art. L.441-1',
    objectif: { nom: 'part_attributions_prioritaires', niveaux: ['epci', 'bailleur'] },
    secret: 'attributions',
    carte: true,
  },
  {
    id: 'a5',
    libelle: 'Part des baux signés hors QPV par des ménages du 1er quartile',
    court: '1er quartile (baux signés)',
    phrase: 'des baux signés hors QPV par des ménages du 1er quartile (taux légal, étudiants compris)',
    numerateur: 'q1_baux_hors_qpv',
    denominateur: 'baux_hors_qpv',
    base: 'baux',
    inconnus: 'baux_hors_qpv_seuil_inconnu',
    definition:
      'Baux signés dans l’année pour des logements situés hors quartier prioritaire par des ménages dont les ressources annuelles par unité de consommation sont sous le seuil du 1er quartile fixé par arrêté pour l’année du bail (ou relogés dans une opération ANRU ou ORCOD, quand l’export le dit), divisés par tous les baux signés hors QPV. Sans seuil publié pour l’année, le taux n’est pas calculé.',
    source: 'Loi Égalité et Citoyenneté ; code de la construction et de l’habitation, art. L.441-1',
    objectif: { nom: 'part_attributions_premier_quartile', niveaux: ['epci'] },
    secret: 'attributions',
    carte: true,
  },
  {
    id: 'a5_hors_etudiants',
    libelle: 'Ménages du 1er quartile hors étudiants (suivi de l’orientation 1.2 de la CIA)',
    court: '1er quartile hors étudiants',
    phrase: 'des baux signés hors QPV par des non-étudiants, à des ménages du 1er quartile (suivi de l’orientation 1.2 de la CIA)',
    numerateur: 'q1_baux_hors_qpv - q1_baux_hors_qpv_etudiants',
    denominateur: 'baux_hors_qpv - baux_hors_qpv_etudiants',
    base: 'baux',
    inconnus: 'baux_hors_qpv_seuil_inconnu',
    definition: 'Parmi les baux signés hors QPV par des non-étudiants, part des ménages sous le seuil du 1er quartile de l’année du bail.',
    source: 'CIA, orientation 1.2 du document-cadre : améliorer l’accueil des ménages familiaux les plus modestes (hors étudiants)',
    variante: { de: 'a5', pourquoi: 'Suivi de l’orientation 1.2 de la CIA : le taux légal compte les étudiants, nombreux parmi les ménages du 1er quartile. Pas d’objectif chiffré : pas de verdict.' },
    secret: 'attributions',
  },
  {
    id: 'a5_decisions',
    libelle: 'Décisions de CALEOL hors QPV en faveur de ménages du 1er quartile',
    court: '1er quartile (décisions)',
    phrase: 'des décisions de CALEOL hors QPV en faveur de ménages du 1er quartile (variante sans objectif)',
    numerateur: 'q1_hors_qpv',
    denominateur: 'hors_qpv',
    base: 'decisions',
    inconnus: 'hors_qpv_seuil_inconnu',
    definition: 'Attributions décidées en CALEOL hors QPV (refus compris, avec ou sans bail) à des ménages sous le seuil du 1er quartile, divisées par les attributions hors QPV. Variante de suivi, datée par la CALEOL.',
    source: 'Variante de l’observatoire (décisions de CALEOL)',
    variante: { de: 'a5', pourquoi: 'Compte les décisions et non les baux signés : ce n’est pas l’indicateur de la loi, il n’a pas de verdict.' },
    secret: 'attributions',
  },
  {
    id: 'a5q',
    libelle: 'Part des attributions en QPV à des ménages des quartiles 2 à 4',
    court: 'En QPV : quartiles 2 à 4',
    phrase: 'des attributions en QPV à des ménages des quartiles 2 à 4',
    numerateur: 'q2_4_en_qpv',
    denominateur: 'en_qpv',
    base: 'decisions',
    definition: 'Attributions en quartier prioritaire à des ménages au-dessus du seuil du 1er quartile, divisées par les attributions en QPV.',
    source: 'Loi Égalité et Citoyenneté ; code de la construction et de l’habitation, art. L.441-1',
    objectif: { nom: 'part_attributions_qpv_quartiles_2_4', niveaux: ['epci'] },
    secret: 'attributions',
    qpvSeulement: true,
  },
  {
    id: 'a6',
    libelle: 'Part des attributions à des ménages sous 60 % des plafonds PLUS',
    court: 'Sous 60 % des plafonds PLUS',
    phrase: 'des attributions à des ménages sous 60 % des plafonds PLUS',
    numerateur: 'sous_60_plus',
    denominateur: 'plafond_plus_connu',
    base: 'decisions',
    definition:
      'Attributions à des ménages dont les ressources annuelles (12 fois les ressources mensuelles) sont inférieures à 60 % du plafond PLUS de leur catégorie de ménage pour l’année du bail (de la décision sans bail), divisées par les attributions dont le plafond de l’année et les ressources sont connus. Sans plafond publié pour l’année : non calculé.',
    source: 'CIA, indicateurs de suivi de la convention ; plafonds PLUS : arrêté du 29 juillet 1987 modifié, annexe I',
    secret: 'attributions',
  },
  {
    id: 'a6_q1',
    libelle: 'Ménages sous 60 % des plafonds PLUS : part du 1er quartile',
    court: 'dont 1er quartile',
    phrase: 'de ces ménages sont au 1er quartile',
    numerateur: 'sous_60_plus_q1',
    denominateur: 'sous_60_plus',
    base: 'decisions',
    inconnus: 'sous_60_plus_q1_inconnu',
    definition: 'Parmi les attributions aux ménages sous 60 % des plafonds PLUS, part des ménages sous le seuil du 1er quartile de l’année du bail.',
    source: 'CIA, indicateurs de suivi de la convention',
    secret: 'attributions',
  },
  {
    id: 'a7',
    libelle: 'Part des attributions à des demandeurs de mutation',
    court: 'Mutations',
    phrase: 'des attributions à des demandeurs de mutation',
    numerateur: 'mutations',
    denominateur: 'attributions',
    base: 'decisions',
    definition: 'Attributions à des ménages déjà locataires du parc social, divisées par toutes les attributions de l’année.',
    source: 'CIA, article 3, objectif 1',
    objectif: { nom: 'part_attributions_mutations', niveaux: ['epci'] },
    secret: 'attributions',
    carte: true,
  },
  {
    id: 'taux_edl',
    libelle: 'Part des attributions suivies d’un bail signé',
    court: 'Suivies d’un bail',
    phrase: 'des attributions suivies d’un bail signé',
    numerateur: 'edl',
    denominateur: 'attributions',
    base: 'decisions',
    definition: 'Attributions de l’année suivies de la signature d’un bail, divisées par les attributions.',
    source: 'Décisions de CALEOL et dates de bail de l’export',
    secret: 'attributions',
  },
];

/**
 * A4: the priority share on one réservataire's contingent — same counts as A1, read on
 * the contingent's rows; each réservataire ≥ 25 %, the State's contingent 100 % (CIA l.5180).
 * Never pooled by contingent type into one verdict for a commune or a territoire.
 */
export const A4: IndicateurCatalogue = {
  id: 'a4',
  libelle: 'Part des attributions du contingent à des ménages prioritaires',
  court: 'Prioritaires sur le contingent',
  phrase: 'des attributions du contingent à des ménages prioritaires',
  numerateur: 'prioritaires',
  denominateur: 'attributions',
  base: 'decisions',
  definition: 'Attributions sur le contingent d’un réservataire à des ménages prioritaires, divisées par les attributions sur ce contingent.',
  source: 'CIA, article 1 : engagement des réservataires ; contingent préfectoral entièrement dédié aux ménages prioritaires',
  objectif: { nom: 'part_attributions_prioritaires_par_reservataire', niveaux: ['reservataire'] },
  secret: 'attributions',
};

/** ACD indicator A: a count of signed leases compared with each bailleur's published objective (objectifs_acd.csv). */
export const ACD_A = {
  id: 'acd_a',
  libelle: 'Baux signés par des ménages prioritaires (ACD, indicateur A)',
  compte: 'baux_prioritaires',
  base: 'baux' as Base,
  definition:
    'Entrées dans les lieux (baux signés) de ménages prioritaires dans l’année, quel que soit le rang du candidat en CALEOL, datées par la signature du bail ; comparées à l’objectif annuel du bailleur.',
  source: 'Accord collectif départemental de la Haute-Garonne 2025-2027, indicateur A',
  niveaux: ['bailleur'] as readonly NiveauCible[],
};

export const TOUS: readonly IndicateurCatalogue[] = [...CATALOGUE, A4];

export function indicateur(id: string): IndicateurCatalogue {
  const i = TOUS.find((x) => x.id === id);
  if (!i) throw new Error(`indicateur inconnu : ${id}`);
  return i;
}

/** Counts named in an expression "a - b + c". */
export function termes(expression: string): string[] {
  return expression.split(/\s+[+-]\s+/).map((t) => t.trim());
}

/** SQL of a share over summed counts: NULL when the denominator is 0 or when some cases cannot be classified. */
export function sqlTaux(i: Pick<IndicateurCatalogue, 'numerateur' | 'denominateur' | 'inconnus'>): string {
  const somme = (e: string) => e.replace(/\b([a-z][a-z0-9_]*)\b/g, 'sum($1)');
  const taux = `(${somme(i.numerateur)})::DOUBLE / nullif(${somme(i.denominateur)}, 0)`;
  return i.inconnus ? `CASE WHEN sum(${i.inconnus}) > 0 THEN NULL ELSE ${taux} END` : taux;
}

/** Checks the catalogue: every term is a count, variants point to an indicator with an objective. */
export function verifierCatalogue(liste: readonly IndicateurCatalogue[] = TOUS): void {
  const ids = new Set<string>();
  for (const i of liste) {
    if (ids.has(i.id)) throw new Error(`catalogue : identifiant en double ${i.id}`);
    ids.add(i.id);
    for (const t of [...termes(i.numerateur), ...termes(i.denominateur), ...(i.inconnus ? [i.inconnus] : [])]) {
      const c = COMPTES_PAR_ID.get(t);
      if (!c) throw new Error(`catalogue : ${i.id} utilise un compte inconnu « ${t} »`);
      if (c.base !== i.base) throw new Error(`catalogue : ${i.id} (base ${i.base}) mélange un compte de base ${c.base} (${t})`);
    }
    if (i.variante && i.objectif) throw new Error(`catalogue : la variante ${i.id} ne peut pas porter d’objectif`);
    if (i.variante && !liste.some((x) => x.id === i.variante!.de)) throw new Error(`catalogue : ${i.id} est la variante d’un indicateur inconnu`);
  }
}
verifierCatalogue();
