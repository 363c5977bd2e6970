// Model stage: reference tables from the territory configuration, then the
// derived private tables (dwellings, households, attributions with their flags).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RACINE, type Territoire } from '../config/territoire.ts';
import { lit, type Db } from './db.ts';
import { sqlLogementsModele } from './regles/logements.sql.ts';
import { sqlMenagesModele, type ParametresFragilite } from './regles/menages.sql.ts';
import { sqlAttributionsModele, type EchelleUc, type ParametresA6 } from './regles/attributions.sql.ts';
import { parseConfigCsv } from '../config/csv.ts';

export interface ConfigFragilite {
  source: string;
  criteres: { id: string; libelle: string; compte: boolean; definition: string; parametres?: Record<string, number> }[];
  niveaux: { niveau: number; min: number; max: number; libelle: string }[];
  residence_fragile: { niveau_min: number; part_min: number; definition: string };
}

export function chargerConfigFragilite(): ConfigFragilite {
  return JSON.parse(readFileSync(join(RACINE, 'data', 'config', 'fragilite.json'), 'utf8'));
}

/** A criterion's definition with its parameters written in (« … supérieur au nombre de pièces + 1 »). */
export function definitionCritere(c: ConfigFragilite['criteres'][number]): string {
  return c.definition.replace(/\{(\w+)\}/g, (_, k: string) => String(c.parametres?.[k] ?? k));
}

export function parametresFragilite(c: ConfigFragilite): ParametresFragilite {
  const p = (id: string, cle: string) => {
    const v = c.criteres.find((x) => x.id === id)?.parametres?.[cle];
    if (typeof v !== 'number') throw new Error(`data/config/fragilite.json : paramètre ${id}.${cle} manquant`);
    return v;
  };
  return {
    suroccupationPiecesEnPlus: p('c2', 'suroccupation_pieces_en_plus'),
    revenusPctPlafondPlus: p('c5', 'revenus_pct_plafond_plus'),
    vacanceCommercialePctMin: p('c1', 'vacance_commerciale_pct_min'),
    enfantsMin: p('c6', 'enfants_min'),
    niveaux: c.niveaux,
  };
}

export function chargerEchelleUc(): EchelleUc & { nom: string; source: string } {
  const j = JSON.parse(readFileSync(join(RACINE, 'data', 'config', 'unites_consommation.json'), 'utf8'));
  return {
    nom: j.nom,
    source: j.source,
    premierAdulte: j.premier_adulte,
    autrePersonne14Plus: j.autre_personne_14_ans_et_plus,
    enfantMoins14: j.enfant_moins_14_ans,
  };
}

export interface PlafondPlus {
  annee: number;
  categorie: number;
  plafondAnnuel: number;
  parPersonneSupplementaire: number;
  texte: string;
  source: string;
  /** « officiel » (read in the arrêté or a ministry notice) or « non vérifié » (found elsewhere; said beside the figures) */
  statut: 'officiel' | 'non vérifié';
}

export interface ConfigA6 extends ParametresA6 {
  zone: string;
  source: string;
  /** ceilings of the zone, every year complete (categories 1 to 6) */
  plafonds: PlafondPlus[];
}

/**
 * A6 parameters: rate (data/config/attributions.json) and the PLUS ceilings of the zone
 * (data/config/plafonds_plus.csv). A year is either complete and checked, or absent: the
 * indicator is then not computed for it (never extrapolated from another year).
 */
/**
 * Below this many cases (attributions, leases) a share is shown "9 sur 11" with the several-year
 * total beside it, and gets no verdict (data/config/attributions.json « petits_effectifs_min »).
 */
export function chargerPetitsEffectifs(dossier = join(RACINE, 'data', 'config')): number {
  const j = JSON.parse(readFileSync(join(dossier, 'attributions.json'), 'utf8'));
  const n = j.petits_effectifs_min;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
    throw new Error(`data/config/attributions.json : petits_effectifs_min doit être un entier ≥ 1 (lu : ${JSON.stringify(n)})`);
  }
  return n;
}

export function chargerConfigA6(dossier = join(RACINE, 'data', 'config')): ConfigA6 {
  const j = JSON.parse(readFileSync(join(dossier, 'attributions.json'), 'utf8'));
  const tauxPct = j.a6_taux_plafond_plus_pct;
  if (typeof tauxPct !== 'number' || !(tauxPct > 0 && tauxPct <= 100)) {
    throw new Error(`data/config/attributions.json : a6_taux_plafond_plus_pct doit être un nombre entre 0 et 100 (lu : ${JSON.stringify(tauxPct)})`);
  }
  const zone = String(j.a6_zone_plafonds ?? '');
  const fichier = 'data/config/plafonds_plus.csv';
  const lignes = parseConfigCsv(readFileSync(join(dossier, 'plafonds_plus.csv'), 'utf8'), fichier);
  const entier = (v: string | undefined, ligne: number, colonne: string, min: number, max: number): number => {
    const n = Number(v);
    if (!/^\d+$/.test(v ?? '') || n < min || n > max) {
      throw new Error(`${fichier}, ligne ${ligne}, colonne ${colonne} : « ${v ?? ''} » ; attendu un entier entre ${min} et ${max}`);
    }
    return n;
  };
  const plafonds: PlafondPlus[] = [];
  const vus = new Map<string, number>();
  lignes.forEach((l, i) => {
    const ligne = i + 2;
    if (l.zone !== zone) return; // other zones (Île-de-France…) are kept in the file, not used here
    const p: PlafondPlus = {
      annee: entier(l.annee, ligne, 'annee', 2000, 2100),
      categorie: entier(l.categorie, ligne, 'categorie', 1, 6),
      plafondAnnuel: entier(l.plafond_annuel_eur, ligne, 'plafond_annuel_eur', 1000, 1_000_000),
      parPersonneSupplementaire: entier(l.par_personne_supplementaire_eur, ligne, 'par_personne_supplementaire_eur', 1, 100_000),
      texte: l.texte ?? '',
      source: l.source ?? '',
      statut: (l.statut ?? '').trim() === 'officiel' ? 'officiel' : 'non vérifié',
    };
    if (!p.source.trim()) throw new Error(`${fichier}, ligne ${ligne}, colonne source : vide ; attendu la source vérifiable du montant`);
    const cle = `${p.annee}|${p.categorie}`;
    if (vus.has(cle)) throw new Error(`${fichier}, ligne ${ligne} : catégorie ${p.categorie} de ${p.annee} déjà donnée ligne ${vus.get(cle)}`);
    vus.set(cle, ligne);
    plafonds.push(p);
  });
  for (const annee of new Set(plafonds.map((p) => p.annee))) {
    const de = plafonds.filter((p) => p.annee === annee);
    const manque = [1, 2, 3, 4, 5, 6].filter((c) => !de.some((p) => p.categorie === c));
    if (manque.length) throw new Error(`${fichier} : ${annee}, catégorie(s) ${manque.join(', ')} manquante(s) ; une année doit être complète ou absente`);
    if (new Set(de.map((p) => p.parPersonneSupplementaire)).size > 1) {
      throw new Error(`${fichier} : ${annee}, montants par personne supplémentaire différents selon les lignes ; attendu un seul montant par année`);
    }
  }
  return { tauxPct, zone, source: String(j.a6_source ?? ''), plafonds: plafonds.sort((a, b) => a.annee - b.annee || a.categorie - b.categorie) };
}

export async function creerPlafondsPlus(db: Db, plafonds: PlafondPlus[]): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE plafonds_plus (annee INTEGER, categorie INTEGER, plafond_annuel INTEGER, par_personne_supplementaire INTEGER)`);
  if (plafonds.length) {
    await db.exec(`INSERT INTO plafonds_plus VALUES ${plafonds.map((p) => `(${p.annee}, ${p.categorie}, ${p.plafondAnnuel}, ${p.parPersonneSupplementaire})`).join(', ')}`);
  }
}

/** Reference tables shared by the private model and the published dataset. */
export async function creerReferentiel(db: Db, t: Territoire): Promise<void> {
  const libelles = new Map(t.territoires.map((x) => [x.numero, x.libelle]));
  const lignes = t.communes.map(
    (c) =>
      `(${lit(c.code)}, ${lit(c.nom)}, ${c.population}, ${lit(String(c.territoire ?? 0))}, ${lit(
        c.territoire ? (libelles.get(c.territoire) ?? `Territoire ${c.territoire}`) : 'Hors territoire d\u2019équilibre',
      )}, ${c.zonageTension}, ${c.tauxPonderationAcdPct})`,
  );
  await db.exec(`CREATE OR REPLACE TABLE communes (code_insee VARCHAR, nom VARCHAR, population INTEGER, territoire VARCHAR,
    territoire_libelle VARCHAR, zonage_tension INTEGER, taux_ponderation_acd_pct DOUBLE)`);
  await db.exec(`INSERT INTO communes VALUES ${lignes.join(', ')}`);
  await db.exec(`CREATE OR REPLACE TABLE seuils_q1 (annee INTEGER, seuil_annuel_uc DOUBLE)`);
  if (t.seuilsQ1.length) {
    await db.exec(`INSERT INTO seuils_q1 VALUES ${t.seuilsQ1.map((s) => `(${s.annee}, ${s.seuilAnnuelUc})`).join(', ')}`);
  }
  await creerPlafondsPlus(db, chargerConfigA6().plafonds);
  await db.exec(`CREATE OR REPLACE TABLE vacance_commerciale (commune_insee VARCHAR, residence VARCHAR, taux_pct DOUBLE)`);
  if (t.vacanceCommerciale.length) {
    await db.exec(`INSERT INTO vacance_commerciale VALUES ${t.vacanceCommerciale.map((v) => `(${lit(v.codeInsee)}, ${lit(v.residence)}, ${v.tauxPct})`).join(', ')}`);
  }
}

export async function construireModele(db: Db): Promise<Record<string, number>> {
  await db.exec(sqlLogementsModele());
  await db.exec(sqlMenagesModele(parametresFragilite(chargerConfigFragilite())));
  await db.exec(sqlAttributionsModele(chargerEchelleUc(), chargerConfigA6()));
  const [r] = await db.query(`SELECT
    (SELECT count(*) FROM logements_modele)::INTEGER AS logements,
    (SELECT count(*) FROM menages_modele)::INTEGER AS menages,
    (SELECT count(*) FROM attributions_modele)::INTEGER AS decisions,
    (SELECT count(*) FILTER (WHERE est_attribution) FROM attributions_modele)::INTEGER AS attributions`);
  return r as Record<string, number>;
}
