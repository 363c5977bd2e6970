import { defineConfig } from 'vitest/config';

// Three projects, each with its own npm script (tests/README.md):
//   unit         modules and their SQL on real DuckDB, no browser, no full pipeline run
//   integration  the pipeline (ingest → model → publish) on real DuckDB, into temp folders
//   e2e          the site built once per run (tests/setup/site.ts), served on a free port, driven by headless Chromium
// Integration and e2e share one synthetic reference build per run (tests/setup/reference.ts).
// Every project: the run's pseudonymisation key in a temp folder (tests/setup/cle.ts).
export default defineConfig({
  test: {
    // Vitest's default is one worker less than the cores, i.e. a single worker on a 2-core machine; one per
    // core uses both (unit project on a shared 2-core machine: 260 s with one worker, 194 s with two)
    maxWorkers: '100%',
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          // a worker runs file after file without restarting: no test mocks or stubs a module or a global
          // (unit project alone on 2 cores: 46 s isolated, 26 s not)
          isolate: false,
          globalSetup: ['tests/setup/cle.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          // as for unit (integration project alone: 90 s isolated, 74 s not)
          isolate: false,
          globalSetup: ['tests/setup/cle.ts', 'tests/setup/reference.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // e2e files in parallel workers like the others (each its own Chromium)
          globalSetup: ['tests/setup/cle.ts', 'tests/setup/site.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
