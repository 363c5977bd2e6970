// Site measurements: Astro build time, bytes and time to the first meaningful
// number (home, commune fiche, naive fiche), the explorer's first answer with
// DuckDB-WASM cold, filter-change latency, Arrow IPC versus a .duckdb file.
// Bench pages live in a temporary copy of dist/, never in src/site.
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { trouverChromium } from '../navigateur/chromium.ts';
import { RACINE } from '../config/territoire.ts';
import { lit } from '../model/db.ts';
import { ouvrirDuckDb } from '../model/db-node.ts';
import { TABLES_PUBLIEES } from '../pipeline.ts';
import { startStaticServer, type StaticServer } from '../serve/static-server.ts';
import { centile, mediane, serie, type Serie } from './stats.ts';

export interface Octets {
  total: number;
  parType: Record<string, number>;
  requetes: number;
  wasm: boolean;
  donnees: string[];
}

function typeRessource(url: string, contentType: string): string {
  const p = new URL(url).pathname;
  if (p.endsWith('.wasm')) return 'wasm';
  if (/\.(arrow|parquet|duckdb)$/.test(p)) return 'données';
  if (contentType.includes('html')) return 'html';
  if (contentType.includes('css')) return 'css';
  if (contentType.includes('javascript')) return 'js';
  return 'autre';
}

/** Counts every finished request of the context (page and its workers), body + headers as transferred (gzip). */
export function compteurOctets(context: BrowserContext): { lire(): Octets } {
  const lignes: { url: string; type: string; octets: number }[] = [];
  context.on('requestfinished', (r) => {
    void (async () => {
      try {
        const [s, rep] = await Promise.all([r.sizes(), r.response()]);
        const ct = (await rep?.allHeaders())?.['content-type'] ?? '';
        lignes.push({ url: r.url(), type: typeRessource(r.url(), ct), octets: s.responseBodySize + s.responseHeadersSize });
      } catch {
        /* context closed */
      }
    })();
  });
  return {
    lire() {
      const parType: Record<string, number> = {};
      for (const l of lignes) parType[l.type] = (parType[l.type] ?? 0) + l.octets;
      return {
        total: lignes.reduce((s, l) => s + l.octets, 0),
        parType,
        requetes: lignes.length,
        wasm: lignes.some((l) => l.type === 'wasm'),
        donnees: lignes.filter((l) => l.type === 'données').map((l) => new URL(l.url).pathname),
      };
    },
  };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Static page: first contentful paint (the number is in the HTML) and bytes of the whole page load. */
export async function mesurerPageStatique(browser: Browser, url: string, selecteur: string): Promise<{ ms: number; octets: Octets; valeur: string }> {
  const context = await browser.newContext();
  try {
    const compteur = compteurOctets(context);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    const valeur = (await page.locator(selecteur).first().textContent())?.trim() ?? '';
    const ms = await page.evaluate(async () => {
      const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
      for (let i = 0; i < 50 && fcp() === undefined; i++) await new Promise((r) => setTimeout(r, 20));
      return fcp() ?? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).domContentLoadedEventEnd;
    });
    await pause(300);
    return { ms, octets: compteur.lire(), valeur };
  } finally {
    await context.close();
  }
}

/** A bench page that publishes window.__banc when done. */
export async function mesurerPageBanc(browser: Browser, url: string, delaiMs = 120_000): Promise<{ resultat: Record<string, unknown>; octets: Octets; valeur: string | null }> {
  const context = await browser.newContext();
  try {
    const compteur = compteurOctets(context);
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => document.body?.dataset.fini === '1', null, { timeout: delaiMs, polling: 20 });
    const resultat = (await page.evaluate(() => (window as unknown as { __banc: Record<string, unknown> }).__banc)) ?? {};
    const valeur = await page.locator('[data-testid=bref-parc] [data-valeur]').first().textContent().catch(() => null);
    await pause(300);
    return { resultat, octets: compteur.lire(), valeur: valeur?.trim() ?? null };
  } finally {
    await context.close();
  }
}

/** The explorer opened on a URL that answers on load: time from navigation start to the answer table. */
export async function mesurerExplorateurFroid(browser: Browser, url: string): Promise<{ ms: number; octets: Octets; page: Page; context: BrowserContext }> {
  const context = await browser.newContext();
  const compteur = compteurOctets(context);
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'commit' });
  const h = await page.waitForFunction(() => (document.querySelector('[data-testid=reponse]') ? performance.now() : null), null, { timeout: 120_000, polling: 10 });
  const ms = (await h.jsonValue()) as number;
  await pause(300);
  return { ms, octets: compteur.lire(), page, context };
}

/** Time from navigation start to the answer table on a page of `context`; the page stays open `resteMs` after it. */
async function premiereReponse(context: BrowserContext, url: string, resteMs = 0): Promise<{ ms: number; instanciationMs: number | null }> {
  const page = await context.newPage();
  try {
    await page.goto(url, { waitUntil: 'commit' });
    const h = await page.waitForFunction(() => (document.querySelector('[data-testid=reponse]') ? performance.now() : null), null, { timeout: 120_000, polling: 10 });
    const ms = (await h.jsonValue()) as number;
    // engine ready − engine start (marks of src/site/client/explorateur.ts)
    const instanciationMs = await page.evaluate(() => {
      const t = (n: string) => performance.getEntriesByName(n)[0]?.startTime;
      const a = t('explorateur:moteur-debut'), b = t('explorateur:moteur-pret');
      return a !== undefined && b !== undefined ? b - a : null;
    });
    await pause(resteMs);
    return { ms, instanciationMs };
  } finally {
    await page.close();
  }
}

export interface VisitesExplorateur {
  froid: { ms: number; instanciationMs: number | null; octets: Octets };
  /** second and third visits with the same browser profile (HTTP cache and compiled-code cache on disk) */
  chaud: { ms: number; instanciationMs: number | null; octets: Octets }[];
}

/**
 * A reader's first visit and the next ones, as in a real browser profile (on disk, unlike
 * the throw-away contexts of the cold runs): the hashed .wasm comes from the HTTP cache
 * (Cache-Control immutable) and V8 reuses the module it compiled and cached.
 */
export async function mesurerExplorateurFroidChaud(url: string, visitesChaudes = 2): Promise<VisitesExplorateur> {
  const profil = mkdtempSync(join(tmpdir(), 'obs-banc-profil-'));
  const n = await trouverChromium();
  const context = await chromium.launchPersistentContext(profil, { executablePath: n.chemin, headless: true, args: n.args });
  try {
    // the page stays open 2 s after its answer, as a reader's would: V8 hands the compiled module
    // to the browser's cache 2 s after its last optimised function, only while the page lives
    const mesure = async () => {
      const compteur = compteurOctets(context);
      const r = await premiereReponse(context, url, 2000);
      return { ...r, octets: compteur.lire() };
    };
    const froid = await mesure();
    const chaud = [];
    for (let i = 0; i < visitesChaudes; i++) chaud.push(await mesure());
    return { froid, chaud };
  } finally {
    await context.close();
    rmSync(profil, { recursive: true, force: true });
  }
}

/** Filter changes once loaded: set a select, dispatch `change`, time until the answer is replaced (MutationObserver). */
export async function latencesFiltres(page: Page, n: number): Promise<number[]> {
  return page.evaluate(async (n) => {
    const sortie = document.querySelector('[data-resultat]')!;
    const selects = ['annee', 'contingent', 'periode', 'bailleur'].map((nom) => document.querySelector<HTMLSelectElement>(`select[name=${nom}]`)!).filter(Boolean);
    const mesures: number[] = [];
    for (let i = 0; i < n; i++) {
      const s = selects[i % selects.length]!;
      const options = [...s.options].map((o) => o.value);
      const suivante = options[(options.indexOf(s.value) + 1) % options.length]!;
      const fait = new Promise<number>((ok) => {
        const obs = new MutationObserver(() => {
          obs.disconnect();
          ok(performance.now());
        });
        obs.observe(sortie, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      s.value = suivante;
      s.dispatchEvent(new Event('change', { bubbles: true }));
      mesures.push((await fait) - t0);
      await new Promise((r) => setTimeout(r, 30));
    }
    return mesures;
  }, n);
}

/** Bench files next to a copy of dist: bundles, the .duckdb database, the naive fiche. */
export async function preparerDistBanc(dist: string, donnees: string, dossier: string, commune: string): Promise<{ racine: string; duckdbOctets: number; naifJsOctets: number }> {
  const racine = join(dossier, 'dist-banc');
  rmSync(racine, { recursive: true, force: true });
  cpSync(dist, racine, { recursive: true });
  const astro = readdirSync(join(racine, '_astro'));
  const wasm = astro.find((f) => /^duckdb-eh\..*\.wasm$/.test(f));
  const worker = astro.find((f) => /^duckdb-browser-eh\.worker\..*\.js$/.test(f));
  if (!wasm || !worker) throw new Error(`fichiers DuckDB-WASM introuvables dans ${join(dist, '_astro')}`);
  const banc = join(racine, 'banc');
  mkdirSync(join(banc, 'naif', 'communes', commune), { recursive: true });
  const { build } = await import('esbuild');
  await build({
    entryPoints: { format: join(RACINE, 'src/bench/client/format.ts'), naif: join(RACINE, 'src/bench/client/naif.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    outdir: banc,
    logLevel: 'error',
  });
  const attributs = `data-wasm="/_astro/${wasm}" data-worker="/_astro/${worker}" data-donnees="/data" data-duckdb="/banc/obs.duckdb"`;
  writeFileSync(join(banc, 'format.html'), `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Banc : format des données</title></head><body ${attributs}><p>Banc d’essai</p><script type="module" src="/banc/format.js"></script></body></html>`);
  // the naive fiche: the real fiche's HTML and CSS, numbers blanked, computed by naif.js
  const siren = JSON.parse(readFileSync(join(donnees, 'manifeste.json'), 'utf8')).epci_siren as string;
  let html = readFileSync(join(dist, 'communes', commune, 'index.html'), 'utf8');
  html = html.replace(/(<span class="valeur" data-valeur[^>]*>)[^<]*(<\/span>)/g, '$1…$2');
  html = html.replace(/<body([^>]*)>/, `<body$1 ${attributs} data-commune="${commune}" data-siren="${siren}">`);
  html = html.replace('</body>', '<script type="module" src="/banc/naif.js"></script></body>');
  writeFileSync(join(banc, 'naif', 'communes', commune, 'index.html'), html);
  // the same published tables in one DuckDB database file
  const fichier = join(banc, 'obs.duckdb');
  const db = await ouvrirDuckDb();
  try {
    await db.exec(`ATTACH ${lit(fichier)} AS x`);
    for (const t of Object.keys(TABLES_PUBLIEES)) await db.exec(`CREATE TABLE x.${t} AS SELECT * FROM read_parquet(${lit(join(donnees, `${t}.parquet`))})`);
    await db.exec(`DETACH x`);
  } finally {
    db.close();
  }
  return { racine, duckdbOctets: statSync(fichier).size, naifJsOctets: statSync(join(banc, 'naif.js')).size };
}

export async function servir(racine: string): Promise<StaticServer> {
  const s = await startStaticServer({ root: racine, port: 0 });
  // fill the server's gzip cache (a production server compresses once or serves .gz files)
  for (const f of readdirSync(join(racine, '_astro'))) await (await fetch(new URL(`_astro/${f}`, s.url), { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
  for (const f of readdirSync(join(racine, 'data'))) await (await fetch(new URL(`data/${f}`, s.url), { headers: { 'accept-encoding': 'gzip' } })).arrayBuffer();
  return s;
}

export function resumeLatences(valeurs: number[]): { p50: number; p95: number; max: number; n: number; serie: Serie } {
  return { p50: centile(valeurs, 50), p95: centile(valeurs, 95), max: Math.max(...valeurs), n: valeurs.length, serie: serie(valeurs) };
}

export { mediane };
