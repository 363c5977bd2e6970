// Committed configuration of a territory (data/territoires/<id>/) joined with
// the official commune list of @etalab/decoupage-administratif.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { lireCsv } from './csv.ts';
import type { EchelleUc } from './menages.ts';
import { lireSynthese, type Synthese } from './synthese.ts';

export interface Commune {
  code: string;
  nom: string;
  /** Territoire d'équilibre, null for communes in none. */
  territoire: number | null;
  population: number;
  codePostal: string;
  /** COG "type de liaison" (TNCC): picks "de", "d'", "du"… before the name. */
  typeLiaison: number;
  centroide: [number, number];
}

export interface Bailleur {
  nom: string;
  variantes: string[];
  rotationPct: number;
}

export interface Territoire {
  id: string;
  nom: string;
  dossier: string;
  epci: { code: string; nom: string };
  departement: { code: string; nom: string; typeLiaison: number };
  region: { code: string; nom: string };
  communes: Commune[];
  bailleurs: Bailleur[];
  objectifsAcd: { annee: number; bailleur: string; objectif: number }[];
  seuilsQ1: { annee: number; annuel: number }[];
  residencesEnjeux: { code: string; residence: string; annee: number | null }[];
  synthese: Synthese;
  echelleUc: EchelleUc;
  /** Canonical bailleur name for any spelling found in a document. */
  bailleurCanonique(nom: string): string;
}

interface CogCommune {
  code: string;
  nom: string;
  type: string;
  population?: number;
  codesPostaux?: string[];
  typeLiaison?: number;
}

const require = createRequire(import.meta.url);
function cog<T>(fichier: string): T {
  return require(`@etalab/decoupage-administratif/data/${fichier}`) as T;
}

const normaliser = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/** "de la Haute-Garonne", "d'Auzeville-Tolosane", "du Nord"… from the COG liaison type. */
export function avecCharniere(nom: string, typeLiaison: number): string {
  switch (typeLiaison) {
    case 1:
      return `d'${nom}`;
    case 2:
      return `du ${nom.replace(/^Le /, '')}`;
    case 3:
      return `de la ${nom.replace(/^La /, '')}`;
    case 4:
      return `des ${nom.replace(/^Les /, '')}`;
    case 5:
      return `de l'${nom.replace(/^L'/, '')}`;
    default:
      return `de ${nom}`;
  }
}

export function chargerTerritoire(racine: string, id: string): Territoire {
  const dossier = join(racine, 'data', 'territoires', id);
  const lire = (f: string): Record<string, string>[] => lireCsv(readFileSync(join(dossier, f), 'utf8'));
  const config = JSON.parse(readFileSync(join(dossier, 'territoire.json'), 'utf8')) as {
    id: string;
    nom: string;
    epci_siren: string;
    departement: string;
  };
  const synthese = lireSynthese(join(dossier, 'synthese.json'));

  const cogCommunes = new Map<string, CogCommune>();
  for (const c of cog<CogCommune[]>('communes.json')) if (c.type === 'commune-actuelle') cogCommunes.set(c.code, c);
  const epci = cog<{ code: string; nom: string }[]>('epci.json').find((e) => e.code === config.epci_siren);
  const departement = cog<{ code: string; nom: string; region: string; typeLiaison: number }[]>('departements.json').find(
    (d) => d.code === config.departement,
  );
  if (!epci) throw new Error(`EPCI ${config.epci_siren} absent de @etalab/decoupage-administratif`);
  if (!departement) throw new Error(`Département ${config.departement} absent de @etalab/decoupage-administratif`);
  const region = cog<{ code: string; nom: string }[]>('regions.json').find((r) => r.code === departement.region);
  if (!region) throw new Error(`Région ${departement.region} absente de @etalab/decoupage-administratif`);

  const communes: Commune[] = lire('communes.csv').map((l) => {
    const code = l['code_insee'] ?? '';
    const c = cogCommunes.get(code);
    if (!c) throw new Error(`communes.csv : commune ${code} absente du code officiel géographique`);
    const centroide = synthese.centroides_communes.valeurs[code];
    if (!centroide) throw new Error(`synthese.json : pas de centroïde pour la commune ${code} (${c.nom})`);
    const te = l['territoire_equilibre'] ?? '';
    return {
      code,
      nom: c.nom,
      territoire: te === '' ? null : Number(te),
      population: c.population ?? 0,
      codePostal: c.codesPostaux?.[0] ?? '',
      typeLiaison: c.typeLiaison ?? 0,
      centroide,
    };
  });
  communes.sort((a, b) => a.code.localeCompare(b.code));

  const bailleurs: Bailleur[] = lire('bailleurs.csv').map((l) => ({
    nom: l['bailleur'] ?? '',
    variantes: (l['variantes'] ?? '').split('|').filter(Boolean),
    rotationPct: Number(l['classe_rotation_acd_pct']),
  }));
  const index = new Map<string, string>();
  for (const b of bailleurs) for (const v of [b.nom, ...b.variantes]) index.set(normaliser(v), b.nom);
  const bailleurCanonique = (nom: string): string => {
    const trouve = index.get(normaliser(nom));
    if (!trouve) throw new Error(`bailleur inconnu « ${nom} » (ni nom ni variante dans bailleurs.csv)`);
    return trouve;
  };

  return {
    id: config.id,
    nom: config.nom,
    dossier,
    epci: { code: epci.code, nom: epci.nom },
    departement: { code: departement.code, nom: departement.nom, typeLiaison: departement.typeLiaison },
    region: { code: region.code, nom: region.nom },
    communes,
    bailleurs,
    objectifsAcd: lire('objectifs_acd.csv').map((l) => ({
      annee: Number(l['annee']),
      bailleur: bailleurCanonique(l['bailleur'] ?? ''),
      objectif: Number(l['objectif_edl_prioritaires']),
    })),
    seuilsQ1: lire('seuils_premier_quartile.csv').map((l) => ({ annee: Number(l['annee']), annuel: Number(l['seuil_annuel_uc_eur']) })),
    residencesEnjeux: lire('residences_enjeux.csv').map((l) => ({
      code: l['code_insee'] ?? '',
      residence: l['residence'] ?? '',
      annee: l['annee_construction'] ? Number(l['annee_construction']) : null,
    })),
    synthese,
    echelleUc: JSON.parse(readFileSync(join(racine, 'data', 'config', 'unites_consommation.json'), 'utf8')) as EchelleUc,
    bailleurCanonique,
  };
}

/** 1st-quartile threshold of a year; the latest known one when the year's arrêté is not in the file yet. */
export function seuilQ1(territoire: Territoire, annee: number): number {
  const connus = territoire.seuilsQ1.filter((s) => s.annee <= annee).sort((a, b) => b.annee - a.annee);
  const seuil = connus[0] ?? [...territoire.seuilsQ1].sort((a, b) => a.annee - b.annee)[0];
  if (!seuil) throw new Error('seuils_premier_quartile.csv : aucun seuil');
  return seuil.annuel;
}
