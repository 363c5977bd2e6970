// RPLS geocoding (X, Y, EPSG) → WGS84 longitude / latitude for the maps.
// Projections are defined here (proj4 ships only WGS84 and Web Mercator): no download.
import proj4 from 'proj4';

const DEFINITIONS: Record<number, string> = {
  2154: '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // Lambert-93 (métropole)
  5490: '+proj=utm +zone=20 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGAF09 UTM 20N (Antilles)
  2972: '+proj=utm +zone=22 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGFG95 UTM 22N (Guyane)
  2975: '+proj=utm +zone=40 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGR92 UTM 40S (La Réunion)
  4471: '+proj=utm +zone=38 +south +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs', // RGM04 UTM 38S (Mayotte)
};

const convertisseurs = new Map<number, (xy: [number, number]) => [number, number]>();

/** Supported EPSG codes of the RPLS geocoding. */
export const EPSG_PRIS_EN_CHARGE = Object.keys(DEFINITIONS).map(Number);

/** [lon, lat] in WGS84 rounded to 1e-6° (~10 cm), or null (unknown EPSG, missing or implausible coordinates). */
export function versWgs84(x: number | null, y: number | null, epsg: number | null): [number, number] | null {
  if (x === null || y === null || epsg === null || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  if (epsg === 4326) return Math.abs(x) <= 180 && Math.abs(y) <= 90 ? [x, y] : null;
  if (epsg === 2154 && (x < 0 || x > 1_400_000 || y < 6_000_000 || y > 7_200_000)) return null; // outside metropolitan France
  const def = DEFINITIONS[epsg];
  if (!def) return null;
  let f = convertisseurs.get(epsg);
  if (!f) {
    const p = proj4(def, 'EPSG:4326');
    f = (xy) => p.forward(xy) as [number, number];
    convertisseurs.set(epsg, f);
  }
  const [lon, lat] = f([x, y]);
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6];
}
