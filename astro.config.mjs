// Astro builds the static site from src/site; the data it shows comes from
// build/<territoire>/pages.json, written by the pipeline; its published files
// (build/<territoire>/donnees/) are copied into dist/data/ by src/construire.ts.
import { defineConfig } from 'astro/config';

export default defineConfig({
  srcDir: './src/site',
  publicDir: './public',
  outDir: process.env.OBS_DIST ?? './dist',
  site: 'http://localhost:4321',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  devToolbar: { enabled: false },
  vite: {
    // no inline scripts (strict CSP: script-src 'self'); wasm and workers stay files
    build: { assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
  },
});
