// Audit of the statistical secret by linear programming (HiGHS, WebAssembly): for every
// sensitive hidden cell (1 to threshold − 1 units, published or implicit) and every other hidden
// published cell, how far can it move while every published number stays as published and every
// count stays ≥ 0? Rule (docs/secret-statistique.md): a sensitive cell is protected when
// max − min ≥ its threshold (otherwise the reader can narrow it to fewer values — which includes
// pinning it, and an interval inside 1..threshold − 1), another hidden cell when it is not pinned;
// else the build must not publish.
//
// The system splits into connected components (cells linked by an equation with both unknown);
// each component is solved alone. Two "batch" LPs per component push every checked cell up
// (resp. down) by up to its requirement at once; only cells the batches could not move enough
// get their own max and min LPs (the exact interval, reported on failure). The repairs
// (protegerSysteme) start from interval propagation, much cheaper, which finds most leaks.
import loadHighs from 'highs';
import { meilleurVoisin, POIDS_PROTEGE, POIDS_SOMMET, secretSecondaire, voisinAMasquer, type SystemeSecret, type Voisin } from './systeme-secret.ts';
import { Alea } from '../generate/random.ts';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromesse: Promise<Highs> | null = null;
const highs = (): Promise<Highs> => (highsPromesse ??= loadHighs());

export interface Fuite {
  cellule: number;
  libelle: string;
  seuil: number;
  min: number;
  max: number;
  equations: string[];
  /**
   * Equations that bind the cell's minimum or maximum: non-zero dual values in its exact LP, or the equations
   * interval propagation derived its bounds from. Hiding a visible cell of one of them relaxes what pins the cell.
   */
  liantes?: number[];
}

export interface RapportAudit {
  /** hidden cells (published ones) and unknown implicit counts */
  masquees: number;
  implicites: number;
  /** sensitive cells checked */
  verifiees: number;
  /** other hidden published cells checked (they must not be pinned) */
  autresVerifiees: number;
  composantes: number;
  plusGrandeComposante: number;
  /** sensitive cells of components too large for the LP, bounded by propagation only: no leak found, none proven either */
  nonProuvees: number;
  /** individual LPs solved (cells the batches could not settle) */
  lpIndividuels: number;
  /** narrowest interval width found among the checked cells (batch lower bound or exact) */
  largeurMin: number | null;
  fuites: Fuite[];
  /** components whose answer was taken from the previous audit of the same system (unchanged since) */
  reprises: number;
  ms: number;
}

const EPS = 1e-6;

/** Union-find components of the unknown cells, linked by the equations they share. */
export function composantes(s: SystemeSecret): number[][] {
  const parent = new Int32Array(s.nbCellules).map((_, i) => i);
  const racine = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]!]!;
      i = parent[i]!;
    }
    return i;
  };
  for (let e = 0; e < s.nbEquations; e++) {
    let premier = -1;
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
      const c = s.eqCellule[k]!;
      if (!s.masque[c]) continue;
      if (premier < 0) premier = c;
      else {
        const a = racine(premier);
        const b = racine(c);
        if (a !== b) parent[a] = b;
      }
    }
  }
  const index = new Map<number, number>();
  const cellules: number[][] = [];
  for (let i = 0; i < s.nbCellules; i++) {
    if (!s.masque[i]) continue;
    const r = racine(i);
    let k = index.get(r);
    if (k === undefined) {
      k = cellules.length;
      index.set(r, k);
      cellules.push([]);
    }
    cellules[k]!.push(i);
  }
  return cellules;
}

interface Lp {
  n: number;
  starts: number[];
  indices: number[];
  values: number[];
  lower: number[];
  upper: number[];
}

/** Above TAILLE_LOT unknowns, no LP at all (one LP of 75 000 unknowns takes minutes in WebAssembly): propagation. */
const TAILLE_LOT = 5000;
/** Batch LPs repeated on the cells still in doubt, at most this many times (and stopped after a pass that proves fewer than PROUVEES_PAR_PASSE). */
const PASSES_LOT = 24;
const PROUVEES_PAR_PASSE = 10;

/**
 * LP columns of a block: its cells plus every implicit count of the equations it touches
 * (an implicit count appears in one equation only: freeing it conflicts with nothing);
 * every other cell keeps its value. A solution of this LP is a solution of the whole system,
 * so the widths it finds are proven (never wider than the truth).
 */
function restriction(s: SystemeSecret, bloc: number[]): { colonne: Map<number, number>; eqs: number[] } {
  const colonne = new Map<number, number>();
  for (const c of bloc) colonne.set(c, colonne.size);
  const vues = new Set<number>();
  const eqs: number[] = [];
  for (const c of bloc) {
    for (const e of s.equationsDe(c)) {
      if (vues.has(e)) continue;
      vues.add(e);
      eqs.push(e);
      for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
        const x = s.eqCellule[k]!;
        if (s.masque[x] && !s.publiee[x] && !colonne.has(x)) colonne.set(x, colonne.size);
      }
    }
  }
  return { colonne, eqs };
}

const fuite = (s: SystemeSecret, c: number, min: number, max: number, liantes?: number[]): Fuite => ({
  cellule: c,
  // written when read (the refusal's message, the tests): a national system's leaks during the repairs are
  // tens of thousands, and an equation summing 1 255 EPCIs is a long text
  get libelle() {
    return s.libelle(c);
  },
  seuil: s.exigence(c),
  min: arrondi(min),
  max: arrondi(max),
  get equations() {
    return Array.from(s.equationsDe(c), (e) => s.libelleEquation(e));
  },
  ...(liantes ? { liantes } : {}),
});

const brouillons = new WeakMap<SystemeSecret, { lo: Float64Array; hi: Float64Array; enFile: Uint8Array }>();
function brouillon(s: SystemeSecret) {
  let b = brouillons.get(s);
  if (!b || b.lo.length !== s.nbCellules || b.enFile.length !== s.nbEquations) {
    b = { lo: new Float64Array(s.nbCellules), hi: new Float64Array(s.nbCellules), enFile: new Uint8Array(s.nbEquations) };
    brouillons.set(s, b);
  }
  return b;
}

/**
 * Interval propagation over the component's equations (each unknown ≥ 0): every equation
 * bounds each of its unknowns by the bounds of the others, to a fixpoint. The intervals
 * contain the true ones. Pushes a leak for every checked cell narrower than its threshold;
 * returns how many checked cells it could not prove either way.
 */
function propager(s: SystemeSecret, cs: number[], verifiees: number[], fuites: Fuite[], noter: (c: number, l: number) => void): number {
  // the equations that set each cell's final lower and upper bounds: what pins a leak, to relax (its « binding » equations)
  const raisonBas = new Map<number, number>();
  const raisonHaut = new Map<number, number>();
  // arrays over the whole system, allocated once per system: a component reads and writes only its own cells
  // and equations (a national system has 100 000 components: one allocation each was quadratic)
  const { lo, hi, enFile } = brouillon(s);
  for (const c of cs) {
    lo[c] = 0;
    hi[c] = Infinity;
  }
  const eqs = restriction(s, cs).eqs;
  const file = [...eqs];
  for (const e of eqs) enFile[e] = 1;
  let pas = 0;
  for (let tete = 0; tete < file.length && pas++ < 5_000_000; tete++) {
    const e = file[tete]!;
    enFile[e] = 0;
    // Σ a_k x_k = rhs over the unknowns
    let rhs = 0;
    const inc: number[] = [];
    const coef: number[] = [];
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
      const c = s.eqCellule[k]!;
      if (s.masque[c]) {
        inc.push(c);
        coef.push(s.eqCoef[k]!);
      } else rhs -= s.eqCoef[k]! * s.valeur[c]!;
    }
    // min and max of Σ a_k x_k over all unknowns, then each one's bound from the rest
    let sMin = 0;
    let sMax = 0;
    for (let q = 0; q < inc.length; q++) {
      const a = coef[q]!;
      const l = lo[inc[q]!]!;
      const u = hi[inc[q]!]!;
      sMin += a > 0 ? a * l : a * u;
      sMax += a > 0 ? a * u : a * l;
    }
    for (let q = 0; q < inc.length; q++) {
      const c = inc[q]!;
      const a = coef[q]!;
      const l = lo[c]!;
      const u = hi[c]!;
      // rest = Σ others ∈ [sMin − own min, sMax − own max]; a·x = rhs − rest
      const ownMin = a > 0 ? a * l : a * u;
      const ownMax = a > 0 ? a * u : a * l;
      const restMin = sMin - ownMin;
      const restMax = sMax - ownMax;
      let nl = l;
      let nu = u;
      if (a > 0) {
        if (Number.isFinite(restMax)) nl = Math.max(l, (rhs - restMax) / a);
        if (Number.isFinite(restMin)) nu = Math.min(u, (rhs - restMin) / a);
      } else {
        if (Number.isFinite(restMin)) nl = Math.max(l, (rhs - restMin) / a);
        if (Number.isFinite(restMax)) nu = Math.min(u, (rhs - restMax) / a);
      }
      // counts are whole numbers: bounds round inwards (and the propagation ends)
      nl = Math.ceil(nl - EPS);
      if (Number.isFinite(nu)) nu = Math.floor(nu + EPS);
      if (nl > l || nu < u) {
        lo[c] = nl;
        hi[c] = nu;
        if (nl > l) raisonBas.set(c, e);
        if (nu < u) raisonHaut.set(c, e);
        for (const f of s.equationsDe(c)) {
          if (!enFile[f]) {
            enFile[f] = 1;
            file.push(f);
          }
        }
      }
    }
  }
  // the equations a bound was derived from, as the LP's non-zero duals would give them: the one that set it, then
  // those that set the bounds of the other unknowns it used (lower or upper, by the signs), up to a few dozen
  const expliquer = (c: number, haut: boolean, out: Set<number>) => {
    const e = (haut ? raisonHaut : raisonBas).get(c);
    if (e === undefined || out.has(e) || out.size >= 40) return;
    out.add(e);
    let a = 0;
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) if (s.eqCellule[k] === c) a = s.eqCoef[k]!;
    // c's upper bound came from the others' minimum when a > 0 (their maximum when a < 0), its lower bound the reverse
    const parMin = haut === a > 0;
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
      const x = s.eqCellule[k]!;
      if (x === c || !s.masque[x]) continue;
      const b = s.eqCoef[k]!;
      expliquer(x, parMin ? b < 0 : b > 0, out);
    }
  };
  // left as found when the step budget stopped the propagation early
  for (const e of file) enFile[e] = 0;
  let nonProuvees = 0;
  for (const c of verifiees) {
    const l = hi[c]! - lo[c]!;
    if (l < s.exigence(c) - EPS) {
      noter(c, l);
      const liantes = new Set<number>();
      expliquer(c, false, liantes);
      expliquer(c, true, liantes);
      fuites.push(fuite(s, c, lo[c]!, hi[c]!, [...liantes]));
    } else nonProuvees++;
  }
  return nonProuvees;
}

/** Rows of the component's equations over its unknown cells (visible cells moved to the right-hand side). */
function lignesEquations(s: SystemeSecret, colonne: Map<number, number>, eqs: number[]): Lp {
  const lp: Lp = { n: colonne.size, starts: [0], indices: [], values: [], lower: [], upper: [] };
  for (const e of eqs) {
    let rhs = 0;
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
      const c = s.eqCellule[k]!;
      const j = colonne.get(c);
      if (j === undefined) rhs -= s.eqCoef[k]! * s.valeur[c]!;
      else {
        lp.indices.push(j);
        lp.values.push(s.eqCoef[k]!);
      }
    }
    lp.starts.push(lp.indices.length);
    lp.lower.push(rhs);
    lp.upper.push(rhs);
  }
  return lp;
}

function modele(h: Highs, lp: Lp, nbCols: number, cout: number[], colUpper: number[], maximiser: boolean, colLower?: number[]) {
  const m = h.createModel({
    numCols: nbCols,
    numRows: lp.lower.length,
    sense: maximiser ? h.constants.objectiveSense.maximize : h.constants.objectiveSense.minimize,
    offset: 0,
    colCost: cout,
    colLower: colLower ?? new Array<number>(nbCols).fill(0),
    colUpper,
    rowLower: lp.lower,
    rowUpper: lp.upper,
    matrix: { format: 'csr', numRows: lp.lower.length, numCols: nbCols, starts: lp.starts, indices: lp.indices, values: lp.values },
  });
  m.options.set({ output_flag: false });
  return m;
}

function resoudre(m: ReturnType<Highs['createModel']>, h: Highs, quoi: string): void {
  m.run();
  const st = m.getModelStatus();
  if (st !== h.constants.modelStatus.optimal && st !== h.constants.modelStatus.unbounded) {
    throw new Error(`audit du secret statistique : programme linéaire non résolu (${quoi}, statut ${st})`);
  }
}

/**
 * Batch LP: one copy of the component, plus for each checked cell i a variable t_i ≤ its requirement with
 * t_i ≤ x_i − v_i (haut) or t_i ≤ v_i − x_i (bas); maximise Σ w_i·t_i. t_i = how far cell i was moved in that
 * direction. The model is built once per component and direction and solved again for each pass with other
 * weights (the simplex starts from the previous optimum): a cell already proven gets weight 0 (its t_i, free
 * below, then constrains nothing).
 */
function creerLot(h: Highs, s: SystemeSecret, base: Lp, cellules: number[], colonne: Map<number, number>, haut: boolean) {
  const n = base.n;
  const k = cellules.length;
  const lp: Lp = { ...base, starts: [...base.starts], indices: [...base.indices], values: [...base.values], lower: [...base.lower], upper: [...base.upper] };
  cellules.forEach((c, q) => {
    // haut: t − x ≤ −v ; bas: t + x ≤ v
    lp.indices.push(n + q, colonne.get(c)!);
    lp.values.push(1, haut ? -1 : 1);
    lp.starts.push(lp.indices.length);
    lp.lower.push(-Infinity);
    lp.upper.push(haut ? -s.valeur[c]! : s.valeur[c]!);
  });
  const cout = [...new Array<number>(n).fill(0), ...new Array<number>(k).fill(1)];
  const sup = [...new Array<number>(n).fill(Infinity), ...cellules.map((c) => s.exigence(c))];
  // t_i free below: a cell of the batch may move the other way if that lets others move further (with t_i ≥ 0,
  // every cell of the batch was held on its own side of its value, and two cells that trade off blocked each other)
  const inf = [...new Array<number>(n).fill(0), ...new Array<number>(k).fill(-Infinity)];
  const m = modele(h, lp, n + k, cout, sup, true, inf);
  const poidsActuels = new Array<number>(k).fill(1);
  return {
    /** t of every cell, with these weights (0: left out) */
    resoudre(poids: number[]): number[] {
      poids.forEach((w, q) => {
        if (w !== poidsActuels[q]) {
          m.changeColCost(n + q, w);
          poidsActuels[q] = w;
        }
      });
      resoudre(m, h, haut ? 'lot haut' : 'lot bas');
      const x = m.getSolution().colValue;
      return cellules.map((_, q) => Math.max(0, x[n + q]!));
    },
    liberer: () => m.dispose(),
  };
}

type Intervalle =
  /** an exact interval: a leak (rows with a non-zero dual value at the minimum or the maximum: its binding equations) */
  | { min: number; max: number; liantes: number[] }
  /** proven by the LPs' optimal points: how far it went both ways */
  | { largeur: number };

/**
 * Each listed cell's interval: its max LP, then its min LP, on the same model. Every optimal point is consistent
 * with every published number, so it moves every other cell too: a cell that has gone far enough both ways in the
 * points seen so far (`plusHaut`, `plusBas`, from the batches on) is proven without LPs of its own, and a cell proven
 * by its max needs no min. Only leaks get both (their exact interval and binding equations).
 */
function intervalles(h: Highs, s: SystemeSecret, base: Lp, cellules: number[], colonne: Map<number, number>, plusHaut: Map<number, number>, plusBas: Map<number, number>): Intervalle[] {
  const n = base.n;
  const m = modele(h, base, n, new Array<number>(n).fill(0), new Array<number>(n).fill(Infinity), true);
  const liantes = (into: Set<number>) => {
    const d = m.getSolution().rowDual;
    for (let i = 0; i < d.length; i++) if (Math.abs(d[i]!) > EPS) into.add(i);
  };
  const largeur = (c: number) => (plusHaut.get(c) ?? 0) + (plusBas.get(c) ?? 0);
  const prouvee = (c: number) => largeur(c) >= s.exigence(c) - EPS;
  // the point just found moves every cell still listed
  const point = (depuis: number) => {
    const x = m.getSolution().colValue;
    for (let k = depuis; k < cellules.length; k++) {
      const c = cellules[k]!;
      const d = x[colonne.get(c)!]! - s.valeur[c]!;
      if (d > 0) plusHaut.set(c, Math.max(plusHaut.get(c) ?? 0, d));
      else if (d < 0) plusBas.set(c, Math.max(plusBas.get(c) ?? 0, -d));
    }
  };
  try {
    return cellules.map((c, k) => {
      if (prouvee(c)) return { largeur: largeur(c) };
      const j = colonne.get(c)!;
      const lignes = new Set<number>();
      m.changeColCost(j, 1);
      try {
        m.changeObjectiveSense(h.constants.objectiveSense.maximize);
        resoudre(m, h, 'maximum');
        if (m.getModelStatus() === h.constants.modelStatus.unbounded) return { largeur: Infinity };
        const max = m.getObjectiveValue();
        point(k);
        if (prouvee(c)) return { largeur: largeur(c) };
        liantes(lignes);
        m.changeObjectiveSense(h.constants.objectiveSense.minimize);
        resoudre(m, h, 'minimum');
        const min = m.getObjectiveValue();
        point(k);
        if (prouvee(c)) return { largeur: largeur(c) };
        liantes(lignes);
        return { min, max, liantes: [...lignes] };
      } finally {
        m.changeColCost(j, 0);
      }
    });
  } finally {
    m.dispose();
  }
}

/** What the audit found in one component. */
interface AuditComposante {
  verifiees: number;
  autresVerifiees: number;
  nonProuvees: number;
  lpIndividuels: number;
  largeurMin: number | null;
  fuites: Fuite[];
}

/**
 * Components already audited, per system. A component's linear program depends only on its hidden cells
 * (its equations are theirs, and a visible cell of one of them would be hidden and so in the component), so a
 * component whose cells are unchanged since the previous audit has the same answer. The repair rounds hide
 * a few cells at a time: each round re-solves only the components those cells touch (10 rounds of 1,8 s on
 * the Sicoval before). Keyed also by the system's size, so that cells or equations added later start afresh.
 */
const memoire = new WeakMap<SystemeSecret, Map<string, AuditComposante>>();

/**
 * Cells already proven (→ the width proven), per system. Hiding more cells only adds unknowns: a point that was
 * consistent with every published number still is (the newly hidden cell at its value), so a proof stays valid
 * through the repair rounds and only the cells not yet proven are checked again. Reset when cells or equations
 * are added (an equation can narrow an interval). Nothing in the protection ever shows a hidden cell again.
 */
const prouveesMemoire = new WeakMap<SystemeSecret, { taille: string; largeurs: Map<number, number> }>();

function auditerComposante(h: Highs, s: SystemeSecret, cs: number[], prouvees: Map<number, number>): AuditComposante {
  const r: AuditComposante = { verifiees: 0, autresVerifiees: 0, nonProuvees: 0, lpIndividuels: 0, largeurMin: null, fuites: [] };
  // the narrowest width reported is that of the sensitive cells (the others need only not be pinned)
  const noter = (c: number, l: number) => {
    if (s.sensible(c) && (r.largeurMin === null || l < r.largeurMin)) r.largeurMin = l;
  };
  const prouver = (c: number, l: number) => {
    prouvees.set(c, l);
    noter(c, l);
  };
  const verifiees = cs.filter((c) => s.exigence(c) > 0);
  r.verifiees = verifiees.filter((c) => s.sensible(c)).length;
  r.autresVerifiees = verifiees.length - r.verifiees;
  for (const c of verifiees) if (prouvees.has(c)) noter(c, prouvees.get(c)!);
  if (cs.length > TAILLE_LOT) {
    // too large for the LP in WebAssembly within the build's time: bound propagation, which
    // computes intervals that contain the true ones — a width below the threshold is a real leak,
    // a wider one is not proven (counted in the report)
    r.nonProuvees += propager(s, cs, verifiees, r.fuites, noter);
    return r;
  }
  const { colonne, eqs } = restriction(s, cs);
  const base = lignesEquations(s, colonne, eqs);
  // the batches again on the cells still in doubt: fewer cells pulling the same equations, each moves further.
  // Each batch's solution is a point consistent with every published number, so a cell's interval holds the
  // furthest it went up in any pass and the furthest down in any pass. From the second pass the weights are
  // drawn at random (seeded by the component: the same build hides the same cells): with equal weights the
  // optimum may push some cells to their threshold and leave others where each alone could move.
  const plusHaut = new Map<number, number>();
  const plusBas = new Map<number, number>();
  const alea = new Alea(cs[0]!, 'audit-secret');
  const aVerifier = verifiees.filter((c) => !prouvees.has(c));
  let douteuses = aVerifier;
  let assezProuve = true;
  const lots = aVerifier.length > 0 ? [creerLot(h, s, base, aVerifier, colonne, true), creerLot(h, s, base, aVerifier, colonne, false)] : [];
  try {
    for (let passe = 0; passe < PASSES_LOT && douteuses.length > 0 && assezProuve; passe++) {
      const enDoute = new Set(douteuses);
      const poids = aVerifier.map((c) => (!enDoute.has(c) ? 0 : passe === 0 ? 1 : 0.1 + alea.suivant()));
      const [haut, bas] = lots.map((l) => l.resoudre(poids)) as [number[], number[]];
      const restantes: number[] = [];
      aVerifier.forEach((c, k) => {
        if (!enDoute.has(c)) return;
        const hh = Math.max(plusHaut.get(c) ?? 0, haut[k]!);
        const bb = Math.max(plusBas.get(c) ?? 0, bas[k]!);
        plusHaut.set(c, hh);
        plusBas.set(c, bb);
        if (hh + bb >= s.exigence(c) - EPS) prouver(c, hh + bb);
        else restantes.push(c);
      });
      // a pass on a large component costs about as much as the exact LPs of ten cells (measured on the Sicoval):
      // one that proves fewer is the last, unless few are left; never the first, since equal weights can prove
      // nothing where cells trade off (a count, not a time: the same build makes the same passes)
      const gagnees = douteuses.length - restantes.length;
      assezProuve = passe === 0 || (gagnees > 0 && (restantes.length < PROUVEES_PAR_PASSE || gagnees >= Math.max(PROUVEES_PAR_PASSE, 0.05 * douteuses.length)));
      douteuses = restantes;
    }
  } finally {
    for (const l of lots) l.liberer();
  }
  if (douteuses.length === 0) return r;
  // what the batches leave gets its exact interval: one max and one min LP each
  r.lpIndividuels += douteuses.length;
  const iv = intervalles(h, s, base, douteuses, colonne, plusHaut, plusBas);
  douteuses.forEach((c, k) => {
    const x = iv[k]!;
    if ('largeur' in x) prouver(c, x.largeur);
    else {
      noter(c, x.max - x.min);
      r.fuites.push(fuite(s, c, x.min, x.max, x.liantes.map((i) => eqs[i]!)));
    }
  });
  return r;
}

/** Audits the whole system; `fuites` lists every sensitive cell whose interval is narrower than its threshold. */
export async function auditerSecret(s: SystemeSecret): Promise<RapportAudit> {
  const t0 = performance.now();
  const h = await highs();
  const cellules = composantes(s);
  const r: RapportAudit = { masquees: 0, implicites: 0, verifiees: 0, autresVerifiees: 0, composantes: cellules.length, plusGrandeComposante: 0, nonProuvees: 0, lpIndividuels: 0, largeurMin: null, fuites: [], reprises: 0, ms: 0 };
  for (let i = 0; i < s.nbCellules; i++) if (s.masque[i]) s.publiee[i] ? r.masquees++ : r.implicites++;
  let deja = memoire.get(s);
  if (!deja) memoire.set(s, (deja = new Map()));
  const taille = `${s.nbCellules}/${s.nbEquations}:`;
  let prouvees = prouveesMemoire.get(s);
  if (!prouvees || prouvees.taille !== taille) prouveesMemoire.set(s, (prouvees = { taille, largeurs: new Map() }));
  for (const cs of cellules) {
    r.plusGrandeComposante = Math.max(r.plusGrandeComposante, cs.length);
    if (!cs.some((c) => s.exigence(c) > 0)) continue;
    const cle = taille + cs.join(',');
    let a = deja.get(cle);
    if (a) r.reprises++;
    else deja.set(cle, (a = auditerComposante(h, s, cs, prouvees.largeurs)));
    r.verifiees += a.verifiees;
    r.autresVerifiees += a.autresVerifiees;
    r.nonProuvees += a.nonProuvees;
    r.lpIndividuels += a.lpIndividuels;
    if (a.largeurMin !== null && (r.largeurMin === null || a.largeurMin < r.largeurMin)) r.largeurMin = a.largeurMin;
    r.fuites.push(...a.fuites);
  }
  r.ms = performance.now() - t0;
  return r;
}

const arrondi = (x: number) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x);

export interface ResultatProtection {
  primaires: number;
  secondaires: number;
  /** cells hidden by the audit's repair rounds */
  ajoutsAudit: number;
  /** hidden cells shown again: the published figures gave them exactly */
  devoilees: number;
  tours: number;
  audit: RapportAudit;
}

/**
 * Primary (already set when the cells were added) + secondary suppression + audit, with
 * repair rounds: each leaking cell gets one more neighbour hidden, then the audit runs again.
 * A hidden cell that is not small and that the published figures pin exactly protects nothing (every point
 * consistent with them has it at its value): once nothing else leaks, it is shown again — the reader learns
 * nothing new and no interval changes. Throws (the build must not publish) if a leak remains after `toursMax` rounds.
 */
export async function protegerSysteme(s: SystemeSecret, toursMax = 40): Promise<ResultatProtection> {
  let primaires = 0;
  for (let i = 0; i < s.nbCellules; i++) if (s.publiee[i] && s.sensible(i)) primaires++;
  let secondaires = secretSecondaire(s);
  let ajoutsAudit = 0;
  let devoilees = 0;
  const etat: EtatReparation = { tentatives: new Map(), enAttente: new Set() };
  const epinglee = (f: Fuite) => s.publiee[f.cellule]! && !s.sensible(f.cellule) && !s.verrou[f.cellule] && f.max - f.min < EPS;
  // first the leaks interval propagation finds (real ones: its intervals contain the true ones), a tenth of a
  // second a round on the Sicoval, where the linear programs take seconds: two thirds of the first round's leaks
  for (let i = 0; i < TOURS_PROPAGATION; i++) {
    const fuites = fuitesPropagees(s).filter((f) => !epinglee(f));
    const r = fuites.length > 0 ? reparer(s, fuites, etat) : null;
    if (!r || r.touchees.length === 0) break;
    ajoutsAudit += r.ajouts;
    secondaires += secretSecondaire(s, r.touchees);
  }
  let ms = 0;
  for (let tour = 1; ; tour++) {
    const audit = await auditerSecret(s);
    // the report's time is that of every round
    ms += audit.ms;
    if (audit.fuites.length === 0) return { primaires, secondaires, ajoutsAudit, devoilees, tours: tour, audit: { ...audit, ms } };
    if (tour >= toursMax) throw new ErreurSecret(audit.fuites);
    if (audit.fuites.every(epinglee)) {
      // only after the repairs: a cell hidden for a repair may free a pinned one
      for (const f of audit.fuites) s.masque[f.cellule] = false;
      devoilees += audit.fuites.length;
      continue;
    }
    const r = reparer(s, audit.fuites.filter((f) => !epinglee(f)), etat);
    if (r.touchees.length === 0 && etat.enAttente.size === 0) throw new ErreurSecret(audit.fuites);
    ajoutsAudit += r.ajouts;
    secondaires += secretSecondaire(s, r.touchees);
  }
}

/** Rounds of repair from interval propagation before the linear programs. */
const TOURS_PROPAGATION = 10;

interface EtatReparation {
  /** repairs tried per leaking cell (the search for a neighbour narrows with them) */
  tentatives: Map<number, number>;
  /** leaks that waited in the previous round (a leak waits one round at most) */
  enAttente: Set<number>;
}

/** Leaks interval propagation finds in every component that has a cell to check (with the equations that pinned them). */
function fuitesPropagees(s: SystemeSecret): Fuite[] {
  const fuites: Fuite[] = [];
  for (const cs of composantes(s)) {
    const verifiees = cs.filter((c) => s.exigence(c) > 0);
    if (verifiees.length > 0) propager(s, cs, verifiees, fuites, () => {});
  }
  return fuites;
}

/**
 * One round of repair: each leak gets one more visible cell hidden (voisinReparation). Binding equations relaxed
 * this round are remembered: the small counts of one bailleur are all pinned by its total, and one cell hidden in
 * that equation frees them all — a cell hidden for each would hide far more than needed; the others wait a round.
 */
function reparer(s: SystemeSecret, fuites: Fuite[], etat: EtatReparation): { ajouts: number; touchees: number[] } {
  const touchees: number[] = [];
  const relachees = new Set<number>();
  const attente = new Set<number>();
  let ajouts = 0;
  for (const f of fuites) {
    if (f.liantes && !etat.enAttente.has(f.cellule) && f.liantes.some((e) => relachees.has(e))) {
      attente.add(f.cellule);
      continue;
    }
    const essais = etat.tentatives.get(f.cellule) ?? 0;
    etat.tentatives.set(f.cellule, essais + 1);
    const c = voisinReparation(s, f, essais);
    if (c < 0 || s.masque[c]) continue; // already hidden for another leak of this round
    s.masque[c] = true;
    ajouts++;
    for (const e of f.liantes ?? []) relachees.add(e);
    touchees.push(...s.equationsDe(c));
  }
  etat.enAttente = attente;
  return { ajouts, touchees };
}

/**
 * The visible cell to hide for a leak, cheapest for the reader first; the counts the commission signs
 * (POIDS_PROTEGE) late, the EPCI's own totals (POIDS_SOMMET) last:
 *  1. in an equation that binds the leak's minimum or maximum (exact LP or propagation): hiding it relaxes what pins the cell;
 *  2. for the first attempts, near the cell through hidden cells (a degenerate LP does not give all its binding equations);
 *  3. a protected cell of a binding equation (a bailleur's total: the smaller figure), then near the cell;
 *  4. an EPCI total of a binding equation, then the nearest cell, searched nearer at each attempt: the rounds end.
 */
function voisinReparation(s: SystemeSecret, f: Fuite, essais: number): number {
  // room still missing: the cell's requirement (threshold, or 1 for a hidden cell that is not small) − its width
  const dejaCache = s.seuil[f.cellule]! - (f.seuil - (f.max - f.min));
  const liant = (poidsMax: number) => {
    let meilleur: Voisin = { cellule: -1, rang: 2, cout: 0 };
    for (const e of f.liantes ?? []) meilleur = meilleurVoisin(meilleur, voisinAMasquer(s, e, f.cellule, dejaCache, poidsMax));
    return meilleur.cellule;
  };
  const couches = Math.max(1, 6 - 2 * essais);
  let c = liant(POIDS_PROTEGE - 1);
  if (c < 0 && essais < 3) c = voisinProche(s, f.cellule, couches, POIDS_PROTEGE - 1).cellule;
  if (c < 0) c = liant(POIDS_SOMMET - 1);
  if (c < 0) c = voisinProche(s, f.cellule, couches, POIDS_SOMMET - 1).cellule;
  if (c < 0) c = liant(Infinity);
  if (c < 0) c = voisinProche(s, f.cellule, couches).cellule;
  return c;
}

/**
 * The cheapest visible cell of the equations near `depart` through hidden cells, a layer of
 * equations at a time: its own equations, then those of the hidden cells it shares one with,
 * and so on; a candidate's cost grows with its distance (the nearer, the likelier to be the
 * bound that pins the cell), so that the EPCI's total one step away loses to a commune's
 * detail three steps away. Searches further only while nothing was found.
 */
function voisinProche(s: SystemeSecret, depart: number, couches = 6, poidsMax = Infinity): Voisin {
  const vus = new Set<number>([depart]);
  const eqVues = new Set<number>();
  let couche = [depart];
  let meilleur: Voisin = { cellule: -1, rang: 2, cout: 0 };
  for (let profondeur = 0; couche.length > 0 && (profondeur < couches || meilleur.cellule < 0) && profondeur < 50 && vus.size < 200_000; profondeur++) {
    const suivante: number[] = [];
    for (const x of couche) {
      for (const e of s.equationsDe(x)) {
        if (eqVues.has(e)) continue;
        eqVues.add(e);
        const v = voisinAMasquer(s, e, depart, s.valeur[depart]!, poidsMax);
        meilleur = meilleurVoisin(meilleur, { ...v, cout: v.cout * (1 + profondeur) });
        for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
          const y = s.eqCellule[k]!;
          if (s.masque[y] && !vus.has(y)) {
            vus.add(y);
            suivante.push(y);
          }
        }
      }
    }
    couche = suivante;
  }
  return meilleur;
}

export class ErreurSecret extends Error {
  readonly fuites: Fuite[];
  constructor(fuites: Fuite[]) {
    super(
      `Secret statistique : ${fuites.length} case(s) masquée(s) se recalculent à partir des chiffres publiés — publication refusée.\n` +
        fuites
          .slice(0, 10)
          .map((f) => `  ${f.libelle} : entre ${f.min} et ${f.max} (écart < ${f.seuil})\n    ${f.equations.join('\n    ')}`)
          .join('\n'),
    );
    this.fuites = fuites;
  }
}
