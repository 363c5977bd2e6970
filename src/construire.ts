// build = (synthetic inputs when none) + pipeline + Astro, printed stage by stage.
// The site is built into a staging folder and swapped into dist/ only when complete.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { nettoyerRestes } from './lib/prive.ts';
import { RACINE, chargerTerritoire, dossierBuild, dossierDonneesPubliees } from './config/territoire.ts';
import { cp, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { executerPipeline, type ResultatPipeline } from './pipeline.ts';
import { trouverEntrees } from './ingest/entrees.ts';
import { commitDir, stagingDir } from './lib/atomic.ts';
import type { Journal } from './lib/journal.ts';

export const DOSSIER_DIST = join(RACINE, 'dist');

/** Where a build reads and writes; each default is today's folder of the clone (the tests give temp folders). */
export interface Dossiers {
  /** the exports (default data/territoires/<id>/entrees/) */
  entrees?: string;
  /** root of the build folders (default build/): <build>/<id>/donnees/, <build>/<id>/pages.json */
  build?: string;
  /** the site (default dist/) */
  dist?: string;
}

function executer(commande: string, args: string[], env: Record<string, string>, silencieux: boolean): Promise<string> {
  return new Promise((ok, ko) => {
    const p = spawn(commande, args, { cwd: RACINE, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let sortie = '';
    p.stdout.on('data', (b) => {
      sortie += b;
      if (!silencieux) process.stdout.write(b);
    });
    p.stderr.on('data', (b) => {
      sortie += b;
      if (!silencieux) process.stderr.write(b);
    });
    p.on('error', ko);
    p.on('close', (code) => (code === 0 ? ok(sortie) : ko(new Error(`${commande} ${args.join(' ')} a échoué (code ${code}) :\n${sortie.slice(-4000)}`))));
  });
}

export async function genererSiAbsent(territoire: string, j: Journal, dossiers: Dossiers = {}): Promise<void> {
  const entrees = dossiers.entrees ?? chargerTerritoire(territoire).dossierEntrees;
  if (trouverEntrees(entrees).rpls.length > 0) {
    j.info(`Exports trouvés dans ${entrees.replace(RACINE + '/', '')} : ils sont utilisés tels quels.`);
    return;
  }
  const sortie = dossiers.entrees ? ['--sortie', dossiers.entrees] : [];
  await j.etape('Aucun export : génération des données synthétiques', () =>
    executer(process.execPath, [join(RACINE, 'scripts', 'generate.ts'), '--territoire', territoire, ...sortie], {}, false),
  );
}

export async function construireSite(territoire: string, j: Journal, dossiers: Dossiers = {}): Promise<{ pages: number }> {
  const dist = dossiers.dist ?? DOSSIER_DIST;
  const build = dossiers.build ?? dossierBuild();
  // staging folders of a killed build, beside dist/
  nettoyerRestes(dirname(dist), basename(dist));
  const etape = await stagingDir(dist);
  const sortieAstro = piegePrefixeAstro(RACINE, etape)
    ? await mkdir(join(RACINE, '.astro'), { recursive: true }).then(() => mkdtemp(join(RACINE, '.astro', 'site-')))
    : etape;
  try {
    await j.etape(
      'Construction du site statique (Astro)',
      () =>
        executer(
          process.execPath,
          [join(RACINE, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'],
          { OBS_TERRITOIRE: territoire, OBS_DIST: sortieAstro, OBS_BUILD: build },
          true,
        ),
    );
    if (sortieAstro !== etape) await cp(sortieAstro, etape, { recursive: true });
  } finally {
    if (sortieAstro !== etape) await rm(sortieAstro, { recursive: true, force: true });
  }
  // the territory's published data become dist/data/ (never another territory's)
  await cp(dossierDonneesPubliees(territoire, build), join(etape, 'data'), { recursive: true });
  const pages = compterPages(etape);
  await commitDir(etape, dist);
  return { pages };
}

/**
 * Astro decides where its prerender bundle goes by testing whether the output folder's path starts with
 * the project's path as a string (no separator): a folder such as /x/obs-tmp/site for a project in /x/obs
 * gets the bundle, whose imports of node_modules then fail. Such a folder is built in the project's
 * .astro/ (git-ignored) and copied.
 */
export function piegePrefixeAstro(racine: string, sortie: string): boolean {
  return sortie.startsWith(racine) && sortie !== racine && !sortie.startsWith(racine + sep);
}

function compterPages(dossier: string): number {
  let n = 0;
  for (const e of readdirSync(dossier, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.html')) n++;
  return n;
}

/** Data then site. A refused publication (src/publish/garde-fous.ts) throws before the site is touched: dist/ stays as it was. */
export async function construireTout(
  territoire: string,
  j: Journal,
  o: Dossiers & { accepterBaisse?: boolean } = {},
): Promise<ResultatPipeline & { pagesHtml: number }> {
  await genererSiAbsent(territoire, j, o);
  const r = await executerPipeline(territoire, { journal: j, accepterBaisse: o.accepterBaisse, entrees: o.entrees, build: o.build });
  const { pages } = await construireSite(territoire, j, o);
  j.info(`${pages} pages HTML dans dist/ (${r.pages.communes.length} fiches communales)${r.synthetique ? ' — données synthétiques' : ''}`);
  return { ...r, pagesHtml: pages };
}

export { existsSync };
