// Synthetic "France" territory for the national-size benchmark (npm run bench).
// Every EPCI of @etalab/decoupage-administratif becomes one group of communes:
// the EPCI SIREN is written as the commune's `territoire_equilibre`, so the
// cube levels commune → territoire → epci read commune → EPCI → France.
// The folder is written under a scratch root (never in the repository); the
// project's generator (genererEntrees) then draws the inputs from it.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RACINE, chargerTerritoire as chargerTerritoireConfig, type Territoire as TerritoireConfig } from '../config/territoire.ts';

export const ID_NATIONAL = 'france';
/** Code of the top level of the national cubes (stands where an EPCI SIREN stands for one EPCI). */
export const CODE_FRANCE = 'FR';

export interface OptionsNational {
  /** Scratch root: receives data/territoires/france/ and data/config/ (copied). */
  racine: string;
  /** Social dwellings of France (RPLS ≈ 5,4 M). */
  logements?: number;
  /** Restrict to these EPCI SIREN (tests); default all EPCIs of the COG. */
  epcis?: string[];
  graine?: number;
  /** Years of CALEOL decisions (3 years for the benchmark). */
  anneesAttributions?: number[];
}

export interface TerritoireNational {
  racine: string;
  id: string;
  dossier: string;
  epcis: number;
  communes: number;
  population: number;
  logements: number;
}

interface CogEpci { code: string; nom: string; membres: { code: string; nom: string; populationMunicipale?: number }[] }
interface CogCommune { code: string; nom: string; type: string; population?: number }

const require = createRequire(import.meta.url);
const cog = <T>(f: string): T => require(`@etalab/decoupage-administratif/data/${f}`) as T;

/** Largest remainder split of `total` proportionally to `poids` (exact sum). */
export function repartirProportionnel(total: number, poids: number[]): number[] {
  const somme = poids.reduce((a, b) => a + b, 0);
  if (somme <= 0) return poids.map(() => 0);
  const bruts = poids.map((p) => (total * p) / somme);
  const parts = bruts.map(Math.floor);
  let reste = total - parts.reduce((a, b) => a + b, 0);
  const ordre = bruts.map((b, i) => [b - Math.floor(b), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of ordre) {
    if (reste <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    reste--;
  }
  return parts;
}

/** Fictitious but stable anchor for a commune (the COG has no coordinates): a point of metropolitan France drawn from its code. */
export function centroideFictif(code: string): [number, number] {
  let h = 2166136261;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code.charCodeAt(i), 16777619) >>> 0;
  const u = (h & 0xffff) / 0xffff;
  const v = (h >>> 16) / 0xffff;
  return [Math.round((43 + 7 * u) * 1000) / 1000, Math.round((-1.5 + 8 * v) * 1000) / 1000];
}

const csv = (lignes: (string | number)[][]): string =>
  lignes.map((l) => l.map((v) => (/[",\n]/.test(String(v)) ? `"${String(v).replaceAll('"', '""')}"` : String(v))).join(',')).join('\n') + '\n';

/**
 * Writes <racine>/data/territoires/france/ (configuration + synthese.json) and
 * <racine>/data/config/ (copy of the project's shared rules). Bailleurs, ACD
 * objectives, CIA targets and 1st-quartile thresholds are the Sicoval ones;
 * stock shares are national orders of magnitude (hypotheses of the benchmark).
 */
export function construireTerritoireNational(options: OptionsNational): TerritoireNational {
  const logementsFrance = options.logements ?? 5_400_000;
  const sicoval = join(RACINE, 'data', 'territoires', 'sicoval');
  const dossier = join(options.racine, 'data', 'territoires', ID_NATIONAL);
  mkdirSync(dossier, { recursive: true });
  mkdirSync(join(options.racine, 'data', 'config'), { recursive: true });
  copyFileSync(join(RACINE, 'data', 'config', 'unites_consommation.json'), join(options.racine, 'data', 'config', 'unites_consommation.json'));
  for (const f of ['bailleurs.csv', 'objectifs_acd.csv', 'objectifs_cia.csv', 'seuils_premier_quartile.csv']) copyFileSync(join(sicoval, f), join(dossier, f));
  writeFileSync(join(dossier, 'residences_enjeux.csv'), 'code_insee,commune,residence,annee_construction,mention,source\n');

  const communesCog = new Map(cog<CogCommune[]>('communes.json').filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c]));
  const filtre = options.epcis ? new Set(options.epcis) : null;
  const epcis = cog<CogEpci[]>('epci.json')
    .filter((e) => !filtre || filtre.has(e.code))
    .map((e) => ({ ...e, membres: e.membres.filter((m) => communesCog.has(m.code)) }))
    .filter((e) => e.membres.length > 0)
    .sort((a, b) => a.code.localeCompare(b.code));
  if (filtre && epcis.length !== filtre.size) throw new Error(`EPCI inconnus parmi ${[...filtre].join(', ')}`);

  const population = (code: string): number => communesCog.get(code)?.population ?? 0;
  const popEpci = epcis.map((e) => e.membres.reduce((s, m) => s + population(m.code), 0));
  const parEpci = repartirProportionnel(logementsFrance, popEpci);

  const base = JSON.parse(readFileSync(join(sicoval, 'synthese.json'), 'utf8')) as Record<string, unknown> & {
    parc: Record<string, unknown> & { bailleurs_familial: { par_territoire: Record<string, Record<string, number>> } };
    attributions: Record<string, unknown>;
  };
  const poidsBailleurs = base.parc.bailleurs_familial.par_territoire['1'];
  if (!poidsBailleurs) throw new Error('synthese.json du Sicoval : bailleurs du territoire 1 introuvables');
  const territoires: Record<string, unknown> = {};
  const parTerritoire: Record<string, Record<string, number>> = {};
  const centroides: Record<string, [number, number]> = {};
  const lignesCommunes: (string | number)[][] = [['code_insee', 'nom_document', 'territoire_equilibre', 'zonage_tension_acd', 'taux_ponderation_acd_pct', 'source']];
  const lignesTerritoires: (string | number)[][] = [['numero', 'libelle', 'source']];
  epcis.forEach((e, i) => {
    territoires[e.code] = { logements: parEpci[i] ?? 0, etudiants: 0, part_individuels_pct: 16, part_plai_familial_pct: 12 };
    parTerritoire[e.code] = poidsBailleurs;
    lignesTerritoires.push([e.code, e.nom, 'EPCI du code officiel géographique (banc national)']);
    for (const m of e.membres) {
      lignesCommunes.push([m.code, communesCog.get(m.code)?.nom ?? m.nom, e.code, 2, 40, 'banc national synthétique']);
      centroides[m.code] = centroideFictif(m.code);
    }
  });
  writeFileSync(join(dossier, 'communes.csv'), csv(lignesCommunes));
  writeFileSync(join(dossier, 'territoires_equilibre.csv'), csv(lignesTerritoires));
  writeFileSync(
    join(dossier, 'territoire.json'),
    JSON.stringify({
      id: ID_NATIONAL,
      nom: 'France (banc d’essai national, données synthétiques)',
      nom_court: 'France',
      // the generator needs a real EPCI and département for the columns it copies (EPCI_CODE, DEP_CODE…)
      epci_siren: '243100633',
      departement: '31',
      // for the pipeline (src/config/territoire.ts): several EPCIs, France at the top of the cubes
      portee: { epcis: true, code: CODE_FRANCE },
      a_des_qpv: false,
      donnees_synthetiques_par_defaut: true,
      periode_acd: [2025, 2027],
      secret_statistique: { attributions_min: 5, menages_ops_min: 11 },
    }, null, 2) + '\n',
  );
  const synthese = {
    ...base,
    description: 'Banc d’essai national : paramètres du Sicoval appliqués à chaque EPCI de France, parc réparti au prorata de la population',
    annees_attributions: options.anneesAttributions ?? [2024, 2025, 2026],
    ...(options.graine !== undefined ? { graine: options.graine } : {}),
    centroides_communes: { rayon_m: 1200, valeurs: centroides },
    parc: {
      ...base.parc,
      territoires,
      hors_territoire: { logements_par_commune: {}, part_individuels_pct: 60, part_plai_familial_pct: 10 },
      etudiants_par_commune: { valeurs: {} },
      communes_imposees: {},
      logements_reference: undefined,
      bailleurs_familial: { par_territoire: parTerritoire },
    },
    // one rank-1 candidate for most passages: ≈ 450 000 decisions a year for 5,4 M dwellings (≈ 8 % rotation)
    attributions: { ...base.attributions, candidats_par_passage: { 1: 100 } },
  };
  writeFileSync(join(dossier, 'synthese.json'), JSON.stringify(synthese));
  return {
    racine: options.racine,
    id: ID_NATIONAL,
    dossier,
    epcis: epcis.length,
    communes: lignesCommunes.length - 1,
    population: popEpci.reduce((a, b) => a + b, 0),
    logements: logementsFrance,
  };
}

/** The pipeline's view of the national territory: what `executerPipeline('france', { dossierTerritoire })` loads. */
export function territoireNationalPourPipeline(n: TerritoireNational): TerritoireConfig {
  return chargerTerritoireConfig(ID_NATIONAL, { dossier: n.dossier });
}
