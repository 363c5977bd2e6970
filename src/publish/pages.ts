// Numbers rendered into the static pages, computed by the indicator SQL of
// src/model/indicateurs over the published tables — the same SQL the browser runs.
import type { Territoire } from '../config/territoire.ts';
import type { Db, Ligne } from '../model/db.ts';
import { requeteAttributions } from '../model/indicateurs/attributions.ts';
import { requeteParcSynthese, requeteParcPar } from '../model/indicateurs/parc.ts';
import { requeteOccupation } from '../model/indicateurs/occupation.ts';

export interface DonneesZone {
  code: string;
  nom: string;
  parc: Ligne | null;
  parcParFinancement: Ligne[];
  parcParType: Ligne[];
  parcParPieces: Ligne[];
  attributions: Ligne[];
  occupation: Ligne | null;
}

export interface DonneesPages {
  territoire: { id: string; nom: string; nomCourt: string; siren: string; aDesQpv: boolean };
  synthetique: boolean;
  millesime: number | null;
  annees: number[];
  derniereAnnee: number | null;
  vague: number | null;
  epci: DonneesZone;
  territoires: (DonneesZone & { communes: string[] })[];
  communes: (DonneesZone & { population: number; territoire: string; territoireLibelle: string })[];
  bailleurs: string[];
  contingents: string[];
  /** filled by the pipeline: the data-quality report, personal values masked */
  qualite?: {
    bilans: { fichier: string; format: string; encodage: string; separateur: string; lignesLues: number; chargees: number; rejetees: number; horsPerimetre: number; avertissements: number }[];
    anomalies: { fichier: string; ligne: number; colonne: string; valeur: string; attendu: string; gravite: string }[];
    anomaliesTotal: number;
  };
}

async function zone(db: Db, niveau: 'epci' | 'territoire' | 'commune', code: string, nom: string, millesime: number | null, vague: number | null): Promise<DonneesZone> {
  const filtreParc = niveau === 'commune' ? { commune_insee: code } : niveau === 'territoire' ? { territoire: code } : {};
  const fp = { ...filtreParc, millesime: millesime ?? undefined };
  const [parc] = await db.query(requeteParcSynthese(fp));
  const occ = vague === null ? [] : await db.query(requeteOccupation({ niveau, code, vague }));
  return {
    code,
    nom,
    parc: parc ?? null,
    parcParFinancement: await db.query(requeteParcPar('financement', fp)),
    parcParType: await db.query(requeteParcPar('type_logement', fp)),
    parcParPieces: await db.query(requeteParcPar('pieces', fp)),
    attributions: await db.query(requeteAttributions({ niveau, code })),
    occupation: occ[0] ?? null,
  };
}

export async function calculerDonneesPages(db: Db, t: Territoire, synthetique: boolean): Promise<DonneesPages> {
  const [m] = await db.query(`SELECT max(millesime) AS m FROM parc`);
  const millesime = m?.m === null || m?.m === undefined ? null : Number(m.m);
  const annees = (await db.query(`SELECT DISTINCT annee FROM attributions ORDER BY 1`)).map((r) => Number(r.annee));
  const [v] = await db.query(`SELECT max(vague) AS v FROM occupation`);
  const vague = v?.v === null || v?.v === undefined ? null : Number(v.v);
  const communes = await db.query(`SELECT * FROM communes ORDER BY nom`);
  const territoires = await db.query(`SELECT territoire, any_value(territoire_libelle) AS libelle, string_agg(code_insee, ',' ORDER BY nom) AS communes FROM communes GROUP BY territoire ORDER BY territoire`);
  const distincts = async (col: string) =>
    (await db.query(`SELECT DISTINCT ${col} AS v FROM attributions WHERE ${col} <> '*' ORDER BY 1`)).map((r) => String(r.v));
  // sequential: one DuckDB connection runs one query at a time
  const zonesTerritoires: DonneesPages['territoires'] = [];
  for (const x of territoires) {
    zonesTerritoires.push({
      ...(await zone(db, 'territoire', String(x.territoire), String(x.libelle), millesime, vague)),
      communes: String(x.communes).split(','),
    });
  }
  const zonesCommunes: DonneesPages['communes'] = [];
  for (const c of communes) {
    zonesCommunes.push({
      ...(await zone(db, 'commune', String(c.code_insee), String(c.nom), millesime, vague)),
      population: Number(c.population),
      territoire: String(c.territoire),
      territoireLibelle: String(c.territoire_libelle),
    });
  }
  return {
    territoire: { id: t.id, nom: t.nom, nomCourt: t.nomCourt, siren: t.epciSiren, aDesQpv: t.aDesQpv },
    synthetique,
    millesime,
    annees,
    derniereAnnee: annees.at(-1) ?? null,
    vague,
    epci: await zone(db, 'epci', t.epciSiren, t.nom, millesime, vague),
    territoires: zonesTerritoires,
    communes: zonesCommunes,
    bailleurs: await distincts('bailleur'),
    contingents: await distincts('contingent'),
  };
}
