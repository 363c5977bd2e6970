/**
 * The production configuration files and the deployment guide must carry
 * exactly the headers the project's server sends (src/serve/headers.ts).
 */
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_IMMUTABLE, CONTENT_SECURITY_POLICY, SECURITY_HEADERS, STRICT_TRANSPORT_SECURITY } from '../../../src/serve/headers.ts';
import { MIME_TYPES } from '../../../src/serve/mime.ts';
import { RACINE } from '../../helpers/racine.ts';

const repo = RACINE;
const read = (relative: string): string => readFileSync(resolve(repo, relative), 'utf8');

const FILES = ['docs/deploiement.md', 'deploy/nginx.conf', 'deploy/apache.htaccess'];

/** MIME types that differ between servers' default tables: each file must set them. */
const CRITICAL_TYPES: Array<[string, string]> = [
  ['.wasm', 'application/wasm'],
  ['.parquet', 'application/vnd.apache.parquet'],
  ['.geojson', 'application/geo+json'],
  ['.mjs', 'text/javascript'],
  ['.csv', 'text/csv'],
];

describe.each(FILES)('%s', (file) => {
  const text = read(file);

  test('contains the exact CSP', () => {
    expect(text).toContain(CONTENT_SECURITY_POLICY);
  });

  test('contains every security header with its value', () => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      expect(text, name).toMatch(new RegExp(`${name}:?\\s+"?${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    }
  });

  test('contains the cache rules', () => {
    expect(text).toContain(CACHE_IMMUTABLE);
    expect(text).toContain('no-cache');
    expect(text).toContain('_astro/');
  });

  test('sets the MIME types that servers get wrong', () => {
    for (const [extension, type] of CRITICAL_TYPES) {
      expect(MIME_TYPES[extension]?.startsWith(type), extension).toBe(true);
      expect(text, `${extension} → ${type}`).toContain(type);
    }
  });
});

test('the CSP has a single line in each config file (no accidental edits)', () => {
  for (const file of ['deploy/nginx.conf', 'deploy/apache.htaccess']) {
    const lines = read(file).split('\n').filter((line) => line.includes('Content-Security-Policy "'));
    expect(lines, file).toHaveLength(1);
  }
});

test('HSTS in the HTTPS block of nginx only, under the HTTPS condition in Apache, never from the local HTTP server', () => {
  const nginx = read('deploy/nginx.conf');
  const blocs = nginx.split(/^server \{$/m).slice(1);
  expect(blocs).toHaveLength(2);
  const [http, https] = blocs as [string, string];
  expect(http).toMatch(/listen 80;/);
  expect(http).toMatch(/return 301 https:\/\/\$host\$request_uri;/);
  expect(http).not.toContain('Strict-Transport-Security');
  expect(https).toMatch(/listen 443 ssl;/);
  expect(https).toContain(`add_header Strict-Transport-Security "${STRICT_TRANSPORT_SECURITY}" always;`);
  expect(read('deploy/apache.htaccess')).toContain(`Header always set Strict-Transport-Security "${STRICT_TRANSPORT_SECURITY}" "expr=%{HTTPS} == 'on'"`);
  expect(read('docs/deploiement.md')).toContain(`Strict-Transport-Security: ${STRICT_TRANSPORT_SECURITY}`);
  expect(Object.keys(SECURITY_HEADERS)).not.toContain('Strict-Transport-Security');
  expect(SECURITY_HEADERS['Permissions-Policy']).toMatch(/^(?:[a-z-]+=\(\)(?:, |$))+$/);
});
