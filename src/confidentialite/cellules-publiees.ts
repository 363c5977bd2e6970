// Which published numbers are counts under the secret, and how they add up: one place
// for the lists of measures (the attributions' and decisions' from the indicator catalogue,
// src/model/catalogue/) and for the relations between them that a reader can exploit.
import type { Territoire } from '../config/territoire.ts';
import { CATALOGUE, COMPTES, COMPTES_DECISIONS } from '../model/catalogue/index.ts';

/**
 * The counts of the attributions cube come from the catalogue (src/model/catalogue/comptes.ts):
 * each is a subset of its base's total (attributions or baux); where it is also a subset of
 * another count, that one is named here (the tighter the inclusion, the more a reader could
 * derive). En/hors QPV partition the total instead.
 */
const INCLUS_DANS: Record<string, string | null> = {
  attributions: null,
  baux: null,
  hors_qpv: null,
  en_qpv: null,
  dalo: 'prioritaires',
  prioritaires_acd: 'prioritaires',
  q1_etudiants: 'q1',
  edl_prioritaires: 'edl',
  q1_hors_qpv: 'q1',
  q1_hors_qpv_etudiants: 'q1_hors_qpv',
  etudiants_hors_qpv: 'etudiants',
  hors_qpv_seuil_inconnu: 'hors_qpv',
  q2_4_en_qpv: 'en_qpv',
  sous_60_plus: 'plafond_plus_connu',
  sous_60_plus_q1: 'sous_60_plus',
  sous_60_plus_q1_inconnu: 'sous_60_plus',
  baux_hors_qpv_seuil_inconnu: 'baux_hors_qpv',
  q1_baux_hors_qpv: 'baux_hors_qpv',
  q1_baux_hors_qpv_etudiants: 'q1_baux_hors_qpv',
  baux_hors_qpv_etudiants: 'baux_hors_qpv',
};

function mesuresAttributions(): MesureSecret[] {
  const base = { decisions: 'attributions', baux: 'baux' } as const;
  return COMPTES.map((c) => {
    const dans = c.id in INCLUS_DANS ? INCLUS_DANS[c.id] : base[c.base];
    return dans ? { nom: c.id, dans } : { nom: c.id };
  });
}

/**
 * Counts of the indicators a text sets a target for (numerator, denominator, unclassified):
 * the figures the commission signs, hidden to protect another cell only when nothing lighter can.
 */
export function mesuresEssentielles(): string[] {
  const n = new Set<string>();
  for (const i of CATALOGUE) {
    if (!i.objectif || i.variante) continue;
    for (const f of [i.numerateur, i.denominateur, i.inconnus ?? '']) for (const m of f.split(/[^a-z0-9_]+/)) if (m) n.add(m);
  }
  return [...n];
}

export interface MesureSecret {
  /** column of the published table */
  nom: string;
  /** the counted units are a subset of those of this measure of the same row: the complement (dans − nom) is an implicit count */
  dans?: string;
}

export interface TableSecret {
  /** DuckDB table (pub_…) and its published name */
  table: string;
  nom: string;
  seuil: number;
  /** every key column of a row other than niveau / code / parent */
  dimensions: string[];
  /** child level → parent level (rows joined on child.parent = parent.code) */
  geographie: [enfant: string, parent: string][];
  /** dimensions whose '*' row is the sum of the others */
  categories: string[];
  /** cumulative periods (T1 ⊂ T2 ⊂ T3 ⊂ année): the quarter alone is an implicit count */
  cumul?: { colonne: string; ordre: string[] };
  mesures: MesureSecret[];
  /** the row's counts (default: the first measure): `secret` = all of them hidden (or 0), and then every measure is emptied */
  totaux?: string[];
  /** counts hidden last, like the row's totals (mesuresEssentielles) */
  essentielles?: string[];
  /** row-level exact sums: total = Σ parties */
  partitions?: { total: string; parties: string[] }[];
  /** measures withheld together (the same count from two sources, printed side by side) */
  jumelles?: [string, string][];
  /** non-count columns emptied with a measure (a mean of the hidden units) */
  dependants?: Record<string, string>;
}

/** The counts of the conventions' bilans, one row per réservataire × bailleur × year (src/publish/bilan-flux.ts): read by the secret, never written to a file. */
export const TABLE_SECRET_FLUX = 'pub_bilan_flux';

const GEO: [string, string][] = [['commune', 'territoire'], ['territoire', 'epci']];

/** Published tables under the secret (demand tables only when a demand extract was published). */
export function tablesSecret(t: Pick<Territoire, 'secret'>, avecDemande: boolean): TableSecret[] {
  const a = t.secret.attributionsMin;
  const m = t.secret.menagesOpsMin;
  const tables: TableSecret[] = [
    {
      table: 'pub_attributions',
      nom: 'attributions',
      seuil: a,
      dimensions: ['annee', 'periode', 'bailleur', 'contingent', 'financement', 'qpv'],
      geographie: GEO,
      categories: ['bailleur', 'contingent', 'financement', 'qpv'],
      cumul: { colonne: 'periode', ordre: ['T1', 'T2', 'T3', 'annee'] },
      mesures: mesuresAttributions(),
      totaux: ['attributions', 'baux'],
      essentielles: mesuresEssentielles(),
      partitions: [{ total: 'attributions', parties: ['en_qpv', 'hors_qpv'] }],
    },
    {
      table: 'pub_occupation',
      nom: 'occupation',
      seuil: m,
      dimensions: ['vague'],
      geographie: [['residence', 'commune'], ...GEO],
      categories: [],
      mesures: [
        { nom: 'repondants', dans: 'menages' },
        { nom: 'menages' },
        ...[0, 1, 2, 3, 4].map((n) => ({ nom: `niveau_${n}` })),
        { nom: 'fragiles', dans: 'repondants' },
        ...['c1_renseigne', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9_renseigne'].map((c) => ({ nom: c, dans: 'repondants' })),
        { nom: 'c1', dans: 'c1_renseigne' },
        { nom: 'c9', dans: 'c9_renseigne' },
      ],
      partitions: [{ total: 'repondants', parties: [0, 1, 2, 3, 4].map((n) => `niveau_${n}`) }],
    },
    {
      table: 'pub_decisions',
      nom: 'decisions',
      seuil: a,
      dimensions: ['annee', 'bailleur'],
      geographie: [],
      categories: ['bailleur'],
      // counts and their inclusions from the catalogue (src/model/catalogue/comptes-decisions.ts)
      mesures: COMPTES_DECISIONS.map((c) => (c.dans ? { nom: c.id, dans: c.dans } : { nom: c.id })),
    },
    {
      table: 'pub_refus',
      nom: 'refus',
      seuil: a,
      dimensions: ['annee', 'motif', 'public'],
      geographie: [],
      categories: ['motif', 'public'],
      mesures: [{ nom: 'refus' }],
    },
    {
      table: 'pub_entrees',
      nom: 'entrees',
      seuil: a,
      dimensions: ['annee', 'variable', 'modalite'],
      geographie: GEO,
      categories: ['modalite'],
      mesures: [{ nom: 'entrees' }],
    },
  ];
  // the réservataire pages' bilans of the conventions in flux: each convention's year (src/publish/bilan-flux.ts);
  // the bailleur's declared figure is withheld with the exports' (one prints the other when they agree)
  tables.push({
    table: TABLE_SECRET_FLUX,
    nom: 'bilans des conventions',
    seuil: a,
    dimensions: ['annee', 'reservataire', 'bailleur'],
    geographie: [],
    categories: [],
    mesures: [
      { nom: 'attributions' },
      { nom: 'baux_signes' },
      { nom: 'prioritaires', dans: 'attributions' },
      { nom: 'declare_attributions' },
      { nom: 'declare_baux_signes' },
      { nom: 'declare_prioritaires', dans: 'declare_attributions' },
    ],
    totaux: ['attributions', 'baux_signes'],
    jumelles: [['attributions', 'declare_attributions'], ['baux_signes', 'declare_baux_signes'], ['prioritaires', 'declare_prioritaires']],
  });
  if (avecDemande) {
    tables.push(
      {
        table: 'pub_demande',
        nom: 'demande',
        seuil: m,
        dimensions: ['annee', 'variable', 'modalite'],
        geographie: GEO,
        categories: ['modalite'],
        mesures: [{ nom: 'demandeurs' }],
      },
      {
        table: 'pub_demande_delais',
        nom: 'demande_delais',
        seuil: m,
        dimensions: ['annee', 'tranche'],
        geographie: GEO,
        categories: ['tranche'],
        mesures: [{ nom: 'attribuees' }],
        dependants: { delai_moyen_mois: 'attribuees' },
      },
    );
  }
  return tables;
}

/**
 * The same count published in two tables, or a count of one table inside another's:
 * each row of `source` (filtered) = Σ the `cible` rows whose keys `cles` gives (exact), or
 * ⊇ them (`inclusion`: the difference is an implicit count). Keys: niveau, code and the
 * dimensions of the target table; '*' = all. Rows that are not published count 0.
 */
export interface LienTables {
  nom: string;
  source: { table: string; mesure: string; filtre: Record<string, string> };
  /** the target rows: by their keys (`cles`), or every row `correspond` accepts */
  cible: { table: string; mesure: string; cles?: (ligne: Record<string, unknown>) => Record<string, unknown>[]; correspond?: (source: Record<string, unknown>, cible: Record<string, unknown>) => boolean };
  /** source ⊇ Σ targets: the remainder is an implicit count (the link is left out where the data make it negative: not an inclusion there) */
  inclusion?: boolean;
}

const attributionsAnnee = (l: Record<string, unknown>, bailleur: unknown = '*') => ({ annee: l.annee, periode: 'annee', niveau: l.niveau, code: l.code, bailleur, contingent: '*', financement: '*', qpv: '*' });

export const LIENS: LienTables[] = [
  {
    // A10: the entrants of a year and place are the attributions of that year with a signed lease
    nom: 'entrées dans les lieux = attributions avec bail signé',
    source: { table: 'pub_entrees', mesure: 'entrees', filtre: { modalite: '*' } },
    cible: { table: 'pub_attributions', mesure: 'edl', cles: (l) => [attributionsAnnee(l)] },
  },
  {
    nom: 'refus des décisions = refus des attributions',
    source: { table: 'pub_decisions', mesure: 'refus', filtre: {} },
    cible: { table: 'pub_attributions', mesure: 'refus', cles: (l) => [attributionsAnnee(l, l.bailleur)] },
  },
  {
    nom: 'propositions ⊇ attributions',
    inclusion: true,
    source: { table: 'pub_decisions', mesure: 'propositions', filtre: {} },
    cible: { table: 'pub_attributions', mesure: 'attributions', cles: (l) => [attributionsAnnee(l, l.bailleur)] },
  },
  {
    nom: 'refus des décisions = refus par motif et public (total)',
    source: { table: 'pub_decisions', mesure: 'refus', filtre: { bailleur: '*' } },
    cible: { table: 'pub_refus', mesure: 'refus', cles: (l) => [{ annee: l.annee, niveau: l.niveau, code: l.code, motif: '*', public: '*' }] },
  },
  {
    nom: 'refus des prioritaires = refus DALO + refus prioritaires hors DALO',
    source: { table: 'pub_decisions', mesure: 'refus_prioritaires', filtre: { bailleur: '*' } },
    cible: {
      table: 'pub_refus',
      mesure: 'refus',
      cles: (l) => ['DALO', 'prioritaire (hors DALO)'].map((p) => ({ annee: l.annee, niveau: l.niveau, code: l.code, motif: '*', public: p })),
    },
  },
  // the conventions' flux are on the communes' contingent: the EPCI's attributions and leases on it contain the bilans' (A4 and R5)
  ...([['attributions', 'attributions'], ['baux', 'baux_signes']] as const).map(([cube, bilan]): LienTables => ({
    nom: `${cube} sur le contingent des communes ⊇ ${cube} des bilans des conventions`,
    inclusion: true,
    source: { table: 'pub_attributions', mesure: cube, filtre: { niveau: 'epci', periode: 'annee', contingent: 'commune', bailleur: '*', financement: '*', qpv: '*' } },
    cible: { table: TABLE_SECRET_FLUX, mesure: bilan, correspond: (s, c) => c.annee === s.annee },
  })),
];

/** Tables whose total rows repeat across a dimension (every profile variable of A10 / D2 counts the same entrants / demands). */
export const TOTAUX_EGAUX: Record<string, { dimension: string; filtre: Record<string, string> }> = {
  pub_entrees: { dimension: 'variable', filtre: { modalite: '*' } },
  pub_demande: { dimension: 'variable', filtre: { modalite: '*' } },
};
