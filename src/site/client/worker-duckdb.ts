// Starts DuckDB-WASM's worker as early as possible, before the 193 KB main-thread bundle of
// db-wasm.ts is loaded. A small bootstrap (blob:, allowed by worker-src) starts downloading and
// compiling the engine (WebAssembly.compileStreaming on the site's own response: its URL keeps
// it eligible for the browser's compiled-code cache) while the 770 KB worker script still
// downloads and parses; DuckDB's own instantiation then receives that module instead of
// fetching the .wasm a second time (it would wrap the response in a Response without URL).
import wasmEh from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import workerEh from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/** Absolute address of the engine (a blob: worker resolves nothing relative). */
export const URL_WASM = new URL(wasmEh, location.href).href;

function amorce(wasm: string, script: string): string {
  return `"use strict";
const wasm = ${JSON.stringify(wasm)};
const fetchOrigine = self.fetch.bind(self);
const module = WebAssembly.compileStreaming(fetchOrigine(wasm, { credentials: 'same-origin' }));
module.catch(() => {});
// DuckDB fetches the .wasm itself, then calls instantiateStreaming: answer with the module compiled above
self.fetch = (entree, init) => ((typeof entree === 'string' ? entree : entree.url) === wasm ? Promise.resolve(new Response(new Uint8Array(0))) : fetchOrigine(entree, init));
WebAssembly.instantiateStreaming = async (_source, imports) => {
  const m = await module;
  return { module: m, instance: await WebAssembly.instantiate(m, imports) };
};
importScripts(${JSON.stringify(script)});
`;
}

export function lancerWorker(): Worker {
  const source = amorce(URL_WASM, new URL(workerEh, location.href).href);
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const worker = new Worker(url);
  // the worker has read its script once it runs; the address is no longer needed
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return worker;
}
