// Child process of the benchmark (src/bench/enfant.ts): one measured job per run.
//   sicoval --dossier D                       executerPipeline('sicoval') into D
//   generer-national --racine R --logements N  national configuration + generator
//   pipeline-national --racine R --dossier D  executerPipeline('france') on the national folder of R
// Prints `@@{json}` progress lines and `@@{"fin": …}` at the end.
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { genererEntrees } from '../generate/generer.ts';
import { construireTerritoireNational, ID_NATIONAL } from '../generate/national.ts';
import type { Journal } from '../lib/journal.ts';
import { executerPipeline } from '../pipeline.ts';
import { echantillonneurRss, mesurerPublication, TRANCHE_EPCI, type MesureEtape } from './etapes.ts';

const emettre = (o: Record<string, unknown>): void => {
  process.stdout.write(`@@${JSON.stringify(o)}\n`);
};

/** The pipeline's journal, timing each stage with its highest sampled RSS. */
function journalMesure(): { journal: Journal; etapes: MesureEtape[]; arreter(): void } {
  const rss = echantillonneurRss();
  const etapes: MesureEtape[] = [];
  const journal: Journal = {
    async etape(nom, f) {
      emettre({ debut: nom, ms: performance.now() - t0 });
      rss.debut();
      const t = performance.now();
      const r = await f();
      const m = { etape: nom, ms: performance.now() - t, rssMaxOctets: rss.max() };
      etapes.push(m);
      emettre({ etape: m });
      return r;
    },
    info(message) {
      emettre({ info: message, ms: performance.now() - t0 });
    },
  };
  return { journal, etapes, arreter: () => rss.arreter() };
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    dossier: { type: 'string' },
    racine: { type: 'string' },
    logements: { type: 'string' },
  },
});
const mode = positionals[0];
const t0 = performance.now();

async function principal(): Promise<Record<string, unknown>> {
  if (mode === 'sicoval') {
    const d = values.dossier!;
    mkdirSync(d, { recursive: true });
    const { journal, etapes, arreter } = journalMesure();
    const r = await executerPipeline('sicoval', { journal, sortie: join(d, 'data'), travail: join(d, 'travail'), pages: join(d, 'pages.json') });
    arreter();
    return { etapes, fichiers: r.fichiers, entrees: r.entrees.bilans.map((b) => ({ fichier: b.fichier, lignes: b.lignesLues })) };
  }
  if (mode === 'generer-national') {
    const racine = values.racine!;
    const n = construireTerritoireNational({ racine, logements: Number(values.logements ?? 5_400_000) });
    emettre({ configuration: n });
    const g = await genererEntrees({ racine, territoire: ID_NATIONAL, sortie: join(n.dossier, 'entrees') });
    return {
      configuration: n,
      fichiers: g.fichiers.map((f) => ({ nom: f.nom, lignes: f.lignes, ms: f.ms })),
      decisionsParAnnee: Object.fromEntries([...g.bilans].map(([a, b]) => [a, b.candidats])),
    };
  }
  if (mode === 'pipeline-national') {
    // the real pipeline (executerPipeline) on the national territory written by generer-national
    const racine = values.racine!;
    const d = values.dossier!;
    mkdirSync(d, { recursive: true });
    const dossierTerritoire = join(racine, 'data', 'territoires', ID_NATIONAL);
    const { journal, etapes, arreter } = journalMesure();
    const sortie = join(d, 'data');
    const pages = join(d, 'pages.json');
    const r = await executerPipeline(ID_NATIONAL, { journal, dossierTerritoire, sortie, travail: join(d, 'travail'), pages });
    arreter();
    return {
      etapes,
      communes: r.territoire.communes.length,
      territoires: r.territoire.territoires.length,
      entrees: r.entrees.bilans.map((b) => ({ fichier: b.fichier, lues: b.lignesLues, chargees: b.chargees, rejetees: b.rejetees })),
      publication: mesurerPublication(sortie, TRANCHE_EPCI),
      pagesJsonOctets: statSync(pages).size,
    };
  }
  throw new Error(`mode inconnu « ${mode} »`);
}

try {
  const fin = await principal();
  emettre({ fin: { ...fin, ms: performance.now() - t0 }, maxRssOctets: process.resourceUsage().maxRSS * 1024 });
  process.exit(0);
} catch (e) {
  emettre({ erreur: e instanceof Error ? `${e.message}\n${e.stack ?? ''}`.slice(0, 4000) : String(e), maxRssOctets: process.resourceUsage().maxRSS * 1024 });
  process.exit(1);
}
