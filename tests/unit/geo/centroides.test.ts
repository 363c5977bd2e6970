import { describe, expect, test } from 'vitest';
import { centroidesDepuisLogements, centroideSurface } from '../../../src/geo/centroides.ts';
import { lambert93VersWgs84, versWgs84, ressembleLambert93 } from '../../../src/geo/projection.ts';
import { lambert93 } from '../../../src/generate/geo.ts';
import type { PointsLogements } from '../../../src/geo/types.ts';

describe('projection', () => {
  test('Lambert-93 → WGS84 : aller-retour au centimètre près (Toulouse, Capitole)', () => {
    const [x, y] = lambert93(43.6045, 1.4442);
    expect(x).toBeGreaterThan(570_000);
    expect(ressembleLambert93([x, y])).toBe(true);
    const [lon, lat] = lambert93VersWgs84(x, y);
    expect(lon).toBeCloseTo(1.4442, 7);
    expect(lat).toBeCloseTo(43.6045, 7);
    expect(versWgs84(1.5, 43.5, 4326)).toEqual([1.5, 43.5]);
    expect(() => versWgs84(1, 2, 9999)).toThrow(/EPSG:9999/);
  });
});

describe('centres des communes sans contours', () => {
  test('moyenne des positions des logements pondérée par leur nombre, par commune', () => {
    const points: PointsLogements = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1.0, 43.0] }, properties: { commune: '31002', logements: 3, qpv: false } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [1.4, 43.4] }, properties: { commune: '31002', logements: 1, qpv: true } },
        { type: 'Feature', geometry: { type: 'Point', coordinates: [2.0, 44.0] }, properties: { commune: '31001', logements: 5, qpv: false } },
      ],
    };
    expect(centroidesDepuisLogements(points)).toEqual([
      { code: '31001', logements: 5, position: [2, 44] },
      { code: '31002', logements: 4, position: [1.1, 43.1] },
    ]);
  });

  test('centre d’une surface : celui du plus grand polygone', () => {
    const c = centroideSurface({ type: 'MultiPolygon', coordinates: [[[[0, 0], [0.1, 0], [0.1, 0.1], [0, 0]]], [[[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]]] });
    expect(c[0]).toBeCloseTo(2, 12);
    expect(c[1]).toBeCloseTo(2, 12);
  });
});
