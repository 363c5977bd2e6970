// Commune outlines (and QPV perimeters) shipped with a territory's configuration:
// data/territoires/<id>/contours-communes.geojson, qpv-<génération>.geojson and
// contours.json (source, licence, vintage, how they were derived), with a README
// in French beside them. `npm run fetch-contours` derives them from a public file
// (or a download): only the territory's communes, rounded, simplified.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { filtrerCommunes, filtrerQpv } from './contours.ts';
import { empriseCollection, elargir } from './emprise.ts';
import { nombrePositions, simplifierCollection } from './simplification.ts';
import type { ContoursCommunes, PerimetresQpv } from './types.ts';

export const FICHIER_CONTOURS_TERRITOIRE = 'contours-communes.geojson';
export const FICHIER_META_CONTOURS = 'contours.json';
export const fichierQpvTerritoire = (generation: number) => `qpv-${generation}.geojson`;

/** Simplification of the committed outlines: 40 m, 4 decimals (≈ 10 m): tens of KB for 20-40 communes. */
export const SIMPLIFICATION_COMMUNES = { toleranceM: 40, decimales: 4 } as const;
/** QPV are small (a few hundred metres): finer. */
export const SIMPLIFICATION_QPV = { toleranceM: 10, decimales: 5 } as const;

export interface SourceContours {
  /** as a reader knows it, e.g. "IGN — Admin Express COG 2018" */
  source: string;
  licence: string;
  /** file or address it was derived from (public name, no local path) */
  origine: string;
}

export interface MetaContours {
  communes: SourceContours & { fichier: string; nombre: number; simplification: string } | null;
  qpv: (SourceContours & { fichier: string; generation: number; nombre: number; simplification: string }) | null;
}

export const LICENCE_OUVERTE = 'Licence Ouverte 2.0 (Etalab)';

/** Keeps the territory's communes, rounds and simplifies (shared borders stay shared). */
export function deriverContoursCommunes(source: ContoursCommunes, codes: string[]): { contours: ContoursCommunes; manquantes: string[]; positions: { avant: number; apres: number } } {
  const { contours, manquantes } = filtrerCommunes(source, codes);
  const simplifies = simplifierCollection(contours, SIMPLIFICATION_COMMUNES);
  return { contours: simplifies, manquantes, positions: { avant: nombrePositions(contours), apres: nombrePositions(simplifies) } };
}

/** QPV of the territory (attached to one of its communes, or crossing its outline's box), simplified. */
export function deriverQpv(source: PerimetresQpv, codes: string[], contours: ContoursCommunes | null): PerimetresQpv {
  const emprise = contours ? empriseCollection(contours) : null;
  return simplifierCollection(filtrerQpv(source, codes, emprise ? elargir(emprise, 0.02) : null), SIMPLIFICATION_QPV);
}

/** One feature per line: readable diffs when outlines are refreshed. */
export function geojsonLisible(fc: { features: unknown[] }): string {
  return `{"type":"FeatureCollection","features":[\n${fc.features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

function ecrireAtomique(chemin: string, texte: string): void {
  writeFileSync(`${chemin}.tmp`, texte);
  renameSync(`${chemin}.tmp`, chemin);
}

export function lireMetaContours(dossierTerritoire: string): MetaContours | null {
  const p = join(dossierTerritoire, FICHIER_META_CONTOURS);
  return existsSync(p) ? (JSON.parse(readFileSync(p, 'utf8')) as MetaContours) : null;
}

/** Paths of the committed outlines of a territory folder (null when absent). */
export function contoursDuTerritoire(dossierTerritoire: string): { communes: string | null; qpv: string | null; meta: MetaContours | null } {
  const meta = lireMetaContours(dossierTerritoire);
  const chemin = (f: string | undefined) => (f && existsSync(join(dossierTerritoire, f)) ? join(dossierTerritoire, f) : null);
  return { communes: chemin(meta?.communes?.fichier ?? FICHIER_CONTOURS_TERRITOIRE), qpv: chemin(meta?.qpv?.fichier), meta };
}

function readme(nomTerritoire: string, m: MetaContours, commande: string): string {
  const l: string[] = [`# Contours de la carte — ${nomTerritoire}`, ''];
  l.push('Fichiers de configuration du territoire, lus par la construction du site (page « Carte », cartes des fiches).', '');
  if (m.communes) {
    l.push(`## ${m.communes.fichier}`, '');
    l.push(`- ${m.communes.nombre} communes du territoire (propriétés \`code\` INSEE, \`nom\`), WGS84.`);
    l.push(`- Source : **${m.communes.source}** (${m.communes.origine}).`);
    l.push(`- Licence : ${m.communes.licence} — mention : « ${m.communes.source} ».`);
    l.push(`- Simplification : ${m.communes.simplification}.`, '');
  }
  if (m.qpv) {
    l.push(`## ${m.qpv.fichier}`, '');
    l.push(`- ${m.qpv.nombre} quartiers prioritaires de la politique de la ville (propriétés \`code_qp\`, \`nom_qp\`, \`communes\`), WGS84.`);
    l.push(`- **Génération ${m.qpv.generation}** des périmètres : la carte l'indique, jusqu'à ce que les périmètres en vigueur soient fournis.`);
    l.push(`- Source : **${m.qpv.source}** (${m.qpv.origine}).`);
    l.push(`- Licence : ${m.qpv.licence} — mention : « ${m.qpv.source} ».`);
    l.push(`- Simplification : ${m.qpv.simplification}.`, '');
  }
  l.push('## Mettre à jour', '', 'Fichiers écrits par :', '', '```sh', commande, '```', '');
  l.push('Sans argument, `npm run fetch-contours -- --territoire ID` télécharge les contours IGN du département (et les QPV 2024 pour un territoire qui en a), puis dérive ces fichiers de la même façon (docs/cartes.md).', '');
  return l.join('\n');
}

export interface EcritureContours {
  fichiers: { nom: string; octets: number }[];
  meta: MetaContours;
}

/** Writes the derived files, contours.json and README-contours.md into the territory folder. */
export function ecrireContoursTerritoire(
  dossierTerritoire: string,
  nomTerritoire: string,
  communes: { contours: ContoursCommunes; source: SourceContours } | null,
  qpv: { perimetres: PerimetresQpv; source: SourceContours; generation: number } | null,
  commande: string,
): EcritureContours {
  const ancien = lireMetaContours(dossierTerritoire);
  const meta: MetaContours = { communes: ancien?.communes ?? null, qpv: ancien?.qpv ?? null };
  const fichiers: EcritureContours['fichiers'] = [];
  const ecrire = (nom: string, texte: string) => {
    ecrireAtomique(join(dossierTerritoire, nom), texte);
    fichiers.push({ nom, octets: Buffer.byteLength(texte) });
  };
  if (communes) {
    ecrire(FICHIER_CONTOURS_TERRITOIRE, geojsonLisible(communes.contours));
    meta.communes = {
      fichier: FICHIER_CONTOURS_TERRITOIRE,
      ...communes.source,
      nombre: communes.contours.features.length,
      simplification: `Douglas-Peucker ${SIMPLIFICATION_COMMUNES.toleranceM} m par arcs (frontières communes identiques des deux côtés), coordonnées à ${SIMPLIFICATION_COMMUNES.decimales} décimales`,
    };
  }
  if (qpv) {
    const nom = fichierQpvTerritoire(qpv.generation);
    ecrire(nom, geojsonLisible(qpv.perimetres));
    meta.qpv = {
      fichier: nom,
      ...qpv.source,
      generation: qpv.generation,
      nombre: qpv.perimetres.features.length,
      simplification: `Douglas-Peucker ${SIMPLIFICATION_QPV.toleranceM} m, coordonnées à ${SIMPLIFICATION_QPV.decimales} décimales`,
    };
  }
  ecrire(FICHIER_META_CONTOURS, JSON.stringify(meta, null, 2) + '\n');
  ecrire('README-contours.md', readme(nomTerritoire, meta, commande));
  return { fichiers, meta };
}
