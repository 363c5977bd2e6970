// Bounding boxes and the coordinate walks every module shares.
import type { Anneau, Emprise, GeometrieSurface, Position } from './types.ts';

/** Every ring of a polygon or multipolygon, outer rings first within each polygon. */
export function anneaux(g: GeometrieSurface): Anneau[] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

/** Polygons of a surface geometry as ring lists. */
export function polygones(g: GeometrieSurface): Anneau[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

export function empriseDePositions(positions: Iterable<Position>): Emprise | null {
  let o = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (const [x, y] of positions) {
    if (x < o) o = x;
    if (x > e) e = x;
    if (y < s) s = y;
    if (y > n) n = y;
  }
  return o === Infinity ? null : [o, s, e, n];
}

export function empriseGeometrie(g: GeometrieSurface): Emprise | null {
  return empriseDePositions(anneaux(g).flat());
}

/** Union of boxes (nulls ignored). */
export function unionEmprises(emprises: (Emprise | null)[]): Emprise | null {
  const ok = emprises.filter((x): x is Emprise => x !== null);
  if (ok.length === 0) return null;
  return [Math.min(...ok.map((b) => b[0])), Math.min(...ok.map((b) => b[1])), Math.max(...ok.map((b) => b[2])), Math.max(...ok.map((b) => b[3]))];
}

/** Bounding box of a feature collection of surfaces or points. */
export function empriseCollection(fc: { features: { geometry: GeometrieSurface | { type: 'Point'; coordinates: Position } }[] }): Emprise | null {
  return unionEmprises(
    fc.features.map((f) => (f.geometry.type === 'Point' ? empriseDePositions([f.geometry.coordinates]) : empriseGeometrie(f.geometry))),
  );
}

export function emprisesSeCoupent(a: Emprise, b: Emprise): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** A box grown by a fraction of its size on each side. */
export function elargir(b: Emprise, fraction: number): Emprise {
  const dx = (b[2] - b[0]) * fraction;
  const dy = (b[3] - b[1]) * fraction;
  return [b[0] - dx, b[1] - dy, b[2] + dx, b[3] + dy];
}
