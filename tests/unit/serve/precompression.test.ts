// Pre-compressed hashed assets: written once after the build, served as is when the
// browser accepts gzip (no per-request compression of the 34 MB engine), with the
// file's own type and the immutable cache of hashed assets; ranges still read the file.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { startStaticServer, type StaticServer } from '../../../src/serve/static-server.ts';
import { precompresserAssets } from '../../../src/serve/precompression.ts';
import { CACHE_IMMUTABLE } from '../../../src/serve/headers.ts';
import { rawRequest } from '../../helpers/http.ts';

const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0]), Buffer.alloc(200_000, 0x41)]);
let racine: string;
let serveur: StaticServer;

beforeAll(async () => {
  racine = await mkdtemp(join(tmpdir(), 'obs-precompression-'));
  await mkdir(join(racine, '_astro'));
  await writeFile(join(racine, '_astro', 'duckdb-eh.abc.wasm'), WASM);
  await writeFile(join(racine, '_astro', 'petit.js'), 'export {};\n');
  await writeFile(join(racine, '_astro', 'image.png'), Buffer.alloc(100_000, 1));
  serveur = await startStaticServer({ root: racine, port: 0 });
});
afterAll(async () => {
  await serveur?.close();
  await rm(racine, { recursive: true, force: true });
});

describe('précompression', () => {
  test('seuls les fichiers compressibles assez gros reçoivent un .gz, qui redonne le fichier', async () => {
    const r = await precompresserAssets(racine);
    expect(r.map((x) => x.fichier)).toEqual(['duckdb-eh.abc.wasm']);
    expect(existsSync(join(racine, '_astro', 'petit.js.gz'))).toBe(false);
    expect(existsSync(join(racine, '_astro', 'image.png.gz'))).toBe(false);
    expect(gunzipSync(await readFile(join(racine, '_astro', 'duckdb-eh.abc.wasm.gz'))).equals(WASM)).toBe(true);
  });

  test('le serveur envoie le .gz tel quel : type application/wasm, cache immuable ; une plage lit le fichier', async () => {
    // a recognisable .gz, to prove it is the one sent (not a fresh compression)
    const marque = gzipSync(WASM, { level: 1 });
    await writeFile(join(racine, '_astro', 'duckdb-eh.abc.wasm.gz'), marque);
    const res = await rawRequest(serveur.port, '/_astro/duckdb-eh.abc.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['cache-control']).toBe(CACHE_IMMUTABLE);
    expect(res.body.equals(marque)).toBe(true);
    const plage = await rawRequest(serveur.port, '/_astro/duckdb-eh.abc.wasm', { headers: { 'Accept-Encoding': 'gzip', Range: 'bytes=0-3' } });
    expect(plage.status).toBe(206);
    expect(plage.body.equals(WASM.subarray(0, 4))).toBe(true);
    const sans = await rawRequest(serveur.port, '/_astro/duckdb-eh.abc.wasm');
    expect(sans.headers['content-encoding']).toBeUndefined();
    expect(sans.body.equals(WASM)).toBe(true);
  });
});
