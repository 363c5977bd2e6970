// npm run bilan -- --annee 2025 [--territoire ID] [--sortie FICHIER] [--reconstruire]
// Prints the yearly bilan of the CIA to PDF (A4, page numbers, table of contents with page
// numbers) with the project's own Chromium. Reuses dist/ when it already holds this year's
// bilan of this territory, newer than the pipeline's figures, every file of the territory's
// folder (exports, configuration, the team's comments), data/config and the code (src/);
// otherwise builds the site first (npm run build).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { construireTout, DOSSIER_DIST } from '../src/construire.ts';
import { RACINE, chargerTerritoire, dossierTravail } from '../src/config/territoire.ts';
import { imprimerBilanPdf } from '../src/publish/bilan-annuel-pdf.ts';
import { journalConsole } from '../src/lib/journal.ts';
import { duree, octets } from '../src/lib/format-fr.ts';
import { argument, drapeau, echouer } from './cli.ts';

const USAGE = 'Usage : npm run bilan -- --annee 2025 [--territoire ID] [--sortie FICHIER.pdf] [--reconstruire]';

/** Newest modification time of a file or of the files of a folder (0 when absent). */
function plusRecent(chemin: string): number {
  if (!existsSync(chemin)) return 0;
  const s = statSync(chemin);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(chemin, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => statSync(join(e.parentPath, e.name)).mtimeMs));
}

const t0 = performance.now();
try {
  if (drapeau('--help') || drapeau('-h')) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  const texteAnnee = argument('--annee');
  if (!texteAnnee || !/^\d{4}$/.test(texteAnnee)) throw new Error(`indiquer l’année du bilan (--annee AAAA)\n${USAGE}`);
  const annee = Number(texteAnnee);
  const territoire = argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval';
  const t = chargerTerritoire(territoire);
  const sortie = argument('--sortie') ?? `bilan-${territoire}-${annee}.pdf`;
  const page = join(DOSSIER_DIST, 'bilan', String(annee), 'index.html');
  // the list of bilans says which territory and which years the built site holds
  const liste = join(DOSSIER_DIST, 'bilan', 'index.html');
  const aJour =
    !drapeau('--reconstruire') &&
    existsSync(liste) &&
    readFileSync(liste, 'utf8').includes(`data-territoire="${territoire}"`) &&
    statSync(liste).mtimeMs >= Math.max(plusRecent(join(dossierTravail(territoire), 'pages.json')), plusRecent(t.dossier), plusRecent(join(RACINE, 'src')), plusRecent(join(RACINE, 'data', 'config')));
  if (aJour) process.stdout.write(`Site déjà construit réutilisé : ${DOSSIER_DIST}\n`);
  else await construireTout(territoire, journalConsole());
  if (!existsSync(page)) {
    const annees = existsSync(liste) ? [...readFileSync(liste, 'utf8').matchAll(/data-annee="(\d{4})"/g)].map((m) => m[1]).join(', ') : '';
    throw new Error(`pas de bilan ${annee} : les exports ne couvrent pas cette année${annees ? ` (bilans disponibles : ${annees})` : ''}`);
  }
  const r = await imprimerBilanPdf({ dist: DOSSIER_DIST, annee, sortie });
  process.stdout.write(`Bilan ${annee} imprimé : ${r.sortie} (${r.pages} pages A4, ${octets(statSync(r.sortie).size)}, ${r.passes} impressions pour le sommaire) en ${duree(performance.now() - t0)}\n`);
} catch (e) {
  echouer(e);
}
