// Reading official contours (GeoJSON) into the observatory's shape: validated
// geometry, WGS84 coordinates, properties `code`/`nom` (communes) or
// `code_qp`/`nom_qp` (QPV), whatever the source called them.
import { readFileSync } from 'node:fs';
import { anneaux, empriseGeometrie, emprisesSeCoupent } from './emprise.ts';
import { ressembleLambert93, lambert93VersWgs84 } from './projection.ts';
import type { Anneau, ContoursCommunes, Emprise, Entite, GeometrieSurface, PerimetresQpv, Position } from './types.ts';

export class ErreurContours extends Error {}

/** Property names seen in IGN Admin Express (WFS, shapefile exports), geo.api.gouv.fr, france-geojson. */
const CLES_CODE_COMMUNE = ['code', 'insee_com', 'INSEE_COM', 'code_insee', 'codgeo', 'CODGEO', 'com'];
const CLES_NOM_COMMUNE = ['nom', 'NOM', 'nom_com', 'NOM_COM', 'libgeo', 'LIBGEO'];
/** ANCT QPV files: 2015 generation (code_qp, nom_qp, code_commune), 2024 (code_qp, lib_qp, insee_com…). */
const CLES_CODE_QPV = ['code_qp', 'CODE_QP', 'code_qpv', 'qp', 'id'];
const CLES_NOM_QPV = ['nom_qp', 'lib_qp', 'NOM_QP', 'LIB_QP', 'nom_qpv', 'nom'];
const CLES_COMMUNES_QPV = ['code_commune', 'insee_com', 'code_insee', 'insee_com_list', 'codes_insee', 'com_qp'];

type Brute = { type?: unknown; features?: unknown; crs?: { properties?: { name?: unknown } } };

function premiere(p: Record<string, unknown>, cles: string[]): string | null {
  for (const k of cles) {
    const v = p[k];
    if (typeof v === 'string' && v.trim() !== '') return v.trim();
    if (typeof v === 'number') return String(v);
  }
  return null;
}

function estPosition(p: unknown): p is Position {
  return Array.isArray(p) && p.length >= 2 && typeof p[0] === 'number' && typeof p[1] === 'number' && Number.isFinite(p[0]) && Number.isFinite(p[1]);
}

/** A ring: at least 4 positions, closed (closes it when the source forgot), 2D. */
function anneauValide(a: unknown, ou: string): Anneau | null {
  if (!Array.isArray(a)) throw new ErreurContours(`${ou} : anneau qui n'est pas une liste de positions`);
  const pts: Anneau = [];
  for (const p of a) {
    if (!estPosition(p)) throw new ErreurContours(`${ou} : position invalide ${JSON.stringify(p)}`);
    pts.push([p[0], p[1]]);
  }
  const premier = pts[0];
  const dernier = pts.at(-1);
  if (premier && dernier && (premier[0] !== dernier[0] || premier[1] !== dernier[1])) pts.push([premier[0], premier[1]]);
  return pts.length >= 4 ? pts : null;
}

function geometrieValide(g: unknown, ou: string): GeometrieSurface | null {
  const geo = g as { type?: unknown; coordinates?: unknown } | null;
  if (!geo) return null;
  const polygone = (rings: unknown, ici: string): Anneau[] | null => {
    if (!Array.isArray(rings)) throw new ErreurContours(`${ici} : polygone mal formé`);
    const r = rings.map((a, i) => anneauValide(a, `${ici}, anneau ${i + 1}`));
    const ext = r[0];
    if (!ext) return null; // degenerate outer ring: the polygon is dropped
    return [ext, ...r.slice(1).filter((x): x is Anneau => x !== null)];
  };
  if (geo.type === 'Polygon') {
    const p = polygone(geo.coordinates, ou);
    return p ? { type: 'Polygon', coordinates: p } : null;
  }
  if (geo.type === 'MultiPolygon') {
    if (!Array.isArray(geo.coordinates)) throw new ErreurContours(`${ou} : multipolygone mal formé`);
    const ps = geo.coordinates.map((p, i) => polygone(p, `${ou}, polygone ${i + 1}`)).filter((x): x is Anneau[] => x !== null);
    if (ps.length === 0) return null;
    return ps.length === 1 ? { type: 'Polygon', coordinates: ps[0]! } : { type: 'MultiPolygon', coordinates: ps };
  }
  throw new ErreurContours(`${ou} : géométrie ${String(geo.type)} (Polygon ou MultiPolygon attendu)`);
}

/** Lambert-93 sources (IGN shapefiles converted without reprojection) are brought to WGS84. */
function versWgs84SiBesoin(g: GeometrieSurface): GeometrieSurface {
  const premier = anneaux(g)[0]?.[0];
  if (!premier || !ressembleLambert93(premier)) return g;
  const conv = (a: Anneau): Anneau => a.map(([x, y]) => lambert93VersWgs84(x, y));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map(conv) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(conv)) };
}

function verifierDegres(g: GeometrieSurface, ou: string): void {
  for (const a of anneaux(g)) {
    for (const [x, y] of a) {
      if (Math.abs(x) > 180 || Math.abs(y) > 90) {
        throw new ErreurContours(`${ou} : coordonnées (${x}, ${y}) hors des degrés WGS84 et non reconnues comme Lambert-93 — reprojetez le fichier en EPSG:4326`);
      }
    }
  }
}

function entitesBrutes(texte: string, source: string): { properties: Record<string, unknown>; geometry: unknown }[] {
  let j: Brute;
  try {
    j = JSON.parse(texte) as Brute;
  } catch (e) {
    throw new ErreurContours(`${source} : JSON illisible (${(e as Error).message})`);
  }
  if (j?.type !== 'FeatureCollection' || !Array.isArray(j.features)) {
    throw new ErreurContours(`${source} : une FeatureCollection GeoJSON est attendue`);
  }
  const crs = j.crs?.properties?.name;
  if (typeof crs === 'string' && !/CRS84|4326|2154/.test(crs)) {
    throw new ErreurContours(`${source} : système de coordonnées ${crs} non pris en charge (WGS84 ou Lambert-93 attendu)`);
  }
  return j.features.map((f, i) => {
    const x = f as { type?: unknown; properties?: unknown; geometry?: unknown };
    if (x?.type !== 'Feature') throw new ErreurContours(`${source} : entité ${i + 1} n'est pas une Feature`);
    return { properties: (x.properties ?? {}) as Record<string, unknown>, geometry: x.geometry };
  });
}

/** Commune contours from GeoJSON text. Features without geometry are skipped; a missing code is an error. */
export function lireContoursCommunes(texte: string, source = 'contours des communes'): ContoursCommunes {
  const features: Entite<GeometrieSurface, { code: string; nom: string }>[] = [];
  entitesBrutes(texte, source).forEach((f, i) => {
    const code = premiere(f.properties, CLES_CODE_COMMUNE);
    if (!code) throw new ErreurContours(`${source} : entité ${i + 1} sans code INSEE (propriété ${CLES_CODE_COMMUNE.slice(0, 3).join(', ')}…)`);
    const ou = `${source}, commune ${code}`;
    const g0 = geometrieValide(f.geometry, ou);
    if (!g0) return;
    const g = versWgs84SiBesoin(g0);
    verifierDegres(g, ou);
    features.push({ type: 'Feature', geometry: g, properties: { code: code.padStart(5, '0'), nom: premiere(f.properties, CLES_NOM_COMMUNE) ?? code } });
  });
  return { type: 'FeatureCollection', features };
}

/** QPV perimeters from GeoJSON text. */
export function lirePerimetresQpv(texte: string, source = 'périmètres des QPV'): PerimetresQpv {
  const features: PerimetresQpv['features'] = [];
  entitesBrutes(texte, source).forEach((f, i) => {
    const code = premiere(f.properties, CLES_CODE_QPV);
    if (!code) throw new ErreurContours(`${source} : entité ${i + 1} sans code de quartier (propriété code_qp attendue)`);
    const ou = `${source}, quartier ${code}`;
    const g0 = geometrieValide(f.geometry, ou);
    if (!g0) return;
    const g = versWgs84SiBesoin(g0);
    verifierDegres(g, ou);
    const brut = CLES_COMMUNES_QPV.map((k) => f.properties[k]).find((v) => v !== undefined && v !== null && v !== '');
    const communes = (Array.isArray(brut) ? brut.map(String) : typeof brut === 'string' || typeof brut === 'number' ? String(brut).split(/[,;\s]+/) : [])
      .filter((c) => /^\d[0-9AB]\d{3}$/.test(c));
    features.push({ type: 'Feature', geometry: g, properties: { code_qp: code, nom_qp: premiere(f.properties, CLES_NOM_QPV) ?? code, communes } });
  });
  return { type: 'FeatureCollection', features };
}

export function lireFichierContoursCommunes(chemin: string): ContoursCommunes {
  return lireContoursCommunes(readFileSync(chemin, 'utf8'), chemin);
}
export function lireFichierPerimetresQpv(chemin: string): PerimetresQpv {
  return lirePerimetresQpv(readFileSync(chemin, 'utf8'), chemin);
}

/** Communes of the territory, in the order of `codes`; tells which codes have no contour. */
export function filtrerCommunes(fc: ContoursCommunes, codes: Iterable<string>): { contours: ContoursCommunes; manquantes: string[] } {
  const parCode = new Map<string, ContoursCommunes['features'][number]>();
  for (const f of fc.features) {
    const deja = parCode.get(f.properties.code);
    if (!deja) parCode.set(f.properties.code, f);
    else {
      // the same commune in several features (islands split by the source): merge into one multipolygon
      const ps = [...(deja.geometry.type === 'Polygon' ? [deja.geometry.coordinates] : deja.geometry.coordinates), ...(f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates)];
      parCode.set(f.properties.code, { ...deja, geometry: { type: 'MultiPolygon', coordinates: ps } });
    }
  }
  const features: ContoursCommunes['features'] = [];
  const manquantes: string[] = [];
  for (const c of codes) {
    const f = parCode.get(c);
    if (f) features.push(f);
    else manquantes.push(c);
  }
  return { contours: { type: 'FeatureCollection', features }, manquantes };
}

/** QPV of the territory: those attached to one of its communes, or, when the source does not say, crossing its box. */
export function filtrerQpv(fc: PerimetresQpv, codes: Iterable<string>, emprise: Emprise | null): PerimetresQpv {
  const ensemble = new Set(codes);
  const features = fc.features.filter((f) => {
    if (f.properties.communes.length > 0) return f.properties.communes.some((c) => ensemble.has(c));
    const b = empriseGeometrie(f.geometry);
    return emprise !== null && b !== null && emprisesSeCoupent(b, emprise);
  });
  return { type: 'FeatureCollection', features };
}
