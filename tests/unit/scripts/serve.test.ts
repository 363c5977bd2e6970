import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_SERVE_ARGS, parseServeArgs } from '../../../src/serve/args.ts';
import { rawRequest } from '../../helpers/http.ts';
import { RACINE } from '../../helpers/racine.ts';

const SCRIPT = join(RACINE, 'scripts', 'serve.ts');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** process.execPath is the pinned Node 22, which runs .ts files directly. */
function runServe(args: string[]): Run {
  const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.on('exit', (code, signal) => done({ code, signal })),
  );
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitForOutput(run: Run, pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(run.stdout());
    if (match) return match;
    if (run.child.exitCode !== null) throw new Error(`exited early: ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`timeout; stdout=${run.stdout()} stderr=${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let base: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'obs-serve-cli-'));
  await writeFile(join(base, 'index.html'), '<!doctype html><title>Accueil</title>');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('parseServeArgs', () => {
  test('defaults', () => {
    expect(parseServeArgs([])).toEqual(DEFAULT_SERVE_ARGS);
    expect(DEFAULT_SERVE_ARGS).toMatchObject({ dossier: 'dist', port: 4321, hote: '127.0.0.1' });
  });

  test('French flags, both syntaxes', () => {
    expect(parseServeArgs(['--dossier', 'build', '--port', '8080', '--hote=0.0.0.0', '--journal'])).toEqual({
      dossier: 'build',
      port: 8080,
      hote: '0.0.0.0',
      journal: true,
      aide: false,
    });
    expect(parseServeArgs(['--port=0']).port).toBe(0);
  });

  test('French errors', () => {
    expect(() => parseServeArgs(['--port', 'abc'])).toThrow(/port invalide/);
    expect(() => parseServeArgs(['--port', '70000'])).toThrow(/port invalide/);
    expect(() => parseServeArgs(['--port', ''])).toThrow(/port invalide/);
    expect(() => parseServeArgs(['--inconnu'])).toThrow(/option invalide/);
    expect(() => parseServeArgs(['dist'])).toThrow(/option invalide/);
  });
});

describe('scripts/serve.ts', () => {
  test('serves the folder, prints the URL in French, stops on SIGTERM', async () => {
    const run = runServe(['--dossier', base, '--port', '0']);
    try {
      const match = await waitForOutput(run, /Ouvrez (http:\/\/127\.0\.0\.1:(\d+)\/)/);
      const res = await rawRequest(Number(match[2]), '/');
      expect(res.status).toBe(200);
      expect(res.body.toString()).toContain('Accueil');
      run.child.kill('SIGTERM');
      expect(await run.exited).toEqual({ code: 0, signal: null });
      expect(run.stdout()).toContain('Arrêt du serveur (SIGTERM)');
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  test('stops cleanly on SIGINT', async () => {
    const run = runServe(['--dossier', base, '--port', '0']);
    try {
      await waitForOutput(run, /Ouvrez http/);
      run.child.kill('SIGINT');
      expect(await run.exited).toEqual({ code: 0, signal: null });
    } finally {
      if (run.child.exitCode === null) run.child.kill('SIGKILL');
    }
  });

  test('missing folder: French error suggesting npm run build', async () => {
    const run = runServe(['--dossier', join(base, 'absent'), '--port', '0']);
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toContain("lancez d'abord npm run build");
  });

  test('port already taken: French error', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const taken = (blocker.address() as AddressInfo).port;
    try {
      const run = runServe(['--dossier', base, '--port', String(taken)]);
      const { code } = await run.exited;
      expect(code).toBe(1);
      expect(run.stderr()).toContain(`le port ${taken} est déjà utilisé`);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });

  test('invalid option: French error and usage', async () => {
    const run = runServe(['--port', 'quatre']);
    const { code } = await run.exited;
    expect(code).toBe(1);
    expect(run.stderr()).toContain('port invalide');
  });
});
