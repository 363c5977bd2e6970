// Fictitious positions around a commune anchor, in Lambert-93 as RPLS gives them.
import proj4 from 'proj4';
import type { Alea } from './random.ts';

export const EPSG_LAMBERT93 = '2154';
const LAMBERT93 =
  '+proj=lcc +lat_0=46.5 +lon_0=3 +lat_1=49 +lat_2=44 +x_0=700000 +y_0=6600000 +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs';
const versLambert93 = proj4('EPSG:4326', LAMBERT93);

/** [latitude, longitude] WGS84 → [X, Y] Lambert-93 metres. */
export function lambert93(latitude: number, longitude: number): [number, number] {
  const [x, y] = versLambert93.forward([longitude, latitude]);
  return [x as number, y as number];
}

/** Uniform point in a disc (sqrt keeps the density even, not crowded at the centre). */
export function pointDansDisque(alea: Alea, centre: [number, number], rayon: number): [number, number] {
  const r = rayon * Math.sqrt(alea.suivant());
  const angle = alea.reel(0, 2 * Math.PI);
  return [centre[0] + r * Math.cos(angle), centre[1] + r * Math.sin(angle)];
}
