// The whole data path for one territory: ingest → model → publish.
// Outputs are staged then swapped in, so a failed run leaves the previous
// published data (and the site built from it) intact.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { empreinte } from './lib/empreinte.ts';
import { chargerTerritoire, dossierDonneesPubliees, dossierTravail, fichierPages, RACINE, type Territoire } from './config/territoire.ts';
export { dossierDonneesPubliees, dossierTravail, fichierPages };
import { ouvrirDuckDb, type DbNode } from './model/db-node.ts';
import { lit } from './model/db.ts';
import { lireEntrees, type ResultatEntrees } from './ingest/entrees.ts';
import { creerReferentiel, construireModele, chargerConfigFragilite } from './model/modele.ts';
import { publierAttributions, publierDecisions, publierEntrees, publierOccupation, publierParc, publierRefus, publierReferentiel } from './publish/cubes.ts';
import { clePartitionEpci, ecrireArrowIpc, ecrireArrowParPartition, tableEnArrowIpc } from './publish/arrow.ts';
import { publierBailleurs } from './publish/bailleurs.ts';
import { publierGeo } from './publish/geo.ts';
import { publierTelechargements } from './publish/telechargements.ts';
import { csvAnomalies, csvBilans, csvComptesAnomalies } from './publish/qualite.ts';
import { controlerBaisse, controlerRejets, lireManifestePrecedent, type ResumeFormat } from './publish/garde-fous.ts';
import { chargerGardeFous } from './config/garde-fous.ts';
import { creerDossierPrive, nettoyerRestes, supprimerDossierPrive } from './lib/prive.ts';
import { messageSansValeurs } from './ingest/erreurs-duckdb.ts';
import { ErreurFichier } from './ingest/lecteur-delimite.ts';
import { ErreurEntrees } from './ingest/entrees.ts';
import { dirname } from 'node:path';
import { arreteAcd } from './model/acd/arrete.ts';
import { calculerDonneesPages, type DonneesPages } from './publish/pages.ts';
import { lireConventions } from './publish/conventions.ts';
import { appliquerSecretBilanFlux, calculerBilansFlux, ecrireCellulesBilanFlux } from './publish/bilan-flux.ts';
import { publierDemande, TABLES_DEMANDE } from './publish/cube-demande.ts';
import { appliquerSecretPublication, resumeSecret, resumerSecret } from './confidentialite/secret-publication.ts';
import { calculerPagesDemande, ecrireCubeDemande } from './publish/pages-demande.ts';
import { commitDir, stagingDir, writeFileAtomic } from './lib/atomic.ts';
import { journalMuet, type Journal } from './lib/journal.ts';
import { nombre, octets } from './lib/format-fr.ts';

/** Published tables: name → ORDER BY making the files reproducible. */
export const TABLES_PUBLIEES: Record<string, string> = {
  communes: 'code_insee',
  parc: 'ALL',
  attributions: 'annee, periode, niveau, code, bailleur, contingent, financement, qpv',
  occupation: 'vague, niveau, code',
  objectifs_acd: 'annee, bailleur',
  bailleurs: 'bailleur',
  decisions: 'annee, bailleur',
  refus: 'annee, motif, public',
  entrees: 'annee, variable, niveau, code, modalite',
};

export interface ResultatPipeline {
  territoire: Territoire;
  entrees: ResultatEntrees;
  synthetique: boolean;
  fichiers: { nom: string; octets: number }[];
  pages: DonneesPages;
}

export class ErreurPublication extends Error {}

/** A DuckDB error (its message may quote a household's value or row): never shown as it is. */
function estErreurDuckDb(e: unknown): e is Error {
  return e instanceof Error && /^[A-Z][A-Za-z ]*Error: /.test(e.message) && !(e instanceof ErreurPublication || e instanceof ErreurFichier || e instanceof ErreurEntrees);
}

/** The exports' last decision or lease date (ISO day; private), not after the run's day: a date typed in the future must not close a year (src/model/acd/arrete.ts). */
async function derniereDateAttributions(db: DbNode): Promise<string | null> {
  const [r] = await db.query(`SELECT strftime(max(d), '%Y-%m-%d') AS j FROM (SELECT date_caleol AS d FROM attributions UNION ALL SELECT date_bail FROM attributions) WHERE d <= current_date`);
  return (r?.j as string | null) ?? null;
}

/** Loaded rows and years of each kind of export, compared by the next publication (src/publish/garde-fous.ts). */
async function resumerEntrees(db: DbNode, entrees: ResultatEntrees): Promise<ResumeFormat[]> {
  const annees = async (sql: string) => (await db.query(sql)).map((r) => Number(r.a)).filter(Number.isFinite);
  const lignes = (format: string) => entrees.bilans.filter((b) => b.format === format).reduce((s, b) => s + b.chargees, 0);
  const r: ResumeFormat[] = [
    { format: 'rpls', lignes_chargees: lignes('rpls'), annees: await annees(`SELECT DISTINCT millesime AS a FROM logements ORDER BY 1`) },
    { format: 'ops', lignes_chargees: lignes('ops'), annees: await annees(`SELECT DISTINCT vague AS a FROM ops ORDER BY 1`) },
    {
      format: 'attributions',
      lignes_chargees: lignes('attributions'),
      annees: await annees(`SELECT DISTINCT year(date_caleol) AS a FROM attributions ORDER BY 1`),
      // the month only: the day of the last decision or lease is a fact about one household
      jusqu_au: (await derniereDateAttributions(db))?.slice(0, 7) ?? null,
    },
  ];
  if (entrees.demandes.length) r.push({ format: 'demandes', lignes_chargees: lignes('demandes'), annees: [] });
  return r;
}

/** Published files, sub-folders included (partitions), relative names, sorted. */
function fichiersPublies(dossier: string): { nom: string; octets: number }[] {
  return (readdirSync(dossier, { recursive: true }) as string[])
    .filter((nom) => statSync(join(dossier, nom)).isFile())
    .sort()
    .map((nom) => ({ nom, octets: statSync(join(dossier, nom)).size }));
}

/**
 * The browser's copy of a table (Arrow IPC). One EPCI: `<table>.arrow`. Several EPCIs:
 * one file per EPCI, `epci/<SIREN>/<table>.arrow` (the top level's rows in
 * `epci/<code du sommet>/`), so that a page only downloads its own EPCI's data.
 */
async function ecrireArrow(db: DbNode, t: Territoire, table: string, ordre: string, dossier: string): Promise<void> {
  if (!t.epcis) return ecrireArrowIpc(db, `pub_${table}`, ordre, join(dossier, `${table}.arrow`));
  const toutes = [...t.epcis, t.epciSiren];
  const colonnes = (await db.query(`DESCRIBE SELECT * FROM pub_${table}`)).map((c) => String(c.column_name));
  const cle = clePartitionEpci(colonnes, t.epciSiren);
  if (cle) {
    await ecrireArrowParPartition(db, { table: `pub_${table}`, ordre, cle, dossier: join(dossier, 'epci'), nom: table, toutes });
    return;
  }
  const octetsTable = await tableEnArrowIpc(db, `pub_${table}`, ordre);
  for (const code of toutes) {
    mkdirSync(join(dossier, 'epci', code), { recursive: true });
    await writeFile(join(dossier, 'epci', code, `${table}.arrow`), octetsTable);
  }
}

/** Synthetic inputs carry the generator's marker with each file's hash: any other or changed file makes the data real. */
export function entreesSynthetiques(dossier: string, fichiers: string[]): boolean {
  const marqueur = join(dossier, 'SYNTHETIQUE.json');
  if (!existsSync(marqueur) || fichiers.length === 0) return false;
  const { fichiers: generes } = JSON.parse(readFileSync(marqueur, 'utf8')) as { fichiers: { nom: string; sha256: string }[] };
  const connus = new Map(generes.map((g) => [g.nom, g.sha256]));
  return fichiers.every((f) => connus.get(basename(f)) === empreinte(f));
}

export async function executerPipeline(
  idTerritoire: string,
  options: {
    journal?: Journal;
    /** root of the build folders (default build/ of the clone): working files, published data and pages.json go under <build>/<id>/ */
    build?: string;
    sortie?: string;
    validerSeulement?: boolean;
    entrees?: string;
    travail?: string;
    pages?: string;
    /** a territory folder outside data/territoires/ (the national benchmark's scratch copy) */
    dossierTerritoire?: string;
    /** DuckDB memory_limit per instance (default: src/model/db-node.ts memoireParDefaut, or OBS_DUCKDB_MEMOIRE) */
    memoire?: string;
    /** publish even with far fewer rows or years than the previous publication (recorded in the manifest) */
    accepterBaisse?: boolean;
  } = {},
): Promise<ResultatPipeline> {
  try {
    return await executerPipelineSansMessageBrut(idTerritoire, options);
  } catch (e) {
    if (!estErreurDuckDb(e)) throw e;
    throw new ErreurPublication(
      `calcul interrompu par DuckDB (${messageSansValeurs(e.message)}) — les valeurs citées par DuckDB ne sont pas affichées (données possiblement personnelles) ; ` +
        `lancez « npm run check-data » pour trouver la ligne en cause. Rien n'a été publié : la publication précédente est intacte.`,
      // kept for a debugger on the build machine, never printed (scripts/cli.ts prints the message, and the stack with OBS_DEBUG)
      { cause: e },
    );
  }
}

async function executerPipelineSansMessageBrut(idTerritoire: string, options: Parameters<typeof executerPipeline>[1] = {}): Promise<ResultatPipeline> {
  const j = options.journal ?? journalMuet;
  const t0 = chargerTerritoire(idTerritoire, { dossier: options.dossierTerritoire });
  const t = options.entrees ? { ...t0, dossierEntrees: options.entrees } : t0;
  const travail = options.travail ?? dossierTravail(t.id, options.build);
  const sortie = options.sortie ?? dossierDonneesPubliees(t.id, options.build);
  const cfg = chargerGardeFous();
  // what a killed build left beside the published folder (staging folders) goes first
  nettoyerRestes(dirname(sortie), basename(sortie));
  const fichierPagesSortie = options.pages ?? fichierPages(t.id, options.build);
  nettoyerRestes(dirname(fichierPagesSortie), basename(fichierPagesSortie));
  nettoyerRestes(travail, 'qualite-detail.csv');
  // clean copies of the exports and DuckDB's spill files hold households' data: owner-only, removed at the end
  const prive = creerDossierPrive(travail);
  // beyond the memory limit DuckDB spills to the private folder, not to the current directory
  const optionsDb = { memoire: options.memoire, temporaire: join(prive, 'duckdb-temp') };
  let db: DbNode | null = null;
  try {
    db = await ouvrirDuckDb(':memory:', optionsDb);
    return await publier(db);
  } finally {
    db?.close();
    supprimerDossierPrive(prive);
  }

  async function publier(db: DbNode): Promise<ResultatPipeline> {
    await creerReferentiel(db, t);
    const entrees = await j.etape(
      `Lecture et contrôle des exports (${t.dossierEntrees.replace(RACINE + '/', '')})`,
      () => lireEntrees(t, prive, db),
      (r) => r.bilans.map((b) => `${b.fichier} : ${nombre(b.lignesLues)} lues, ${nombre(b.chargees)} chargées, ${nombre(b.rejetees)} rejetées`).join(' ; ') || 'aucun fichier',
    );
    if (entrees.fichiers.rpls.length === 0) {
      throw new ErreurPublication(
        `Aucun export RPLS (rpls_AAAA.csv) dans ${t.dossierEntrees} — déposez les exports ou lancez « npm run generate » pour les données synthétiques.`,
      );
    }
    await writeFileAtomic(join(travail, 'qualite-detail.csv'), csvAnomalies(entrees.anomalies, false));
    const toutes = [...entrees.fichiers.rpls, ...entrees.fichiers.ops, ...entrees.fichiers.attributions, ...entrees.demandes];
    const synthetique = entreesSynthetiques(t.dossierEntrees, toutes);
    if (options.validerSeulement) {
      return { territoire: t, entrees, synthetique, fichiers: [], pages: null as unknown as DonneesPages };
    }
    // a broken export must not replace a good publication (src/publish/garde-fous.ts)
    const rejets = controlerRejets(entrees.bilans, cfg);
    if (rejets.length) {
      throw new ErreurPublication(
        `publication refusée, la plupart des lignes d'un export sont rejetées :\n${rejets.map((m) => `  - ${m}`).join('\n')}\n` +
          `Rien n'a été publié : le site et les données précédents sont intacts.`,
      );
    }
    const resume = await resumerEntrees(db, entrees);
    // compared with the ACD's 31 March freeze at the day; only its month is published
    const derniereDate = await derniereDateAttributions(db);
    const baisses = controlerBaisse(resume, lireManifestePrecedent(sortie), synthetique, cfg);
    if (baisses.length && !options.accepterBaisse) {
      throw new ErreurPublication(
        `publication refusée, bien moins de données que la publication précédente :\n${baisses.map((m) => `  - ${m}`).join('\n')}\n` +
          `Export incomplet ? Rien n'a été publié : le site et les données précédents sont intacts. ` +
          `Si la baisse est réelle, relancez avec --accepter-baisse (elle sera inscrite dans le manifeste).`,
      );
    }
    if (baisses.length) j.info(`baisse acceptée (--accepter-baisse) : ${baisses.join(' ; ')}`);

    const modele = await j.etape('Calcul du modèle (logements, ménages, attributions)', () => construireModele(db), (r) =>
      `${nombre(r.logements ?? 0)} logements, ${nombre(r.menages ?? 0)} ménages OPS, ${nombre(r.decisions ?? 0)} décisions dont ${nombre(r.attributions ?? 0)} attributions`,
    );
    void modele;
    const cfgFragilite = chargerConfigFragilite();
    await j.etape('Agrégation', async () => {
      await publierReferentiel(db, t);
      await publierBailleurs(db, t);
      const parc = await publierParc(db);
      const attr = await publierAttributions(db, t);
      const occ = await publierOccupation(db, t, cfgFragilite.residence_fragile.niveau_min);
      await publierDecisions(db, t);
      await publierRefus(db, t);
      await publierEntrees(db, t);
      return { parc, attr, occ };
    }, (r) =>
      `parc ${nombre(r.parc.lignes)} cellules ; attributions ${nombre(r.attr.lignes)} lignes ; occupation ${nombre(r.occ.lignes)} lignes`,
    );

    const bilansCalcules = await j.etape('Bilan des conventions en flux (R5, décisions de CALEOL)', () => calculerBilansFlux(db, t), (r) =>
      `${nombre(r.bilans.length)} conventions, ${nombre(r.lignes_declarees)} lignes de bilans déclarés${r.erreurs.length ? ` — ${r.erreurs.length} rejetée(s) : ${r.erreurs.join(' ; ')}` : ''}`,
    );
    // D1-D4, only when a demand extract is among the inputs (src/publish/cube-demande.ts)
    const demande = entrees.demandes.length === 0 ? null : await j.etape('Demande de logement social (D1-D4) : agrégation', () => publierDemande(db, t), (r) =>
      `${nombre(r.demandes)} demandes, ${nombre(r.lignes)} lignes`,
    );
    // every published count together: one system of equations, hidden then audited (docs/secret-statistique.md)
    // their counts are cells of the secret with the tables': a réservataire page's « 1 attribution » is a count like any other
    await ecrireCellulesBilanFlux(db, bilansCalcules, t.epciSiren);
    const secret = await j.etape('Secret statistique et audit (toutes les tables publiées ensemble)', () => appliquerSecretPublication(db, t, { avecDemande: demande !== null }), resumerSecret);
    const bilansFlux = await appliquerSecretBilanFlux(db, bilansCalcules);

    const etape = await stagingDir(sortie);
    const fichiers = await j.etape('Écriture des fichiers publiés (Parquet zstd, Arrow)', async () => {
      for (const [table, ordre] of Object.entries(TABLES_PUBLIEES)) {
        await db.exec(`COPY (SELECT * FROM pub_${table} ORDER BY ${ordre}) TO ${lit(join(etape, `${table}.parquet`))} (FORMAT parquet, COMPRESSION zstd)`);
        await ecrireArrow(db, t, table, ordre, etape);
      }
      j.info(`Parquet et Arrow${t.epcis ? ` (${t.epcis.length + 1} partitions)` : ''} écrits`);
      await writeFile(join(etape, 'qualite-fichiers.csv'), csvBilans(entrees.bilans));
      await writeFile(join(etape, 'qualite-anomalies.csv'), csvAnomalies(entrees.anomalies, true));
      await writeFile(join(etape, 'qualite-anomalies-comptes.csv'), csvComptesAnomalies(entrees.bilans));
      const manifeste = {
        territoire: t.id,
        nom: t.nom,
        epci_siren: t.epciSiren,
        donnees_synthetiques: synthetique,
        tables: [...Object.keys(TABLES_PUBLIEES), ...(demande ? Object.keys(TABLES_DEMANDE) : [])],
        secret_statistique: t.secret,
        // several EPCIs: the browser's tables are in epci/<SIREN>/ (top level: epci/<code>/), see ecrireArrow
        ...(t.epcis ? { partitions_arrow: { dossier: 'epci', codes: [...t.epcis, t.epciSiren] } } : {}),
        entrees: entrees.bilans.map((b) => ({ fichier: b.fichier, lignes_lues: b.lignesLues, chargees: b.chargees, rejetees: b.rejetees, hors_territoire: b.horsPerimetre })),
        // what the next publication is compared with (src/publish/garde-fous.ts)
        entrees_par_format: resume,
        ...(baisses.length ? { baisse_acceptee: { motifs: baisses, option: '--accepter-baisse' } } : {}),
      };
      await writeFile(join(etape, 'manifeste.json'), JSON.stringify(manifeste, null, 2) + '\n');
      if (demande) await ecrireCubeDemande(db, etape);
      // French-Excel CSV downloads are built in memory table by table (src/publish/telechargements.ts), which
      // does not scale to France (> 7 min and 4.8 GB RSS for 1 M rows of attributions) and would be per EPCI
      // anyway: a several-EPCI build publishes Parquet and the Arrow partitions only (docs/performance.md)
      if (!t.epcis) {
        await publierTelechargements(db, t, etape, [...Object.keys(TABLES_PUBLIEES), ...(demande ? Object.keys(TABLES_DEMANDE) : [])]);
        j.info('téléchargements CSV écrits');
      } else j.info('téléchargements CSV non écrits pour un territoire à plusieurs EPCI (Parquet et Arrow par EPCI seulement)');
      const geo = await publierGeo(db, t, etape);
      j.info(
        `cartes : ${geo.mode === 'contours' ? 'contours officiels' : 'sans contours, cercles au centre des logements'} ; ${nombre(geo.logements.positions)} positions pour ${nombre(geo.logements.avecPosition)} logements` +
          (geo.avertissements.length ? ` — ${geo.avertissements.join(' ')}` : ''),
      );
      return fichiersPublies(etape);
    }, (f) => `${f.length} fichiers, ${octets(f.reduce((s, x) => s + x.octets, 0))}`);
    // the private tables (personal data) are no longer needed: free their memory before the pages' instance opens
    db.close();

    const pages = await j.etape('Calcul des chiffres des pages (SQL des indicateurs sur les Parquet publiés)', async () => {
      const lecteur = await ouvrirDuckDb(':memory:', optionsDb);
      try {
        for (const table of Object.keys(TABLES_PUBLIEES)) {
          // loaded once from the published Parquet: the pages read exactly what is published
          await lecteur.exec(`CREATE TABLE ${table} AS SELECT * FROM read_parquet(${lit(join(etape, `${table}.parquet`))})`);
        }
        const p = await calculerDonneesPages(lecteur, t, synthetique, (await lireConventions(t)).conventions);
        p.demande = await calculerPagesDemande(lecteur, etape, t.epciSiren);
        return p;
      } finally {
        lecteur.close();
      }
    }, (p) => `${p.communes.length} communes, ${p.territoires.length} territoires, années ${p.annees.join(', ') || '—'}`);

    pages.bilansFlux = bilansFlux;
    pages.acd.arrete = { jusquAu: resume.find((r) => r.format === 'attributions')?.jusqu_au ?? null, annees: arreteAcd(pages.acd.periode ?? [], derniereDate) };
    pages.secret = resumeSecret(secret, t);
    pages.qualite = {
      bilans: entrees.bilans,
      // values of personal columns were described by kind at import (src/ingest/valeur-personnelle.ts)
      anomalies: entrees.anomalies.slice(0, 500),
      anomaliesTotal: entrees.bilans.reduce((s, b) => s + b.rejetees + b.avertissements, 0),
    };
    await commitDir(etape, sortie);
    await writeFileAtomic(fichierPagesSortie, JSON.stringify(pages));
    return { territoire: t, entrees, synthetique, fichiers, pages };
  }
}
