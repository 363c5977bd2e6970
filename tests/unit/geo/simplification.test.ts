import { describe, expect, test } from 'vitest';
import { arrondir, douglasPeucker, nombrePositions, simplifierCollection } from '../../../src/geo/simplification.ts';
import { anneaux, empriseCollection } from '../../../src/geo/emprise.ts';
import { filtrerCommunes, lireFichierContoursCommunes } from '../../../src/geo/contours.ts';
import type { Anneau, ContoursCommunes, Position } from '../../../src/geo/types.ts';
import { avecGeoPartage, codesTerritoire, COMMUNES_31, deuxCommunes } from '../../helpers/geo.ts';

const cle = (p: Position) => `${p[0]},${p[1]}`;

function verifierAnneaux(fc: ContoursCommunes) {
  for (const f of fc.features) {
    for (const r of anneaux(f.geometry)) {
      expect(r.length).toBeGreaterThanOrEqual(4);
      expect(r[0]).toEqual(r.at(-1));
      expect(new Set(r.map(cle)).size).toBeGreaterThanOrEqual(3);
    }
  }
}

function emprisesProches(a: ContoursCommunes, b: ContoursCommunes, tolDeg: number) {
  const ea = empriseCollection(a)!, eb = empriseCollection(b)!;
  for (let i = 0; i < 4; i++) expect(Math.abs(ea[i]! - eb[i]!)).toBeLessThanOrEqual(tolDeg);
}

/** Vertices of `r` inside the shared border's band (x = 1.5 ± 0.003, away from the outer sides). */
const frontiere = (r: Anneau) => [...new Set(r.filter((p) => Math.abs(p[0] - 1.5) < 0.003 && p[1] > 43.501 && p[1] < 43.599).map(cle))].sort();

describe('arrondi', () => {
  test('arrondit sans -0 et au nombre de décimales demandé', () => {
    expect(arrondir(1.234567, 4)).toBe(1.2346);
    expect(arrondir(-0.00001, 4)).toBe(0);
    expect(arrondir(43.55555, 3)).toBe(43.556);
  });
});

describe('Douglas-Peucker', () => {
  test('garde les extrémités et les sommets qui s’écartent plus que la tolérance', () => {
    const pts: Position[] = [[0, 0], [1, 0.01], [2, 0], [3, 1], [4, 0]];
    expect(douglasPeucker(pts, 0.1)).toEqual([[0, 0], [2, 0], [3, 1], [4, 0]]);
    expect(douglasPeucker(pts, 2)).toEqual([[0, 0], [4, 0]]);
    expect(douglasPeucker([[0, 0], [1, 1]], 1)).toEqual([[0, 0], [1, 1]]);
  });
});

describe('simplification des contours', () => {
  test('deux communes voisines : moins de points, anneaux valides, emprise conservée, frontière identique des deux côtés', () => {
    const fc = deuxCommunes();
    const s = simplifierCollection(fc, { toleranceM: 40, decimales: 5 });
    expect(s.features).toHaveLength(2);
    verifierAnneaux(s);
    expect(nombrePositions(s)).toBeLessThan(nombrePositions(fc) * 0.6);
    emprisesProches(fc, s, 0.0005);
    const [a, b] = s.features.map((f) => anneaux(f.geometry)[0]!);
    // the border is simplified once: same vertices on both sides, no gap nor overlap
    expect(frontiere(a!)).toEqual(frontiere(b!));
    expect(frontiere(a!).length).toBeGreaterThanOrEqual(3); // its wobbles larger than the tolerance are kept
  });

  test('arrondit toutes les coordonnées et ne crée pas de doublons consécutifs', () => {
    const s = simplifierCollection(deuxCommunes(), { toleranceM: 5, decimales: 3 });
    for (const f of s.features) {
      for (const r of anneaux(f.geometry)) {
        for (const [x, y] of r) {
          expect(x).toBe(arrondir(x, 3));
          expect(y).toBe(arrondir(y, 3));
        }
        for (let i = 1; i < r.length; i++) expect(cle(r[i]!)).not.toBe(cle(r[i - 1]!));
      }
    }
  });

  test('un petit îlot n’est jamais vidé par une tolérance trop grande', () => {
    const ilot: Anneau = [[1.5, 43.5], [1.5001, 43.5], [1.5001, 43.5001], [1.5, 43.5001], [1.5, 43.5]];
    const fc: ContoursCommunes = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { code: '31003', nom: 'Îlot' }, geometry: { type: 'Polygon', coordinates: [ilot] } }] };
    const s = simplifierCollection(fc, { toleranceM: 500, decimales: 5 });
    verifierAnneaux(s);
  });

  test.runIf(avecGeoPartage)('les 36 communes du Sicoval (IGN Admin Express) : plus petites, emprise à 50 m près', () => {
    const { contours, manquantes } = filtrerCommunes(lireFichierContoursCommunes(COMMUNES_31), codesTerritoire('sicoval'));
    expect(manquantes).toEqual([]);
    const s = simplifierCollection(contours);
    expect(s.features.map((f) => f.properties.code)).toEqual(contours.features.map((f) => f.properties.code));
    verifierAnneaux(s);
    expect(nombrePositions(s)).toBeLessThan(nombrePositions(contours));
    expect(JSON.stringify(s).length).toBeLessThan(JSON.stringify(contours).length * 0.9);
    emprisesProches(contours, s, 0.0005);
  });
});
