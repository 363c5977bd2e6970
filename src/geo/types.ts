// The small subset of GeoJSON (RFC 7946) the observatory reads and writes.
export type Position = [number, number];
export type Anneau = Position[];

export interface Polygone {
  type: 'Polygon';
  coordinates: Anneau[];
}
export interface MultiPolygone {
  type: 'MultiPolygon';
  coordinates: Anneau[][];
}
export interface Point {
  type: 'Point';
  coordinates: Position;
}
export type GeometrieSurface = Polygone | MultiPolygone;

export interface Entite<G, P> {
  type: 'Feature';
  geometry: G;
  properties: P;
}
export interface Collection<G, P> {
  type: 'FeatureCollection';
  features: Entite<G, P>[];
}

/** A commune contour as published: INSEE code and name. */
export interface ProprietesCommune {
  code: string;
  nom: string;
}
/** A QPV perimeter as published. */
export interface ProprietesQpv {
  code_qp: string;
  nom_qp: string;
  /** INSEE codes of the communes it lies in, when the source gives them */
  communes: string[];
}
/** Dwellings sharing one rounded position (aggregate only). */
export interface ProprietesPointLogements {
  commune: string;
  logements: number;
  /** true: in a QPV (RPLS flag) */
  qpv: boolean;
}

export type ContoursCommunes = Collection<GeometrieSurface, ProprietesCommune>;
export type PerimetresQpv = Collection<GeometrieSurface, ProprietesQpv>;
export type PointsLogements = Collection<Point, ProprietesPointLogements>;

/** [ouest, sud, est, nord] in degrees. */
export type Emprise = [number, number, number, number];
