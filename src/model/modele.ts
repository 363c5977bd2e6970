// Model stage: reference tables from the territory configuration, then the
// derived private tables (dwellings, households, attributions with their flags).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RACINE, type Territoire } from '../config/territoire.ts';
import { lit, type Db } from './db.ts';
import { sqlLogementsModele } from './regles/logements.sql.ts';
import { sqlMenagesModele, type ParametresFragilite } from './regles/menages.sql.ts';
import { sqlAttributionsModele, type EchelleUc } from './regles/attributions.sql.ts';

export interface ConfigFragilite {
  source: string;
  criteres: { id: string; libelle: string; compte: boolean; definition: string; parametres?: Record<string, number> }[];
  niveaux: { niveau: number; min: number; max: number; libelle: string }[];
  residence_fragile: { niveau_min: number; part_min: number; definition: string };
}

export function chargerConfigFragilite(): ConfigFragilite {
  return JSON.parse(readFileSync(join(RACINE, 'data', 'config', 'fragilite.json'), 'utf8'));
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
}

export async function construireModele(db: Db): Promise<Record<string, number>> {
  await db.exec(sqlLogementsModele());
  await db.exec(sqlMenagesModele(parametresFragilite(chargerConfigFragilite())));
  await db.exec(sqlAttributionsModele(chargerEchelleUc()));
  const [r] = await db.query(`SELECT
    (SELECT count(*) FROM logements_modele)::INTEGER AS logements,
    (SELECT count(*) FROM menages_modele)::INTEGER AS menages,
    (SELECT count(*) FROM attributions_modele)::INTEGER AS decisions,
    (SELECT count(*) FILTER (WHERE est_attribution) FROM attributions_modele)::INTEGER AS attributions`);
  return r as Record<string, number>;
}
