// Territory configuration: everything specific to one EPCI lives in data/territoires/<id>/.
// Names and populations come from the official COG (@etalab/decoupage-administratif).
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseConfigCsv } from './csv.ts';

/** Project root: the nearest folder above this module holding our package.json (also from Astro's bundled chunks). */
function trouverRacine(depart: string): string {
  let d = depart;
  for (;;) {
    const p = join(d, 'package.json');
    if (existsSync(p) && /"name":\s*"observatoire-cil"/.test(readFileSync(p, 'utf8'))) return d;
    const parent = dirname(d);
    if (parent === d) return process.cwd();
    d = parent;
  }
}
export const RACINE = trouverRacine(import.meta.dirname);
export const DOSSIER_TERRITOIRES = join(RACINE, 'data', 'territoires');

/** Root of the build folders: build/ of the clone, or OBS_BUILD (the tests' temp folder, passed on to Astro). */
export const dossierBuild = (): string => process.env.OBS_BUILD ?? join(RACINE, 'build');
/** Working files of a territory's build (private tables' exports, page numbers). */
export const dossierTravail = (id: string, build = dossierBuild()) => join(build, id);
/** The territory's published files; copied into the site as dist/data/. One folder per
 *  territory so that a build of one never ships another's data. */
export const dossierDonneesPubliees = (id: string, build = dossierBuild()) => join(dossierTravail(id, build), 'donnees');
/** The numbers of the pages, computed by the pipeline and read by Astro. */
export const fichierPages = (id: string, build = dossierBuild()) => join(dossierTravail(id, build), 'pages.json');

export interface Commune {
  code: string;
  nom: string;
  population: number;
  territoire: number | null;
  zonageTension: number;
  tauxPonderationAcdPct: number;
}
export interface TerritoireEquilibre { numero: number; libelle: string; source: string }
export interface SeuilQ1 { annee: number; seuilAnnuelUc: number; texte: string; source: string }
export interface ObjectifAcd { annee: number; bailleur: string; objectif: number; source: string }
/** The EPCI's total printed in the ACD for a year (may differ by ±1-2 from the sum of its bailleurs' objectives). */
export interface TotalAcdPublie { annee: number; total: number; source: string }
/** A target of the CIA or the law: `source` as a reader knows it, `reference` the signed text's place (methodology annex). */
export interface ObjectifCia { indicateur: string; ciblePct: number; sens: '>=' | '<='; perimetre: string; source: string; reference: string; note: string }
export interface Bailleur { nom: string; variantes: string[]; classeRotationPct: number }
/** Commercial vacancy of a résidence's neighbourhood (CIA fragility criterion 1), optional input. */
export interface VacanceCommerciale { codeInsee: string; residence: string; tauxPct: number; source: string }
export interface ResidenceEnjeu { codeInsee: string; commune: string; residence: string; mention: string; source: string }

export interface Territoire {
  id: string;
  nom: string;
  nomCourt: string;
  epciSiren: string;
  departement: string;
  aDesQpv: boolean;
  donneesSynthetiquesParDefaut: boolean;
  periodeAcd: [number, number];
  secret: { attributionsMin: number; menagesOpsMin: number };
  sources: Record<string, string>;
  communes: Commune[];
  territoires: TerritoireEquilibre[];
  seuilsQ1: SeuilQ1[];
  objectifsAcd: ObjectifAcd[];
  /** objectifs_acd_total.csv (optional) */
  objectifsAcdTotaux: TotalAcdPublie[];
  objectifsCia: ObjectifCia[];
  bailleurs: Bailleur[];
  residencesEnjeux: ResidenceEnjeu[];
  /** vacance_commerciale.csv (optional): criterion 1 per résidence */
  vacanceCommerciale: VacanceCommerciale[];
  dossier: string;
  dossierEntrees: string;
  /** Several EPCIs (national scope): their SIREN, each commune's `territoire` being its EPCI.
   *  Absent for the usual one-EPCI territory. Published tables are then partitioned by EPCI. */
  epcis?: string[];
}

interface CogCommune { code: string; nom: string; type: string; population?: number }
interface CogEpci { code: string; nom: string; membres: { code: string; nom: string }[] }

let cog: { communes: Map<string, CogCommune>; epci: Map<string, CogEpci> } | null = null;
export function referentielCog() {
  if (!cog) {
    const req = createRequire(import.meta.url);
    const communes = req('@etalab/decoupage-administratif/data/communes.json') as CogCommune[];
    const epci = req('@etalab/decoupage-administratif/data/epci.json') as CogEpci[];
    cog = {
      communes: new Map(communes.filter((c) => c.type === 'commune-actuelle').map((c) => [c.code, c])),
      epci: new Map(epci.map((e) => [e.code, e])),
    };
  }
  return cog;
}

function lire(dossier: string, fichier: string): Record<string, string>[] {
  const chemin = join(dossier, fichier);
  if (!existsSync(chemin)) throw new Error(`Configuration du territoire incomplète : ${chemin} manquant`);
  return parseConfigCsv(readFileSync(chemin, 'utf8'), chemin);
}

function entier(v: string | undefined, ou: string): number {
  const n = Number(v);
  if (v === undefined || v.trim() === '' || !Number.isFinite(n)) throw new Error(`${ou} : nombre attendu, lu « ${v ?? ''} »`);
  return n;
}

export function listeTerritoires(): string[] {
  if (!existsSync(DOSSIER_TERRITOIRES)) return [];
  return readdirSync(DOSSIER_TERRITOIRES)
    .filter((d) => existsSync(join(DOSSIER_TERRITOIRES, d, 'territoire.json')))
    .sort();
}

/**
 * Loads data/territoires/<id>/ (or `o.dossier`, a territory folder outside the repository).
 * One EPCI by default: every commune listed is a member and every member is listed.
 * With `"portee": { "epcis": true, "code": "FR" }` in territoire.json (national scope,
 * src/generate/national.ts), the territory is several EPCIs: each commune's
 * `territoire_equilibre` is the SIREN of its EPCI, every member of each of these EPCIs is
 * listed, and `code` stands for the whole at the top level of the cubes.
 */
/**
 * A territory id as given on a command line (--territoire) or in OBS_TERRITOIRE: only the name of a
 * folder of data/territoires/ — no path, no « .. » (the id names the build and output folders too).
 */
export function verifierIdTerritoire(id: string): string {
  const ids = listeTerritoires();
  if (!/^[a-z0-9][a-z0-9_-]*$/i.test(id) || !ids.includes(id)) {
    const montre = /^[\p{L}\p{N} _-]{1,40}$/u.test(id) ? `« ${id} »` : '(identifiant invalide : un nom de dossier sans chemin est attendu)';
    throw new Error(`Territoire ${montre} inconnu : territoires disponibles : ${ids.join(', ') || 'aucun'} (un dossier de data/territoires/ par territoire)`);
  }
  return id;
}

export function chargerTerritoire(id: string, o: { dossier?: string } = {}): Territoire {
  if (o.dossier === undefined) verifierIdTerritoire(id);
  const dossier = o.dossier ?? join(DOSSIER_TERRITOIRES, id);
  const fichierJson = join(dossier, 'territoire.json');
  if (!existsSync(fichierJson)) {
    throw new Error(`Territoire « ${id} » inconnu : ${fichierJson} introuvable (territoires disponibles : ${listeTerritoires().join(', ')})`);
  }
  const j = JSON.parse(readFileSync(fichierJson, 'utf8'));
  const { communes: cogCommunes, epci } = referentielCog();
  const portee = j.portee as { epcis?: boolean; code?: string } | undefined;
  const plusieurs = portee?.epcis === true;
  if (plusieurs && !portee?.code) throw new Error(`${fichierJson} : portee.code attendu (code du niveau supérieur, par exemple « FR »)`);
  const membres = epci.get(j.epci_siren);
  if (!plusieurs && !membres) throw new Error(`${fichierJson} : SIREN d'EPCI ${j.epci_siren} absent du code officiel géographique`);
  const codesMembres = new Set(plusieurs ? [] : membres!.membres.map((m) => m.code));

  const communes: Commune[] = lire(dossier, 'communes.csv').map((r, i) => {
    const ou = `${join(dossier, 'communes.csv')}, ligne ${i + 2}`;
    const code = r.code_insee ?? '';
    const c = cogCommunes.get(code);
    if (!c) throw new Error(`${ou} : code INSEE « ${code} » absent du code officiel géographique`);
    if (plusieurs) {
      const e = epci.get(r.territoire_equilibre ?? '');
      if (!e) throw new Error(`${ou} : territoire_equilibre doit être le SIREN de l'EPCI de la commune (portée à plusieurs EPCI), lu « ${r.territoire_equilibre ?? ''} »`);
      if (!e.membres.some((m) => m.code === code)) throw new Error(`${ou} : la commune ${code} (${c.nom}) n'est pas membre de l'EPCI ${e.code}`);
      for (const m of e.membres) if (cogCommunes.has(m.code)) codesMembres.add(m.code);
    } else if (!codesMembres.has(code)) throw new Error(`${ou} : la commune ${code} (${c.nom}) n'est pas membre de l'EPCI ${j.epci_siren}`);
    return {
      code,
      nom: c.nom,
      population: c.population ?? 0,
      territoire: r.territoire_equilibre ? entier(r.territoire_equilibre, ou) : null,
      zonageTension: entier(r.zonage_tension_acd, ou),
      tauxPonderationAcdPct: entier(r.taux_ponderation_acd_pct, ou),
    };
  });
  const listees = new Set(communes.map((x) => x.code));
  const manquantes = [...codesMembres].filter((c) => !listees.has(c));
  if (manquantes.length) throw new Error(`${join(dossier, 'communes.csv')} : communes de l'EPCI absentes : ${manquantes.join(', ')}`);

  return {
    id,
    nom: j.nom,
    nomCourt: j.nom_court,
    epciSiren: plusieurs ? portee!.code! : j.epci_siren,
    departement: j.departement,
    aDesQpv: Boolean(j.a_des_qpv),
    donneesSynthetiquesParDefaut: Boolean(j.donnees_synthetiques_par_defaut),
    periodeAcd: j.periode_acd,
    secret: { attributionsMin: j.secret_statistique.attributions_min, menagesOpsMin: j.secret_statistique.menages_ops_min },
    sources: j.sources ?? {},
    communes: communes.sort((a, b) => a.nom.localeCompare(b.nom, 'fr')),
    territoires: lire(dossier, 'territoires_equilibre.csv').map((r) => ({
      numero: entier(r.numero, 'territoires_equilibre.csv'),
      libelle: r.libelle ?? '',
      source: r.source ?? '',
    })),
    seuilsQ1: lire(dossier, 'seuils_premier_quartile.csv').map((r) => ({
      annee: entier(r.annee, 'seuils_premier_quartile.csv'),
      seuilAnnuelUc: entier(r.seuil_annuel_uc_eur, 'seuils_premier_quartile.csv'),
      texte: r.texte ?? '',
      source: r.source ?? '',
    })),
    objectifsAcd: lire(dossier, 'objectifs_acd.csv').map((r) => ({
      annee: entier(r.annee, 'objectifs_acd.csv'),
      bailleur: r.bailleur ?? '',
      objectif: entier(r.objectif_edl_prioritaires, 'objectifs_acd.csv'),
      source: r.source ?? '',
    })),
    objectifsAcdTotaux: existsSync(join(dossier, 'objectifs_acd_total.csv'))
      ? lire(dossier, 'objectifs_acd_total.csv').map((r) => ({
          annee: entier(r.annee, 'objectifs_acd_total.csv'),
          total: entier(r.objectif_total_publie, 'objectifs_acd_total.csv'),
          source: r.source ?? '',
        }))
      : [],
    objectifsCia: lire(dossier, 'objectifs_cia.csv').map((r) => ({
      indicateur: r.indicateur ?? '',
      ciblePct: entier(r.cible_pct, 'objectifs_cia.csv'),
      sens: r.sens === '<=' ? '<=' : '>=',
      perimetre: r.perimetre ?? '',
      source: r.source ?? '',
      reference: r.reference ?? '',
      note: r.note ?? '',
    })),
    bailleurs: lire(dossier, 'bailleurs.csv').map((r) => ({
      nom: r.bailleur ?? '',
      variantes: (r.variantes ?? '').split('|').filter(Boolean),
      classeRotationPct: entier(r.classe_rotation_acd_pct, 'bailleurs.csv'),
    })),
    residencesEnjeux: lire(dossier, 'residences_enjeux.csv').map((r) => ({
      codeInsee: r.code_insee ?? '',
      commune: r.commune ?? '',
      residence: r.residence ?? '',
      mention: r.mention ?? '',
      source: r.source ?? '',
    })),
    vacanceCommerciale: existsSync(join(dossier, 'vacance_commerciale.csv'))
      ? lire(dossier, 'vacance_commerciale.csv').map((r) => ({
          codeInsee: r.code_insee ?? '',
          residence: r.residence ?? '',
          tauxPct: entier(r.taux_vacance_commerciale_pct, 'vacance_commerciale.csv'),
          source: r.source ?? '',
        }))
      : [],
    dossier,
    dossierEntrees: join(dossier, 'entrees'),
    ...(plusieurs ? { epcis: [...new Set(communes.map((c) => String(c.territoire)))].sort() } : {}),
  };
}

/** Threshold of that year's arrêté, or null: never another year's (CIA l.5184 — set every year). */
export function seuilQ1(t: Territoire, annee: number): SeuilQ1 | null {
  return t.seuilsQ1.find((s) => s.annee === annee) ?? null;
}
