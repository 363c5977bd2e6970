// publierGeo on a hand-made logements_modele: only aggregates leave, contours
// are filtered and simplified, missing or wrong files are handled.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { publierGeo, type TerritoireGeo } from '../../../src/publish/geo.ts';
import { lambert93 } from '../../../src/generate/geo.ts';
import { ErreurContours } from '../../../src/geo/contours.ts';
import { avecGeoPartage, codesTerritoire, COMMUNES_31, deuxCommunes, QPV_OCCITANIE } from '../../helpers/geo.ts';

let db: DbNode;
const tmp = mkdtempSync(join(tmpdir(), 'obs-geo-'));
const commune = (code: string) => ({ code, nom: code, population: 1, territoire: null, zonageTension: 1, tauxPonderationAcdPct: 40 });
const t: TerritoireGeo = { id: 'essai', departement: '31', communes: [commune('31001'), commune('31002')] };
const sansFichiers = { contoursCommunes: null, contoursQpv: null };
const lire = (dossier: string, nom: string) => JSON.parse(readFileSync(join(dossier, nom), 'utf8'));

beforeAll(async () => {
  db = await ouvrirDuckDb();
  await db.exec(`CREATE TABLE logements_modele (millesime INTEGER, commune_insee VARCHAR, bailleur VARCHAR, en_qpv BOOLEAN, x DECIMAL(10,1), y DECIMAL(10,1), epsg INTEGER)`);
  const [x1, y1] = lambert93(43.55, 1.45);
  const [x2, y2] = lambert93(43.55, 1.55);
  const lignes = [
    // three dwellings of one building, one of them 2 m away: one position
    [2025, '31001', 'Promologis', false, x1, y1, 2154],
    [2025, '31001', 'Promologis', false, x1, y1, 2154],
    [2025, '31001', 'Patrimoine', false, x1 + 2, y1, 2154],
    [2025, '31002', 'Patrimoine', true, x2, y2, 2154],
    [2025, '31002', 'Patrimoine', false, x2, y2, null], // EPSG missing: Lambert-93
    [2025, '31002', 'Patrimoine', false, null, null, 2154], // no position
    [2025, '31002', 'Patrimoine', false, 100, 200, 9999], // unknown system
    [2024, '31002', 'Patrimoine', false, x2, y2, 2154], // older vintage: ignored
  ];
  for (const l of lignes) {
    await db.exec(`INSERT INTO logements_modele VALUES (${l.map((v) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v))).join(', ')})`);
  }
  writeFileSync(join(tmp, 'communes.geojson'), JSON.stringify(deuxCommunes()));
});
afterAll(() => db?.close());

describe('publierGeo', () => {
  test('sans contours : seulement les logements, agrégés par position arrondie, sans bailleur ni identifiant', async () => {
    const sortie = mkdtempSync(join(tmp, 'sans-'));
    const r = await publierGeo(db, t, sortie, sansFichiers);
    expect(r.mode).toBe('symboles');
    expect(readdirSync(sortie)).toEqual(['logements-points.geojson']);
    const p = lire(sortie, 'logements-points.geojson');
    expect(p.type).toBe('FeatureCollection');
    expect(p.features.map((f: { properties: unknown }) => f.properties)).toEqual([
      { commune: '31001', logements: 3, qpv: false },
      { commune: '31002', logements: 1, qpv: false },
      { commune: '31002', logements: 1, qpv: true },
    ]);
    const [lon, lat] = p.features[0].geometry.coordinates;
    expect(lon).toBeCloseTo(1.45, 4);
    expect(lat).toBeCloseTo(43.55, 4);
    expect(String(lon).split('.')[1]!.length).toBeLessThanOrEqual(4);
    const texte = readFileSync(join(sortie, 'logements-points.geojson'), 'utf8');
    expect(texte).not.toMatch(/Promologis|Patrimoine|bailleur/);
    expect(r.logements).toEqual({ avecPosition: 5, sansPosition: 2, positions: 3 });
    expect(r.avertissements.join(' ')).toMatch(/EPSG 9999/);
  });

  test('avec un fichier de contours : communes du territoire, simplifiées, propriétés code/nom', async () => {
    const sortie = mkdtempSync(join(tmp, 'avec-'));
    const r = await publierGeo(db, t, sortie, { contoursCommunes: join(tmp, 'communes.geojson'), contoursQpv: null });
    expect(r.mode).toBe('contours');
    expect(r.fichiers.map((f) => f.nom).sort()).toEqual(['carte-sources.json', 'communes.geojson', 'logements-points.geojson']);
    // contours given at build time: credited to IGN under the Licence Ouverte, no QPV item
    expect(lire(sortie, 'carte-sources.json')).toEqual({ communes: { source: 'IGN — Admin Express', licence: 'Licence Ouverte 2.0 (Etalab)', origine: 'contours fournis à la construction' }, qpv: null });
    const c = lire(sortie, 'communes.geojson');
    expect(c.features.map((f: { properties: unknown }) => f.properties)).toEqual([{ code: '31001', nom: 'Ouest' }, { code: '31002', nom: 'Est' }]);
    expect(r.simplification!.apres).toBeLessThan(r.simplification!.avant);
  });

  test('variable OBS_CONTOURS_COMMUNES : utilisée ; un chemin absent est une erreur claire ; sans variable ni fichier téléchargé, rien', async () => {
    const sortie = mkdtempSync(join(tmp, 'env-'));
    const r = await publierGeo(db, t, sortie, { env: { OBS_CONTOURS_COMMUNES: join(tmp, 'communes.geojson') }, contoursQpv: null });
    expect(r.sources.communes).toBe(join(tmp, 'communes.geojson'));
    await expect(publierGeo(db, t, sortie, { env: { OBS_CONTOURS_COMMUNES: join(tmp, 'absent.geojson') } })).rejects.toThrow(ErreurContours);
    await expect(publierGeo(db, t, sortie, { env: { OBS_CONTOURS_COMMUNES: join(tmp, 'absent.geojson') } })).rejects.toThrow(/introuvables.*absent\.geojson/);
    const autre: TerritoireGeo = { ...t, departement: '976', communes: [commune('97601')] };
    await expect(publierGeo(db, autre, sortie, { contoursCommunes: join(tmp, 'communes.geojson'), contoursQpv: null })).rejects.toThrow(/aucune des 1 communes/);
    const rien = mkdtempSync(join(tmp, 'rien-'));
    const r2 = await publierGeo(db, { ...t, departement: '00' }, rien, { env: {} });
    expect(r2.mode).toBe('symboles');
    expect(existsSync(join(rien, 'communes.geojson'))).toBe(false);
  });

  test.runIf(avecGeoPartage)('fichiers publics : Sicoval (36 communes, aucun QPV) et QPV de Muret', async () => {
    const sicoval: TerritoireGeo = { id: 'sicoval', departement: '31', communes: codesTerritoire('sicoval').map(commune) };
    const sortie = mkdtempSync(join(tmp, 'sicoval-'));
    const r = await publierGeo(db, sicoval, sortie, { contoursCommunes: COMMUNES_31, contoursQpv: QPV_OCCITANIE });
    const c = r.fichiers.find((f) => f.nom === 'communes.geojson')!;
    expect(c.entites).toBe(36);
    expect(c.octets).toBeLessThan(40_000);
    expect(r.fichiers.some((f) => f.nom === 'qpv.geojson')).toBe(false);
    const muret: TerritoireGeo = { id: 'muret', departement: '31', communes: [commune('31395')] };
    const s2 = mkdtempSync(join(tmp, 'muret-'));
    const r2 = await publierGeo(db, muret, s2, { contoursCommunes: COMMUNES_31, contoursQpv: QPV_OCCITANIE });
    const q = lire(s2, 'qpv.geojson');
    expect(q.features.length).toBeGreaterThan(0);
    expect(q.features[0].properties.code_qp).toMatch(/^QP031/);
    expect(r2.fichiers.find((f) => f.nom === 'qpv.geojson')!.entites).toBe(q.features.length);
  });
});
