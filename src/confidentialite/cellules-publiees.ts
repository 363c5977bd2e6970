// Which published numbers are counts under the secret, and how they add up: one place
// for the lists of measures (the attributions' and decisions' from the indicator catalogue,
// src/model/catalogue/) and for the relations between them that a reader can exploit.
import type { Territoire } from '../config/territoire.ts';
import { CATALOGUE, COMPTES, COMPTES_DECISIONS } from '../model/catalogue/index.ts';

/**
 * Inclusions the catalogue's conditions do not show (a DALO household is priority by law, CCH L.441-1;
 * a household under 60 % of the PLUS ceiling is classed against it).
 */
const INCLUS_AUSSI: Record<string, string[]> = {
  dalo: ['prioritaires'],
  sous_60_plus: ['plafond_plus_connu'],
};
/** Counts that partition their base's total (a row-level sum, not an inclusion: `partitions` below). */
const PARTITION_QPV = ['en_qpv', 'hors_qpv'];

/** Top-level conjuncts of a catalogue condition ('TRUE': none, the base's total). */
function conjonctions(condition: string): string[] {
  const parts: string[] = [];
  let profondeur = 0;
  let debut = 0;
  for (let i = 0; i < condition.length; i++) {
    const ch = condition[i];
    if (ch === '(') profondeur++;
    else if (ch === ')') profondeur--;
    else if (profondeur === 0 && condition.startsWith(' AND ', i)) {
      parts.push(condition.slice(debut, i).trim());
      debut = i + 5;
    }
  }
  parts.push(condition.slice(debut).trim());
  return parts.filter((x) => x !== 'TRUE');
}

const inclus = (petit: Set<string>, grand: Set<string>) => [...petit].every((x) => grand.has(x));

/**
 * The relations between the attributions cube's counts that a reader can exploit, derived from the catalogue's
 * conditions (src/model/catalogue/comptes.ts), counts of the same base only (decisions or leases):
 *  - A ⊂ B when B's conjuncts are among A's (true in SQL's three-valued logic: a row counts when its
 *    condition is TRUE): the difference B − A is a count of households. Only the nearest parents are kept
 *    (the rest follow from them);
 *  - when A is exactly B ∩ C and the count T of their common conjuncts is published, T − B − C + A ≥ 0 (the
 *    households in neither B nor C): with T 20, B 18, C 5, A ≥ 3.
 */
export function relationsComptes(comptes: readonly { id: string; base: string; condition: string }[] = COMPTES): {
  dans: Map<string, string[]>;
  croisements: { total: string; a: string; b: string; ab: string }[];
} {
  const conj = new Map(comptes.map((c) => [c.id, new Set(conjonctions(c.condition))]));
  const parId = new Map(comptes.map((c) => [c.id, c]));
  const dans = new Map<string, string[]>();
  const croisements: { total: string; a: string; b: string; ab: string }[] = [];
  for (const c of comptes) {
    const k = conj.get(c.id)!;
    if (k.size === 0 || PARTITION_QPV.includes(c.id)) continue;
    const memeBase = comptes.filter((x) => x.base === c.base && x.id !== c.id);
    // strictly fewer conjuncts, all among c's; plus the inclusions the conditions do not show
    let parents = memeBase.filter((x) => conj.get(x.id)!.size < k.size && inclus(conj.get(x.id)!, k)).map((x) => x.id);
    for (const p of INCLUS_AUSSI[c.id] ?? []) if (parId.get(p)?.base === c.base) parents.push(p);
    // an ancestor of another parent follows from it
    const ancetres = (x: string): string[] => {
      const kx = conj.get(x)!;
      return [...memeBase.filter((y) => conj.get(y.id)!.size < kx.size && inclus(conj.get(y.id)!, kx)).map((y) => y.id), ...(INCLUS_AUSSI[x] ?? [])];
    };
    const fermeture = (x: string, vus = new Set<string>()): Set<string> => {
      for (const y of ancetres(x)) if (!vus.has(y)) fermeture(y, vus.add(y));
      return vus;
    };
    parents = [...new Set(parents)];
    parents = parents.filter((p) => !parents.some((q) => q !== p && fermeture(q).has(p)));
    dans.set(c.id, parents);
    // A = B ∩ C
    for (let i = 0; i < parents.length; i++) {
      for (let j = i + 1; j < parents.length; j++) {
        const kb = conj.get(parents[i]!)!;
        const kc = conj.get(parents[j]!)!;
        if (![...k].every((x) => kb.has(x) || kc.has(x))) continue;
        const commun = [...kb].filter((x) => kc.has(x));
        const t = comptes.find((x) => x.base === c.base && conj.get(x.id)!.size === commun.length && commun.every((y) => conj.get(x.id)!.has(y)));
        if (t) croisements.push({ total: t.id, a: parents[i]!, b: parents[j]!, ab: c.id });
      }
    }
  }
  return { dans, croisements };
}

function mesuresAttributions(dans: Map<string, string[]>): MesureSecret[] {
  return COMPTES.map((c) => {
    const d = dans.get(c.id);
    return d && d.length > 0 ? { nom: c.id, dans: d } : { nom: c.id };
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
  /** the counted units are a subset of those of this (these) measure(s) of the same row: each complement (dans − nom) is an implicit count */
  dans?: string | readonly string[];
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
  /** ab = a ∩ b within total: total − a − b + ab (the units in neither) is an implicit count */
  croisements?: { total: string; a: string; b: string; ab: string }[];
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
  // the attributions cube's inclusions and croisements, derived once from the catalogue's conditions
  const relations = relationsComptes();
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
      mesures: mesuresAttributions(relations.dans),
      totaux: ['attributions', 'baux'],
      essentielles: mesuresEssentielles(),
      partitions: [{ total: 'attributions', parties: ['en_qpv', 'hors_qpv'] }],
      croisements: relations.croisements,
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
  // every attribution is a proposal: each proposals' count holds the attributions' same count (same bailleur and year)
  ...([['propositions_prioritaires', 'prioritaires'], ['propositions_dalo', 'dalo'], ['propositions_q1', 'q1'], ['propositions_q1_inconnu', 'q1_inconnu'], ['propositions_mutations', 'mutations']] as const).map(
    ([decision, cube]): LienTables => ({
      nom: `${decision} ⊇ ${cube} des attributions`,
      inclusion: true,
      source: { table: 'pub_decisions', mesure: decision, filtre: {} },
      cible: { table: 'pub_attributions', mesure: cube, cles: (l) => [attributionsAnnee(l, l.bailleur)] },
    }),
  ),
  // the refusals of priority (1st-quartile) households are attributions to priority (1st-quartile) households
  ...([['prioritaires', 'refus_prioritaires'], ['q1', 'refus_q1']] as const).map(
    ([cube, decision]): LienTables => ({
      nom: `${cube} des attributions ⊇ ${decision}`,
      inclusion: true,
      source: { table: 'pub_attributions', mesure: cube, filtre: { niveau: 'epci', periode: 'annee', contingent: '*', financement: '*', qpv: '*' } },
      cible: { table: 'pub_decisions', mesure: decision, cles: (l) => [{ annee: l.annee, niveau: l.niveau, code: l.code, bailleur: l.bailleur }] },
    }),
  ),
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
