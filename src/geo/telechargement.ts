// Download of official contours (npm run fetch-contours): IGN Admin Express
// commune contours through the Géoplateforme WFS, ANCT QPV 2024 perimeters
// through data.gouv.fr. Both are open data (Licence Ouverte). The build never
// downloads anything: it reads what this step left in data/geo/, or the paths
// given by OBS_CONTOURS_COMMUNES / OBS_CONTOURS_QPV.
import { existsSync, mkdirSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { lireContoursCommunes, lirePerimetresQpv, filtrerCommunes } from './contours.ts';

/** Géoplateforme WFS: ADMIN EXPRESS COG CARTO (contours generalised for maps), one department, WGS84 GeoJSON. */
export function urlCommunesIgn(departement: string): string {
  const p = new URLSearchParams({
    service: 'WFS',
    version: '2.0.0',
    request: 'GetFeature',
    typeNames: 'ADMINEXPRESS-COG-CARTO.LATEST:commune',
    outputFormat: 'application/json',
    srsName: 'EPSG:4326',
    cql_filter: `insee_dep='${departement.replace(/'/g, '')}'`,
  });
  return `https://data.geopf.fr/wfs/ows?${p.toString()}`;
}

/** data.gouv.fr dataset of the QPV (ANCT); the GeoJSON resource of the 2024 generation is looked up in it. */
export const URL_JEU_QPV = 'https://www.data.gouv.fr/api/1/datasets/quartiers-prioritaires-de-la-politique-de-la-ville-qpv/';

const SANS_QPV = 'cartes sans périmètres de quartiers prioritaires ; les logements restent marqués en ou hors QPV d\'après RPLS';

export class ErreurTelechargement extends Error {}

export function messageReseau(quoi: string, url: string, cause: unknown, consequence = 'cartes en cercles placés au centre des logements de chaque commune'): string {
  const detail = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
  return (
    `Téléchargement impossible des ${quoi} (${detail}).\n` +
    `  Adresse : ${url}\n` +
    `  Le réseau est peut-être indisponible. La construction du site continue sans ces fichiers ` +
    `(${consequence}).\n` +
    `  Vous pouvez aussi télécharger le fichier vous-même et l'indiquer à la construction : ` +
    `OBS_CONTOURS_COMMUNES=chemin/communes.geojson ou OBS_CONTOURS_QPV=chemin/qpv.geojson (voir docs/cartes.md).`
  );
}

async function telecharger(url: string, quoi: string, delaiMs: number, consequence?: string): Promise<string> {
  let r: Response;
  try {
    r = await fetch(url, { signal: AbortSignal.timeout(delaiMs), headers: { accept: 'application/json, application/geo+json' } });
  } catch (e) {
    throw new ErreurTelechargement(messageReseau(quoi, url, e, consequence));
  }
  if (!r.ok) throw new ErreurTelechargement(`Téléchargement des ${quoi} refusé : ${r.status} ${r.statusText} (${url}).`);
  return await r.text();
}

function ecrireAtomique(chemin: string, texte: string): void {
  mkdirSync(dirname(chemin), { recursive: true });
  const ignore = join(dirname(chemin), '.gitignore');
  if (!existsSync(ignore)) writeFileSync(ignore, '# fichiers téléchargés par npm run fetch-contours (données ouvertes, non versionnées)\n*\n');
  writeFileSync(`${chemin}.tmp`, texte);
  renameSync(`${chemin}.tmp`, chemin);
}

export interface BilanTelechargement {
  fichier: string;
  entites: number;
  duTerritoire: number;
}

export async function telechargerCommunes(departement: string, codes: string[], destination: string, options: { url?: string; delaiMs?: number } = {}): Promise<BilanTelechargement> {
  const url = options.url ?? urlCommunesIgn(departement);
  const texte = await telecharger(url, `contours des communes (IGN Admin Express, département ${departement})`, options.delaiMs ?? 120_000);
  const fc = lireContoursCommunes(texte, url); // validates before anything is written
  const { contours, manquantes } = filtrerCommunes(fc, codes);
  if (contours.features.length === 0) throw new ErreurTelechargement(`Le fichier reçu de ${url} ne contient aucune commune du territoire.`);
  ecrireAtomique(destination, texte);
  void manquantes;
  return { fichier: destination, entites: fc.features.length, duTerritoire: contours.features.length };
}

export async function telechargerQpv(destination: string, options: { url?: string; delaiMs?: number } = {}): Promise<BilanTelechargement> {
  const delai = options.delaiMs ?? 120_000;
  let url = options.url;
  if (!url) {
    const jeu = JSON.parse(await telecharger(URL_JEU_QPV, 'métadonnées des QPV (data.gouv.fr)', delai, SANS_QPV)) as { resources?: { title?: string; format?: string; url?: string }[] };
    const ressource = (jeu.resources ?? []).find((r) => /geo\+?json/i.test(r.format ?? '') && /2024/.test(r.title ?? '') && !/outre|drom/i.test(r.title ?? ''))
      ?? (jeu.resources ?? []).find((r) => /geo\+?json/i.test(r.format ?? '') && /2024/.test(r.title ?? ''));
    if (!ressource?.url) throw new ErreurTelechargement(`Aucun fichier GeoJSON des QPV 2024 trouvé dans ${URL_JEU_QPV} : indiquez l'adresse avec OBS_URL_QPV.`);
    url = ressource.url;
  }
  const texte = await telecharger(url, 'périmètres des QPV 2024 (ANCT)', delai, SANS_QPV);
  const fc = lirePerimetresQpv(texte, url);
  ecrireAtomique(destination, texte);
  return { fichier: destination, entites: fc.features.length, duTerritoire: fc.features.length };
}
