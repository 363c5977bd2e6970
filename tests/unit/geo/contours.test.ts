import { describe, expect, test } from 'vitest';
import { ErreurContours, filtrerCommunes, filtrerQpv, lireContoursCommunes, lireFichierContoursCommunes, lireFichierPerimetresQpv, lirePerimetresQpv } from '../../../src/geo/contours.ts';
import { empriseCollection } from '../../../src/geo/emprise.ts';
import { lambert93 } from '../../../src/generate/geo.ts';
import { avecGeoPartage, codesTerritoire, COMMUNES_31, deuxCommunes, QPV_OCCITANIE } from '../../helpers/geo.ts';

const carre = (x: number, y: number, d = 0.01) => [[[x, y], [x + d, y], [x + d, y + d], [x, y + d], [x, y]]];
const fc = (features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });

describe('lecture des contours', () => {
  test('accepte les noms de propriétés de l’IGN (insee_com, nom) et referme les anneaux ouverts', () => {
    const c = lireContoursCommunes(fc([{ type: 'Feature', properties: { insee_com: '31048', nom: 'Baziège' }, geometry: { type: 'Polygon', coordinates: [[[1.6, 43.4], [1.61, 43.4], [1.61, 43.41], [1.6, 43.41]]] } }]));
    expect(c.features[0]!.properties).toEqual({ code: '31048', nom: 'Baziège' });
    const r = c.features[0]!.geometry.coordinates[0] as number[][];
    expect(r).toHaveLength(5);
    expect(r[0]).toEqual(r[4]);
  });

  test('convertit un fichier en Lambert-93 en WGS84', () => {
    const [x, y] = lambert93(43.4, 1.6);
    const c = lireContoursCommunes(fc([{ type: 'Feature', properties: { code: '31048' }, geometry: { type: 'Polygon', coordinates: [[[x, y], [x + 1000, y], [x + 1000, y + 1000], [x, y]]] } }]));
    const p = c.features[0]!.geometry.coordinates[0]![0] as number[];
    expect(p[0]).toBeCloseTo(1.6, 6);
    expect(p[1]).toBeCloseTo(43.4, 6);
  });

  test('refuse clairement ce qui n’est pas un contour de commune', () => {
    expect(() => lireContoursCommunes('pas du json')).toThrow(ErreurContours);
    expect(() => lireContoursCommunes('{"type":"Feature"}')).toThrow(/FeatureCollection/);
    expect(() => lireContoursCommunes(fc([{ type: 'Feature', properties: { nom: 'X' }, geometry: { type: 'Polygon', coordinates: carre(1, 43) } }]))).toThrow(/sans code INSEE/);
    expect(() => lireContoursCommunes(fc([{ type: 'Feature', properties: { code: '31001' }, geometry: { type: 'Point', coordinates: [1, 43] } }]))).toThrow(/Point/);
    expect(() => lireContoursCommunes(fc([{ type: 'Feature', properties: { code: '31001' }, geometry: { type: 'Polygon', coordinates: [[[1, 43], [1, 'a'], [2, 44], [1, 43]]] } }]))).toThrow(/position invalide/);
    expect(() => lireContoursCommunes(fc([{ type: 'Feature', properties: { code: '31001' }, geometry: { type: 'Polygon', coordinates: [[[300, 43], [301, 43], [301, 44], [300, 43]]] } }]))).toThrow(/EPSG:4326/);
  });

  test('filtre par codes INSEE dans l’ordre demandé et dit ce qui manque ; fusionne les morceaux d’une même commune', () => {
    const brut = { type: 'FeatureCollection' as const, features: [...deuxCommunes().features, { type: 'Feature' as const, properties: { code: '31001', nom: 'Ouest' }, geometry: { type: 'Polygon' as const, coordinates: carre(1.3, 43.5) as [number, number][][] } }] };
    const { contours, manquantes } = filtrerCommunes(brut, ['31002', '31001', '31999']);
    expect(contours.features.map((f) => f.properties.code)).toEqual(['31002', '31001']);
    expect(contours.features[1]!.geometry.type).toBe('MultiPolygon');
    expect(manquantes).toEqual(['31999']);
  });

  test('QPV : gardés s’ils sont rattachés à une commune du territoire, ou à défaut s’ils coupent son emprise', () => {
    const q = lirePerimetresQpv(fc([
      { type: 'Feature', properties: { code_qp: 'QP031001', nom_qp: 'Dedans', code_commune: '31001' }, geometry: { type: 'Polygon', coordinates: carre(1.45, 43.55) } },
      { type: 'Feature', properties: { code_qp: 'QP031002', nom_qp: 'Ailleurs', code_commune: '31555' }, geometry: { type: 'Polygon', coordinates: carre(1.45, 43.55) } },
      { type: 'Feature', properties: { code_qp: 'QN03103M', lib_qp: 'Sans commune' }, geometry: { type: 'Polygon', coordinates: carre(1.55, 43.52) } },
      { type: 'Feature', properties: { code_qp: 'QN03104M', lib_qp: 'Loin' }, geometry: { type: 'Polygon', coordinates: carre(3, 45) } },
    ]));
    const garde = filtrerQpv(q, ['31001', '31002'], empriseCollection(deuxCommunes()));
    expect(garde.features.map((f) => [f.properties.code_qp, f.properties.nom_qp])).toEqual([['QP031001', 'Dedans'], ['QN03103M', 'Sans commune']]);
  });

  test.runIf(avecGeoPartage)('fichiers publics : les 36 communes du Sicoval ; QPV de Muret, aucun au Sicoval', () => {
    const communes = lireFichierContoursCommunes(COMMUNES_31);
    expect(communes.features).toHaveLength(587);
    const sicoval = codesTerritoire('sicoval');
    expect(filtrerCommunes(communes, sicoval).contours.features).toHaveLength(36);
    const qpv = lireFichierPerimetresQpv(QPV_OCCITANIE);
    expect(qpv.features).toHaveLength(105);
    expect(filtrerQpv(qpv, sicoval, null).features).toEqual([]);
    const muret = filtrerQpv(qpv, ['31395'], null); // Muret
    expect(muret.features.length).toBeGreaterThan(0);
    expect(muret.features.every((f) => f.properties.communes.includes('31395'))).toBe(true);
  });
});
