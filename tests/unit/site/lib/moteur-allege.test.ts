// The trimmed DuckDB engine: only the exports the glue names, those the module imports through
// its GOT and the runtime's own stay; every other section is copied as is (V8 still validates it).
import { describe, expect, test } from 'vitest';
import { allegerMoteur } from '../../../../src/site/lib/moteur-allege.ts';

const leb = (n: number) => {
  const o: number[] = [];
  do {
    let x = n & 0x7f;
    n >>>= 7;
    if (n) x |= 0x80;
    o.push(x);
  } while (n);
  return o;
};
const nom = (s: string) => [...leb(s.length), ...Buffer.from(s)];
const section = (id: number, corps: number[]) => [id, ...leb(corps.length), ...corps];

/** A module importing GOT.func.garde_got, exporting five functions (one `orig$`) and a global. */
function module(): Uint8Array<ArrayBuffer> {
  const noms = ['appelee_par_js', 'garde_got', 'inutile', '__wasm_call_ctors', 'orig$inutile', 'orig$garde_got'];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 0, 0]), // type 0: [] -> []
    ...section(2, [1, ...nom('GOT.func'), ...nom('garde_got'), 3, 0x7f, 1]), // mutable i32 global import
    ...section(3, [noms.length, ...noms.map(() => 0)]),
    ...section(6, [1, 0x7f, 0, 0x41, 0, 0x0b]), // global 1: i32 const 0
    ...section(7, [noms.length + 1, ...noms.flatMap((n, i) => [...nom(n), 0, i]), ...nom('inutile_global'), 3, 1]),
    ...section(10, [noms.length, ...noms.flatMap(() => [2, 0, 0x0b])]),
    ...section(0, [...nom('dylink.0'), 0]),
  ]);
}

describe('moteur allégé', () => {
  test('garde ce que la glue nomme, le GOT, le runtime ; le module reste valide', () => {
    const glue = 'var f = wasmExports["appelee_par_js"]; Module._x = 1;';
    const { wasm, gardes, retires } = allegerMoteur(module(), glue);
    expect(WebAssembly.validate(wasm)).toBe(true);
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
    expect(exports).toEqual(['appelee_par_js', 'garde_got', '__wasm_call_ctors', 'orig$garde_got']);
    expect([gardes, retires]).toEqual([4, 3]);
    const sections = (b: Uint8Array<ArrayBuffer>) => WebAssembly.Module.customSections(new WebAssembly.Module(b), 'dylink.0').length;
    expect(sections(wasm)).toBe(sections(module()));
  });

  test('refuse ce qui n’est pas du WebAssembly', () => {
    expect(() => allegerMoteur(Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]), '')).toThrow(/WebAssembly/);
  });
});
