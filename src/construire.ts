// build = (synthetic inputs when none) + pipeline + Astro, printed stage by stage.
// The site is built into a staging folder and swapped into dist/ only when complete.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { nettoyerRestes } from './lib/prive.ts';
import { RACINE, chargerTerritoire, dossierDonneesPubliees } from './config/territoire.ts';
import { cp } from 'node:fs/promises';
import { executerPipeline, type ResultatPipeline } from './pipeline.ts';
import { trouverEntrees } from './ingest/entrees.ts';
import { commitDir, stagingDir } from './lib/atomic.ts';
import type { Journal } from './lib/journal.ts';

export const DOSSIER_DIST = join(RACINE, 'dist');

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

export async function genererSiAbsent(territoire: string, j: Journal): Promise<void> {
  const t = chargerTerritoire(territoire);
  if (trouverEntrees(t.dossierEntrees).rpls.length > 0) {
    j.info(`Exports trouvés dans ${t.dossierEntrees.replace(RACINE + '/', '')} : ils sont utilisés tels quels.`);
    return;
  }
  await j.etape('Aucun export : génération des données synthétiques', () =>
    executer(process.execPath, [join(RACINE, 'scripts', 'generate.ts'), '--territoire', territoire], {}, false),
  );
}

export async function construireSite(territoire: string, j: Journal, dist = DOSSIER_DIST): Promise<{ pages: number }> {
  // staging folders of a killed build, beside dist/
  nettoyerRestes(dirname(dist), basename(dist));
  const etape = await stagingDir(dist);
  await j.etape(
    'Construction du site statique (Astro)',
    () => executer(process.execPath, [join(RACINE, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--silent'], { OBS_TERRITOIRE: territoire, OBS_DIST: etape }, true),
  );
  // the territory's published data become dist/data/ (never another territory's)
  await cp(dossierDonneesPubliees(territoire), join(etape, 'data'), { recursive: true });
  const pages = compterPages(etape);
  await commitDir(etape, dist);
  return { pages };
}

function compterPages(dossier: string): number {
  let n = 0;
  for (const e of readdirSync(dossier, { withFileTypes: true, recursive: true })) if (e.isFile() && e.name.endsWith('.html')) n++;
  return n;
}

/** Data then site. A refused publication (src/publish/garde-fous.ts) throws before the site is touched: dist/ stays as it was. */
export async function construireTout(territoire: string, j: Journal, o: { accepterBaisse?: boolean } = {}): Promise<ResultatPipeline & { pagesHtml: number }> {
  await genererSiAbsent(territoire, j);
  const r = await executerPipeline(territoire, { journal: j, accepterBaisse: o.accepterBaisse });
  const { pages } = await construireSite(territoire, j);
  j.info(`${pages} pages HTML dans dist/ (${r.pages.communes.length} fiches communales)${r.synthetique ? ' — données synthétiques' : ''}`);
  return { ...r, pagesHtml: pages };
}

export { existsSync };
