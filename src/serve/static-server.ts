/**
 * Static file server for the built Astro site (`dist/`), used by `npm start`,
 * `npm run serve`, the end-to-end tests and the benchmark. Node built-ins only.
 *
 * It behaves like the documented production configuration (docs/deploiement.md,
 * deploy/nginx.conf): same MIME types, same security and cache headers, range
 * requests (DuckDB-WASM sends `HEAD` with `Range: bytes=0-` and expects 206),
 * on-the-fly gzip for text and WebAssembly, ETag/Last-Modified revalidation.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createReadStream } from 'node:fs';
import type { Stats } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { contentTypeFor, isCompressible } from './mime.ts';
import { SECURITY_HEADERS, cacheControlFor } from './headers.ts';
import { parseRange } from './range.ts';

const gzipAsync = promisify(gzip);

export interface StaticServerOptions {
  /** Folder to serve (the Astro build output, usually `dist`). */
  root: string;
  /** TCP port; 0 picks a free ephemeral port (tests). */
  port: number;
  /** Interface to listen on; default `127.0.0.1` (local only). */
  host?: string;
  /** Called with one line per request (`GET /path 200 12ms`). */
  log?: (line: string) => void;
}

export interface StaticServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:4321/`. */
  url: string;
  port: number;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/** Files smaller than this are not worth compressing. */
const MIN_COMPRESS_SIZE = 256;
/** Larger files are sent uncompressed (compression would hold them in memory). */
const MAX_COMPRESS_SIZE = 128 * 1024 * 1024;
/** Total size of gzipped bodies kept in memory. */
const GZIP_CACHE_BYTES = 160 * 1024 * 1024;

interface CacheEntry {
  key: string;
  promise: Promise<Buffer>;
  bytes: number;
}

/** Small LRU of gzipped files keyed by path + mtime + size. */
class GzipCache {
  readonly #entries = new Map<string, CacheEntry>();
  #bytes = 0;

  get(filePath: string, stats: Stats): Promise<Buffer> {
    const key = `${stats.mtimeMs}:${stats.size}`;
    const existing = this.#entries.get(filePath);
    if (existing && existing.key === key) {
      // Refresh LRU position.
      this.#entries.delete(filePath);
      this.#entries.set(filePath, existing);
      return existing.promise;
    }
    if (existing) this.#remove(filePath, existing);
    const entry: CacheEntry = {
      key,
      bytes: 0,
      promise: readWhole(filePath).then((raw) => gzipAsync(raw, { level: 6 })),
    };
    this.#entries.set(filePath, entry);
    entry.promise.then(
      (body) => {
        if (this.#entries.get(filePath) !== entry) return;
        entry.bytes = body.length;
        this.#bytes += body.length;
        this.#evict();
      },
      () => {
        if (this.#entries.get(filePath) === entry) this.#entries.delete(filePath);
      },
    );
    return entry.promise;
  }

  #remove(filePath: string, entry: CacheEntry): void {
    this.#entries.delete(filePath);
    this.#bytes -= entry.bytes;
  }

  #evict(): void {
    for (const [filePath, entry] of this.#entries) {
      if (this.#bytes <= GZIP_CACHE_BYTES) break;
      if (entry.bytes === 0) continue; // still compressing
      this.#remove(filePath, entry);
    }
  }
}

function readWhole(filePath: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    createReadStream(filePath)
      .on('data', (chunk) => chunks.push(chunk as Buffer))
      .on('error', reject)
      .on('end', () => resolve(Buffer.concat(chunks)));
  });
}

/** Whether the client accepts gzip (`gzip` or `*` with a non-zero q-value). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (header === undefined) return false;
  const value = Array.isArray(header) ? header.join(',') : header;
  let gzipQ: number | undefined;
  let starQ: number | undefined;
  for (const part of value.split(',')) {
    const [rawName, ...params] = part.split(';');
    const name = rawName?.trim().toLowerCase();
    let q = 1;
    for (const param of params) {
      const m = /^\s*q\s*=\s*([\d.]+)\s*$/i.exec(param);
      if (m && m[1] !== undefined) q = Number(m[1]);
    }
    if (name === 'gzip' || name === 'x-gzip') gzipQ = q;
    else if (name === '*') starQ = q;
  }
  if (gzipQ !== undefined) return gzipQ > 0;
  return starQ !== undefined && starQ > 0;
}

type Resolution =
  | { kind: 'file'; filePath: string; stats: Stats; urlPath: string }
  | { kind: 'redirect'; location: string }
  | { kind: 'forbidden' }
  | { kind: 'bad-request' }
  | { kind: 'not-found' };

/** Splits and decodes a raw request path; `null` means refused. */
function decodeSegments(rawPath: string): string[] | 'bad-request' | 'forbidden' {
  if (!rawPath.startsWith('/')) return 'bad-request';
  const segments: string[] = [];
  for (const rawSegment of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(rawSegment);
    } catch {
      return 'bad-request';
    }
    if (segment.includes('\0')) return 'bad-request';
    // `..` (also `%2e%2e`), encoded slashes and backslashes never reach the disk.
    if (segment === '..' || segment.includes('/') || segment.includes('\\')) return 'forbidden';
    if (segment === '' || segment === '.') continue;
    // Hidden files (.git, .env…) are not part of a site; `.well-known` is.
    if (segment.startsWith('.') && segment !== '.well-known') return 'forbidden';
    segments.push(segment);
  }
  return segments;
}

async function statOrNull(filePath: string): Promise<Stats | null> {
  try {
    return await stat(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'ENAMETOOLONG') return null;
    throw error;
  }
}

function isInside(realRoot: string, candidate: string): boolean {
  return candidate === realRoot || candidate.startsWith(realRoot.endsWith(sep) ? realRoot : realRoot + sep);
}

/** Returns the strong ETag of a file, and the one of its gzipped variant. */
function etagsFor(stats: Stats): { identity: string; gzip: string } {
  const base = `${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}`;
  return { identity: `"${base}"`, gzip: `"${base}-gz"` };
}

function etagListMatches(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

function formatAddress(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log;
  const rootStats = await stat(options.root);
  if (!rootStats.isDirectory()) throw new Error(`${options.root} n'est pas un dossier`);
  const realRoot = await realpath(options.root);
  const gzipCache = new GzipCache();

  async function resolveFile(segments: string[], trailingSlash: boolean): Promise<Resolution> {
    const urlPath = '/' + segments.join('/') + (trailingSlash && segments.length > 0 ? '/' : '');
    const base = join(realRoot, ...segments);
    const candidates: string[] = [];
    const stats = await statOrNull(base);
    if (stats?.isDirectory()) {
      if (!trailingSlash && segments.length > 0) {
        // Astro's `build.format: 'directory'`: /x → /x/ (relative links then resolve).
        return { kind: 'redirect', location: '/' + segments.map(encodeURIComponent).join('/') + '/' };
      }
      candidates.push(join(base, 'index.html'));
    } else if (stats?.isFile()) {
      if (trailingSlash) return { kind: 'not-found' };
      candidates.push(base);
    } else if (!trailingSlash && segments.length > 0) {
      // Astro's `build.format: 'file'`: /x → /x.html.
      candidates.push(base + '.html');
    }
    for (const candidate of candidates) {
      const candidateStats = candidate === base ? stats : await statOrNull(candidate);
      if (!candidateStats?.isFile()) continue;
      // Refuse symbolic links that lead outside the served folder.
      const real = await realpath(candidate);
      if (!isInside(realRoot, real)) return { kind: 'forbidden' };
      return { kind: 'file', filePath: real, stats: candidateStats, urlPath };
    }
    return { kind: 'not-found' };
  }

  function setCommonHeaders(res: ServerResponse): void {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
  }

  async function sendError(req: IncomingMessage, res: ServerResponse, status: number): Promise<void> {
    res.setHeader('Cache-Control', 'no-cache');
    if (status === 404) {
      const page = join(realRoot, '404.html');
      const pageStats = await statOrNull(page);
      if (pageStats?.isFile()) {
        const body = await readWhole(page);
        res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': body.length });
        res.end(req.method === 'HEAD' ? undefined : body);
        return;
      }
    }
    const messages: Record<number, string> = {
      400: 'Requête invalide',
      403: 'Accès refusé',
      404: 'Page introuvable',
      405: 'Méthode non autorisée',
      500: 'Erreur interne du serveur',
    };
    const body = Buffer.from(`${status} — ${messages[status] ?? 'Erreur'}\n`, 'utf8');
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function notModified(req: IncomingMessage, stats: Stats, etag: string): boolean {
    const ifNoneMatch = req.headers['if-none-match'];
    if (ifNoneMatch !== undefined) return etagListMatches(ifNoneMatch, etag);
    const ifModifiedSince = req.headers['if-modified-since'];
    if (ifModifiedSince !== undefined) {
      const since = Date.parse(ifModifiedSince);
      return !Number.isNaN(since) && Math.floor(stats.mtimeMs / 1000) * 1000 <= since;
    }
    return false;
  }

  /** `If-Range`: the range applies only if the validator still matches. */
  function ifRangeHolds(req: IncomingMessage, stats: Stats, etag: string): boolean {
    const ifRange = req.headers['if-range'];
    if (ifRange === undefined) return true;
    const value = (Array.isArray(ifRange) ? (ifRange[0] ?? '') : ifRange).trim();
    if (value.startsWith('W/')) return false; // weak validators never match
    if (value.startsWith('"')) return value === etag;
    const date = Date.parse(value);
    return !Number.isNaN(date) && Math.floor(stats.mtimeMs / 1000) * 1000 === date;
  }

  async function sendFile(
    req: IncomingMessage,
    res: ServerResponse,
    file: { filePath: string; stats: Stats; urlPath: string },
  ): Promise<void> {
    const { filePath, stats, urlPath } = file;
    const isHead = req.method === 'HEAD';
    const contentType = contentTypeFor(filePath);
    const etags = etagsFor(stats);
    const rangeHeader = req.headers.range;
    const compressible =
      isCompressible(contentType) && stats.size >= MIN_COMPRESS_SIZE && stats.size <= MAX_COMPRESS_SIZE;
    // Range responses are never compressed: offsets refer to the file on disk.
    const useGzip = compressible && rangeHeader === undefined && acceptsGzip(req.headers['accept-encoding']);
    const etag = useGzip ? etags.gzip : etags.identity;

    res.setHeader('Content-Type', contentType);
    res.setHeader('Cache-Control', cacheControlFor(urlPath));
    res.setHeader('Last-Modified', stats.mtime.toUTCString());
    res.setHeader('ETag', etag);
    res.setHeader('Accept-Ranges', 'bytes');
    if (compressible) res.setHeader('Vary', 'Accept-Encoding');

    if (notModified(req, stats, etag)) {
      res.writeHead(304);
      res.end();
      return;
    }

    if (useGzip) {
      // a pre-compressed copy beside the file (src/serve/precompression.ts), as nginx's gzip_static
      const precompresse = await statOrNull(`${filePath}.gz`);
      if (precompresse?.isFile() && precompresse.mtimeMs >= stats.mtimeMs) {
        res.setHeader('Content-Encoding', 'gzip');
        res.setHeader('Content-Length', precompresse.size);
        res.writeHead(200);
        if (isHead) {
          res.end();
          return;
        }
        await new Promise<void>((resolve) => {
          const stream = createReadStream(`${filePath}.gz`);
          stream.on('error', () => {
            res.destroy();
            resolve();
          });
          res.on('close', () => {
            stream.destroy();
            resolve();
          });
          stream.pipe(res);
        });
        return;
      }
      const body = await gzipCache.get(filePath, stats);
      res.setHeader('Content-Encoding', 'gzip');
      res.setHeader('Content-Length', body.length);
      res.writeHead(200);
      res.end(isHead ? undefined : body);
      return;
    }

    let status = 200;
    let start = 0;
    let end = stats.size - 1;
    if (rangeHeader !== undefined && ifRangeHolds(req, stats, etags.identity)) {
      const range = parseRange(rangeHeader, stats.size);
      if (range.kind === 'unsatisfiable') {
        res.removeHeader('ETag');
        res.removeHeader('Last-Modified');
        res.setHeader('Content-Range', `bytes */${stats.size}`);
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        const body = Buffer.from('416 — Plage demandée hors du fichier\n', 'utf8');
        res.setHeader('Content-Length', body.length);
        res.writeHead(416);
        res.end(isHead ? undefined : body);
        return;
      }
      if (range.kind === 'range') {
        status = 206;
        start = range.start;
        end = range.end;
        res.setHeader('Content-Range', `bytes ${start}-${end}/${stats.size}`);
      }
    }
    const length = end - start + 1;
    res.setHeader('Content-Length', length);
    res.writeHead(status);
    if (isHead || length === 0) {
      res.end();
      return;
    }
    await new Promise<void>((resolve) => {
      const stream = createReadStream(filePath, { start, end });
      stream.on('error', () => {
        res.destroy();
        resolve();
      });
      res.on('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setCommonHeaders(res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      await sendError(req, res, 405);
      return;
    }
    const rawUrl = req.url ?? '/';
    const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
    const decoded = decodeSegments(rawPath);
    if (decoded === 'bad-request') return sendError(req, res, 400);
    if (decoded === 'forbidden') return sendError(req, res, 403);
    const resolution = await resolveFile(decoded, rawPath.endsWith('/'));
    switch (resolution.kind) {
      case 'file':
        return sendFile(req, res, resolution);
      case 'redirect': {
        const query = rawUrl.includes('?') ? rawUrl.slice(rawUrl.indexOf('?')) : '';
        res.setHeader('Location', resolution.location + query);
        res.setHeader('Cache-Control', 'no-cache');
        res.setHeader('Content-Length', 0);
        res.writeHead(301);
        res.end();
        return;
      }
      case 'forbidden':
        return sendError(req, res, 403);
      case 'bad-request':
        return sendError(req, res, 400);
      case 'not-found':
        return sendError(req, res, 404);
    }
  }

  const server: Server = createServer((req, res) => {
    const started = performance.now();
    if (log) {
      res.on('finish', () => {
        const ms = Math.round(performance.now() - started);
        log(`${req.method ?? '?'} ${req.url ?? ''} ${res.statusCode} ${ms}ms`);
      });
    }
    handle(req, res).catch((error: unknown) => {
      log?.(`Erreur sur ${req.url ?? ''} : ${error instanceof Error ? error.message : String(error)}`);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      setCommonHeaders(res);
      sendError(req, res, 500).catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen(options.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  return {
    url: formatAddress(host, port),
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
