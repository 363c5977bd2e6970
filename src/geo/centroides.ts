// Where to put a commune when there is no contour: the centre of its social
// dwellings (mean of their positions weighted by the number of dwellings at
// each position). Not the town hall, not the geographic centre: pages say
// "position approximative (centre des logements)".
import { polygones } from './emprise.ts';
import type { GeometrieSurface, PointsLogements, Position } from './types.ts';

export interface CentroideCommune {
  code: string;
  position: Position;
  logements: number;
}

export function centroidesDepuisLogements(points: PointsLogements, decimales = 4): CentroideCommune[] {
  const acc = new Map<string, { x: number; y: number; n: number }>();
  for (const f of points.features) {
    const { commune, logements } = f.properties;
    if (!(logements > 0)) continue;
    const a = acc.get(commune) ?? { x: 0, y: 0, n: 0 };
    a.x += f.geometry.coordinates[0] * logements;
    a.y += f.geometry.coordinates[1] * logements;
    a.n += logements;
    acc.set(commune, a);
  }
  const f = 10 ** decimales;
  return [...acc.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([code, a]) => ({ code, logements: a.n, position: [Math.round((a.x / a.n) * f) / f, Math.round((a.y / a.n) * f) / f] as Position }));
}

/** Signed area and centroid of a ring (shoelace formula, planar degrees: fine at commune scale). */
function aireEtCentre(r: Position[]): { aire: number; x: number; y: number } {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const [x0, y0] = r[i]!;
    const [x1, y1] = r[i + 1]!;
    const c = x0 * y1 - x1 * y0;
    a += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  a /= 2;
  return a === 0 ? { aire: 0, x: r[0]?.[0] ?? 0, y: r[0]?.[1] ?? 0 } : { aire: a, x: cx / (6 * a), y: cy / (6 * a) };
}

/** Centroid of the largest polygon of a surface (where a label or a symbol goes). */
export function centroideSurface(g: GeometrieSurface): Position {
  let meilleur = { aire: -1, x: 0, y: 0 };
  for (const p of polygones(g)) {
    const ext = p[0];
    if (!ext) continue;
    const c = aireEtCentre(ext);
    if (Math.abs(c.aire) > meilleur.aire) meilleur = { aire: Math.abs(c.aire), x: c.x, y: c.y };
  }
  return [meilleur.x, meilleur.y];
}

/**
 * Where a name goes inside a surface: on the largest polygon, the middle of the widest
 * horizontal stretch inside it (holes excluded), preferring lines near its centroid.
 * Unlike the centroid, always inside, also for crescent or L-shaped communes.
 */
export function pointEtiquette(g: GeometrieSurface): Position {
  let meilleurPoly: Position[][] | null = null;
  let aireMax = -1;
  for (const p of polygones(g)) {
    const a = p[0] ? Math.abs(aireEtCentre(p[0]).aire) : 0;
    if (a > aireMax) {
      aireMax = a;
      meilleurPoly = p;
    }
  }
  if (!meilleurPoly || !meilleurPoly[0]) return centroideSurface(g);
  const ext = meilleurPoly[0];
  const ys = ext.map((p) => p[1]);
  const s = Math.min(...ys), n = Math.max(...ys), h = n - s;
  const cy = aireEtCentre(ext).y;
  let meilleur: { score: number; pos: Position } | null = null;
  const LIGNES = 24;
  for (let j = 0; j < LIGNES; j++) {
    const y = s + (h * (j + 0.5)) / LIGNES;
    const xs: number[] = [];
    for (const r of meilleurPoly) {
      for (let i = 0; i < r.length - 1; i++) {
        const [x0, y0] = r[i]!, [x1, y1] = r[i + 1]!;
        if ((y0 <= y && y1 > y) || (y1 <= y && y0 > y)) xs.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
      }
    }
    xs.sort((a, b) => a - b);
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const largeur = xs[i + 1]! - xs[i]!;
      const score = largeur * (1 - (0.6 * Math.abs(y - cy)) / (h || 1));
      if (!meilleur || score > meilleur.score) meilleur = { score, pos: [(xs[i]! + xs[i + 1]!) / 2, y] };
    }
  }
  return meilleur?.pos ?? centroideSurface(g);
}
