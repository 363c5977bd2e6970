// Geographic files published with the site (public/data/), all aggregates:
// - communes.geojson: official commune contours, simplified, when the build has them;
// - logements-points.geojson: social dwellings counted by rounded position (≈ 10 m), in / out of QPV;
// - qpv.geojson: QPV perimeters of the territory, when the build has them.
// Without contours the maps draw proportional symbols at the centre of each
// commune's dwellings (src/geo/centroides.ts). See docs/cartes.md.
import { existsSync, statSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DOSSIER_TERRITOIRES, RACINE, type Territoire } from '../config/territoire.ts';
import { contoursDuTerritoire, LICENCE_OUVERTE, type SourceContours } from '../geo/contours-territoire.ts';
import type { Db } from '../model/db.ts';
import { ErreurContours, filtrerCommunes, filtrerQpv, lireFichierContoursCommunes, lireFichierPerimetresQpv } from '../geo/contours.ts';
import { elargir, empriseCollection } from '../geo/emprise.ts';
import { projectionConnue, ressembleLambert93, versWgs84 } from '../geo/projection.ts';
import { arrondir, nombrePositions, simplifierCollection, type OptionsSimplification } from '../geo/simplification.ts';
import type { ContoursCommunes, PerimetresQpv, PointsLogements } from '../geo/types.ts';

export const DOSSIER_GEO = join(RACINE, 'data', 'geo');
export const FICHIER_COMMUNES = 'communes.geojson';
export const FICHIER_POINTS = 'logements-points.geojson';
export const FICHIER_QPV = 'qpv.geojson';
/** Source, licence (and QPV generation) of the published outlines, shown on the map page. */
export const FICHIER_SOURCES_GEO = 'carte-sources.json';

export interface SourcesCarte {
  communes: SourceContours | null;
  qpv: (SourceContours & { generation: number | null }) | null;
}

/** Files `npm run fetch-contours` writes (and the build reads when no path is given). */
export const contoursTelecharges = (departement: string) => join(DOSSIER_GEO, `communes-${departement}.geojson`);
export const qpvTelecharges = () => join(DOSSIER_GEO, 'qpv-2024.geojson');

export type TerritoireGeo = Pick<Territoire, 'id' | 'departement' | 'communes'> & { dossier?: string };

export interface OptionsGeo {
  /** commune contours (GeoJSON); default: env OBS_CONTOURS_COMMUNES, else the territory's own
   *  (data/territoires/<id>/contours-communes.geojson), else data/geo/communes-<dép>.geojson if present; null: none */
  contoursCommunes?: string | null;
  /** QPV perimeters (GeoJSON); default: env OBS_CONTOURS_QPV, else the territory's own (contours.json),
   *  else data/geo/qpv-2024.geojson if present; null: none */
  contoursQpv?: string | null;
  /** decimals of dwelling positions (4 ≈ 10 m) */
  decimalesPoints?: number;
  simplification?: OptionsSimplification;
  env?: Record<string, string | undefined>;
}

export interface FichierGeo {
  nom: string;
  octets: number;
  entites: number;
}

export interface ResultatGeo {
  fichiers: FichierGeo[];
  /** 'contours': official contours published; 'symboles': the maps use dwelling centres */
  mode: 'contours' | 'symboles';
  sources: { communes: string | null; qpv: string | null };
  communesSansContour: string[];
  logements: { avecPosition: number; sansPosition: number; positions: number };
  /** positions of the simplified contours before → after */
  simplification: { avant: number; apres: number } | null;
  avertissements: string[];
}

function choisirSource(explicite: string | null | undefined, variable: string | undefined, ...parDefaut: (string | null)[]): { chemin: string | null; demande: boolean } {
  if (explicite === null) return { chemin: null, demande: false };
  if (explicite !== undefined) return { chemin: explicite, demande: true };
  if (variable && variable.trim() !== '') return { chemin: variable.trim(), demande: true };
  return { chemin: parDefaut.find((p): p is string => p !== null && existsSync(p)) ?? null, demande: false };
}

async function ecrire(dossier: string, nom: string, contenu: unknown, entites: number): Promise<FichierGeo> {
  const chemin = join(dossier, nom);
  await writeFile(chemin, JSON.stringify(contenu) + '\n');
  return { nom, octets: statSync(chemin).size, entites };
}

/** Dwellings of the latest RPLS vintage counted by rounded WGS84 position, commune and QPV flag. */
export async function pointsLogements(db: Db, decimales = 4): Promise<{ points: PointsLogements; sansPosition: number; avertissements: string[] }> {
  const lignes = await db.query(`
    SELECT x::DOUBLE AS x, y::DOUBLE AS y, coalesce(epsg, 2154)::INTEGER AS epsg, commune_insee,
           coalesce(en_qpv, false) AS qpv, count(*)::INTEGER AS n
    FROM logements_modele
    WHERE millesime = (SELECT max(millesime) FROM logements_modele)
    GROUP BY ALL`);
  const acc = new Map<string, { lon: number; lat: number; commune: string; qpv: boolean; n: number }>();
  let sansPosition = 0;
  const inconnus = new Set<number>();
  for (const l of lignes) {
    const n = Number(l.n);
    const x = l.x as number | null, y = l.y as number | null, epsg = Number(l.epsg);
    if (x === null || y === null || !Number.isFinite(x) || !Number.isFinite(y)) {
      sansPosition += n;
      continue;
    }
    if (!projectionConnue(epsg) || (epsg === 2154 && !ressembleLambert93([x, y]))) {
      inconnus.add(epsg);
      sansPosition += n;
      continue;
    }
    const [lo, la] = versWgs84(x, y, epsg);
    if (!Number.isFinite(lo) || !Number.isFinite(la) || Math.abs(lo) > 180 || Math.abs(la) > 90) {
      sansPosition += n;
      continue;
    }
    const lon = arrondir(lo, decimales), lat = arrondir(la, decimales);
    const commune = String(l.commune_insee);
    const qpv = l.qpv === true;
    const k = `${lon},${lat},${commune},${qpv}`;
    const a = acc.get(k);
    if (a) a.n += n;
    else acc.set(k, { lon, lat, commune, qpv, n });
  }
  const features: PointsLogements['features'] = [...acc.values()]
    .sort((a, b) => a.commune.localeCompare(b.commune) || a.lon - b.lon || a.lat - b.lat || Number(a.qpv) - Number(b.qpv))
    .map((a) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.lon, a.lat] }, properties: { commune: a.commune, logements: a.n, qpv: a.qpv } }));
  const avertissements = inconnus.size
    ? [`Positions RPLS dans un système non pris en charge (EPSG ${[...inconnus].join(', ')}) ou hors de la France métropolitaine : ces logements ne sont pas placés sur la carte.`]
    : [];
  return { points: { type: 'FeatureCollection', features }, sansPosition, avertissements };
}

/**
 * Writes the map files of territory `t` into `dossierEtape` (the pipeline's staging folder,
 * committed to public/data/ with the other published files). Returns what it wrote.
 */
export async function publierGeo(db: Db, t: TerritoireGeo, dossierEtape: string, options: OptionsGeo = {}): Promise<ResultatGeo> {
  const env = options.env ?? process.env;
  const codes = t.communes.map((c) => c.code);
  const avertissements: string[] = [];
  const fichiers: FichierGeo[] = [];

  const { points, sansPosition, avertissements: avPoints } = await pointsLogements(db, options.decimalesPoints ?? 4);
  avertissements.push(...avPoints);
  fichiers.push(await ecrire(dossierEtape, FICHIER_POINTS, points, points.features.length));
  const avecPosition = points.features.reduce((s, f) => s + f.properties.logements, 0);
  if (sansPosition > 0) avertissements.push(`${sansPosition} logement(s) sans coordonnées exploitables : absents de la carte des logements.`);

  // commune contours
  const propres = contoursDuTerritoire(t.dossier ?? join(DOSSIER_TERRITOIRES, t.id));
  const srcC = choisirSource(options.contoursCommunes, env.OBS_CONTOURS_COMMUNES, propres.communes, contoursTelecharges(t.departement));
  let contours: ContoursCommunes | null = null;
  let communesSansContour: string[] = [];
  let simplification: ResultatGeo['simplification'] = null;
  if (srcC.chemin) {
    if (!existsSync(srcC.chemin)) {
      throw new ErreurContours(`Contours des communes introuvables : ${srcC.chemin} (OBS_CONTOURS_COMMUNES). Retirez la variable pour construire sans contours.`);
    }
    const tous = lireFichierContoursCommunes(srcC.chemin);
    const { contours: filtres, manquantes } = filtrerCommunes(tous, codes);
    if (filtres.features.length === 0) {
      const msg = `${srcC.chemin} ne contient aucune des ${codes.length} communes du territoire (codes INSEE ${codes.slice(0, 3).join(', ')}…)`;
      if (srcC.demande) throw new ErreurContours(msg);
      avertissements.push(`${msg} : cartes en symboles.`);
    } else {
      const simplifies = simplifierCollection(filtres, options.simplification);
      simplification = { avant: nombrePositions(filtres), apres: nombrePositions(simplifies) };
      contours = simplifies;
      communesSansContour = manquantes;
      if (manquantes.length) avertissements.push(`${manquantes.length} commune(s) sans contour dans ${srcC.chemin} : ${manquantes.join(', ')} (millésime des contours différent du COG ?).`);
      fichiers.push(await ecrire(dossierEtape, FICHIER_COMMUNES, contours, contours.features.length));
    }
  }

  // QPV perimeters
  const srcQ = choisirSource(options.contoursQpv, env.OBS_CONTOURS_QPV, propres.qpv, qpvTelecharges());
  let sourceQpv: string | null = null;
  let qpvPublies = 0;
  if (srcQ.chemin) {
    if (!existsSync(srcQ.chemin)) {
      throw new ErreurContours(`Périmètres des QPV introuvables : ${srcQ.chemin} (OBS_CONTOURS_QPV). Retirez la variable pour construire sans QPV.`);
    }
    const emprise = contours ? empriseCollection(contours) : empriseCollection(points);
    const qpv: PerimetresQpv = filtrerQpv(lireFichierPerimetresQpv(srcQ.chemin), codes, emprise ? elargir(emprise, 0.02) : null);
    sourceQpv = srcQ.chemin;
    if (qpv.features.length > 0) {
      const q = simplifierCollection(qpv, { toleranceM: 10, decimales: 5, ...options.simplification });
      fichiers.push(await ecrire(dossierEtape, FICHIER_QPV, q, q.features.length));
      qpvPublies = q.features.length;
    }
  }

  // what the map page credits: the territory's contours.json when its own files were used
  const generationDuNom = (p: string) => Number(/qpv-(20\d\d)/.exec(p)?.[1] ?? NaN);
  const sources: SourcesCarte = {
    communes: contours
      ? srcC.chemin === propres.communes && propres.meta?.communes
        ? { source: propres.meta.communes.source, licence: propres.meta.communes.licence, origine: propres.meta.communes.origine }
        : { source: 'IGN — Admin Express', licence: LICENCE_OUVERTE, origine: 'contours fournis à la construction' }
      : null,
    qpv: qpvPublies > 0 && srcQ.chemin
      ? srcQ.chemin === propres.qpv && propres.meta?.qpv
        ? { source: propres.meta.qpv.source, licence: propres.meta.qpv.licence, origine: propres.meta.qpv.origine, generation: propres.meta.qpv.generation }
        : { source: 'ANCT — quartiers prioritaires', licence: LICENCE_OUVERTE, origine: 'périmètres fournis à la construction', generation: Number.isFinite(generationDuNom(srcQ.chemin)) ? generationDuNom(srcQ.chemin) : null }
      : null,
  };
  if (sources.communes || sources.qpv) fichiers.push(await ecrire(dossierEtape, FICHIER_SOURCES_GEO, sources, 0));

  return {
    fichiers,
    mode: contours ? 'contours' : 'symboles',
    sources: { communes: contours ? srcC.chemin : null, qpv: sourceQpv },
    communesSansContour,
    logements: { avecPosition, sansPosition, positions: points.features.length },
    simplification,
    avertissements,
  };
}
