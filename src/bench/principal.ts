// npm run bench [-- --rapide] [-- --sans-national]: runs every measure, checks
// the budgets and writes bench/results.json and bench/RESULTATS.md.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, totalmem, tmpdir, release, platform } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { RACINE, chargerTerritoire } from '../config/territoire.ts';
import { construireSite, genererSiAbsent } from '../construire.ts';
import { journalConsole } from '../lib/journal.ts';
import { executerPipeline, TABLES_PUBLIEES } from '../pipeline.ts';
import { lancerChromium } from '../navigateur/chromium.ts';
import { lancerEnfant, type ResultatEnfant } from './enfant.ts';
import { TRANCHE_EPCI, type MesureEtape } from './etapes.ts';
export { TRANCHE_EPCI };
import { ecrireRapport, type Resultats } from './rapport.ts';
import {
  latencesFiltres, mesurerExplorateurFroid, mesurerExplorateurFroidChaud, mesurerPageBanc, mesurerPageStatique, preparerDistBanc, resumeLatences, servir, type Octets,
} from './site.ts';
import { mediane, serie } from './stats.ts';

export interface OptionsBanc {
  rapide: boolean;
  sansNational: boolean;
  /** Dwellings of the national run (5,4 M; smaller for a trial). */
  logementsNational?: number;
  /** Only the national generation and pipeline (no Sicoval pipeline, no site). */
  nationalSeul?: boolean;
}

export const COMMUNE_FICHE = '31048';
const MIN = 60_000;

const j = journalConsole('  ');
const log = (m: string) => process.stdout.write(`${m}\n`);

export function descriptionMachine() {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'inconnu',
    coeurs: c.length,
    memoireOctets: totalmem(),
    node: process.version,
    systeme: `${platform()} ${release()}`,
    date: new Date().toISOString(),
  };
}

function tailleDossier(dossier: string, filtre: (nom: string) => boolean = () => true): { fichiers: { nom: string; octets: number }[]; total: number } {
  const fichiers = readdirSync(dossier).filter((n) => filtre(n) && statSync(join(dossier, n)).isFile()).sort().map((nom) => ({ nom, octets: statSync(join(dossier, nom)).size }));
  return { fichiers, total: fichiers.reduce((s, f) => s + f.octets, 0) };
}

async function pipelineSicoval(n: number, travail: string) {
  const runs: ResultatEnfant[] = [];
  for (let i = 0; i < n; i++) {
    const d = join(travail, `pipeline-sicoval-${i}`);
    const r = await lancerEnfant(['sicoval', '--dossier', d], { delaiMs: 15 * MIN });
    if (r.code !== 0) throw new Error(`pipeline Sicoval en échec : ${r.erreur}`);
    log(`    exécution ${i + 1}/${n} : ${(r.ms / 1000).toFixed(1)} s, ${((r.maxRssOctets ?? 0) / 2 ** 20).toFixed(0)} Mo`);
    runs.push(r);
  }
  const ms = runs.map((r) => r.ms);
  const med = runs.find((r) => r.ms === [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)]) ?? runs[0]!;
  return {
    executions: n,
    mursMs: serie(ms),
    maxRssOctets: serie(runs.map((r) => r.maxRssOctets ?? 0)),
    etapes: (med.fin?.etapes ?? []) as MesureEtape[],
    dossierSortie: join(travail, `pipeline-sicoval-${runs.indexOf(med)}`, 'data'),
  };
}

function donneesPubliees(dossier: string, entrees: string) {
  const tables = Object.keys(TABLES_PUBLIEES).map((t) => {
    const arrow = readFileSync(join(dossier, `${t}.arrow`));
    return {
      table: t,
      parquet: statSync(join(dossier, `${t}.parquet`)).size,
      arrow: arrow.byteLength,
      arrowGzip: gzipSync(arrow, { level: 6 }).byteLength,
    };
  });
  const brut = tailleDossier(entrees, (n) => n.endsWith('.csv'));
  const somme = (k: 'parquet' | 'arrow' | 'arrowGzip') => tables.reduce((s, t) => s + t[k], 0);
  return { tables, total: { parquet: somme('parquet'), arrow: somme('arrow'), arrowGzip: somme('arrowGzip') }, entreesBrutes: brut };
}

async function site(options: OptionsBanc, travail: string) {
  const nRapide = options.rapide ? 3 : 5;
  await j.etape('Pipeline Sicoval (données publiées pour le site)', () => executerPipeline('sicoval', { journal: { etape: (_n, f) => f(), info: () => {} } }));
  const buildsMs: number[] = [];
  let dist = '';
  for (let i = 0; i < (options.rapide ? 1 : 3); i++) {
    dist = join(travail, `dist-${i}`);
    const t0 = performance.now();
    await construireSite('sicoval', { etape: (_n, f) => f(), info: () => {} }, { dist });
    buildsMs.push(performance.now() - t0);
    log(`    build Astro ${i + 1} : ${(buildsMs.at(-1)! / 1000).toFixed(1)} s`);
  }
  const banc = await preparerDistBanc(dist, join(dist, 'data'), travail, COMMUNE_FICHE);
  const serveur = await servir(banc.racine);
  const navigateur = await lancerChromium();
  try {
    const u = (p: string) => new URL(p, serveur.url).href;
    const statique = async (chemin: string, selecteur: string) => {
      const runs = [];
      for (let i = 0; i < nRapide; i++) runs.push(await mesurerPageStatique(navigateur, u(chemin), selecteur));
      return { executions: runs.length, ms: serie(runs.map((r) => r.ms)), octets: runs.at(-1)!.octets, valeur: runs.at(-1)!.valeur };
    };
    log('    accueil et fiche communale (sans WebAssembly)…');
    const accueil = await statique('/', '[data-testid=epci-a1] [data-valeur]');
    const fiche = await statique(`/communes/${COMMUNE_FICHE}/`, '[data-testid=bref-parc] [data-valeur]');

    log('    fiche naïve (DuckDB-WASM à l’ouverture)…');
    const naifs = [];
    for (let i = 0; i < nRapide; i++) naifs.push(await mesurerPageBanc(navigateur, u(`/banc/naif/communes/${COMMUNE_FICHE}/`)));
    const erreurNaif = naifs.find((r) => r.resultat.erreur)?.resultat.erreur;
    if (erreurNaif) throw new Error(`fiche naïve : ${erreurNaif}`);
    const naif = {
      executions: naifs.length,
      premierChiffreMs: serie(naifs.map((r) => Number(r.resultat.premierChiffre))),
      tousLesChiffresMs: serie(naifs.map((r) => Number(r.resultat.tousLesChiffres))),
      instanciationMs: serie(naifs.map((r) => Number(r.resultat.instanciation))),
      chargementMs: serie(naifs.map((r) => Number(r.resultat.chargement))),
      requetes: Number(naifs[0]!.resultat.requetes),
      octets: naifs.at(-1)!.octets,
      valeur: naifs.at(-1)!.valeur,
      scriptOctets: banc.naifJsOctets,
    };

    log('    explorateur : première réponse à froid, puis changements de filtre…');
    const froids: { ms: number; octets: Octets }[] = [];
    let latences: number[] = [];
    for (let i = 0; i < nRapide; i++) {
      const r = await mesurerExplorateurFroid(navigateur, u('/explorer/?zone=commune:31113&annee=2025'));
      froids.push({ ms: r.ms, octets: r.octets });
      if (i === nRapide - 1) latences = await latencesFiltres(r.page, 40);
      await r.context.close();
    }
    log('    explorateur : visites suivantes avec le même profil de navigateur (cache HTTP et code compilé)…');
    const visites = [];
    for (let i = 0; i < Math.max(1, Math.min(nRapide, 3)); i++) visites.push(await mesurerExplorateurFroidChaud(u('/explorer/?zone=commune:31113&annee=2025')));
    const explorateur = {
      executions: froids.length,
      premiereReponseMs: serie(froids.map((f) => f.ms)),
      octets: froids.at(-1)!.octets,
      filtres: resumeLatences(latences),
      // second visit of each profile (the third's figures are kept in the JSON)
      chaud: {
        executions: visites.length,
        premiereReponseMs: serie(visites.map((v) => v.chaud[0]!.ms)),
        instanciationMs: serie(visites.map((v) => v.chaud[0]!.instanciationMs ?? NaN)),
        troisiemeVisiteMs: serie(visites.map((v) => v.chaud.at(-1)!.ms)),
        froidMemeProfilMs: serie(visites.map((v) => v.froid.ms)),
        instanciationFroidMs: serie(visites.map((v) => v.froid.instanciationMs ?? NaN)),
        octets: visites.at(-1)!.chaud[0]!.octets,
      },
    };

    log('    format des données chargées par le navigateur : Arrow IPC contre fichier .duckdb…');
    const formats: Record<string, unknown> = {};
    for (const mode of ['arrow', 'duckdb']) {
      const runs = [];
      for (let i = 0; i < nRapide; i++) runs.push(await mesurerPageBanc(navigateur, u(`/banc/format.html?mode=${mode}`)));
      const err = runs.find((r) => r.resultat.erreur)?.resultat.erreur;
      formats[mode] = err
        ? { erreur: err }
        : {
            executions: runs.length,
            totalMs: serie(runs.map((r) => Number(r.resultat.total))),
            instanciationMs: serie(runs.map((r) => Number(r.resultat.instanciation))),
            chargementMs: serie(runs.map((r) => Number(r.resultat.chargement))),
            requeteMs: serie(runs.map((r) => Number(r.resultat.requete))),
            requeteSuivanteMs: serie(runs.map((r) => Number(r.resultat.requeteSuivante))),
            octetsDonnees: runs.at(-1)!.octets.parType['données'] ?? 0,
            octets: runs.at(-1)!.octets,
          };
    }
    return { buildAstroMs: serie(buildsMs), accueil, fiche, naif, explorateur, formats: { ...formats, duckdbFichierOctets: banc.duckdbOctets } };
  } finally {
    await navigateur.close();
    await serveur.close();
  }
}

async function national(options: OptionsBanc) {
  const racine = join(RACINE, 'bench', 'runs', 'national');
  rmSync(racine, { recursive: true, force: true });
  mkdirSync(racine, { recursive: true });
  try {
    const echo = (l: string) => {
      if (l.startsWith('@@{"debut"')) log(`      → ${JSON.parse(l.slice(2)).debut}`);
      else if (l.startsWith('@@{"info"')) {
        const m = JSON.parse(l.slice(2)) as { info: string; ms: number };
        log(`        · ${m.info} (à ${(m.ms / 1000).toFixed(1)} s)`);
      }
      else if (l.startsWith('@@{"etape"')) {
        const e = JSON.parse(l.slice(2)).etape as MesureEtape;
        log(`      ✔ ${e.etape} : ${(e.ms / 1000).toFixed(1)} s, RSS max ${(e.rssMaxOctets / 2 ** 30).toFixed(2)} Go`);
      }
    };
    const gen = await j.etape('Génération des exports nationaux (générateur du projet)', () =>
      lancerEnfant(['generer-national', '--racine', racine, ...(options.logementsNational ? ['--logements', String(options.logementsNational)] : [])], { delaiMs: 40 * MIN, echo }),
    );
    const entrees = join(racine, 'data', 'territoires', 'france', 'entrees');
    const generation = { ms: gen.ms, maxRssOctets: gen.maxRssOctets, code: gen.code, erreur: gen.erreur, resultat: gen.fin, entrees: existsSync(entrees) ? tailleDossier(entrees, (n) => n.endsWith('.csv')) : null };
    if (gen.code !== 0) return { generation, pipeline: null };
    const sortie = join(racine, 'pipeline');
    // the project's pipeline itself: executerPipeline('france') on the generated folder
    const p = await j.etape('Pipeline national (executerPipeline)', () =>
      lancerEnfant(['pipeline-national', '--racine', racine, '--dossier', sortie], { delaiMs: 45 * MIN, echo }),
    );
    const etapes = p.messages.filter((m) => m.etape).map((m) => m.etape as MesureEtape);
    const enCours = p.code === 0 ? null : (p.messages.findLast((m) => m.debut)?.debut as string | undefined) ?? null;
    return {
      generation,
      pipeline: { ms: p.ms, maxRssOctets: p.maxRssOctets, code: p.code, signal: p.signal, depassement: p.depassement, erreur: p.erreur, etapeEnEchec: enCours, etapes, infos: p.messages.filter((m) => m.info), resultat: p.fin },
    };
  } finally {
    rmSync(racine, { recursive: true, force: true });
  }
}

export async function lancerBanc(options: OptionsBanc): Promise<Resultats> {
  const debut = performance.now();
  const travail = mkdtempSync(join(tmpdir(), 'obs-banc-'));
  try {
    const machine = descriptionMachine();
    log(`Banc d’essai — ${machine.cpu}, ${machine.coeurs} cœurs, ${(machine.memoireOctets / 2 ** 30).toFixed(0)} Go, Node ${machine.node}${options.rapide ? ' (rapide)' : ''}`);
    if (options.nationalSeul) {
      const resultats: Resultats = {
        machine,
        options: { rapide: options.rapide, sansNational: false, nationalSeul: true, logementsNational: options.logementsNational },
        dureeBancMs: 0,
        pipelineSicoval: null,
        donnees: null,
        site: null,
        national: await j.etape('Passage à l’échelle nationale', () => national(options)),
      };
      resultats.dureeBancMs = performance.now() - debut;
      // a national-only run does not replace the full results: its own files
      ecrireRapport(join(RACINE, 'bench'), resultats, 'national');
      log(`Résultats : bench/results-national.json et bench/RESULTATS-national.md (${((performance.now() - debut) / 60000).toFixed(1)} min)`);
      return resultats;
    }
    await genererSiAbsent('sicoval', j);
    const sicoval = await j.etape(`Pipeline Sicoval (processus séparé, ${options.rapide ? 1 : 3} exécutions)`, () => pipelineSicoval(options.rapide ? 1 : 3, travail));
    const donnees = donneesPubliees(sicoval.dossierSortie, chargerTerritoire('sicoval').dossierEntrees);
    const s = await j.etape('Site : build Astro et mesures dans Chromium', () => site(options, travail));
    const resultats: Resultats = {
      machine,
      options: { rapide: options.rapide, sansNational: options.sansNational, logementsNational: options.logementsNational },
      dureeBancMs: performance.now() - debut,
      pipelineSicoval: { ...sicoval, dossierSortie: undefined },
      donnees,
      site: s,
      national: null,
    };
    // written once before the long national run, so that a failure there keeps the other figures
    if (!options.sansNational) ecrireRapport(join(RACINE, 'bench'), resultats);
    resultats.national = options.sansNational ? null : await j.etape('Passage à l’échelle nationale', () => national(options));
    resultats.dureeBancMs = performance.now() - debut;
    ecrireRapport(join(RACINE, 'bench'), resultats);
    log(`Résultats : bench/results.json et bench/RESULTATS.md (${((performance.now() - debut) / 60000).toFixed(1)} min)`);
    return resultats;
  } finally {
    rmSync(travail, { recursive: true, force: true });
  }
}

export { mediane };
