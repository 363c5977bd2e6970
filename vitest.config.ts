import { defineConfig } from 'vitest/config';

// Three projects, each with its own npm script (tests/README.md):
//   unit         modules and their SQL on real DuckDB, no browser, no full pipeline run
//   integration  the pipeline (ingest → model → publish) on real DuckDB, into temp folders
//   e2e          the site built once per run (global set-up), served locally, driven by headless Chromium
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 900_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
