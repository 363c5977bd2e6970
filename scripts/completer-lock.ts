// The npm mirror reachable from our build machines lacks some platform-specific
// optional packages (macOS/Windows/arm builds of DuckDB's and Astro's native
// bindings), so `npm install` leaves them out of package-lock.json and `npm ci`
// then refuses the lockfile. This adds the missing entries with their os/cpu,
// so npm skips them on Linux x64 and installs them from npmjs elsewhere.
// Run after any `npm install` that rewrites the lockfile: node scripts/completer-lock.ts
import { readFileSync, writeFileSync } from 'node:fs';

const PLATEFORMES: Record<string, { os?: string[]; cpu: string[]; libc?: string[] }> = {
  'android-arm64': { os: ['android'], cpu: ['arm64'] },
  'darwin-arm64': { os: ['darwin'], cpu: ['arm64'] },
  'darwin-x64': { os: ['darwin'], cpu: ['x64'] },
  'linux-arm64': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-gnu': { os: ['linux'], cpu: ['arm64'], libc: ['glibc'] },
  'linux-arm64-musl': { os: ['linux'], cpu: ['arm64'], libc: ['musl'] },
  'wasm32-wasi': { cpu: ['wasm32'] },
  'win32-arm64': { os: ['win32'], cpu: ['arm64'] },
  'win32-arm64-msvc': { os: ['win32'], cpu: ['arm64'] },
  'win32-x64': { os: ['win32'], cpu: ['x64'] },
  'win32-x64-msvc': { os: ['win32'], cpu: ['x64'] },
};

const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
let ajoutes = 0;
for (const [chemin, p] of Object.entries(lock.packages as Record<string, { optionalDependencies?: Record<string, string> }>)) {
  for (const [nom, version] of Object.entries(p.optionalDependencies ?? {})) {
    const cle = `node_modules/${nom}`;
    if (lock.packages[cle] || lock.packages[`${chemin}/node_modules/${nom}`]) continue;
    const suffixe = Object.keys(PLATEFORMES).sort((a, b) => b.length - a.length).find((s) => nom.endsWith(`-${s}`));
    if (!suffixe) continue;
    lock.packages[cle] = { version, ...PLATEFORMES[suffixe], dev: true, optional: true };
    ajoutes++;
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))));
writeFileSync('package-lock.json', JSON.stringify(lock, null, 2) + '\n');
console.log(`${ajoutes} entrée(s) ajoutée(s) à package-lock.json`);
