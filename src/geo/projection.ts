// Projected coordinates (RPLS X/Y) → WGS84 longitude/latitude, with proj4.
// RPLS gives Lambert-93 (EPSG:2154) in metropolitan France and the local UTM
// projections overseas; the EPSG code comes with each dwelling.
import proj4 from 'proj4';
import type { Position } from './types.ts';

export const EPSG_LAMBERT93 = 2154;
export const EPSG_WGS84 = 4326;

/** proj4 definitions of the systems RPLS uses (EPSG registry). */
export const DEFINITIONS: Readonly<Record<number, string>> = {
  2154: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  5490: '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGAF09 / UTM 20N (Antilles)
  2972: '+proj=utm +zone=22 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGFG95 / UTM 22N (Guyane)
  2975: '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGR92 / UTM 40S (La Réunion)
  4471: '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGM04 / UTM 38S (Mayotte)
};

const convertisseurs = new Map<number, proj4.Converter>();

export function projectionConnue(epsg: number): boolean {
  return epsg === EPSG_WGS84 || epsg in DEFINITIONS;
}

/** [x, y] in `epsg` (Lambert-93 by default) → [longitude, latitude]. */
export function versWgs84(x: number, y: number, epsg: number = EPSG_LAMBERT93): Position {
  if (epsg === EPSG_WGS84) return [x, y];
  const def = DEFINITIONS[epsg];
  if (!def) throw new Error(`système de coordonnées EPSG:${epsg} non pris en charge (attendus : ${Object.keys(DEFINITIONS).join(', ')}, 4326)`);
  let c = convertisseurs.get(epsg);
  if (!c) {
    c = proj4(def, 'EPSG:4326');
    convertisseurs.set(epsg, c);
  }
  const [lon, lat] = c.forward([x, y]);
  return [lon as number, lat as number];
}

/** Lambert-93 → WGS84 (the metropolitan case). */
export function lambert93VersWgs84(x: number, y: number): Position {
  return versWgs84(x, y, EPSG_LAMBERT93);
}

/** Whether a coordinate pair looks like Lambert-93 metres rather than degrees. */
export function ressembleLambert93([x, y]: Position): boolean {
  return x > 50_000 && x < 1_300_000 && y > 6_000_000 && y < 7_200_000;
}
