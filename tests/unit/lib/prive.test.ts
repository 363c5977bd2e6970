// The build's private folder: owner-only, removed at the end, on SIGINT/SIGTERM, and by the next build after a kill.
import { afterAll, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { creerDossierPrive, nettoyerRestes, supprimerDossierPrive } from '../../../src/lib/prive.ts';
import { RACINE } from '../../helpers/racine.ts';

const tmp = mkdtempSync(join(tmpdir(), 'obs-prive-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** A pid no process has (beyond Linux's pid_max). */
const MORT = 2 ** 22 + 12345;

test('dossier privé en 0700, supprimé à la fin ; les restes d’une construction tuée sont retirés par la suivante, rien d’autre', () => {
  const travail = join(tmp, 'travail');
  mkdirSync(join(travail, `.prive-${MORT}`), { recursive: true });
  writeFileSync(join(travail, `.prive-${MORT}`, 'attributions-0.csv'), 'données personnelles');
  mkdirSync(join(travail, 'entrees-propres'));
  writeFileSync(join(travail, 'garder.csv'), 'x');
  const d = creerDossierPrive(travail);
  expect(statSync(d).mode & 0o777).toBe(0o700);
  expect(readdirSync(travail).sort()).toEqual([`.prive-${process.pid}`, 'garder.csv']);
  supprimerDossierPrive(d);
  expect(readdirSync(travail)).toEqual(['garder.csv']);
});

test('dossiers d’étape d’une sortie : seulement ceux de cette sortie et d’un processus mort', () => {
  const parent = join(tmp, 'site');
  for (const n of [`.tmp-data-${MORT}`, `.old-data-${MORT}`, `.tmp-data-${process.pid}`, `.tmp-autre-${MORT}`, 'data']) mkdirSync(join(parent, n), { recursive: true });
  expect(nettoyerRestes(parent, 'data').sort()).toEqual([`.old-data-${MORT}`, `.tmp-data-${MORT}`]);
  expect(readdirSync(parent).sort()).toEqual([`.tmp-autre-${MORT}`, `.tmp-data-${process.pid}`, 'data']);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} pendant la construction : dossier privé supprimé, code de sortie ${signal === 'SIGINT' ? 130 : 143}`, async () => {
    const travail = join(tmp, `signal-${signal}`);
    const script = `import { creerDossierPrive } from ${JSON.stringify(join(RACINE, 'src', 'lib', 'prive.ts'))};
      import { writeFileSync } from 'node:fs';
      const d = creerDossierPrive(${JSON.stringify(travail)});
      writeFileSync(d + '/ops-1.csv', 'ménage', { mode: 0o600 });
      console.log('pret');
      setInterval(() => {}, 1000);`;
    const p = spawn(join(RACINE, 'node_modules', '.bin', 'node'), ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((ok) => p.stdout.on('data', (b) => String(b).includes('pret') && ok()));
    expect(readdirSync(travail)).toEqual([`.prive-${p.pid}`]);
    const code = new Promise<number | null>((ok) => p.on('exit', (c) => ok(c)));
    p.kill(signal);
    expect(await code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(existsSync(travail) && readdirSync(travail)).toEqual([]);
  });
}
