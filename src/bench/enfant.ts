// Runs one measured job in a child process (its own heap and DuckDB), with
// /usr/bin/time -v when present for the peak RSS of the whole process tree's
// main process. The child prints progress lines `@@{json}` and a final one
// `@@{"fin": …}`; a killed or crashed child still leaves its progress.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { RACINE } from '../config/territoire.ts';
import { lireMaxRss } from './stats.ts';

export const SCRIPT_ENFANT = join(RACINE, 'src', 'bench', 'enfant-pipeline.ts');

export interface ResultatEnfant {
  code: number | null;
  signal: string | null;
  ms: number;
  /** From /usr/bin/time -v, else the child's own process.resourceUsage().maxRSS. */
  maxRssOctets: number | null;
  messages: Record<string, unknown>[];
  fin: Record<string, unknown> | null;
  depassement: boolean;
  erreur: string | null;
}

export function lancerEnfant(args: string[], options: { delaiMs: number; echo?: (ligne: string) => void }): Promise<ResultatEnfant> {
  const time = existsSync('/usr/bin/time');
  const cmd = time ? '/usr/bin/time' : process.execPath;
  const argv = time ? ['-v', process.execPath, SCRIPT_ENFANT, ...args] : [SCRIPT_ENFANT, ...args];
  const t0 = performance.now();
  return new Promise((ok) => {
    const p = spawn(cmd, argv, { cwd: RACINE, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const messages: Record<string, unknown>[] = [];
    let stderr = '';
    let reste = '';
    let depassement = false;
    p.stdout.on('data', (b: Buffer) => {
      reste += b.toString();
      const lignes = reste.split('\n');
      reste = lignes.pop() ?? '';
      for (const l of lignes) {
        if (l.startsWith('@@')) {
          try {
            messages.push(JSON.parse(l.slice(2)) as Record<string, unknown>);
          } catch {
            /* progress line cut: ignored */
          }
        }
        options.echo?.(l);
      }
    });
    p.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
      if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
    });
    const minuterie = setTimeout(() => {
      depassement = true;
      // the child's own process group (time + node): nothing else is touched
      if (p.pid) process.kill(-p.pid, 'SIGKILL');
    }, options.delaiMs);
    p.on('close', (code, signal) => {
      clearTimeout(minuterie);
      const fin = (messages.findLast((m) => 'fin' in m)?.fin as Record<string, unknown> | undefined) ?? null;
      const rssEnfant = messages.findLast((m) => typeof m.maxRssOctets === 'number')?.maxRssOctets as number | undefined;
      const erreurEnfant = messages.findLast((m) => typeof m.erreur === 'string')?.erreur as string | undefined;
      ok({
        code,
        signal: signal ?? (/Command terminated by signal (\d+)/.exec(stderr)?.[1] ?? null),
        ms: performance.now() - t0,
        maxRssOctets: lireMaxRss(stderr) ?? rssEnfant ?? null,
        messages,
        fin,
        depassement,
        erreur: code === 0 ? null : (erreurEnfant ?? stderr.split('\n').filter((l) => l.trim() && !/^\t/.test(l)).slice(-5).join(' | ') ?? 'échec'),
      });
    });
  });
}
