// Astro builds the static site from src/site; the data it shows comes from
// build/<territoire>/pages.json, written by the pipeline; its published files
// (build/<territoire>/donnees/) are copied into dist/data/ by src/construire.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { precompresserAssets } from './src/serve/precompression.ts';
import { moteurAllege } from './src/site/lib/moteur-allege.ts';

export default defineConfig({
  srcDir: './src/site',
  publicDir: './public',
  outDir: process.env.OBS_DIST ?? './dist',
  site: 'http://localhost:4321',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  // Astro's compression drops the line break between a word and the next line's tag or expression
  // ("et<strong>CSV", ": <a>dictionnaire", "étudiants.Les"): pages keep their whitespace.
  compressHTML: false,
  devToolbar: { enabled: false },
  // hashed assets also written gzipped (the 34 MB DuckDB engine is not compressed per request)
  integrations: [{ name: 'precompression', hooks: { 'astro:build:done': async ({ dir }) => void (await precompresserAssets(fileURLToPath(dir))) } }],
  vite: {
    // no inline scripts (strict CSP: script-src 'self'); wasm and workers stay files
    build: { assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    // the DuckDB engine without the 63 000 exports no one calls (src/site/lib/moteur-allege.ts)
    plugins: [moteurAllege(fileURLToPath(new URL('.', import.meta.url)))],
  },
});
