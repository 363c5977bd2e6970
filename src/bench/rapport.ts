// bench/results.json (every figure) and bench/RESULTATS.md (French summary, budgets ✔/✘).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MesureEtape, MesurePublication } from './etapes.ts';
import type { Octets } from './site.ts';
import type { Serie } from './stats.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Resultats {
  machine: { cpu: string; coeurs: number; memoireOctets: number; node: string; systeme: string; date: string };
  options: { rapide: boolean; sansNational: boolean; nationalSeul?: boolean; logementsNational?: number };
  dureeBancMs: number;
  /** null with --national-seul */
  pipelineSicoval: { executions: number; mursMs: Serie; maxRssOctets: Serie; etapes: MesureEtape[]; dossierSortie?: string } | null;
  donnees: {
    tables: { table: string; parquet: number; arrow: number; arrowGzip: number }[];
    total: { parquet: number; arrow: number; arrowGzip: number };
    entreesBrutes: { fichiers: { nom: string; octets: number }[]; total: number };
  } | null;
  site: any;
  national: any;
  budgets?: Budget[];
  extrapolationNationale?: Extrapolation | null;
}

export interface Budget {
  id: string;
  libelle: string;
  budget: string;
  mesure: string;
  tenu: boolean | null;
  note?: string;
}

export interface Extrapolation {
  pagesFixeMs: number;
  pagesParZoneMs: number;
  zones: number;
  pagesEstimeesMs: number;
  autresEtapesMs: number;
  totalEstimeMs: number;
}

const fr = (n: number, d = 0) => new Intl.NumberFormat('fr-FR', { minimumFractionDigits: d, maximumFractionDigits: d }).format(n);
export const ko = (o: number) => `${fr(o / 1024, 1)} Ko`;
export const mo = (o: number) => `${fr(o / 2 ** 20, 1)} Mo`;
export const go = (o: number) => `${fr(o / 2 ** 30, 2)} Go`;
export const s = (ms: number) => (ms < 1000 ? `${fr(ms)} ms` : ms < 120_000 ? `${fr(ms / 1000, 1)} s` : `${fr(ms / 60_000, 1)} min`);
const coche = (b: boolean | null) => (b === null ? '—' : b ? '✔' : '✘');

/** HTML + CSS + JS bytes (gzip as transferred) of a page load. */
export function octetsPage(o: Octets): number {
  return (o.parType.html ?? 0) + (o.parType.css ?? 0) + (o.parType.js ?? 0);
}

/** Page figures were computed on a sample of communes: fixed part + per-zone cost × every commune and EPCI. */
export function extrapolerNational(etapes: MesureEtape[], communes: number, territoires: number): Extrapolation | null {
  const vide = etapes.find((e) => /échantillon de 0 communes/.test(e.etape));
  const ech = etapes.find((e) => /échantillon de [1-9]\d* communes/.test(e.etape));
  if (!vide || !ech) return null;
  const n = Number(ech.detail?.communes ?? 0) + Number(ech.detail?.territoires ?? 0);
  if (!n) return null;
  const parZone = Math.max(0, (ech.ms - vide.ms) / n);
  const zones = communes + territoires;
  const pagesEstimeesMs = vide.ms + parZone * zones;
  const autresEtapesMs = etapes.filter((e) => !/chiffres des pages|tranche/.test(e.etape)).reduce((a, e) => a + e.ms, 0);
  return { pagesFixeMs: vide.ms, pagesParZoneMs: parZone, zones, pagesEstimeesMs, autresEtapesMs, totalEstimeMs: autresEtapesMs + pagesEstimeesMs };
}

/** Peak RSS of the national child: /usr/bin/time when it reported it, else the highest stage sample (a lower bound). */
export function rssNational(p: any): { octets: number; minorant: boolean } | null {
  if (p.maxRssOctets) return { octets: p.maxRssOctets, minorant: false };
  const m = Math.max(0, ...((p.etapes ?? []) as MesureEtape[]).map((e) => e.rssMaxOctets));
  return m ? { octets: m, minorant: true } : null;
}

export function verifierBudgets(r: Resultats): Budget[] {
  const b: Budget[] = [];
  const site = r.site;
  if (site) {
    const f = site.fiche.octets as Octets;
    b.push({ id: 'fiche-sans-wasm', libelle: 'Fiche communale : premier chiffre sans WebAssembly ni données', budget: 'aucun .wasm, aucune table', mesure: f.wasm || f.donnees.length ? `chargés : ${[f.wasm ? '.wasm' : '', ...f.donnees].filter(Boolean).join(', ')}` : 'aucun', tenu: !f.wasm && f.donnees.length === 0 });
    b.push({ id: 'fiche-poids', libelle: 'Fiche communale : HTML + CSS + JS (gzip)', budget: '< 150 Ko', mesure: ko(octetsPage(f)), tenu: octetsPage(f) < 150 * 1024 });
    b.push({ id: 'explorateur-froid', libelle: 'Explorateur : première réponse DuckDB-WASM à froid (localhost)', budget: '< 2,5 s', mesure: s(site.explorateur.premiereReponseMs.mediane), tenu: site.explorateur.premiereReponseMs.mediane < 2500 });
    if (site.explorateur.chaud) b.push({ id: 'explorateur-chaud', libelle: 'Explorateur : première réponse à la visite suivante (même profil de navigateur, localhost)', budget: '< 1 s', mesure: s(site.explorateur.chaud.premiereReponseMs.mediane), tenu: site.explorateur.chaud.premiereReponseMs.mediane < 1000 });
    b.push({ id: 'filtre-p95', libelle: 'Explorateur : changement de filtre, p95', budget: '< 100 ms', mesure: `${s(site.explorateur.filtres.p95)} (p50 ${s(site.explorateur.filtres.p50)}, n = ${site.explorateur.filtres.n})`, tenu: site.explorateur.filtres.p95 < 100 });
    const d = site.explorateur.octets.donnees as string[];
    b.push({ id: 'donnees-territoire', libelle: 'Le navigateur ne télécharge que les données du territoire affiché (site d’un EPCI)', budget: 'tables de l’EPCI seulement', mesure: d.join(', ') || 'aucune', tenu: d.every((x) => x.startsWith('/data/')), note: 'chaque EPCI a son propre build : /data/ ne contient que ses cubes' });
  }
  const n = r.national;
  if (n?.pipeline) {
    const p = n.pipeline;
    const ex = r.extrapolationNationale;
    const complet = p.code === 0;
    const rss = rssNational(p);
    const logements = r.options.logementsNational ?? n.generation?.resultat?.configuration?.logements ?? 5_400_000;
    const taille = `${fr(logements / 1e6, logements < 1e6 ? 2 : 1)} M logements`;
    const reduit = logements < 5_000_000;
    b.push({
      id: 'national-duree', libelle: `Pipeline national (${taille}) : durée`, budget: '< 10 min',
      mesure: (complet ? s(p.ms) : `interrompu après ${s(p.ms)} (${p.etapeEnEchec ?? 'étape inconnue'})`) + (ex ? ` ; complet estimé à ${s(ex.totalEstimeMs)} (chiffres des pages extrapolés de 100 communes)` : ''),
      tenu: complet && !ex ? p.ms < 10 * 60_000 : false,
      ...(reduit ? { note: 'essai réduit : le budget vaut pour 5,4 M logements' } : {}),
    });
    b.push({ id: 'national-memoire', libelle: `Pipeline national (${taille}) : mémoire maximale (RSS)`, budget: '< 8 Go', mesure: rss ? `${rss.minorant ? '≥ ' : ''}${go(rss.octets)}${complet ? '' : ' avant l’arrêt'}` : '—', tenu: rss ? rss.octets < 8 * 2 ** 30 && complet : null });
    const pub = p.resultat?.publication as MesurePublication | undefined;
    const ta = pub?.arrow?.attributions;
    if (pub && ta) {
      b.push({
        id: 'donnees-national', libelle: 'Données téléchargées par l’explorateur d’un site national (une commune affichée)', budget: 'tranche du territoire seulement',
        mesure: `partition de l’EPCI ${pub.tranche} : attributions.arrow ${ko(ta.tranche)} (${ko(ta.trancheGzip)} gzip), contre ${mo(ta.total)} pour la France entière (${fr(pub.partitions)} partitions, la plus grosse ${ko(ta.max)})`,
        tenu: ta.tranche > 0 && ta.tranche < ta.total,
        note: 'Arrow écrit par EPCI (epci/<SIREN>/), le navigateur ne charge que celui du territoire affiché',
      });
    }
  }
  return b;
}

function tableau(entetes: string[], lignes: string[][]): string {
  return [`| ${entetes.join(' | ')} |`, `|${entetes.map(() => '---').join('|')}|`, ...lignes.map((l) => `| ${l.join(' | ')} |`)].join('\n');
}

export function markdown(r: Resultats): string {
  const m = r.machine;
  const out: string[] = [];
  out.push('# Banc d’essai de l’observatoire — résultats', '');
  out.push(`Mesuré le ${new Date(m.date).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' })} sur ${m.cpu}, ${m.coeurs} cœurs, ${go(m.memoireOctets)} de mémoire, Node ${m.node} (${m.systeme}).`);
  const o = r.options;
  const drapeaux = [o.rapide ? '--rapide' : '', o.sansNational ? '--sans-national' : '', o.nationalSeul ? '--national-seul' : '', o.logementsNational ? `--logements-national ${o.logementsNational}` : ''].filter(Boolean);
  out.push(`Commande : \`npm run bench${drapeaux.length ? ` -- ${drapeaux.join(' ')}` : ''}\` (${s(r.dureeBancMs)}). Valeurs : médianes ; le nombre d’exécutions est indiqué pour chaque mesure. Détail complet : \`bench/results${o.nationalSeul ? '-national' : ''}.json\`. Explications : \`docs/performance.md\`.`, '');
  if (r.budgets?.length) {
    out.push('## Budgets', '');
    out.push(tableau(['', 'Budget', 'Cible', 'Mesure'], r.budgets.map((b) => [coche(b.tenu), b.libelle, b.budget, b.mesure + (b.note ? ` — ${b.note}` : '')])), '');
  }
  const p = r.pipelineSicoval;
  if (p) {
  out.push('## Pipeline du Sicoval', '');
  out.push(`${p.executions} exécution(s) dans un processus séparé : **${s(p.mursMs.mediane)}** (min ${s(p.mursMs.min)}, max ${s(p.mursMs.max)}), mémoire maximale **${mo(p.maxRssOctets.mediane)}**.`, '');
  out.push(tableau(['Étape', 'Durée', 'RSS max'], p.etapes.map((e) => [e.etape, s(e.ms), mo(e.rssMaxOctets)])), '');
  }
  const d = r.donnees;
  if (d) {
  out.push('## Données publiées (Sicoval)', '');
  out.push(tableau(['Table', 'Parquet (zstd)', 'Arrow IPC', 'Arrow gzip (transféré)'], [
    ...d.tables.map((t) => [t.table, ko(t.parquet), ko(t.arrow), ko(t.arrowGzip)]),
    ['**total**', `**${ko(d.total.parquet)}**`, `**${ko(d.total.arrow)}**`, `**${ko(d.total.arrowGzip)}**`],
  ]), '');
  out.push(`Exports bruts en entrée : ${d.entreesBrutes.fichiers.map((f) => `${f.nom} ${mo(f.octets)}`).join(', ')} — **${mo(d.entreesBrutes.total)}** ; Parquet publié = ${fr((100 * d.total.parquet) / d.entreesBrutes.total, 2)} % de l’entrée.`, '');
  }
  const si = r.site;
  if (si) {
    out.push('## Site', '');
    out.push(`Build Astro : **${s(si.buildAstroMs.mediane)}** (${si.buildAstroMs.mesures.length} build(s)).`, '');
    const ligne = (nom: string, ms: Serie, o: Octets, n: number) => [nom, `${s(ms.mediane)}`, ko(octetsPage(o)), ko(o.parType.wasm ?? 0), ko(o.parType['données'] ?? 0), ko(o.total), String(n)];
    out.push(tableau(['Page', 'Premier chiffre', 'HTML+CSS+JS (gzip)', 'WASM (gzip)', 'Données', 'Total transféré', 'Exécutions'], [
      ligne('Accueil', si.accueil.ms, si.accueil.octets, si.accueil.executions),
      ligne(`Fiche communale ${'31048'} (chiffres dans le HTML)`, si.fiche.ms, si.fiche.octets, si.fiche.executions),
      ligne('Même fiche, variante naïve (DuckDB-WASM à l’ouverture)', si.naif.premierChiffreMs, si.naif.octets, si.naif.executions),
      ligne('Explorateur, première réponse à froid', si.explorateur.premiereReponseMs, si.explorateur.octets, si.explorateur.executions),
      ...(si.explorateur.chaud ? [ligne('Explorateur, visite suivante (même profil)', si.explorateur.chaud.premiereReponseMs, si.explorateur.chaud.octets, si.explorateur.chaud.executions)] : []),
    ]), '');
    if (si.explorateur.chaud) {
      const c = si.explorateur.chaud;
      out.push(`**Explorateur, visites suivantes** (profil de navigateur sur disque, comme chez un lecteur) : première visite ${s(c.froidMemeProfilMs.mediane)} dont moteur ${s(c.instanciationFroidMs.mediane)} ; deuxième ${s(c.premiereReponseMs.mediane)} dont moteur ${s(c.instanciationMs.mediane)} ; troisième ${s(c.troisiemeVisiteMs.mediane)}. Le \`.wasm\` haché vient du cache HTTP (\`Cache-Control: immutable\`, aucun octet transféré) ; le démarrage du moteur (compilation et initialisation de DuckDB-WASM) n’en est pas raccourci (docs/performance.md).`, '');
    }
    out.push(`Temps du premier chiffre : *first contentful paint* pour les pages statiques (le chiffre est dans le HTML), instant où le chiffre est écrit pour la variante naïve, apparition du tableau de réponse pour l’explorateur ; tous comptés depuis le début de la navigation.`, '');
    const rt = si.naif.premierChiffreMs.mediane / si.fiche.ms.mediane;
    const ro = si.naif.octets.total / si.fiche.octets.total;
    out.push(`**Fiche statique contre variante naïve** : premier chiffre ${fr(rt, 0)} fois plus rapide (${s(si.fiche.ms.mediane)} contre ${s(si.naif.premierChiffreMs.mediane)}), ${fr(ro, 0)} fois moins d’octets (${ko(si.fiche.octets.total)} contre ${mo(si.naif.octets.total)}). La variante naïve exécute ${si.naif.requetes} requêtes SQL ; tous ses chiffres sont affichés après ${s(si.naif.tousLesChiffresMs.mediane)} (instanciation ${s(si.naif.instanciationMs.mediane)}, chargement des 5 tables ${s(si.naif.chargementMs.mediane)}).`, '');
    out.push(`**Changement de filtre** dans l’explorateur chargé : p50 ${s(si.explorateur.filtres.p50)}, p95 ${s(si.explorateur.filtres.p95)}, max ${s(si.explorateur.filtres.max)} sur ${si.explorateur.filtres.n} changements (année, contingent, période, bailleur).`, '');
    const fa = si.formats.arrow;
    const fd = si.formats.duckdb;
    out.push('### Arrow IPC ou fichier .duckdb ?', '');
    if (fa?.totalMs && fd?.totalMs) {
      out.push(tableau(['Format', 'Réponse à froid', 'Instanciation', 'Chargement / ATTACH', '1re requête', '2e requête', 'Données transférées', 'Exécutions'], [
        ['Arrow IPC (`insertArrowFromIPCStream`, table attributions)', s(fa.totalMs.mediane), s(fa.instanciationMs.mediane), s(fa.chargementMs.mediane), s(fa.requeteMs.mediane), s(fa.requeteSuivanteMs.mediane), ko(fa.octetsDonnees), String(fa.executions)],
        [`.duckdb (${ko(si.formats.duckdbFichierOctets)}, \`registerFileURL\` HTTP + \`ATTACH … (READ_ONLY)\`)`, s(fd.totalMs.mediane), s(fd.instanciationMs.mediane), s(fd.chargementMs.mediane), s(fd.requeteMs.mediane), s(fd.requeteSuivanteMs.mediane), ko(fd.octetsDonnees), String(fd.executions)],
      ]), '');
    } else out.push(`Mesure incomplète : ${JSON.stringify({ arrow: fa?.erreur, duckdb: fd?.erreur })}`, '');
  }
  const n = r.national;
  out.push('## Échelle nationale', '');
  if (!n) out.push('Non mesurée (`--sans-national`).', '');
  else {
    const g = n.generation;
    const cfg = g.resultat?.configuration;
    out.push(`Configuration synthétique « France » : ${cfg ? `${fr(cfg.epcis)} EPCI, ${fr(cfg.communes)} communes, ${fr(cfg.population)} habitants` : '—'} (\`src/generate/national.ts\`).`);
    out.push(`Génération (générateur du projet, un processus) : ${s(g.ms)}, RSS max ${g.maxRssOctets ? go(g.maxRssOctets) : '—'}${g.erreur ? ` — échec : ${g.erreur}` : ''}.`, '');
    if (g.resultat?.fichiers) {
      out.push(tableau(['Fichier', 'Lignes', 'Taille'], g.resultat.fichiers.map((f: any) => [f.nom, fr(f.lignes), mo(g.entrees?.fichiers.find((x: any) => x.nom === f.nom)?.octets ?? 0)])), '');
      out.push(`Décisions de CALEOL par année : ${Object.entries(g.resultat.decisionsParAnnee ?? {}).map(([a, v]) => `${a} : ${fr(Number(v))}`).join(' ; ')}.`, '');
    }
    out.push(`Le pipeline est celui du projet : \`executerPipeline('france', { dossierTerritoire })\` (territoire à plusieurs EPCI, \`portee\` dans territoire.json ; src/config/territoire.ts), dans un processus séparé ; durée et RSS maximal échantillonné de chaque étape.`, '');
    if (n.pipeline) {
      const p = n.pipeline;
      out.push(`Pipeline : ${p.code === 0 ? 'terminé' : `**interrompu** (${p.depassement ? 'délai dépassé' : p.signal ? `signal ${p.signal}` : `code ${p.code}`}) pendant « ${p.etapeEnEchec ?? '?'} »`} après **${s(p.ms)}**, RSS max du processus **${rssNational(p) ? `${rssNational(p)!.minorant ? '≥ ' : ''}${go(rssNational(p)!.octets)}` : '—'}**.${p.erreur && p.code !== 0 ? ` Cause : ${/Heap|heap out of memory|Allocat/.test(String(p.erreur)) ? 'tas JavaScript (V8) épuisé' : `\`${String(p.erreur).split('\n')[0]?.slice(0, 300)}\``}.` : ''}`, '');
      out.push(tableau(['Étape', 'Durée', 'RSS max'], (p.etapes as MesureEtape[]).map((e) => [e.etape, s(e.ms), go(e.rssMaxOctets)])), '');
      const ex = r.extrapolationNationale;
      if (ex) out.push(`Chiffres des pages à l’échelle nationale, estimés : ${s(ex.pagesFixeMs)} fixes + ${s(ex.pagesParZoneMs)} par zone × ${fr(ex.zones)} zones (communes + EPCI) = **${s(ex.pagesEstimeesMs)}** ; pipeline complet estimé à **${s(ex.totalEstimeMs)}**.`, '');
      const pub = p.resultat?.publication as MesurePublication | undefined;
      if (pub) {
        out.push(`Fichiers publiés : Parquet pour la France entière ; Arrow (chargé par le navigateur) en ${fr(pub.partitions)} partitions \`epci/<SIREN>/\` (une par EPCI et une pour le niveau France)${p.resultat?.pagesJsonOctets ? ` ; pages.json ${mo(p.resultat.pagesJsonOctets)}` : ''}.`, '');
        out.push(tableau(['Table', 'Parquet France', 'Arrow, toutes partitions', 'Arrow, plus grosse partition', `Arrow, partition ${pub.tranche}`, 'idem gzip'], Object.keys(pub.arrow).map((t) => [
          t, pub.parquet[t] !== undefined ? mo(pub.parquet[t]!) : '—', mo(pub.arrow[t]!.total), ko(pub.arrow[t]!.max), ko(pub.arrow[t]!.tranche), ko(pub.arrow[t]!.trancheGzip),
        ])), '');
      }
    }
  }
  return out.join('\n') + '\n';
}

/** Writes results<suffixe>.json and RESULTATS<suffixe>.md (`-national` for a national-only run). */
export function ecrireRapport(dossier: string, r: Resultats, suffixe?: string): void {
  const n = r.national?.pipeline;
  r.extrapolationNationale = n ? extrapolerNational(n.etapes, Number(n.resultat?.communes ?? r.national?.generation?.resultat?.configuration?.communes ?? 0), Number(n.resultat?.territoires ?? r.national?.generation?.resultat?.configuration?.epcis ?? 0)) : null;
  r.budgets = verifierBudgets(r);
  mkdirSync(dossier, { recursive: true });
  const x = suffixe ? `-${suffixe}` : '';
  writeFileSync(join(dossier, `results${x}.json`), JSON.stringify(r, null, 2) + '\n');
  writeFileSync(join(dossier, `RESULTATS${x}.md`), markdown(r));
}
