/**
 * Security and cache headers. These values are the production configuration
 * documented in docs/deploiement.md and written into deploy/nginx.conf and
 * deploy/apache.htaccess; tests/unit/serve checks that those files carry the
 * same strings. Change them here first, then in the three files.
 */

/**
 * Content-Security-Policy of the published site.
 * - `'wasm-unsafe-eval'`: DuckDB-WASM compiles WebAssembly;
 * - `worker-src 'self' blob:`: DuckDB-WASM and MapLibre workers are same-origin
 *   files (blob: for the worker bootstrap duckdb-wasm can create);
 * - `connect-src 'self'`: nothing is fetched from any other host;
 * - `style-src 'unsafe-inline'`: Astro inlines small stylesheets, Plot and
 *   MapLibre set `style` attributes;
 * - no `'unsafe-inline'` in `script-src`: Astro must emit its scripts as
 *   external files (inline `<script type="module">` would be blocked).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

/** The site uses no sensor, camera, microphone, location or payment: none of them for it or its frames. */
export const PERMISSIONS_POLICY = 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()';

/** Headers sent with every response (pages, assets, data, errors, redirects). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': PERMISSIONS_POLICY,
};

/**
 * HTTPS only (deploy/: the HTTPS server block of nginx, Apache when HTTPS is on): browsers then
 * refuse plain HTTP to the site for a year. Never sent by the local server (plain HTTP on localhost).
 */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

/** Astro's content-hashed build output: safe to cache forever. */
export const CACHE_IMMUTABLE = 'public, max-age=31536000, immutable';
/** HTML and data: the browser keeps a copy but revalidates it (ETag/Last-Modified) each time. */
export const CACHE_REVALIDATE = 'no-cache';

/** Prefix of Astro's hashed assets (`build.assets`, default `_astro`). */
export const HASHED_ASSETS_PREFIX = '/_astro/';

/** `urlPath` is the decoded path of the request, starting with `/`. */
export function cacheControlFor(urlPath: string): string {
  return urlPath.startsWith(HASHED_ASSETS_PREFIX) ? CACHE_IMMUTABLE : CACHE_REVALIDATE;
}
