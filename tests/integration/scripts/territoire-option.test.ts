// --territoire on the command line: only an id of data/territoires/, refused in French otherwise,
// before anything is read or written.
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { RACINE } from '../../helpers/racine.ts';

const lancer = (script: string, ...args: string[]) => {
  const r = spawnSync(join(RACINE, 'node_modules', '.bin', 'node'), [join(RACINE, 'scripts', script), ...args], { cwd: RACINE, encoding: 'utf8', env: { ...process.env, OBS_TERRITOIRE: '' } });
  return { code: r.status, tout: r.stdout + r.stderr };
};

test.each([
  ['build.ts', '../../etc'],
  ['pipeline.ts', 'sicoval/../muretain'],
  ['check-data.ts', '..'],
  ['generate.ts', '../sicoval'],
  ['build.ts', 'inconnu'],
])('%s --territoire %s : refusé, code 1 ou 2, liste des territoires', (script, id) => {
  const r = lancer(script, '--territoire', id);
  expect(r.code).not.toBe(0);
  expect(r.tout).toMatch(/Territoire .* inconnu : territoires disponibles : muretain, sicoval/);
  expect(r.tout).not.toMatch(/ENOENT|at .*\.ts:\d+/);
});
