// Shrinking official contours for the web: coordinates rounded, then
// Douglas-Peucker simplification that keeps shared borders shared.
//
// Rings are cut into arcs at junctions (vertices where neighbouring rings meet
// or part); each arc is simplified on its own, in a canonical direction, so the
// border between two communes comes out identical on both sides: no gaps, no
// overlaps created by the simplification (the same idea as TopoJSON's arcs).
import { anneaux } from './emprise.ts';
import type { Anneau, Collection, Entite, GeometrieSurface, Position } from './types.ts';

export interface OptionsSimplification {
  /** tolerance in metres (Douglas-Peucker distance); default 40 m */
  toleranceM?: number;
  /** decimals kept on longitude/latitude; default 4 (≈ 10 m) */
  decimales?: number;
}

const M_PAR_DEGRE = 111_320;

export function arrondir(v: number, decimales: number): number {
  const f = 10 ** decimales;
  const r = Math.round(v * f) / f;
  return Object.is(r, -0) ? 0 : r;
}

export function arrondirPosition([x, y]: Position, decimales: number): Position {
  return [arrondir(x, decimales), arrondir(y, decimales)];
}

const cle = (p: Position) => `${p[0]},${p[1]}`;

/** Rounds a ring and drops the consecutive duplicates rounding creates. */
function arrondirAnneau(a: Anneau, decimales: number): Anneau {
  const r: Anneau = [];
  for (const p of a) {
    const q = arrondirPosition(p, decimales);
    const d = r.at(-1);
    if (!d || d[0] !== q[0] || d[1] !== q[1]) r.push(q);
  }
  return r;
}

/** Squared distance from p to segment ab, x scaled by k (local metric at the map's latitude). */
function distance2(p: Position, a: Position, b: Position, k: number): number {
  const ax = a[0] * k, ay = a[1], bx = b[0] * k, by = b[1], px = p[0] * k, py = p[1];
  const dx = bx - ax, dy = by - ay;
  const l2 = dx * dx + dy * dy;
  let t = l2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / l2;
  t = Math.max(0, Math.min(1, t));
  const ex = px - (ax + t * dx), ey = py - (ay + t * dy);
  return ex * ex + ey * ey;
}

/** Douglas-Peucker on an open polyline; endpoints always kept. */
export function douglasPeucker(points: Position[], toleranceDeg: number, k = 1): Position[] {
  const n = points.length;
  if (n <= 2) return points.slice();
  const garde = new Uint8Array(n);
  garde[0] = 1;
  garde[n - 1] = 1;
  const t2 = toleranceDeg * toleranceDeg;
  const pile: [number, number][] = [[0, n - 1]];
  while (pile.length) {
    const [i, j] = pile.pop()!;
    let max = -1, idx = -1;
    for (let m = i + 1; m < j; m++) {
      const d = distance2(points[m]!, points[i]!, points[j]!, k);
      if (d > max) {
        max = d;
        idx = m;
      }
    }
    if (idx !== -1 && max > t2) {
      garde[idx] = 1;
      pile.push([i, idx], [idx, j]);
    }
  }
  return points.filter((_, i) => garde[i] === 1);
}

/** Vertices where rings meet or part: same position, different neighbours in different rings. */
function jonctions(rings: Anneau[]): Set<string> {
  const voisins = new Map<string, Set<string>>();
  const j = new Set<string>();
  for (const r of rings) {
    const n = r.length - 1; // closed: last = first
    for (let i = 0; i < n; i++) {
      const k = cle(r[i]!);
      const sig = [cle(r[(i - 1 + n) % n]!), cle(r[(i + 1) % n]!)].sort().join('|');
      let s = voisins.get(k);
      if (!s) voisins.set(k, (s = new Set()));
      else if (!s.has(sig) && s.size > 0) j.add(k);
      s.add(sig);
      if (sig.split('|')[0] === sig.split('|')[1]) j.add(k); // spike: keep
    }
  }
  return j;
}

function comparerCles(a: Position, b: Position): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** Simplifies an arc in a direction independent of the ring it was read from. */
function simplifierArc(arc: Position[], tol: number, k: number): Position[] {
  const a = arc[0]!, b = arc.at(-1)!;
  let c = comparerCles(a, b);
  if (c === 0 && arc.length > 2) c = comparerCles(arc[1]!, arc.at(-2)!);
  if (c <= 0) return douglasPeucker(arc, tol, k);
  return douglasPeucker(arc.slice().reverse(), tol, k).reverse();
}

function simplifierAnneau(r: Anneau, js: Set<string>, tol: number, k: number): Anneau {
  const n = r.length - 1;
  const pts = r.slice(0, n);
  let fixes = pts.map((p, i) => (js.has(cle(p)) ? i : -1)).filter((i) => i >= 0);
  if (fixes.length === 0) {
    // no junction: start at the smallest vertex, which any ring sharing this whole loop also picks
    let m = 0;
    for (let i = 1; i < n; i++) if (comparerCles(pts[i]!, pts[m]!) < 0) m = i;
    fixes = [m];
  }
  const sortie: Position[] = [];
  for (let f = 0; f < fixes.length; f++) {
    const debut = fixes[f]!;
    const fin = fixes[(f + 1) % fixes.length]!;
    const arc: Position[] = [];
    for (let i = debut; ; i = (i + 1) % n) {
      arc.push(pts[i]!);
      if (arc.length > 1 && i === fin) break;
    }
    const s = simplifierArc(arc, tol, k);
    sortie.push(...s.slice(0, -1));
  }
  sortie.push(sortie[0]!);
  return sortie;
}

function distincts(r: Anneau): number {
  return new Set(r.map(cle)).size;
}

/**
 * Rounds then simplifies every geometry of a collection, keeping shared borders identical.
 * Rings never come out empty: a ring the tolerance would flatten is simplified on its own
 * with a smaller tolerance (down to none); holes flattened by rounding are dropped.
 */
export function simplifierCollection<P>(
  fc: Collection<GeometrieSurface, P>,
  options: OptionsSimplification = {},
): Collection<GeometrieSurface, P> {
  const decimales = options.decimales ?? 4;
  const toleranceM = options.toleranceM ?? 40;
  // round first: shared vertices stay shared, and the output is made of rounded input vertices
  const arrondies = fc.features.map((f) => {
    const poly = (rings: Anneau[]): Anneau[] | null => {
      const r = rings.map((a) => arrondirAnneau(a, decimales));
      if (!r[0] || distincts(r[0]) < 3) return null;
      return [r[0], ...r.slice(1).filter((a) => distincts(a) >= 3)];
    };
    const g = f.geometry;
    const ps = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).map(poly).filter((p): p is Anneau[] => p !== null);
    return ps;
  });
  const tous = arrondies.flat(2);
  const lats = tous.flat().map((p) => p[1]);
  const latMoy = lats.length ? (Math.min(...lats) + Math.max(...lats)) / 2 : 0;
  const k = Math.cos((latMoy * Math.PI) / 180);
  const tol = toleranceM / M_PAR_DEGRE;
  const js = jonctions(tous);

  const features: Entite<GeometrieSurface, P>[] = [];
  fc.features.forEach((f, i) => {
    const ps = arrondies[i]!.map((rings) =>
      rings.map((r) => {
        let t = tol;
        let s = simplifierAnneau(r, js, t, k);
        while (distincts(s) < 3 && t > 1e-12) {
          t /= 4;
          s = douglasPeucker(r, t, k);
          if (t < tol / 1000) s = r;
        }
        return s;
      }),
    );
    if (ps.length === 0) return;
    const geometry: GeometrieSurface = ps.length === 1 ? { type: 'Polygon', coordinates: ps[0]! } : { type: 'MultiPolygon', coordinates: ps };
    features.push({ type: 'Feature', geometry, properties: f.properties });
  });
  return { type: 'FeatureCollection', features };
}

/** Number of positions in a collection (for reports and tests). */
export function nombrePositions(fc: Collection<GeometrieSurface, unknown>): number {
  return fc.features.reduce((s, f) => s + anneaux(f.geometry).reduce((t, a) => t + a.length, 0), 0);
}
