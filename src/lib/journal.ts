// Stage-by-stage progress for the CLI: what runs, with counts and timings.
import { duree } from './format-fr.ts';

export interface Journal {
  etape<T>(nom: string, f: () => Promise<T>, resume?: (r: T) => string): Promise<T>;
  info(message: string): void;
}

export function journalConsole(prefixe = ''): Journal {
  return {
    async etape(nom, f, resume) {
      const t0 = performance.now();
      process.stdout.write(`${prefixe}▶ ${nom}…\n`);
      const r = await f();
      const detail = resume ? ` — ${resume(r)}` : '';
      process.stdout.write(`${prefixe}✔ ${nom} (${duree(performance.now() - t0)})${detail}\n`);
      return r;
    },
    info(message) {
      process.stdout.write(`${prefixe}  ${message}\n`);
    },
  };
}

export const journalMuet: Journal = {
  etape: (_nom, f) => f(),
  info: () => {},
};
