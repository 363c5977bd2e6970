import { describe, expect, it } from 'vitest';
import { piegePrefixeAstro } from '../../src/construire.ts';

// Astro's build (core/build/common.js, getOutDirWithinCwd) keeps its prerender bundle in the output folder
// when `outDir.startsWith(process.cwd())`: a string test, true for a sibling folder whose name extends the
// project's. Found by a test run in a clone at /tmp/fc with TMPDIR=/tmp/fc-tmp (« Cannot find package »).
describe('piegePrefixeAstro', () => {
  it('reconnaît un dossier voisin dont le nom prolonge celui du projet', () => {
    expect(piegePrefixeAstro('/tmp/fc', '/tmp/fc-tmp/obs-e2e-x/.tmp-dist-1')).toBe(true);
    expect(piegePrefixeAstro('/home/a/obs', '/home/a/obs2/dist')).toBe(true);
  });
  it('laisse les dossiers dans le projet et ceux d’ailleurs', () => {
    expect(piegePrefixeAstro('/tmp/fc', '/tmp/fc/.tmp-dist-1')).toBe(false);
    expect(piegePrefixeAstro('/tmp/fc', '/tmp/obs-e2e-x/.tmp-dist-1')).toBe(false);
    expect(piegePrefixeAstro('/home/a/obs', '/tmp/obs/dist')).toBe(false);
  });
});
