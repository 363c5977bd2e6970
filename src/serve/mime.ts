/**
 * MIME types served by the static server. The same table is documented in
 * docs/deploiement.md and reproduced in deploy/nginx.conf and
 * deploy/apache.htaccess: keep the three in step.
 */
import { extname } from 'node:path';

export const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.geojson': 'application/geo+json',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.duckdb': 'application/octet-stream',
  // Arrow IPC stream (IANA): fetched whole by the explorer, so worth compressing (≈ 6 × smaller)
  '.arrow': 'application/vnd.apache.arrow.stream',
  '.pbf': 'application/x-protobuf',
};

export const DEFAULT_MIME_TYPE = 'application/octet-stream';

export function contentTypeFor(filePath: string): string {
  return MIME_TYPES[extname(filePath).toLowerCase()] ?? DEFAULT_MIME_TYPE;
}

/** Media types (without parameters) worth gzipping on the fly. */
const COMPRESSIBLE = new Set([
  'application/json',
  'application/manifest+json',
  'application/geo+json',
  'application/xml',
  'application/wasm',
  'application/vnd.apache.arrow.stream',
  'image/svg+xml',
]);

/**
 * Text types and WebAssembly are compressed; Parquet (already compressed),
 * `.duckdb`/`.arrow` (read by ranges), images, fonts and PDFs are not.
 */
export function isCompressible(contentType: string): boolean {
  const base = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return base.startsWith('text/') || COMPRESSIBLE.has(base);
}
