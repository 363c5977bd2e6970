/**
 * Pre-compressed copies of the hashed assets (`_astro/x.wasm` → `_astro/x.wasm.gz`), written
 * once after `astro build`: the server then sends the 34 MB DuckDB engine gzipped without
 * compressing it on the first request (src/serve serves `.gz` beside a file; nginx
 * `gzip_static on`, deploy/nginx.conf). Only `_astro/`: its names change with the content,
 * so a `.gz` can never be older than its file.
 */
import { readdirSync, statSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { contentTypeFor, isCompressible } from './mime.ts';
import { HASHED_ASSETS_PREFIX } from './headers.ts';

const gzipAsync = promisify(gzip);

/** Below this size the on-the-fly compression is cheap enough. */
const TAILLE_MIN = 64 * 1024;

export async function precompresserAssets(dist: string): Promise<{ fichier: string; octets: number; gzip: number }[]> {
  const dossier = join(dist, HASHED_ASSETS_PREFIX);
  const fichiers = readdirSync(dossier).filter((f) => !f.endsWith('.gz') && isCompressible(contentTypeFor(f)) && statSync(join(dossier, f)).size >= TAILLE_MIN);
  return Promise.all(
    fichiers.map(async (f) => {
      const brut = await readFile(join(dossier, f));
      const gz = await gzipAsync(brut, { level: 6 }); // level 9: 0,4 % smaller for the engine, several times slower
      await writeFile(join(dossier, `${f}.gz`), gz);
      return { fichier: f, octets: brut.length, gzip: gz.length };
    }),
  );
}
