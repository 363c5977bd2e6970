// Which crossings of the attributions cube are published: one list, read by the cube
// (src/publish/cubes.ts), the pages' data (src/publish/pages.ts) and the explorer, which
// says a crossing is not published instead of showing an empty answer.
//
// Each crossing is a view a reader asked for. Every other one would multiply the counts
// under the statistical secret (31 per row) and, through the sums linking them, the cells
// hidden to protect them: crossing bailleur, contingent and quarter with every commune
// (411 029 cells) left the EPCI's own yearly totals hidden. A commune's attributions split
// by bailleur or réservataire are a few units each: the secret would hide them anyway.
import type { Niveau } from '../indicateurs/filtres.ts';

export type DimensionCroisee = 'bailleur' | 'contingent' | 'financement' | 'qpv';

export interface Croisement {
  niveaux: readonly Niveau[];
  /** dimensions split (the others are '*') */
  dimensions: readonly DimensionCroisee[];
  /** also the year to date at the end of T1, T2 and T3 (otherwise the whole year only) */
  trimestres: boolean;
  /** a territory without QPV publishes no QPV split (it would repeat every cell as « hors QPV ») */
  qpvSeulement?: boolean;
}

const PARTOUT: readonly Niveau[] = ['epci', 'territoire', 'commune'];

export const CROISEMENTS_ATTRIBUTIONS: readonly Croisement[] = [
  // the fiches of the EPCI, each territoire d'équilibre and each commune
  { niveaux: PARTOUT, dimensions: [], trimestres: false },
  // the State's quarterly first-quartile follow-up is the EPCI's (CIA, l.5486)
  { niveaux: ['epci'], dimensions: [], trimestres: true },
  // the ACD's objectives are per bailleur on the whole EPCI (l.6571)
  { niveaux: ['epci'], dimensions: ['bailleur'], trimestres: false },
  // each réservataire's priority share, on the whole EPCI (l.5180)
  { niveaux: ['epci'], dimensions: ['contingent'], trimestres: false },
  // the dwelling attributed: its financing, in or out of QPV, on the whole EPCI (a commune's or a
  // territoire's split by financing is a few units per class; each row's counts in and out of QPV
  // are measures of the row already)
  { niveaux: ['epci'], dimensions: ['financement'], trimestres: false },
  { niveaux: ['epci'], dimensions: ['qpv'], trimestres: false, qpvSeulement: true },
  { niveaux: ['epci'], dimensions: ['financement', 'qpv'], trimestres: false, qpvSeulement: true },
];

export function croisementsPublies(avecQpv: boolean): Croisement[] {
  return CROISEMENTS_ATTRIBUTIONS.filter((c) => avecQpv || !c.qpvSeulement);
}

export interface Selection {
  niveau: Niveau;
  periode?: 'annee' | 'T1' | 'T2' | 'T3';
  bailleur?: string;
  contingent?: string;
  financement?: string;
  qpv?: string;
}

const DIMENSIONS: readonly DimensionCroisee[] = ['bailleur', 'contingent', 'financement', 'qpv'];

/** The crossing a selection asks for, if it is published. */
export function croisementDe(s: Selection, avecQpv: boolean): Croisement | null {
  const choisies = DIMENSIONS.filter((d) => (s[d] ?? '*') !== '*');
  const trimestre = (s.periode ?? 'annee') !== 'annee';
  return (
    croisementsPublies(avecQpv).find(
      (c) => c.niveaux.includes(s.niveau) && (!trimestre || c.trimestres) && c.dimensions.length === choisies.length && choisies.every((d) => c.dimensions.includes(d)),
    ) ?? null
  );
}

export const croisementPublie = (s: Selection, avecQpv: boolean): boolean => croisementDe(s, avecQpv) !== null;

/** SQL condition (over the cube's columns niveau, periode and the dimensions) true on the rows of published crossings. */
export function sqlCroisementsPublies(avecQpv: boolean): string {
  return croisementsPublies(avecQpv)
    .map((c) => {
      const parts = [
        `niveau IN (${c.niveaux.map((n) => `'${n}'`).join(', ')})`,
        ...(c.trimestres ? [] : [`periode = 'annee'`]),
        // a split on a dimension whose value is missing keeps its row (NULL is not '*')
        ...DIMENSIONS.map((d) => `${d} ${c.dimensions.includes(d) ? 'IS DISTINCT FROM' : '='} '*'`),
      ];
      return `(${parts.join(' AND ')})`;
    })
    .join('\n    OR ');
}

const GEO: Record<Niveau, string[]> = { epci: [], territoire: ['territoire'], commune: ['territoire', 'commune_insee'] };

/** GROUPING SETS of the cube: one per crossing and level, each with the year and the period (a set listed twice would give its rows twice). */
export function ensemblesCroisements(avecQpv: boolean): string {
  const ensembles = croisementsPublies(avecQpv).flatMap((c) => c.niveaux.map((n) => `(${['annee', 'periode', ...GEO[n], ...c.dimensions].join(', ')})`));
  return [...new Set(ensembles)].join(',\n    ');
}

/** What is published, in a reader's words (the explorer's note and its answer to an unpublished crossing). */
export function croisementsEnClair(avecQpv: boolean): string {
  const logement = avecQpv ? 'par financement du logement et en ou hors QPV' : 'par financement du logement';
  return (
    'Pour chaque commune et chaque territoire, les chiffres publiés portent sur l’année entière, tous bailleurs, contingents et logements confondus. ' +
    `Pour l’ensemble de l’intercommunalité s’y ajoutent les cumuls à la fin de chaque trimestre et le détail par bailleur, par contingent ou ${logement}, un seul détail à la fois. ` +
    'Les autres croisements ne sont pas publiés : ils compteraient trop peu d’attributions et seraient couverts par le secret statistique.'
  );
}
