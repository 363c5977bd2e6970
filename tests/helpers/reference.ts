// The synthetic reference build of the run (tests/setup/reference.ts), as integration tests see it.
// Shared by every file of the run: read it, never write into it (copy what a test must change).
import { inject } from 'vitest';
import type { Reference } from '../setup/reference.ts';

export type { Reference };

declare module 'vitest' {
  export interface ProvidedContext {
    reference: Reference;
  }
}

export function referenceSynthetique(): Reference {
  const r = inject('reference');
  if (!r) throw new Error('construction de référence absente : ce fichier se lance dans le projet integration (npm run test:integration)');
  return r;
}
