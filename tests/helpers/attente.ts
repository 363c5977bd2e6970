// A build of the test run's global set-up runs in Vitest's main process while test files start in
// workers: the set-up writes a marker file when it ends (« ok », or the error's message), and a file
// that needs the build waits for the marker before reading anything.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const OK = 'ok';

export function signalerFin(marqueur: string, construction: Promise<unknown>): void {
  construction.then(
    () => writeFileSync(marqueur, OK),
    (e: unknown) => writeFileSync(marqueur, e instanceof Error ? (e.stack ?? e.message) : String(e)),
  );
}

/** Blocks until the marker exists (a test file has nothing else to do meanwhile); throws the build's error. */
export function attendreFin(marqueur: string, quoi: string, delaiMs = 10 * 60_000): void {
  const sommeil = new Int32Array(new SharedArrayBuffer(4));
  const limite = Date.now() + delaiMs;
  while (!existsSync(marqueur)) {
    if (Date.now() > limite) throw new Error(`${quoi} : pas terminée après ${delaiMs / 1000} s`);
    Atomics.wait(sommeil, 0, 0, 100);
  }
  const fin = readFileSync(marqueur, 'utf8');
  if (fin !== OK) throw new Error(`${quoi} en échec :\n${fin}`);
}
