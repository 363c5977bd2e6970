// The outlines a territory ships with: derived from a public file (only its communes,
// rounded, simplified), written with their source and licence, read back by the build.
import { describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { contoursDuTerritoire, deriverContoursCommunes, deriverQpv, ecrireContoursTerritoire, LICENCE_OUVERTE } from '../../../src/geo/contours-territoire.ts';
import { anneaux } from '../../../src/geo/emprise.ts';
import { lirePerimetresQpv } from '../../../src/geo/contours.ts';
import type { ContoursCommunes, PerimetresQpv, Position } from '../../../src/geo/types.ts';
import { codesTerritoire, deuxCommunes } from '../../helpers/geo.ts';

const RACINE = join(import.meta.dirname, '..', '..', '..');
const decimales = (v: number) => (String(v).split('.')[1] ?? '').length;

/** deuxCommunes plus a third commune outside the territory, with 6-decimal coordinates. */
function source(): ContoursCommunes {
  const fc = deuxCommunes();
  const loin: Position[] = [[2.1234567, 43.1], [2.2, 43.1], [2.2, 43.2], [2.1234567, 43.1]];
  fc.features.push({ type: 'Feature', properties: { code: '31999', nom: 'Ailleurs' }, geometry: { type: 'Polygon', coordinates: [loin] } });
  return fc;
}

describe('dérivation des contours d’un territoire', () => {
  test('ne garde que les communes du territoire, dans son ordre, signale les absentes', () => {
    const { contours, manquantes } = deriverContoursCommunes(source(), ['31002', '31001', '31500']);
    expect(contours.features.map((f) => f.properties.code)).toEqual(['31002', '31001']);
    expect(manquantes).toEqual(['31500']);
  });

  test('coordonnées arrondies à 4 décimales, moins de sommets, frontière commune identique des deux côtés', () => {
    const src = source();
    const { contours, positions } = deriverContoursCommunes(src, ['31001', '31002']);
    const tous = contours.features.flatMap((f) => anneaux(f.geometry).flat());
    expect(tous.every(([x, y]) => decimales(x) <= 4 && decimales(y) <= 4)).toBe(true);
    // 2 × (50 border + 2 × 30 sides + corners) ≈ 230 in; the wobbly border (±150 m) keeps some, the straight sides go
    expect(positions.avant).toBe(src.features.slice(0, 2).reduce((s, f) => s + anneaux(f.geometry).reduce((t, a) => t + a.length, 0), 0));
    expect(positions.apres).toBeLessThan(positions.avant / 2);
    const frontiere = (code: string) => new Set(anneaux(contours.features.find((f) => f.properties.code === code)!.geometry)[0]!.filter((p) => Math.abs(p[0] - 1.5) < 0.003 && p[1] > 43.501 && p[1] < 43.599).map((p) => p.join(',')));
    expect([...frontiere('31001')].sort()).toEqual([...frontiere('31002')].sort());
    expect(frontiere('31001').size).toBeGreaterThan(0);
  });

  test('QPV : ceux rattachés à une commune du territoire', () => {
    const carre = (x: number): Position[] => [[x, 43.55], [x + 0.01, 43.55], [x + 0.01, 43.56], [x, 43.55]];
    const qpv: PerimetresQpv = lirePerimetresQpv(JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { code_qp: 'QP031001', nom_qp: 'Dedans', code_commune: '31001' }, geometry: { type: 'Polygon', coordinates: [carre(1.42)] } },
        { type: 'Feature', properties: { code_qp: 'QP031099', nom_qp: 'Ailleurs', code_commune: '31555' }, geometry: { type: 'Polygon', coordinates: [carre(1.44)] } },
      ],
    }));
    const d = deriverQpv(qpv, ['31001', '31002'], deriverContoursCommunes(source(), ['31001', '31002']).contours);
    expect(d.features.map((f) => f.properties.code_qp)).toEqual(['QP031001']);
  });

  test('écrit les fichiers, la source, la licence et la génération des QPV ; la construction les retrouve', () => {
    const dossier = mkdtempSync(join(tmpdir(), 'obs-contours-'));
    const { contours } = deriverContoursCommunes(source(), ['31001', '31002']);
    const perimetres: PerimetresQpv = { type: 'FeatureCollection', features: [] };
    const r = ecrireContoursTerritoire(dossier, 'Essai', { contours, source: { source: 'IGN — Admin Express COG 2018', licence: LICENCE_OUVERTE, origine: 'x.geojson' } }, { perimetres, generation: 2015, source: { source: 'ANCT — QPV 2015', licence: LICENCE_OUVERTE, origine: 'q.geojson' } }, 'npm run fetch-contours -- --territoire essai');
    expect(r.fichiers.map((f) => f.nom).sort()).toEqual(['README-contours.md', 'contours-communes.geojson', 'contours.json', 'qpv-2015.geojson']);
    const lu = contoursDuTerritoire(dossier);
    expect(lu.communes).toBe(join(dossier, 'contours-communes.geojson'));
    expect(lu.qpv).toBe(join(dossier, 'qpv-2015.geojson'));
    expect(lu.meta!.qpv!.generation).toBe(2015);
    expect(JSON.parse(readFileSync(lu.communes!, 'utf8'))).toEqual(contours);
    const readme = readFileSync(join(dossier, 'README-contours.md'), 'utf8');
    expect(readme).toContain('IGN — Admin Express COG 2018');
    expect(readme).toContain('Licence Ouverte 2.0');
    expect(readme).toContain('Génération 2015');
    expect(readme).toContain('npm run fetch-contours -- --territoire essai');
  });
});

describe('contours livrés avec les territoires configurés', () => {
  for (const id of ['sicoval', 'muretain']) {
    test(`${id} : une forme par commune du territoire, quelques dizaines de Ko, 4 décimales, source et licence à côté`, () => {
      const dossier = join(RACINE, 'data', 'territoires', id);
      const lu = contoursDuTerritoire(dossier);
      const texte = readFileSync(lu.communes!, 'utf8');
      expect(Buffer.byteLength(texte)).toBeGreaterThan(10_000);
      expect(Buffer.byteLength(texte)).toBeLessThan(60_000);
      const fc = JSON.parse(texte) as ContoursCommunes;
      expect(fc.features.map((f) => f.properties.code).sort()).toEqual(codesTerritoire(id).sort());
      expect(fc.features.flatMap((f) => anneaux(f.geometry).flat()).every(([x, y]) => decimales(x) <= 4 && decimales(y) <= 4)).toBe(true);
      expect(lu.meta!.communes!.source).toMatch(/IGN/);
      expect(lu.meta!.communes!.licence).toBe('Licence Ouverte 2.0 (Etalab)');
    });
  }
  test('Muretain : les deux QPV de Muret, génération 2015 ; Sicoval : aucun QPV', () => {
    const m = contoursDuTerritoire(join(RACINE, 'data', 'territoires', 'muretain'));
    expect(m.meta!.qpv!.generation).toBe(2015);
    const q = JSON.parse(readFileSync(m.qpv!, 'utf8')) as PerimetresQpv;
    expect(q.features.map((f) => f.properties.nom_qp).sort()).toEqual(['Centre Ouest', 'Saint Jean']);
    expect(contoursDuTerritoire(join(RACINE, 'data', 'territoires', 'sicoval')).qpv).toBeNull();
  });
});
