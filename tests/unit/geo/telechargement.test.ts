import { describe, expect, test } from 'vitest';
import { mkdtempSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { ErreurTelechargement, telechargerCommunes, telechargerQpv, urlCommunesIgn } from '../../../src/geo/telechargement.ts';

describe('npm run fetch-contours', () => {
  test('adresse de la Géoplateforme IGN pour un département', () => {
    const u = new URL(urlCommunesIgn('31'));
    expect(u.hostname).toBe('data.geopf.fr');
    expect(u.searchParams.get('typeNames')).toBe('ADMINEXPRESS-COG-CARTO.LATEST:commune');
    expect(u.searchParams.get('srsName')).toBe('EPSG:4326');
    expect(u.searchParams.get('cql_filter')).toBe("insee_dep='31'");
  });

  test('sans réseau : message en français qui dit que la construction continue, et rien n’est écrit', async () => {
    const dest = join(mkdtempSync(join(tmpdir(), 'obs-dl-')), 'geo', 'communes-31.geojson');
    const e = await telechargerCommunes('31', ['31048'], dest, { url: 'http://127.0.0.1:9/wfs', delaiMs: 5000 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ErreurTelechargement);
    expect((e as Error).message).toMatch(/Téléchargement impossible des contours des communes/);
    expect((e as Error).message).toMatch(/La construction du site continue/);
    expect((e as Error).message).toMatch(/OBS_CONTOURS_COMMUNES/);
    expect(existsSync(dest)).toBe(false);
    await expect(telechargerQpv(dest, { url: 'http://127.0.0.1:9/qpv', delaiMs: 5000 })).rejects.toThrow(/périmètres des QPV/);
  });
});
