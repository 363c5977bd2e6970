// The site built once per e2e run by tests/setup/site.ts (a Vitest global set-up), as the test files see it.
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { DonneesPages } from '../../src/publish/pages.ts';

/** Paths and address of the built site (all in the run's temp folder). */
export interface SiteConstruit {
  territoire: string;
  /** base URL of the served dist, with a trailing slash (free port) */
  url: string;
  dist: string;
  /** the synthetic exports the site was built from */
  entrees: string;
  /** the published data (Parquet, Arrow, CSV…), also served as dist/data/ */
  donnees: string;
  /** pages.json: the numbers of the pages computed by the pipeline */
  pages: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    site: SiteConstruit;
  }
}

export interface SiteDeTest extends Omit<SiteConstruit, 'pages'> {
  pages: DonneesPages;
}

let site: SiteDeTest | null = null;

export function siteDeTest(): SiteDeTest {
  if (!site) {
    const s = inject('site');
    if (!s) throw new Error('site de test absent : ce fichier se lance dans le projet e2e (npm run test:e2e)');
    site = { ...s, pages: JSON.parse(readFileSync(s.pages, 'utf8')) as DonneesPages };
  }
  return site;
}
