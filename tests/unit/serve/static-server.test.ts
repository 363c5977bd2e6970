import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, startStaticServer } from '../../../src/serve/static-server.ts';
import type { StaticServer } from '../../../src/serve/static-server.ts';
import {
  CACHE_IMMUTABLE,
  CONTENT_SECURITY_POLICY,
  SECURITY_HEADERS,
} from '../../../src/serve/headers.ts';
import { rawRequest } from '../../helpers/http.ts';

/** 1 000 bytes, every offset distinguishable. */
const DUCKDB_BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 7 + 3) % 251));
/** Compressible fake WebAssembly module. */
const WASM_BYTES = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0]), Buffer.alloc(8000, 0x41)]);
const JS_TEXT = `export const valeur = ${JSON.stringify('x'.repeat(2000))};\n`;

let base: string;
let root: string;
let server: StaticServer;
let port: number;
const logLines: string[] = [];

async function write(relative: string, content: string | Buffer): Promise<void> {
  const file = join(root, relative);
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, content);
}

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'obs-serve-'));
  root = join(base, 'dist');
  await mkdir(root);
  // Outside the served folder: must never be reachable.
  await writeFile(join(base, 'package.json'), '{"secret":"SECRET-HORS-RACINE"}');
  await writeFile(join(base, 'secret.txt'), 'SECRET-HORS-RACINE');

  await write('index.html', '<!doctype html><title>Accueil</title>');
  await write('404.html', '<!doctype html><title>Page introuvable</title>');
  await write('communes/baziege/index.html', '<!doctype html><title>Baziège</title>');
  await write('a-propos.html', '<!doctype html><title>À propos</title>');
  await write('vide/.gitkeep', '');
  await write('_astro/app.B9xZ3k.js', JS_TEXT);
  await write('_astro/app.mjs', JS_TEXT);
  await write('_astro/style.Cq1.css', `body { color: black; }\n`.repeat(40));
  await write('_astro/duckdb-eh.wasm', WASM_BYTES);
  await write('data/observatoire.duckdb', DUCKDB_BYTES);
  await write('data/logements.parquet', Buffer.alloc(2000, 7));
  await write('data/logements.arrow', Buffer.alloc(2000, 8));
  await write('data/communes.geojson', JSON.stringify({ type: 'FeatureCollection', features: [] }));
  await write('data/indicateurs.csv', 'commune;taux\nBaziège;12,5\n');
  await write('data/indicateurs.json', '{"a":1}');
  await write('logo.svg', '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await write('fonts/marianne.woff2', Buffer.alloc(100, 1));
  await write('bilan.pdf', '%PDF-1.7');
  await write('court.txt', 'petit fichier');
  await write('.env', 'SECRET=1');
  await symlink(join(base, 'secret.txt'), join(root, 'lien-sortant.txt'));

  server = await startStaticServer({ root, port: 0, log: (line) => logLines.push(line) });
  port = server.port;
});

afterAll(async () => {
  await server?.close();
  await rm(base, { recursive: true, force: true });
});

describe('startup', () => {
  test('ephemeral port and URL', () => {
    expect(port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${port}/`);
  });

  test('refuses a missing root', async () => {
    await expect(startStaticServer({ root: join(base, 'absent'), port: 0 })).rejects.toThrow();
  });

  test('rejects when the port is taken', async () => {
    await expect(startStaticServer({ root, port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });

  test('close() stops listening', async () => {
    const other = await startStaticServer({ root, port: 0 });
    expect((await rawRequest(other.port, '/')).status).toBe(200);
    await other.close();
    await expect(rawRequest(other.port, '/')).rejects.toThrow();
  });

  test('logs one line per request', async () => {
    await rawRequest(port, '/court.txt?journal=1');
    // The line is written when the response finishes, possibly just after the client saw it.
    await vi.waitFor(() => {
      expect(logLines.some((line) => /^GET \/court\.txt\?journal=1 200 \d+ms$/.test(line))).toBe(true);
    });
  });
});

describe('index resolution', () => {
  test('/ serves index.html', async () => {
    const res = await rawRequest(port, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.toString()).toContain('Accueil');
  });

  test('/x/ serves /x/index.html', async () => {
    const res = await rawRequest(port, '/communes/baziege/');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('Baziège');
  });

  test('percent-encoded paths are decoded', async () => {
    const res = await rawRequest(port, '/communes/%62aziege/index.html');
    expect(res.status).toBe(200);
  });

  test('/x redirects to /x/, keeping the query string', async () => {
    const res = await rawRequest(port, '/communes/baziege');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/communes/baziege/');
    const withQuery = await rawRequest(port, '/communes/baziege?annee=2025');
    expect(withQuery.headers.location).toBe('/communes/baziege/?annee=2025');
  });

  test('the redirect never points to another host', async () => {
    await mkdir(join(root, 'exemple.org'), { recursive: true });
    const res = await rawRequest(port, '//exemple.org');
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe('/exemple.org/');
  });

  test('/x serves x.html (build.format "file")', async () => {
    const res = await rawRequest(port, '/a-propos');
    expect(res.status).toBe(200);
    expect(res.body.toString()).toContain('À propos');
  });

  test('folder without index.html: 404, no listing', async () => {
    const res = await rawRequest(port, '/vide/');
    expect(res.status).toBe(404);
    expect(res.body.toString()).not.toContain('.gitkeep');
  });

  test('a file with a trailing slash is not found', async () => {
    expect((await rawRequest(port, '/court.txt/')).status).toBe(404);
  });
});

describe('404', () => {
  test('serves 404.html with status 404', async () => {
    const res = await rawRequest(port, '/inexistant');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.body.toString()).toContain('Page introuvable');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  test('plain French text when there is no 404.html', async () => {
    const bare = join(base, 'sans-404');
    await mkdir(bare, { recursive: true });
    const other = await startStaticServer({ root: bare, port: 0 });
    try {
      const res = await rawRequest(other.port, '/inexistant');
      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.body.toString()).toContain('Page introuvable');
    } finally {
      await other.close();
    }
  });

  test('HEAD of a missing page has no body', async () => {
    const res = await rawRequest(port, '/inexistant', { method: 'HEAD' });
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
  });
});

describe('MIME types', () => {
  test.each([
    ['/_astro/duckdb-eh.wasm', 'application/wasm'],
    ['/_astro/app.B9xZ3k.js', 'text/javascript; charset=utf-8'],
    ['/_astro/app.mjs', 'text/javascript; charset=utf-8'],
    ['/_astro/style.Cq1.css', 'text/css; charset=utf-8'],
    ['/data/logements.parquet', 'application/vnd.apache.parquet'],
    ['/data/observatoire.duckdb', 'application/octet-stream'],
    ['/data/logements.arrow', 'application/vnd.apache.arrow.stream'],
    ['/data/communes.geojson', 'application/geo+json'],
    ['/data/indicateurs.csv', 'text/csv; charset=utf-8'],
    ['/data/indicateurs.json', 'application/json'],
    ['/logo.svg', 'image/svg+xml'],
    ['/fonts/marianne.woff2', 'font/woff2'],
    ['/bilan.pdf', 'application/pdf'],
  ])('%s → %s', async (path, type) => {
    const res = await rawRequest(port, path, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(type);
  });
});

describe('range requests', () => {
  const size = DUCKDB_BYTES.length;
  const path = '/data/observatoire.duckdb';

  test('full GET advertises Accept-Ranges', async () => {
    const res = await rawRequest(port, path);
    expect(res.status).toBe(200);
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(DUCKDB_BYTES)).toBe(true);
  });

  test('bytes=a-b', async () => {
    const res = await rawRequest(port, path, { headers: { Range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 100-199/${size}`);
    expect(res.headers['content-length']).toBe('100');
    expect(res.body.equals(DUCKDB_BYTES.subarray(100, 200))).toBe(true);
  });

  test('bytes=a-', async () => {
    const res = await rawRequest(port, path, { headers: { Range: 'bytes=900-' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 900-999/${size}`);
    expect(res.body.equals(DUCKDB_BYTES.subarray(900))).toBe(true);
  });

  test('bytes=-n', async () => {
    const res = await rawRequest(port, path, { headers: { Range: 'bytes=-10' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 990-999/${size}`);
    expect(res.body.equals(DUCKDB_BYTES.subarray(990))).toBe(true);
  });

  test('HEAD with Range: bytes=0- answers 206 (DuckDB-WASM)', async () => {
    const res = await rawRequest(port, path, { method: 'HEAD', headers: { Range: 'bytes=0-' } });
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes 0-999/${size}`);
    expect(res.headers['content-length']).toBe(String(size));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.length).toBe(0);
  });

  test('HEAD without Range answers 200 with the full length', async () => {
    const res = await rawRequest(port, path, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe(String(size));
    expect(res.body.length).toBe(0);
  });

  test('unsatisfiable range → 416 with Content-Range: bytes */size', async () => {
    const res = await rawRequest(port, path, { headers: { Range: `bytes=${size}-` } });
    expect(res.status).toBe(416);
    expect(res.headers['content-range']).toBe(`bytes */${size}`);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  test('multi-range and malformed ranges fall back to 200', async () => {
    expect((await rawRequest(port, path, { headers: { Range: 'bytes=0-1,5-6' } })).status).toBe(200);
    expect((await rawRequest(port, path, { headers: { Range: 'octets=0-1' } })).status).toBe(200);
  });

  test('If-Range with a stale validator sends the whole file', async () => {
    const res = await rawRequest(port, path, { headers: { Range: 'bytes=0-9', 'If-Range': '"perime"' } });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(size);
    const { headers } = await rawRequest(port, path, { method: 'HEAD' });
    const fresh = await rawRequest(port, path, { headers: { Range: 'bytes=0-9', 'If-Range': String(headers.etag) } });
    expect(fresh.status).toBe(206);
  });

  test('ranges are never compressed', async () => {
    const res = await rawRequest(port, '/_astro/duckdb-eh.wasm', {
      headers: { Range: 'bytes=0-3', 'Accept-Encoding': 'gzip' },
    });
    expect(res.status).toBe(206);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(WASM_BYTES.subarray(0, 4))).toBe(true);
  });
});

describe('gzip', () => {
  test('wasm is gzipped when accepted', async () => {
    const res = await rawRequest(port, '/_astro/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(Number(res.headers['content-length'])).toBe(res.body.length);
    expect(res.body.length).toBeLessThan(WASM_BYTES.length);
    expect(gunzipSync(res.body).equals(WASM_BYTES)).toBe(true);
  });

  test('text types are gzipped (js, css)', async () => {
    for (const path of ['/_astro/app.B9xZ3k.js', '/_astro/style.Cq1.css']) {
      const res = await rawRequest(port, path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers['content-encoding'], path).toBe('gzip');
    }
  });

  test('identity when gzip is not accepted', async () => {
    for (const ae of [undefined, 'identity', 'gzip;q=0', 'br']) {
      const headers: Record<string, string> = ae === undefined ? {} : { 'Accept-Encoding': ae };
      const res = await rawRequest(port, '/_astro/duckdb-eh.wasm', { headers });
      expect(res.headers['content-encoding'], String(ae)).toBeUndefined();
      expect(res.headers.vary).toBe('Accept-Encoding');
      expect(res.body.equals(WASM_BYTES)).toBe(true);
    }
  });

  test('Parquet, .duckdb (read by ranges) and tiny files are not compressed', async () => {
    for (const path of ['/data/logements.parquet', '/data/observatoire.duckdb', '/court.txt']) {
      const res = await rawRequest(port, path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers['content-encoding'], path).toBeUndefined();
    }
  });

  test('Arrow tables, fetched whole by the explorer, are gzipped and decompress to the same bytes', async () => {
    const res = await rawRequest(port, '/data/logements.arrow', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers['content-type']).toBe('application/vnd.apache.arrow.stream');
    expect(gunzipSync(res.body).equals(Buffer.alloc(2000, 8))).toBe(true);
  });

  test('HEAD announces the compressed length', async () => {
    const get = await rawRequest(port, '/_astro/duckdb-eh.wasm', { headers: { 'Accept-Encoding': 'gzip' } });
    const head = await rawRequest(port, '/_astro/duckdb-eh.wasm', { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
    expect(head.headers['content-encoding']).toBe('gzip');
    expect(head.headers['content-length']).toBe(get.headers['content-length']);
    expect(head.body.length).toBe(0);
  });

  test('a modified file is recompressed (cache keyed by mtime)', async () => {
    const file = join(root, 'data', 'change.csv');
    await writeFile(file, 'version;1\n'.repeat(100));
    await utimes(file, new Date('2025-01-01'), new Date('2025-01-01'));
    const first = await rawRequest(port, '/data/change.csv', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gunzipSync(first.body).toString()).toContain('version;1');
    await writeFile(file, 'version;2\n'.repeat(100));
    await utimes(file, new Date('2025-06-01'), new Date('2025-06-01'));
    const second = await rawRequest(port, '/data/change.csv', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gunzipSync(second.body).toString()).toContain('version;2');
    expect(second.headers.etag).not.toBe(first.headers.etag);
  });

  test('acceptsGzip', () => {
    expect(acceptsGzip('gzip')).toBe(true);
    expect(acceptsGzip('br;q=1.0, gzip;q=0.8, *;q=0.1')).toBe(true);
    expect(acceptsGzip('*')).toBe(true);
    expect(acceptsGzip('*, gzip;q=0')).toBe(false);
    expect(acceptsGzip('gzip;q=0')).toBe(false);
    expect(acceptsGzip('br')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });
});

describe('validators and 304', () => {
  test('ETag and Last-Modified are sent', async () => {
    const res = await rawRequest(port, '/');
    expect(res.headers.etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(Date.parse(String(res.headers['last-modified']))).not.toBeNaN();
  });

  test('If-None-Match → 304 without body, with the security headers', async () => {
    const first = await rawRequest(port, '/data/indicateurs.csv');
    const res = await rawRequest(port, '/data/indicateurs.csv', { headers: { 'If-None-Match': String(first.headers.etag) } });
    expect(res.status).toBe(304);
    expect(res.body.length).toBe(0);
    expect(res.headers.etag).toBe(first.headers.etag);
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  test('the gzipped variant has its own ETag, and revalidates', async () => {
    const path = '/_astro/duckdb-eh.wasm';
    const plain = await rawRequest(port, path, { method: 'HEAD' });
    const gz = await rawRequest(port, path, { method: 'HEAD', headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers.etag).not.toBe(plain.headers.etag);
    const res = await rawRequest(port, path, {
      headers: { 'Accept-Encoding': 'gzip', 'If-None-Match': `W/${String(gz.headers.etag)}` },
    });
    expect(res.status).toBe(304);
  });

  test('a different ETag gets the full response', async () => {
    const res = await rawRequest(port, '/', { headers: { 'If-None-Match': '"autre"' } });
    expect(res.status).toBe(200);
  });

  test('If-Modified-Since → 304', async () => {
    const first = await rawRequest(port, '/');
    const res = await rawRequest(port, '/', { headers: { 'If-Modified-Since': String(first.headers['last-modified']) } });
    expect(res.status).toBe(304);
    const old = await rawRequest(port, '/', { headers: { 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' } });
    expect(old.status).toBe(200);
  });
});

describe('path traversal and hidden files', () => {
  test.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/secret.txt',
    '/data/../../package.json',
    '/data/%2e%2e/%2e%2e/package.json',
    '/..%2fpackage.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%2e%2e%5c%2e%2e%5cpackage.json',
  ])('%s is refused', async (path) => {
    const res = await rawRequest(port, path);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body.toString()).not.toContain('SECRET-HORS-RACINE');
  });

  test('a symbolic link leading outside the root is refused', async () => {
    const res = await rawRequest(port, '/lien-sortant.txt');
    expect(res.status).toBe(403);
    expect(res.body.toString()).not.toContain('SECRET-HORS-RACINE');
  });

  test('hidden files are refused', async () => {
    const res = await rawRequest(port, '/.env');
    expect(res.status).toBe(403);
    expect(res.body.toString()).not.toContain('SECRET');
  });

  test('malformed percent-encoding → 400', async () => {
    expect((await rawRequest(port, '/%E0%A4%A')).status).toBe(400);
    expect((await rawRequest(port, '/a%00b')).status).toBe(400);
  });
});

describe('headers', () => {
  test('CSP header equals the exported constant, with the other security headers', async () => {
    const res = await rawRequest(port, '/');
    expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(res.headers[name.toLowerCase()], name).toBe(value);
    }
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  test('the CSP allows WebAssembly and same-origin workers, nothing from other hosts', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);
  });

  test('security headers on redirects, errors and 405', async () => {
    for (const res of [
      await rawRequest(port, '/communes/baziege'),
      await rawRequest(port, '/../package.json'),
      await rawRequest(port, '/', { method: 'POST' }),
    ]) {
      expect(res.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  test('Cache-Control: immutable for /_astro/, no-cache for HTML and data', async () => {
    expect((await rawRequest(port, '/_astro/app.B9xZ3k.js')).headers['cache-control']).toBe(CACHE_IMMUTABLE);
    expect(CACHE_IMMUTABLE).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/communes/baziege/', '/data/observatoire.duckdb', '/data/indicateurs.csv', '/logo.svg']) {
      expect((await rawRequest(port, path)).headers['cache-control'], path).toBe('no-cache');
    }
  });

  test('only GET and HEAD are allowed', async () => {
    const res = await rawRequest(port, '/', { method: 'POST' });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });
});
