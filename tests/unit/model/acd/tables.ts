// Hand-made published tables (same schemas as src/publish/cubes.ts) for the ACD tests.
import { lit, type Db } from '../../../../src/model/db.ts';
import { COMPTES_ATTRIBUTIONS } from '../../../../src/model/indicateurs/attributions.ts';

export interface LigneParc {
  millesime?: number;
  commune: string;
  bailleur: string;
  financement: string;
  type?: 'collectif' | 'individuel' | 'etudiant';
  qpv?: boolean;
  n: number;
}

export async function creerTables(db: Db): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE parc (millesime INTEGER, commune_insee VARCHAR, territoire VARCHAR, bailleur VARCHAR,
    financement VARCHAR, type_logement VARCHAR, pieces VARCHAR, periode_construction VARCHAR, dpe VARCHAR, pmr VARCHAR,
    en_qpv BOOLEAN, logements INTEGER, vacants INTEGER, baux_annee_precedente INTEGER)`);
  await db.exec(`CREATE OR REPLACE TABLE communes (code_insee VARCHAR, nom VARCHAR, population INTEGER, territoire VARCHAR,
    territoire_libelle VARCHAR, zonage_tension INTEGER, taux_ponderation_acd_pct DOUBLE)`);
  await db.exec(`CREATE OR REPLACE TABLE bailleurs (bailleur VARCHAR, classe_rotation_acd_pct INTEGER, variantes VARCHAR)`);
  await db.exec(`CREATE OR REPLACE TABLE objectifs_acd (annee INTEGER, bailleur VARCHAR, objectif_edl_prioritaires INTEGER, source VARCHAR)`);
  const cols = COMPTES_ATTRIBUTIONS.map((c) => `${c} INTEGER`).join(', ');
  await db.exec(`CREATE OR REPLACE TABLE attributions (annee INTEGER, periode VARCHAR, niveau VARCHAR, code VARCHAR, parent VARCHAR,
    bailleur VARCHAR, contingent VARCHAR, ${cols}, secret BOOLEAN)`);
}

export async function insererParc(db: Db, lignes: LigneParc[]): Promise<void> {
  if (!lignes.length) return;
  await db.exec(`INSERT INTO parc VALUES ${lignes
    .map((l) => `(${l.millesime ?? 2025}, ${lit(l.commune)}, '1', ${lit(l.bailleur)}, ${lit(l.financement)}, ${lit(l.type ?? 'collectif')},
      'T3', '1990-2004', 'C', 'Non renseigné', ${lit(l.qpv ?? false)}, ${l.n}, 0, 0)`)
    .join(', ')}`);
}

export async function insererCommunes(db: Db, communes: [string, number][]): Promise<void> {
  const taux: Record<number, number> = { 1: 42.5, 2: 37.5, 3: 32.5, 4: 27.5 };
  await db.exec(`INSERT INTO communes VALUES ${communes
    .map(([c, z]) => `(${lit(c)}, ${lit('Commune ' + c)}, 1000, '1', 'T1', ${z}, ${taux[z] ?? 'NULL'})`)
    .join(', ')}`);
}

export async function insererBailleurs(db: Db, b: [string, number][]): Promise<void> {
  await db.exec(`INSERT INTO bailleurs VALUES ${b.map(([n, c]) => `(${lit(n)}, ${c}, '')`).join(', ')}`);
}

export async function insererObjectifs(db: Db, o: [number, string, number][]): Promise<void> {
  await db.exec(`INSERT INTO objectifs_acd VALUES ${o.map(([a, b, v]) => `(${a}, ${lit(b)}, ${v}, 'test')`).join(', ')}`);
}

type Compte = (typeof COMPTES_ATTRIBUTIONS)[number];
export interface LigneAttr {
  annee: number;
  bailleur: string;
  v: Partial<Record<Compte, number | null>>;
  secret?: boolean;
  niveau?: string;
  code?: string;
  contingent?: string;
  periode?: string;
}

export async function insererAttributions(db: Db, lignes: LigneAttr[]): Promise<void> {
  // no student-dedicated dwelling unless said: the ACD perimeter's counts equal the totals
  lignes = lignes.map((l) => ({ ...l, v: { attributions_acd: l.v.attributions, prioritaires_acd: l.v.prioritaires, ...l.v } }));
  await db.exec(`INSERT INTO attributions VALUES ${lignes
    .map((l) => `(${l.annee}, ${lit(l.periode ?? 'annee')}, ${lit(l.niveau ?? 'epci')}, ${lit(l.code ?? 'EPCI')}, NULL,
      ${lit(l.bailleur)}, ${lit(l.contingent ?? '*')},
      ${COMPTES_ATTRIBUTIONS.map((c) => (c in l.v ? (l.v[c] ?? 'NULL') : l.secret ? 'NULL' : 0)).join(', ')}, ${lit(l.secret ?? false)})`)
    .join(', ')}`);
}
