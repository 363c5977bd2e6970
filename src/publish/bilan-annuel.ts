// The yearly bilan of the CIA as a typed document: sections in the order of the CIA's
// objectives, each a list of blocks (text, numbered tables, numbered figures, the team's
// comments). Pure: built from the pages' published figures (build/<id>/pages.json, every
// number secret-protected there) and the territory's configuration; the Astro page
// (src/site/pages/bilan/[annee]/) renders it, the CSV endpoint writes its tables.
import type { Ligne } from '../model/db.ts';
import type { DonneesPages } from './pages.ts';
import type { Territoire } from '../config/territoire.ts';
import type { Commentaire, SectionConnue } from './bilan-annuel-commentaires.ts';
import { TOUS, decider, indicateur, termes, type NiveauPage } from '../model/catalogue/index.ts';
import { evaluerExpression } from '../site/lib/calcul.ts';
import { partOuEffectif } from '../site/lib/petits-nombres.ts';
import { nombre, pourcent } from '../lib/format-fr.ts';
import { phraseArrete } from '../model/acd/arrete.ts';

/** The eight sections, in the order of the CIA's objectives (issue: yearly bilan). */
export const SECTIONS_BILAN = [
  { numero: 1, id: 'objectifs', titre: 'Les objectifs d’attribution de la CIA' },
  { numero: 2, id: 'territoires', titre: 'Les territoires d’équilibre et les communes les plus urbaines' },
  { numero: 3, id: 'bailleurs', titre: 'Les bailleurs et l’accord collectif départemental' },
  { numero: 4, id: 'reservataires', titre: 'Les réservataires : ménages prioritaires et flux de réservation' },
  { numero: 5, id: 'suivi', titre: 'Les indicateurs de suivi de la CIA' },
  { numero: 6, id: 'occupation', titre: 'L’occupation du parc et les résidences à enjeux' },
  { numero: 7, id: 'demande', titre: 'La demande et la pression' },
  { numero: 8, id: 'qualite', titre: 'Qualité des données et méthode' },
] as const satisfies readonly (SectionConnue & { titre: string })[];

export type IdSection = (typeof SECTIONS_BILAN)[number]['id'];

export interface TableauBilan {
  /** "Tableau 3": numbered through the whole document */
  numero: number;
  id: string;
  titre: string;
  colonnes: string[];
  /** cells formatted in French ("1 234", "37,5 %", "secret"); cell 0 is the row header */
  lignes: string[][];
  source: string;
  note?: string;
  /** CSV file next to the page: "tableau-3.csv" */
  csv: string;
}

export interface PointFigure {
  periode: string;
  valeur: number | null;
  secret?: boolean;
  /** not computable (the year's 1st-quartile threshold is missing) */
  nonCalcule?: boolean;
}

export interface FigureBilan {
  numero: number;
  id: string;
  titre: string;
  source: string;
  csv: string;
  libelleValeur: string;
  unite: 'part' | 'nombre';
  /** target line, drawn only where a text sets that target for that level */
  cible?: { valeur: number; sens: '>=' | '<=' };
  points: PointFigure[];
  /** the figure's data as a table (CSV) */
  colonnes: string[];
  lignes: string[][];
}

export type Bloc =
  | { type: 'texte'; texte: string }
  | { type: 'liste'; elements: string[] }
  | { type: 'intertitre'; id: string; numero: string; titre: string }
  | { type: 'tableau'; tableau: TableauBilan }
  | { type: 'figure'; figure: FigureBilan }
  | { type: 'commentaires'; commentaires: Commentaire[] };

export interface SectionBilan {
  numero: number;
  id: IdSection;
  titre: string;
  blocs: Bloc[];
}

export interface BilanAnnuel {
  annee: number;
  /** every year of the exports up to this one, side by side in the tables */
  annees: number[];
  territoire: { id: string; nom: string; nomCourt: string };
  synthetique: boolean;
  /** key sentences of the year, after the table of contents */
  essentiel: string[];
  sections: SectionBilan[];
  tableaux: TableauBilan[];
  figures: FigureBilan[];
  /** comments that named no section, empty files… (shown in the build log, never blocking) */
  avertissements: string[];
}

/** Communes the CIA names for the yearly bilan (data/territoires/<id>/bilan/communes-suivies.json). */
export interface CommunesSuivies {
  /** the sentence of the CIA, quoted */
  citation: string;
  source: string;
  communes: string[];
}

export interface EntreesBilan {
  d: DonneesPages;
  t: Pick<Territoire, 'nom' | 'nomCourt' | 'secret' | 'residencesEnjeux' | 'periodeAcd'>;
  annee: number;
  commentaires: Commentaire[];
  avertissements?: string[];
  communesSuivies?: CommunesSuivies | null;
  /** the State's quarterly first-quartile figures, when the team has entered them */
  trimestresEtat?: TrimestreEtat[];
  /** below this denominator a share is shown "9 sur 11", without verdict (default: the build's parameter) */
  petitsEffectifs?: number;
  /** the ACD's indicator B target (data/config ACD parameters; 37,5 % in Haute-Garonne) */
  cibleAcdB?: number;
}

/** Year to date at the end of a quarter, as the State sends it (entered by the team). */
export interface TrimestreEtat { trimestre: 'T1' | 'T2' | 'T3' | 'T4'; attributions: number | null; premierQuartile: number | null }

/** Source names without internal line references: "CIA art.1 (l.5128); ACD" → "CIA art.1; ACD". */
export function sourceLisible(s: string): string {
  return s
    .replace(/\s*\((?:[^()]*?\b)?l\.\s?\d+(?:\s*[-–]\s*\d+)?[^()]*\)/g, '')
    .replace(/,?\s*\bl\.\s?\d+(?:\s*[-–]\s*\d+)?/g, '')
    .replace(/\s*\(data\/[^)]*\)/g, '')
    .replace(/INDICATORS\.md\s*[A-Z]?\d*\s*;?\s*/g, '')
    .replace(/\s*;\s*$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

const n = (l: Ligne | null | undefined, k: string): number | null => {
  const v = l?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};
const estSecret = (l: Ligne | null | undefined, k: string) => l?.secret === true && n(l, k) === null;

/** Counts that need the year's 1st-quartile threshold, with the count of unclassified cases
 *  (from the catalogue's indicators: a count of their numerator, their `inconnus`). */
const INCONNUS_DU_COMPTE: ReadonlyMap<string, string> = new Map([
  ...TOUS.flatMap((i) => (i.inconnus ? termes(i.numerateur).map((t) => [t, i.inconnus!] as [string, string]) : [])),
  ['q1', 'q1_inconnu'],
]);
export const NON_CALCULE = 'non calculé';

/** A count cell: "1 234", "secret" (under the secret), "non calculé" (threshold of the year missing), "—" (no row). */
function compte(l: Ligne | null | undefined, k: string): string {
  if (!l) return '—';
  if (estSecret(l, k)) return 'secret';
  const inconnus = INCONNUS_DU_COMPTE.get(k);
  if (inconnus && (n(l, inconnus) ?? 0) > 0) return NON_CALCULE;
  return nombre(n(l, k));
}

/** True when the catalogue says the share cannot be computed (unclassified cases: threshold of the year missing). */
function seuilManquant(id: string, l: Ligne): boolean {
  const i = indicateur(id);
  return !!i.inconnus && (n(l, i.inconnus) ?? 0) > 0;
}

/** A catalogue indicator in a cell: "37,5 %", "9 sur 11" (small number, src/site/lib/petits-nombres.ts), "secret", "non calculé", "—". */
function part(l: Ligne | null | undefined, id: string, petits: number): string {
  if (!l) return '—';
  const i = indicateur(id);
  if (l.secret === true && evaluerExpression(i.denominateur, l) === null) return 'secret';
  if (seuilManquant(id, l)) return NON_CALCULE;
  return partOuEffectif({ numerateur: evaluerExpression(i.numerateur, l), denominateur: evaluerExpression(i.denominateur, l) }, petits);
}

/** A share that is not an attribution indicator (OPS, ACD B, refusal reasons): "37,5 %", "secret", "—". */
function partSimple(l: Ligne | null | undefined, k: string): string {
  if (!l) return '—';
  if (estSecret(l, k)) return 'secret';
  return pourcent(n(l, k));
}

/** The verdict of the catalogue's one rule (src/model/catalogue/cibles.ts), in words. */
function verdictCatalogue(c: Contexte, id: string, niveau: NiveauPage, l: Ligne | null, contingent?: string): string {
  const o = objectifDe(c.d, id, contingent);
  if (!o || !l) return '—';
  const i = indicateur(id);
  const den = evaluerExpression(i.denominateur, l);
  const valeur = seuilManquant(id, l) || den === null || den === 0 ? null : (evaluerExpression(i.numerateur, l) ?? NaN) / den;
  const x = decider(i, niveau, { cible: o.cible, sens: o.sens, source: o.source }, Number.isNaN(valeur) ? null : valeur, den, c.petits);
  if (x.atteint === true) return '✔ atteint';
  if (x.atteint === false) return '✘ non atteint';
  if (x.raison === 'petit-effectif') return 'trop peu de cas';
  return '—';
}

/** The territory's objective for an indicator; the State's contingent has its own (100 %). */
function objectifDe(d: DonneesPages, id: string, contingent?: string) {
  return id === 'a4' && contingent === 'etat_prioritaires' ? (d.objectifs.a4_etat ?? d.objectifs.a4) : d.objectifs[id];
}

const anneeDe = (lignes: Ligne[], annee: number) => lignes.find((l) => Number(l.annee) === annee && (l.periode === undefined || l.periode === 'annee')) ?? null;
const signe = (sens: '>=' | '<=') => (sens === '>=' ? '≥' : '≤');

const PERIODES: Record<string, string> = { T1: 'au 31 mars', T2: 'au 30 juin', T3: 'au 30 septembre', annee: 'au 31 décembre' };
const CONTINGENTS: Record<string, string> = {
  etat_prioritaires: 'État (publics prioritaires)', etat_fonctionnaires: 'État (fonctionnaires)', commune: 'Communes', epci: 'EPCI',
  departement: 'Département', action_logement: 'Action Logement', non_reserve: 'Non réservé (bailleur)', autre: 'Autres réservataires',
};
const LIBELLES_DRAPEAUX: Record<string, string> = {
  FLUX_MISMATCH: 'Flux imprimé différent du calcul',
  PCT_UNIT: 'Part imprimée avec une erreur d’unité',
  COUNT_MISMATCH: 'Nombre de logements différent de l’état des lieux',
  RATE_MISMATCH: 'Taux de rotation différent de l’état des lieux',
  FLUX_MISSING: 'Flux non imprimé',
  DURATION_MISMATCH: 'Durée de la convention différente de la période du flux',
};

class Numeroteur {
  tableaux: TableauBilan[] = [];
  figures: FigureBilan[] = [];
  tableau(t: Omit<TableauBilan, 'numero' | 'id' | 'csv'>): Bloc {
    const numero = this.tableaux.length + 1;
    const tab: TableauBilan = { ...t, numero, id: `tableau-${numero}`, csv: `tableau-${numero}.csv` };
    this.tableaux.push(tab);
    return { type: 'tableau', tableau: tab };
  }
  figure(f: Omit<FigureBilan, 'numero' | 'id' | 'csv' | 'colonnes' | 'lignes'>): Bloc {
    const numero = this.figures.length + 1;
    const fmt = (p: PointFigure) => (p.valeur === null ? (p.secret ? 'secret' : p.nonCalcule ? NON_CALCULE : '—') : f.unite === 'part' ? pourcent(p.valeur) : nombre(p.valeur, 1));
    const fig: FigureBilan = {
      ...f, numero, id: `figure-${numero}`, csv: `figure-${numero}.csv`,
      colonnes: ['Année', f.libelleValeur, ...(f.cible ? ['Objectif'] : [])],
      lignes: f.points.map((p) => [p.periode, fmt(p), ...(f.cible ? [`${signe(f.cible.sens)} ${pourcent(f.cible.valeur)}`] : [])]),
    };
    this.figures.push(fig);
    return { type: 'figure', figure: fig };
  }
}

/** Sub-heading numbers "1.1", "1.2" within a section. */
function intertitres(section: number) {
  let i = 0;
  return (id: string, titre: string): Bloc => ({ type: 'intertitre', id, numero: `${section}.${++i}`, titre });
}

export function construireBilan(e: EntreesBilan): BilanAnnuel {
  const { d, t, annee } = e;
  if (!d.annees.includes(annee)) throw new Error(`bilan ${annee} : aucune attribution publiée pour cette année (années couvertes : ${d.annees.join(', ') || 'aucune'})`);
  const annees = d.annees.filter((a) => a <= annee);
  const num = new Numeroteur();
  const ctx: Contexte = { ...e, annees, num, nom: t.nomCourt, petits: e.petitsEffectifs ?? d.petitsEffectifs ?? 20 };
  const constructeurs: Record<IdSection, (c: Contexte, it: ReturnType<typeof intertitres>) => Bloc[]> = {
    objectifs: sectionObjectifs,
    territoires: sectionTerritoires,
    bailleurs: sectionBailleurs,
    reservataires: sectionReservataires,
    suivi: sectionSuivi,
    occupation: sectionOccupation,
    demande: sectionDemande,
    qualite: sectionQualite,
  };
  const sections: SectionBilan[] = SECTIONS_BILAN.map((s) => {
    const commentaires = e.commentaires.filter((c) => c.section === s.id);
    const blocs: Bloc[] = commentaires.length ? [{ type: 'commentaires', commentaires }] : [];
    blocs.push(...constructeurs[s.id](ctx, intertitres(s.numero)));
    return { numero: s.numero, id: s.id, titre: s.titre, blocs };
  });
  return {
    annee,
    annees,
    territoire: { id: d.territoire.id, nom: d.territoire.nom, nomCourt: d.territoire.nomCourt },
    synthetique: d.synthetique,
    essentiel: essentiel(ctx),
    sections,
    tableaux: num.tableaux,
    figures: num.figures,
    avertissements: e.avertissements ?? [],
  };
}

interface Contexte extends EntreesBilan {
  annees: number[];
  num: Numeroteur;
  nom: string;
  petits: number;
}

const SOURCE_CALEOL = (annees: number[]) => `Décisions des commissions d’attribution (CALEOL) ${plage(annees)}, exports des bailleurs ; calculs de l’observatoire, secret statistique appliqué`;
function plage(annees: number[]): string {
  if (annees.length === 0) return '';
  return annees.length === 1 ? String(annees[0]) : `${annees[0]}-${annees.at(-1)}`;
}

/** The year in a few sentences: volume, each EPCI objective with its verdict, ACD, anomalies. */
function essentiel(c: Contexte): string[] {
  const { d, annee } = c;
  const l = anneeDe(d.epci.attributions, annee);
  const phrases: string[] = [];
  if (!l) return phrases;
  phrases.push(`${compte(l, 'attributions')} attributions de logements sociaux en ${annee} sur le territoire du ${c.nom}.`);
  for (const i of INDICATEURS_OBJECTIFS) {
    const o = d.objectifs[i.id];
    if (seuilManquant(i.id, l)) {
      phrases.push(`${i.libelle} : non calculé, le seuil du 1er quartile de ${annee} n’est pas renseigné.`);
      continue;
    }
    const unite = indicateur(i.id).base === 'baux' ? 'baux signés' : 'attributions';
    const nb = i.compte ? `${compte(l, i.compte)} ${unite}, soit ` : '';
    const v = verdictCatalogue(c, i.id, 'epci', l);
    const cible = o && /[✔✘]/.test(v) ? ` ; objectif ${signe(o.sens)} ${pourcent(o.cible)} : ${v.replace(/^[✔✘] /, '')}` : '';
    phrases.push(`${i.libelle} : ${nb}${part(l, i.id, c.petits)}${cible}.`);
  }
  const acd = d.acd.evaluation.filter((x) => Number(x.annee) === annee && x.objectif !== null && x.donnees !== false);
  if (acd.length) {
    const ok = acd.filter((x) => verdictAcd(c, x).startsWith('✔')).length;
    phrases.push(`Accord collectif départemental : ${ok} bailleur${ok > 1 ? 's' : ''} sur ${acd.length} atteignent leur objectif de ${annee}.`);
  }
  const anomalies = d.conventions.filter((x) => x.drapeaux.length > 0).length;
  if (d.conventions.length) phrases.push(`Conventions de réservation en flux : ${anomalies} sur ${d.conventions.length} présentent au moins une anomalie dans le document signé.`);
  return phrases;
}

// ---- 1. Objectives of the CIA for the whole EPCI ----------------------------------------

const INDICATEURS_OBJECTIFS = [
  { id: 'a1', compte: 'prioritaires', libelle: 'Ménages prioritaires' },
  { id: 'a5', compte: 'q1_baux_hors_qpv', libelle: 'Ménages du 1er quartile de ressources (baux signés hors QPV)' },
  { id: 'a5_hors_etudiants', compte: null, libelle: '1er quartile, hors étudiants (suivi de la CIA)' },
  { id: 'a7', compte: 'mutations', libelle: 'Demandeurs de mutation (déjà locataires du parc social)' },
] as const;

function sectionObjectifs(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annees, annee, num } = c;
  const e = d.epci.attributions;
  const blocs: Bloc[] = [];
  const objectifs = INDICATEURS_OBJECTIFS.filter((i) => !indicateur(i.id).variante).map((i) => ({ i, o: d.objectifs[i.id] })).filter((x) => x.o);
  blocs.push({
    type: 'texte',
    texte: `La convention intercommunale d’attribution fixe des objectifs pour l’ensemble du ${c.nom}, toutes communes et tous réservataires confondus : ${objectifs
      .map(({ i, o }) => `${signe(o!.sens)} ${pourcent(o!.cible)} des attributions aux ${i.libelle.toLowerCase().replace(/ \(.*\)$/, '')}`)
      .join(' ; ')}. Les années ${plage(annees)} sont présentées côte à côte.`,
  });
  blocs.push(
    num.tableau({
      titre: `Attributions de logements sociaux par année — ensemble du ${c.nom}`,
      colonnes: ['Attributions', ...annees.map(String)],
      lignes: [
        ['Attributions décidées en CALEOL', ...annees.map((a) => compte(anneeDe(e, a), 'attributions'))],
        ['dont à des ménages prioritaires', ...annees.map((a) => compte(anneeDe(e, a), 'prioritaires'))],
        ['dont à des demandeurs de mutation', ...annees.map((a) => compte(anneeDe(e, a), 'mutations'))],
        ['Baux signés dans l’année (entrées dans les lieux)', ...annees.map((a) => compte(anneeDe(e, a), 'baux'))],
        ['dont hors QPV par des ménages du 1er quartile', ...annees.map((a) => compte(anneeDe(e, a), 'q1_baux_hors_qpv'))],
      ],
      source: SOURCE_CALEOL(annees),
    }),
  );
  blocs.push(
    num.tableau({
      titre: `Les objectifs de la CIA : part des attributions, ${plage(annees)}`,
      colonnes: ['Indicateur', ...annees.map(String), 'Objectif', `En ${annee}`],
      lignes: INDICATEURS_OBJECTIFS.map((i) => {
        const o = d.objectifs[i.id];
        const avecObjectif = o && !indicateur(i.id).variante;
        return [
          indicateur(i.id).libelle,
          ...annees.map((a) => part(anneeDe(e, a), i.id, c.petits)),
          avecObjectif ? `${signe(o.sens)} ${pourcent(o.cible)}` : 'suivi, sans objectif',
          avecObjectif ? verdictCatalogue(c, i.id, 'epci', anneeDe(e, annee)) : '—',
        ];
      }),
      source: `${SOURCE_CALEOL(annees)} ; objectifs : ${[...new Set(objectifs.map(({ o }) => sourceLisible(o!.source)))].join(' ; ')}`,
      note: `Le 1er quartile est compté hors quartiers prioritaires (QPV), comme le prévoit la loi ; la part « hors étudiants » retire les étudiants du numérateur et du dénominateur. « non calculé » : le seuil du 1er quartile de l’année n’est pas renseigné (aucun arrêté antérieur n’est utilisé à sa place). « 9 sur 11 » : part sur moins de ${nombre(c.petits)} cas, donnée en effectifs et sans verdict.`,
    }),
  );
  for (const i of INDICATEURS_OBJECTIFS.filter((x) => x.id !== 'a5_hors_etudiants')) {
    const o = d.objectifs[i.id];
    blocs.push(
      num.figure({
        titre: `${i.libelle} : part des attributions, ${plage(annees)}`,
        libelleValeur: 'Part des attributions',
        unite: 'part',
        cible: o ? { valeur: o.cible, sens: o.sens } : undefined,
        points: annees.map((a) => {
          const l = anneeDe(e, a);
          const nonCalcule = !!l && seuilManquant(i.id, l);
          return { periode: String(a), valeur: nonCalcule ? null : n(l, i.id), secret: estSecret(l, i.id), nonCalcule };
        }),
        source: SOURCE_CALEOL(annees),
      }),
    );
  }

  blocs.push(it('trimestres', `Suivi trimestriel du 1er quartile en ${annee}`));
  blocs.push({
    type: 'texte',
    texte: `L’État transmet chaque trimestre les attributions aux ménages du 1er quartile depuis le 1er janvier. Les chiffres ci-dessous sont ceux des décisions des CALEOL, cumulés de la même façon${c.trimestresEtat?.length ? ', à côté des chiffres transmis par l’État' : ' ; les chiffres de l’État n’ont pas été transmis à l’observatoire pour cette année'}.`,
  });
  const bilanAnnee = d.bilan?.annees.find((x) => x.annee === annee);
  const trimestres = bilanAnnee?.trimestres ?? (annee === d.derniereAnnee ? d.epci.trimestres : []);
  const etat = new Map((c.trimestresEtat ?? []).map((x) => [x.trimestre === 'T4' ? 'annee' : x.trimestre, x]));
  blocs.push(
    num.tableau({
      titre: `Cumul depuis le 1er janvier ${annee}, fin de chaque trimestre — ensemble du ${c.nom}`,
      colonnes: ['Cumul', 'Attributions', '1er quartile (hors QPV)', 'Part du 1er quartile', 'Part hors étudiants', ...(etat.size ? ['Part selon l’État'] : [])],
      lignes: ['T1', 'T2', 'T3', 'annee'].map((p) => {
        const l = trimestres.find((x) => x.periode === p) ?? null;
        const s = etat.get(p);
        const partEtat = s && s.attributions && s.premierQuartile !== null ? pourcent(s.premierQuartile / s.attributions) : '—';
        return [PERIODES[p]!, compte(l, 'attributions'), compte(l, 'q1_baux_hors_qpv'), part(l, 'a5', c.petits), part(l, 'a5_hors_etudiants', c.petits), ...(etat.size ? [partEtat] : [])];
      }),
      source: `${SOURCE_CALEOL([annee])}${etat.size ? ' ; chiffres trimestriels transmis par l’État (services de l’État en Haute-Garonne)' : ''}`,
    }),
  );
  const parAnnee = annees.map((a) => ({ a, lignes: d.bilan?.annees.find((x) => x.annee === a)?.trimestres ?? [] }));
  if (annees.length > 1) {
    blocs.push(
      num.tableau({
        titre: `Part du 1er quartile (hors QPV) en fin de trimestre, ${plage(annees)}`,
        colonnes: ['Cumul', ...annees.map(String)],
        lignes: ['T1', 'T2', 'T3', 'annee'].map((p) => [PERIODES[p]!, ...parAnnee.map(({ lignes }) => part(lignes.find((x) => x.periode === p), 'a5', c.petits))]),
        source: SOURCE_CALEOL(annees),
      }),
    );
  }
  return blocs;
}

// ---- 2. Territoires d'équilibre and the communes named by the CIA -----------------------

function tableauxZones(c: Contexte, zones: { nom: string; attributions: Ligne[] }[], quoi: string, source: string): Bloc[] {
  const { annees, num, d } = c;
  const total = { nom: `Ensemble du ${c.nom}`, attributions: d.epci.attributions };
  const lignes = (k: string, f: (l: Ligne | null, k: string) => string) => [...zones, total].map((z) => [z.nom, ...annees.map((a) => f(anneeDe(z.attributions, a), k))]);
  const taux = (l: Ligne | null, id: string) => part(l, id, c.petits);
  return [
    num.tableau({ titre: `Attributions par ${quoi}, ${plage(annees)}`, colonnes: [quoi.charAt(0).toUpperCase() + quoi.slice(1), ...annees.map(String)], lignes: lignes('attributions', compte), source }),
    num.tableau({ titre: `Part des attributions aux ménages prioritaires par ${quoi}`, colonnes: [quoi.charAt(0).toUpperCase() + quoi.slice(1), ...annees.map(String)], lignes: lignes('a1', taux), source }),
    num.tableau({ titre: `Part des attributions au 1er quartile (hors QPV) par ${quoi}`, colonnes: [quoi.charAt(0).toUpperCase() + quoi.slice(1), ...annees.map(String)], lignes: lignes('a5', taux), source }),
    num.tableau({ titre: `Part des attributions aux demandeurs de mutation par ${quoi}`, colonnes: [quoi.charAt(0).toUpperCase() + quoi.slice(1), ...annees.map(String)], lignes: lignes('a7', taux), source }),
  ];
}

function sectionTerritoires(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annees } = c;
  const source = SOURCE_CALEOL(annees);
  const blocs: Bloc[] = [
    {
      type: 'texte',
      texte: `Les objectifs de la CIA s’appliquent à l’ensemble du ${c.nom} : les parts ci-dessous, par territoire d’équilibre et par commune, décrivent la répartition des attributions et ne sont pas des objectifs par commune. « secret » : trop peu d’attributions (moins de ${c.t.secret.attributionsMin}), ou un chiffre qui permettrait d’en retrouver un autre ; le détail n’est pas publié.`,
    },
    it('territoires-equilibre', 'Les territoires d’équilibre'),
    ...tableauxZones(c, d.territoires.filter((z) => z.code !== '0' || z.attributions.length > 0), 'territoire d’équilibre', source),
  ];
  const suivies = c.communesSuivies;
  if (suivies && suivies.communes.length) {
    const communes = suivies.communes.map((code) => d.communes.find((x) => x.code === code)).filter((x): x is DonneesPages['communes'][number] => !!x);
    blocs.push(it('communes-suivies', 'Les communes les plus urbaines et les plus dotées en logements sociaux'));
    blocs.push({ type: 'texte', texte: `La CIA demande que le bilan annuel mesure l’atteinte des objectifs « ${suivies.citation} » (${sourceLisible(suivies.source)}).` });
    blocs.push(...tableauxZones(c, communes, 'commune', source));
  }
  return blocs;
}

/** The rule of the ACD bilan page (/acd/): A met, or B met on enough attributions (catalogue's decider), else why not. */
function verdictAcd(c: Contexte, l: Ligne): string {
  const objB = { cible: c.cibleAcdB ?? 0.375, sens: '>=' as const, source: 'Accord collectif départemental, indicateur B' };
  if (l.donnees === false) return 'pas encore de données';
  if (l.secret === true) return 'secret';
  const x = decider(indicateur('a1'), 'bailleur', objB, n(l, 'b'), n(l, 'attributions'), c.petits);
  if (l.a_atteint === true) return x.atteint === true ? '✔ oui (A et B)' : '✔ oui (A)';
  if (x.atteint === true) return '✔ oui (B)';
  if (x.raison === 'petit-effectif' || (n(l, 'attributions') === 0 && n(l, 'a') === null)) return 'A non atteint ; B sur trop peu d’attributions : pas de conclusion';
  return '✘ non (ni A ni B)';
}

// ---- 3. Bailleurs against the ACD --------------------------------------------------------

function sectionBailleurs(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annee, num } = c;
  const [debut, fin] = c.t.periodeAcd;
  const blocs: Bloc[] = [
    {
      type: 'texte',
      texte: `L’accord collectif départemental ${debut}-${fin} fixe à chaque bailleur un nombre d’entrées dans les lieux de ménages prioritaires sur le territoire. L’objectif est atteint si ce nombre est atteint (indicateur A) ou si au moins 37,5 % de ses attributions vont à des ménages prioritaires (indicateur B).`,
    },
  ];
  const evalAnnee = d.acd.evaluation.filter((l) => Number(l.annee) === annee);
  if (annee < debut || evalAnnee.length === 0) {
    blocs.push({ type: 'texte', texte: `L’accord collectif départemental s’applique à partir de ${debut} : pas d’évaluation pour ${annee}.` });
    return blocs;
  }
  const sourceAcd = `Accord collectif départemental de la Haute-Garonne ${debut}-${fin} (objectifs par bailleur) ; ${SOURCE_CALEOL([annee])}`;
  const a = (l: Ligne) => (l.donnees === false ? 'pas de données' : estSecret(l, 'a') ? 'secret' : nombre(n(l, 'a')));
  // B on the accord's perimeter, as « n sur d » under the small-number parameter
  const b = (l: Ligne) => (l.donnees === false ? '—' : l.secret === true ? 'secret' : partOuEffectif({ numerateur: n(l, 'prioritaires'), denominateur: n(l, 'attributions') }, c.petits));
  const atteint = (l: Ligne) => verdictAcd(c, l);
  blocs.push(it('acd-annee', `L’objectif de ${annee}`));
  blocs.push(
    num.tableau({
      titre: `Objectif ACD ${annee} par bailleur : entrées de ménages prioritaires (A) ou part des attributions (B)`,
      colonnes: ['Bailleur', 'Objectif (entrées)', 'Entrées de ménages prioritaires (A)', 'Part des attributions aux prioritaires (B)', 'Objectif atteint'],
      lignes: evalAnnee.map((l) => [String(l.bailleur), l.objectif === null ? 'pas d’objectif' : nombre(n(l, 'objectif')), a(l), b(l), l.objectif === null ? '—' : atteint(l)]),
      source: sourceAcd,
      note: provisoireAcd(d, annee),
    }),
  );
  const cumul = d.bilan?.annees.find((x) => x.annee === annee);
  if (cumul && cumul.acdCumul.length && cumul.anneesAcd.length > 0) {
    blocs.push(it('acd-cumul', `Cumul sur les années de l’accord (${plage(cumul.anneesAcd)})`));
    blocs.push(
      num.tableau({
        titre: `Objectif ACD cumulé ${plage(cumul.anneesAcd)} par bailleur`,
        colonnes: ['Bailleur', 'Objectif cumulé', 'Entrées cumulées (A)', 'Part cumulée des prioritaires (B)', 'Objectif atteint', `Avancement sur ${debut}-${fin}`],
        lignes: cumul.acdCumul.map((l) => [
          String(l.bailleur),
          nombre(n(l, 'objectif_cumule')),
          a(l),
          b(l),
          atteint(l),
          estSecret(l, 'taux_a_periode') ? 'secret' : n(l, 'taux_a_periode') === null ? '—' : `${pourcent(n(l, 'taux_a_periode'))} de ${nombre(n(l, 'objectif_periode'))}`,
        ]),
        source: sourceAcd,
        note: 'Avancement : entrées cumulées rapportées à l’objectif de toute la durée de l’accord.',
      }),
    );
  }
  const anneesAcd = c.annees.filter((x) => x >= debut && x <= fin);
  if (anneesAcd.length > 1) {
    const bailleurs = [...new Set(d.acd.evaluation.filter((l) => anneesAcd.includes(Number(l.annee))).map((l) => String(l.bailleur)))];
    blocs.push(
      num.tableau({
        titre: `Objectif ACD atteint, par année`,
        colonnes: ['Bailleur', ...anneesAcd.map(String)],
        lignes: bailleurs.map((bl) => [bl, ...anneesAcd.map((an) => {
          const l = d.acd.evaluation.find((x) => Number(x.annee) === an && x.bailleur === bl);
          return !l || l.objectif === null ? '—' : atteint(l);
        })]),
        source: sourceAcd,
      }),
    );
  }
  return blocs;
}

/** ACD l.6563: year N frozen at 31 March N+1; before that, the exports' figures are provisional (src/model/acd/arrete.ts). */
function provisoireAcd(d: DonneesPages, annee: number): string | undefined {
  const a = d.acd.arrete?.annees.find((x) => x.annee === annee);
  return a && !a.definitif ? phraseArrete(a, d.acd.arrete!.jusquAu) : undefined;
}

// ---- 4. Réservataires: priority share and reservation flux ------------------------------

function sectionReservataires(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annee, annees, num } = c;
  const o = d.objectifs.a4;
  const blocs: Bloc[] = [];
  blocs.push(it('contingents', 'Part des ménages prioritaires par réservataire'));
  blocs.push({
    type: 'texte',
    texte: `Chaque réservataire consacre ${o ? `au moins ${pourcent(o.cible, 0)}` : 'une part'} des attributions de son contingent aux ménages prioritaires.`,
  });
  const parAnnee = new Map(annees.map((a) => [a, d.bilan?.annees.find((x) => x.annee === a)?.contingents ?? (a === d.derniereAnnee ? d.epci.contingents : [])]));
  const contingents = [...new Set([...parAnnee.values()].flat().map((l) => String(l.contingent)))];
  blocs.push(
    num.tableau({
      titre: `Part des attributions aux ménages prioritaires par réservataire, ${plage(annees)}`,
      colonnes: ['Réservataire (contingent)', ...annees.map(String), ...(o ? ['Objectif', `En ${annee}`] : [])],
      lignes: contingents.map((k) => {
        const l = (a: number) => parAnnee.get(a)?.find((x) => x.contingent === k) ?? null;
        return [
          CONTINGENTS[k] ?? k,
          ...annees.map((a) => part(l(a), 'a4', c.petits)),
          ...(o ? [`${signe(objectifDe(d, 'a4', k)!.sens)} ${pourcent(objectifDe(d, 'a4', k)!.cible, 0)}`, verdictCatalogue(c, 'a4', 'reservataire', l(annee), k)] : []),
        ];
      }),
      source: `${SOURCE_CALEOL(annees)}${o ? ` ; objectif : ${sourceLisible(o.source)}` : ''}`,
    }),
  );

  blocs.push(it('conventions', 'Les conventions de réservation en flux'));
  if (d.conventions.length === 0) {
    blocs.push({ type: 'texte', texte: 'Aucune convention de réservation en flux n’a été transmise à l’observatoire.' });
    return blocs;
  }
  const dec = (x: number | null) => (x === null ? '—' : nombre(x, 3));
  const secret = (x: number | null) => (x === null ? 'secret' : nombre(x, 3));
  blocs.push({
    type: 'texte',
    texte: 'Le flux annuel dû au réservataire est imprimé dans chaque convention signée ; l’observatoire le recalcule à partir des chiffres de la convention (logements du réservataire × taux de rotation du bailleur) et signale les écarts.',
  });
  blocs.push(
    num.tableau({
      titre: 'Flux des conventions de réservation : imprimé et recalculé',
      colonnes: ['Réservataire', 'Bailleur', 'Année', 'Flux imprimé', 'Flux recalculé', 'Flux contractuel', 'dont ménages prioritaires'],
      lignes: d.conventions.map((x) => [x.reservataire, x.bailleur, String(x.annee), x.fluxImprime ?? 'non imprimé', dec(x.fluxBrut), x.fluxContractuel, dec(x.prioritairesBrut)]),
      source: 'Conventions de réservation signées et leurs états des lieux (délibérations des communes) ; recalcul de l’observatoire',
    }),
  );
  const anomalies = d.conventions.flatMap((x) => x.drapeaux.map((f) => [`${x.reservataire} — ${x.bailleur}`, LIBELLES_DRAPEAUX[f.code] ?? 'Écart', f.message]));
  if (anomalies.length) {
    blocs.push(
      num.tableau({
        titre: 'Anomalies relevées dans les conventions signées',
        colonnes: ['Convention', 'Anomalie', 'Détail'],
        lignes: anomalies,
        source: 'Conventions de réservation signées (annexe 1 et état des lieux) ; contrôle de l’observatoire',
      }),
    );
  } else {
    blocs.push({ type: 'texte', texte: 'Aucune anomalie relevée dans les conventions signées.' });
  }
  const bilans = (d.bilansFlux?.bilans ?? []).flatMap((b) => b.annees.filter((a) => a.annee === annee).map((a) => ({ b, a })));
  if (bilans.length) {
    blocs.push(
      num.tableau({
        titre: `Bilan ${annee} des conventions : objectif avec report, réalisé`,
        colonnes: ['Réservataire', 'Bailleur', 'Report des années précédentes', 'Flux de l’année', 'Objectif', 'Réalisé', 'Report sur l’année suivante', 'Ménages prioritaires'],
        // an empty figure of a bilan is withheld by the statistical secret (src/publish/bilan-flux.ts)
        lignes: bilans.map(({ b, a }) => [
          b.reservataire, b.bailleur, secret(a.report_entrant), dec(a.flux), secret(a.objectif), a.realise === null ? 'secret' : nombre(a.realise), secret(a.report_sortant),
          a.secret_prioritaires || a.attributions === null ? 'secret' : a.prioritaires === null ? '—' : `${nombre(a.prioritaires)} sur ${nombre(a.attributions)}`,
        ]),
        source: `Conventions de réservation signées ; ${SOURCE_CALEOL([annee])}`,
        note: 'Réalisé : logements attribués sur le contingent du réservataire (baux signés). Report : part du flux non encore due en logement entier, reportée d’une année sur l’autre.',
      }),
    );
  }
  return blocs;
}

// ---- 5. Follow-up indicators of the CIA ---------------------------------------------------

function sectionSuivi(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annee, annees, num } = c;
  const e = d.epci.attributions;
  const dec = (a: number) => d.decisions.parAnnee.find((l) => Number(l.annee) === a) ?? null;
  // proposals not classified against the 1st quartile (threshold of the year missing): no count
  const seuilInconnu = (a: number) => (n(dec(a), 'propositions_q1_inconnu') ?? 0) > 0;
  const blocs: Bloc[] = [
    {
      type: 'texte',
      texte: 'La CIA liste les indicateurs de suivi de l’accueil des ménages fragiles hors QPV (objectif 2, « Mettre en place des indicateurs de suivi ») : ils sont repris ci-dessous dans son ordre, pour l’ensemble du territoire puis par commune.',
    },
    num.tableau({
      titre: `Indicateurs de suivi de la CIA, ${plage(annees)}`,
      colonnes: ['Indicateur', ...annees.map(String), 'Source'],
      lignes: [
        ['Attributions', ...annees.map((a) => compte(anneeDe(e, a), 'attributions')), 'CALEOL'],
        ['dont mutations', ...annees.map((a) => compte(anneeDe(e, a), 'mutations')), 'CALEOL'],
        ['Refus des demandeurs', ...annees.map((a) => compte(dec(a), 'refus')), 'CALEOL'],
        ['Baux signés au 1er quartile (hors QPV)', ...annees.map((a) => compte(anneeDe(e, a), 'q1_baux_hors_qpv')), 'CALEOL'],
        ['Propositions en CALEOL au 1er quartile', ...annees.map((a) => (seuilInconnu(a) ? NON_CALCULE : compte(dec(a), 'propositions_q1'))), 'CALEOL'],
        ['Attributions aux ménages prioritaires', ...annees.map((a) => compte(anneeDe(e, a), 'prioritaires')), 'CALEOL'],
        ['Propositions aux ménages prioritaires', ...annees.map((a) => compte(dec(a), 'propositions_prioritaires')), 'CALEOL'],
        ['Propositions de mutation en CALEOL', ...annees.map((a) => compte(dec(a), 'propositions_mutations')), 'CALEOL'],
        ['Motifs des mutations', ...annees.map(() => 'non transmis'), 'bailleurs'],
      ],
      source: SOURCE_CALEOL(annees),
      note: 'Une proposition : un candidat examiné en CALEOL pour un logement (attribution, classée ou non, ou non-attribution). Les motifs des mutations ne figurent pas dans les exports reçus par l’observatoire.',
    }),
  ];
  blocs.push(it('refus', 'Refus des demandeurs et leurs motifs'));
  const motifs = new Map(annees.map((a) => [a, d.bilan?.annees.find((x) => x.annee === a)?.refusParMotif ?? (a === d.derniereAnnee ? d.decisions.refusParMotif : [])]));
  const modalites = [...new Set([...motifs.values()].flat().map((l) => String(l.modalite)))];
  blocs.push(
    num.tableau({
      titre: `Refus des demandeurs par motif, ${plage(annees)}`,
      colonnes: ['Motif', ...annees.map(String)],
      lignes: modalites.map((m) => [m.charAt(0).toUpperCase() + m.slice(1), ...annees.map((a) => {
        const l = motifs.get(a)?.find((x) => x.modalite === m);
        return l ? `${compte(l, 'refus')}${n(l, 'part') !== null ? ` (${pourcent(n(l, 'part'), 0)})` : ''}` : '—';
      })]),
      source: SOURCE_CALEOL(annees),
    }),
  );
  blocs.push(it('communes', `Par commune, ${annee}`));
  const lignes = d.communes.map((z) => {
    const l = anneeDe(z.attributions, annee);
    return [z.nom, compte(l, 'attributions'), compte(l, 'mutations'), compte(l, 'refus'), compte(l, 'q1_baux_hors_qpv'), compte(l, 'prioritaires')];
  });
  const t = anneeDe(e, annee);
  blocs.push(
    num.tableau({
      titre: `Indicateurs de suivi par commune du logement attribué, ${annee}`,
      colonnes: ['Commune', 'Attributions', 'dont mutations', 'Refus des demandeurs', 'Baux signés au 1er quartile (hors QPV)', 'Attributions aux prioritaires'],
      lignes: [...lignes, [`Ensemble du ${c.nom}`, compte(t, 'attributions'), compte(t, 'mutations'), compte(t, 'refus'), compte(t, 'q1_baux_hors_qpv'), compte(t, 'prioritaires')]],
      source: SOURCE_CALEOL([annee]),
      note: `« secret » : trop peu d’attributions dans la commune (moins de ${c.t.secret.attributionsMin}), ou un chiffre qui permettrait d’en retrouver un autre ; le détail n’est pas publié. Les propositions en CALEOL ne sont pas rattachées à une commune dans les exports.`,
    }),
  );
  return blocs;
}

// ---- 6. Occupation and fragility ----------------------------------------------------------

function sectionOccupation(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annee, num } = c;
  const occ = d.bilan?.occupation ?? (d.epci.occupation ? [d.epci.occupation] : []);
  const vagues = [...new Set(occ.map((l) => Number(l.vague)))].filter((v) => v <= annee).sort();
  const blocs: Bloc[] = [
    {
      type: 'texte',
      texte: `L’enquête sur l’occupation du parc social (OPS) a lieu tous les deux ans. Un ménage est dit fragile quand il cumule plusieurs critères de fragilité (ressources, emploi, composition familiale) ; les parts se calculent sur les ménages qui ont répondu. Enquêtes disponibles : ${vagues.join(', ') || 'aucune'}.`,
    },
  ];
  if (vagues.length === 0) return blocs;
  const epci = (v: number) => occ.find((l) => l.niveau === 'epci' && Number(l.vague) === v) ?? null;
  const source = `Enquête sur l’occupation du parc social (OPS) ${vagues.join(', ')} ; calculs de l’observatoire, secret statistique appliqué`;
  blocs.push(
    num.tableau({
      titre: `Occupation du parc social et fragilité des ménages — ensemble du ${c.nom}`,
      colonnes: ['Enquête OPS', ...vagues.map(String)],
      lignes: [
        ['Ménages enquêtés', ...vagues.map((v) => compte(epci(v), 'menages'))],
        ['Taux de réponse', ...vagues.map((v) => partSimple(epci(v), 'taux_reponse'))],
        ['Part des ménages fragiles', ...vagues.map((v) => partSimple(epci(v), 'part_fragiles'))],
        ...[0, 1, 2, 3].map((k) => [`Niveau de fragilité ${k}`, ...vagues.map((v) => partSimple(epci(v), `part_niveau_${k}`))]),
      ],
      source,
    }),
  );
  blocs.push(
    num.tableau({
      titre: 'Part des ménages fragiles par territoire d’équilibre',
      colonnes: ['Territoire d’équilibre', ...vagues.map(String)],
      lignes: d.territoires.map((z) => [z.nom, ...vagues.map((v) => partSimple(occ.find((l) => l.niveau === 'territoire' && String(l.code) === z.code && Number(l.vague) === v), 'part_fragiles'))]),
      source,
      note: `« secret » : trop peu de ménages (moins de ${c.t.secret.menagesOpsMin}), ou un chiffre qui permettrait d’en retrouver un autre ; le détail n’est pas publié.`,
    }),
  );
  blocs.push(it('residences', 'Les résidences à enjeux'));
  const enjeux = c.t.residencesEnjeux;
  if (enjeux.length === 0) {
    blocs.push({ type: 'texte', texte: 'La CIA ne désigne pas de résidence à enjeux sur ce territoire.' });
    return blocs;
  }
  const norm = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  blocs.push({ type: 'texte', texte: 'La CIA désigne des résidences à suivre ; l’enquête OPS la plus récente est rapprochée de chacune quand elle y est publiée.' });
  blocs.push(
    num.tableau({
      titre: 'Résidences à enjeux désignées par la CIA',
      colonnes: ['Commune', 'Résidence', 'Mention de la CIA', 'Ménages enquêtés (OPS)', 'Part des ménages fragiles'],
      lignes: enjeux.map((r) => {
        const z = d.communes.find((x) => x.code === r.codeInsee);
        const nomR = norm(r.residence.replace(/\(.*\)/, ''));
        const l = z?.residences.find((x) => norm(String(x.code).split('·').slice(1).join(' ')).includes(nomR) || nomR.includes(norm(String(x.code).split('·').slice(1).join(' ')) || '§')) ?? null;
        return [r.commune, r.residence, r.mention, l ? compte(l, 'menages') : 'non publiée', l ? partSimple(l, 'part_fragiles') : '—'];
      }),
      source: `Convention intercommunale d’attribution ; ${source}`,
    }),
  );
  return blocs;
}

// ---- 7. Demand and pressure ---------------------------------------------------------------

function sectionDemande(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annee, num } = c;
  const dem = d.demande;
  if (!dem?.fournie) return [{ type: 'texte', texte: 'L’extrait du fichier partagé de la demande n’a pas été transmis à l’observatoire : la demande et la pression ne sont pas présentées.' }];
  const annees = dem.annees.filter((a) => a <= annee);
  const l = (a: number) => dem.epci.find((x) => Number(x.annee) === a) ?? null;
  const ratio = (x: Ligne | null, k: string) => (!x ? '—' : estSecret(x, k) ? 'secret' : nombre(n(x, k), 1));
  const delai = (x: Ligne | null) => (!x ? '—' : x.secret_delai === true && n(x, 'd4') === null ? 'secret' : n(x, 'd4') === null ? '—' : `${nombre(n(x, 'd4'), 1)} mois`);
  const source = `Fichier partagé de la demande de logement social (extrait) ${plage(annees)} ; ${SOURCE_CALEOL(annees)}`;
  const blocs: Bloc[] = [
    { type: 'texte', texte: 'La pression rapporte le nombre de demandes en cours au nombre d’attributions de l’année : plus elle est forte, plus l’attente est longue.' },
    num.tableau({
      titre: `Demande et pression, ${plage(annees)} — ensemble du ${c.nom}`,
      colonnes: ['Demande', ...annees.map(String)],
      lignes: [
        ['Demandeurs', ...annees.map((a) => compte(l(a), 'demandeurs'))],
        ['dont ménages prioritaires', ...annees.map((a) => compte(l(a), 'prioritaires'))],
        ['dont demandeurs de mutation', ...annees.map((a) => compte(l(a), 'mutations'))],
        ['Attributions', ...annees.map((a) => compte(l(a), 'attributions'))],
        ['Demandes pour une attribution', ...annees.map((a) => ratio(l(a), 'd3'))],
        ['Demandes pour une attribution, hors étudiants', ...annees.map((a) => ratio(l(a), 'd3_hors_etudiants'))],
        ['Délai moyen d’attente des demandeurs satisfaits', ...annees.map((a) => delai(l(a)))],
      ],
      source,
    }),
    num.figure({
      titre: `Demandes pour une attribution, ${plage(annees)}`,
      libelleValeur: 'Demandes pour une attribution',
      unite: 'nombre',
      points: annees.map((a) => ({ periode: String(a), valeur: n(l(a), 'd3'), secret: estSecret(l(a), 'd3') })),
      source,
    }),
  ];
  const terr = dem.territoires.filter((x) => Number(x.annee) === annee);
  if (terr.length) {
    blocs.push(it('demande-territoires', `Par territoire d’équilibre, ${annee}`));
    blocs.push(
      num.tableau({
        titre: `Demande et pression par territoire d’équilibre, ${annee}`,
        colonnes: ['Territoire d’équilibre', 'Demandeurs', 'Attributions', 'Demandes pour une attribution', 'Délai moyen d’attente'],
        lignes: d.territoires.map((z) => {
          const x = terr.find((y) => String(y.code) === z.code) ?? null;
          return [z.nom, compte(x, 'demandeurs'), compte(x, 'attributions'), ratio(x, 'd3'), delai(x)];
        }),
        source,
      }),
    );
  }
  return blocs;
}

const APPORTS_SOURCES: Record<string, string> = {
  cia: 'objectifs d’attribution, territoires d’équilibre, communes et résidences suivies',
  acd: 'objectifs de relogement des ménages prioritaires par bailleur',
  communes: 'codes et populations des communes',
};

// ---- 8. Data quality and methodology ------------------------------------------------------

function sectionQualite(c: Contexte, it: ReturnType<typeof intertitres>): Bloc[] {
  const { d, annees, num, t } = c;
  const blocs: Bloc[] = [it('sources', 'Sources')];
  blocs.push(
    num.tableau({
      titre: 'Sources du bilan',
      colonnes: ['Source', 'Années', 'Ce qu’elle apporte'],
      lignes: [
        ['Décisions des commissions d’attribution (CALEOL), exports des bailleurs', plage(annees), 'attributions, propositions, refus, ménages prioritaires, 1er quartile, mutations'],
        ['Répertoire des logements locatifs sociaux (RPLS)', String(d.millesime ?? '—'), 'parc au 1er janvier, rotation'],
        ['Enquête sur l’occupation du parc social (OPS)', String(d.vague ?? '—'), 'ménages logés, fragilité'],
        ['Fichier partagé de la demande (extrait)', d.demande?.fournie ? plage(d.demande.annees) : 'non transmis', 'demandeurs, pression, délais'],
        ['Conventions de réservation signées', d.conventions.length ? [...new Set(d.conventions.map((x) => x.annee))].sort().join(', ') : 'aucune', 'flux dus aux réservataires'],
        // the signed texts' line numbers stay in the configuration, not on the page
        ...Object.entries(d.sources).map(([k, s]) => [k === 'communes' ? 'Code officiel géographique (INSEE)' : s.replace(/,?\s*\bl\.\s?\d{3,5}(?:\s?[-–,]\s?\d{3,5})*/g, ''), '', APPORTS_SOURCES[k] ?? 'références du territoire']),
      ],
      source: 'Observatoire de la Conférence intercommunale du logement',
    }),
  );
  blocs.push(it('definitions', 'Définitions et objectifs'));
  const NIVEAUX: Record<string, string> = { epci: `l’ensemble du ${c.nom}`, bailleur: 'chaque bailleur', reservataire: 'chaque réservataire' };
  blocs.push(
    num.tableau({
      titre: 'Définition des indicateurs d’attribution',
      colonnes: ['Indicateur', 'Définition', 'Source', 'Objectif et niveau où il s’applique'],
      lignes: TOUS.filter((i) => !i.qpvSeulement || d.territoire.aDesQpv).map((i) => {
        const o = objectifDe(d, i.id);
        const objectif = i.variante
          ? `pas d’objectif : ${i.variante.pourquoi}`
          : o && i.objectif
            ? `${signe(o.sens)} ${pourcent(o.cible)}, pour ${i.objectif.niveaux.map((x) => NIVEAUX[x] ?? x).join(' et pour ')} ; jamais commune par commune`
            : 'pas d’objectif : indicateur de suivi';
        return [i.libelle, i.definition, sourceLisible(i.source), objectif];
      }),
      source: 'Méthodologie de l’observatoire',
    }),
  );
  blocs.push(it('secret', 'Secret statistique'));
  blocs.push({
    type: 'texte',
    texte: `Aucun ménage ne doit pouvoir être reconnu. Une case de moins de ${t.secret.attributionsMin} attributions ou de moins de ${t.secret.menagesOpsMin} ménages enquêtés n’est pas publiée (« secret »), ainsi que les cases qui permettraient de la recalculer par différence. Tous les chiffres de ce bilan sont tirés des tableaux publiés par l’observatoire, après application de ce secret ; chaque tableau et chaque figure se télécharge au format CSV.`,
  });
  const q = d.qualite;
  blocs.push(it('qualite-donnees', 'Qualité des données reçues'));
  if (q && q.bilans.length) {
    blocs.push(
      num.tableau({
        titre: 'Fichiers reçus : lignes lues, retenues et écartées',
        colonnes: ['Fichier', 'Lignes lues', 'Retenues', 'Écartées', 'Hors du territoire', 'Avertissements'],
        lignes: q.bilans.map((b) => [b.fichier, nombre(b.lignesLues), nombre(b.chargees), nombre(b.rejetees), nombre(b.horsPerimetre), nombre(b.avertissements)]),
        source: 'Contrôle des fichiers par l’observatoire',
        note: q.anomaliesTotal ? `${nombre(q.anomaliesTotal)} anomalie(s) relevée(s) ; le détail figure sur la page « Qualité des données » du site.` : 'Aucune anomalie relevée.',
      }),
    );
  } else {
    blocs.push({ type: 'texte', texte: 'Le rapport de contrôle des fichiers n’est pas disponible.' });
  }
  if (d.synthetique) {
    blocs.push({ type: 'texte', texte: 'Ce bilan est établi sur des données synthétiques, générées pour démonstration : les objectifs, seuils et communes sont réels, les attributions et les ménages ne le sont pas.' });
  }
  return blocs;
}
