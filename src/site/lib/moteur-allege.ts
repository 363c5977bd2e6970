/**
 * The DuckDB-WASM engine without the exports nobody calls (build time, Node).
 *
 * `duckdb-eh.wasm` is built as an Emscripten MAIN_MODULE (so that extensions could be linked
 * in at run time): it exports 75 011 symbols (65 167 functions, 9 844 globals; a 7.4 MB export
 * section). At instantiation the Emscripten glue of the worker walks every export
 * (`relocateExports`, `updateGOT`, `mergeLibSymbols`): one `WebAssembly.Global` per export and
 * one table slot per exported function — about 1 s of the explorer's 2 s engine start, at every
 * visit. The site loads no extension (autoloading is off, everything is served from the site),
 * so only the exports the glue names (by their name or `_name`), those the module itself
 * imports through its GOT (`GOT.func`, `GOT.mem`), and the runtime's own (`__…`, `dynCall_…`,
 * `orig$f` when `f` is kept) are kept: 870 of them. The code, the data and every other section are copied
 * byte for byte. The file keeps its name (`duckdb-eh.<hash of the trimmed content>.wasm`).
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

function lireLeb(b: Uint8Array, i: number): [number, number] {
  let r = 0;
  let decalage = 0;
  for (;;) {
    const x = b[i++]!;
    r += (x & 0x7f) * 2 ** decalage;
    decalage += 7;
    if (x < 0x80) return [r, i];
  }
}

function ecrireLeb(n: number): number[] {
  const o: number[] = [];
  do {
    let x = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) x |= 0x80;
    o.push(x);
  } while (n > 0);
  return o;
}

const decodeur = new TextDecoder('utf-8', { fatal: false });

/** Names the module imports from `GOT.func` / `GOT.mem` (import section, id 2). */
function importsGot(b: Uint8Array, debut: number): Set<string> {
  const got = new Set<string>();
  let [n, i] = lireLeb(b, debut);
  for (let k = 0; k < n; k++) {
    let l: number;
    [l, i] = lireLeb(b, i);
    const module = decodeur.decode(b.subarray(i, i + l));
    i += l;
    [l, i] = lireLeb(b, i);
    const nom = decodeur.decode(b.subarray(i, i + l));
    i += l;
    const genre = b[i++]!;
    if (genre === 0) [, i] = lireLeb(b, i); // function: type index
    else if (genre === 1 || genre === 2) {
      if (genre === 1) i++; // table: reference type
      const drapeaux = b[i++]!;
      [, i] = lireLeb(b, i); // minimum
      if (drapeaux & 1) [, i] = lireLeb(b, i); // maximum
    } else if (genre === 3) i += 2; // global: value type, mutability
    else if (genre === 4) {
      i++; // tag: attribute
      [, i] = lireLeb(b, i);
    } else throw new Error(`import de genre ${genre} inconnu`);
    if (module.startsWith('GOT.')) got.add(nom);
  }
  return got;
}

/** `wasm` without the exports that `glue` (the worker's JavaScript) never names. */
export function allegerMoteur(wasm: Uint8Array, glue: string): { wasm: Uint8Array<ArrayBuffer>; gardes: number; retires: number } {
  if (wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d) throw new Error('pas un module WebAssembly');
  const sections: { id: number; debut: number; corps: number; fin: number }[] = [];
  for (let i = 8; i < wasm.length; ) {
    const id = wasm[i]!;
    const [taille, corps] = lireLeb(wasm, i + 1);
    sections.push({ id, debut: i, corps, fin: corps + taille });
    i = corps + taille;
  }
  const imports = sections.find((s) => s.id === 2);
  const got = imports ? importsGot(wasm, imports.corps) : new Set<string>();
  const mots = new Set(glue.match(/[A-Za-z_$][A-Za-z0-9_$]*/g) ?? []);
  const nomme = (nom: string) => got.has(nom) || mots.has(nom) || mots.has(`_${nom}`) || nom.startsWith('__') || nom.startsWith('dynCall');
  // `orig$f`: the i64 version of `f`, which the glue puts in the GOT in place of `f`: kept with `f`
  const garder = (nom: string, genre: number) => (genre !== 0 && genre !== 3) || (nom.startsWith('orig$') ? nomme(nom.slice(5)) : nomme(nom));
  const morceaux: Uint8Array[] = [wasm.subarray(0, 8)];
  let gardes = 0;
  let retires = 0;
  for (const s of sections) {
    if (s.id !== 7) {
      morceaux.push(wasm.subarray(s.debut, s.fin));
      continue;
    }
    const entrees: Uint8Array[] = [];
    let [n, i] = lireLeb(wasm, s.corps);
    for (let k = 0; k < n; k++) {
      const debut = i;
      let l: number;
      [l, i] = lireLeb(wasm, i);
      const nom = decodeur.decode(wasm.subarray(i, i + l));
      i += l;
      const genre = wasm[i++]!;
      [, i] = lireLeb(wasm, i);
      if (garder(nom, genre)) {
        entrees.push(wasm.subarray(debut, i));
        gardes++;
      } else retires++;
    }
    const nombre = Uint8Array.from(ecrireLeb(entrees.length));
    const tailleCorps = nombre.length + entrees.reduce((t, e) => t + e.length, 0);
    morceaux.push(Uint8Array.from([7, ...ecrireLeb(tailleCorps)]), nombre, ...entrees);
  }
  const total = morceaux.reduce((t, m) => t + m.length, 0);
  const sortie = new Uint8Array(total);
  let p = 0;
  for (const m of morceaux) {
    sortie.set(m, p);
    p += m.length;
  }
  return { wasm: sortie, gardes, retires };
}

const MOTEUR = '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm';
const GLUE = '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js';

/**
 * Vite plugin (astro.config.mjs): `import x from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'`
 * gets the trimmed engine, written once per package version in node_modules/.cache/.
 */
export function moteurAllege(racine: string) {
  let chemin: string | null = null;
  const preparer = () => {
    if (chemin) return chemin;
    const require = createRequire(join(racine, 'package.json'));
    const source = require.resolve(MOTEUR);
    // dist/ is next to the package's package.json (not in its "exports")
    const version = (JSON.parse(readFileSync(join(dirname(source), '..', 'package.json'), 'utf8')) as { version: string }).version;
    const dossier = join(racine, 'node_modules', '.cache', 'observatoire', `duckdb-wasm-${version}-allege-2`);
    const cible = join(dossier, 'duckdb-eh.wasm');
    if (!existsSync(cible)) {
      const { wasm } = allegerMoteur(readFileSync(source), readFileSync(require.resolve(GLUE), 'utf8'));
      mkdirSync(dossier, { recursive: true });
      // written then renamed: a build stopped halfway leaves no truncated engine
      writeFileSync(`${cible}.${process.pid}.tmp`, wasm);
      renameSync(`${cible}.${process.pid}.tmp`, cible);
    }
    chemin = cible;
    return cible;
  };
  return {
    name: 'observatoire:moteur-allege',
    enforce: 'pre' as const,
    resolveId(id: string) {
      if (id === `${MOTEUR}?url`) return `${preparer()}?url`;
      return null;
    },
  };
}
