// Hand-made polygons, and the public files of ../shared/geo when this machine has them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Anneau, ContoursCommunes, Position } from '../../src/geo/types.ts';
import { PARTAGE, RACINE, partagePresent } from './racine.ts';

export const GEO_PARTAGE = process.env.OBS_GEO_TESTS ?? join(PARTAGE, 'geo');
export const COMMUNES_31 = join(GEO_PARTAGE, 'communes-31-haute-garonne.geojson');
export const QPV_OCCITANIE = join(GEO_PARTAGE, 'qpv-2015-occitanie.geojson');
export const avecGeoPartage = partagePresent('contours IGN et QPV réels', COMMUNES_31, QPV_OCCITANIE);

export function codesTerritoire(id: string): string[] {
  const csv = readFileSync(join(RACINE, 'data', 'territoires', id, 'communes.csv'), 'utf8');
  return csv.split('\n').slice(1).filter((l) => l.trim()).map((l) => l.split(',')[0]!);
}

/** A wobbly line from a to b (both included) with n intermediate points, offsets of ±ampl degrees (deterministic). */
export function ligne(a: Position, b: Position, n: number, ampl: number): Position[] {
  const pts: Position[] = [a];
  for (let i = 1; i <= n; i++) {
    const t = i / (n + 1);
    const o = (i % 2 ? 1 : -1) * ampl * ((i * 7) % 5) / 5;
    pts.push([+(a[0] + (b[0] - a[0]) * t + o).toFixed(6), +(a[1] + (b[1] - a[1]) * t - o).toFixed(6)]);
  }
  pts.push(b);
  return pts;
}

/**
 * Two communes side by side (west A, east B) around Toulouse, sharing a wobbly border of 50 points;
 * the outer sides have 30 points each.
 */
export function deuxCommunes(): ContoursCommunes {
  const so: Position = [1.4, 43.5], no: Position = [1.4, 43.6], sm: Position = [1.5, 43.5], nm: Position = [1.5, 43.6], se: Position = [1.6, 43.5], ne: Position = [1.6, 43.6];
  const frontiere = ligne(sm, nm, 50, 0.002); // south → north, wobbles of up to ≈ 150 m
  const a: Anneau = [so, ...ligne(so, sm, 30, 0.0001).slice(1), ...frontiere.slice(1), ...ligne(nm, no, 30, 0.0001).slice(1), so].filter((p, i, t) => i === 0 || p[0] !== t[i - 1]![0] || p[1] !== t[i - 1]![1]);
  const b: Anneau = [sm, ...ligne(sm, se, 30, 0.0001).slice(1), ...ligne(ne, nm, 30, 0.0001), ...frontiere.slice().reverse().slice(1)].filter((p, i, t) => i === 0 || p[0] !== t[i - 1]![0] || p[1] !== t[i - 1]![1]);
  return {
    type: 'FeatureCollection',
    features: [
      { type: 'Feature', properties: { code: '31001', nom: 'Ouest' }, geometry: { type: 'Polygon', coordinates: [a] } },
      { type: 'Feature', properties: { code: '31002', nom: 'Est' }, geometry: { type: 'Polygon', coordinates: [b] } },
    ],
  };
}
