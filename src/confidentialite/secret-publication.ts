// The statistical secret over everything published together: reads every published cube
// (pub_* tables, before any file is written), builds the one system of equations
// (systeme-secret.ts) from the descriptions of cellules-publiees.ts, hides, audits
// (audit-secret.ts) and empties the hidden measures in place. Parquet, Arrow, CSV and the
// pages are all written from these tables afterwards, so they all publish the same cells.
import type { Territoire } from '../config/territoire.ts';
import { lit, type Db, type Ligne } from '../model/db.ts';
import { protegerSysteme, type RapportAudit } from './audit-secret.ts';
import { LIENS, TOTAUX_EGAUX, tablesSecret, type TableSecret } from './cellules-publiees.ts';
import { POIDS_SOMMET, SystemeSecret } from './systeme-secret.ts';

export interface BilanSecret {
  tables: { nom: string; lignes: number; cases: number; primaires: number; secondaires: number }[];
  /** cells of the whole system (published counts + implicit differences) and equations */
  cellules: number;
  implicites: number;
  equations: number;
  primaires: number;
  secondaires: number;
  ajoutsAudit: number;
  devoilees: number;
  tours: number;
  audit: Omit<RapportAudit, 'fuites'>;
  ms: number;
}

/** What hiding a count costs, by level (see SystemeSecret.poids); a count of the EPCI that the commission signs weighs POIDS_PROTEGE, its totals POIDS_SOMMET. */
const POIDS_NIVEAU: Record<string, number> = { epci: 20, territoire: 4, commune: 1, residence: 1 };
const POIDS_TOTAL = 20;

const SEP = '\u0001';
const norm = (v: unknown) => (v === null || v === undefined ? '\u0002' : String(v));

interface TableChargee {
  d: TableSecret;
  lignes: Ligne[];
  /** key → row index */
  index: Map<string, number>;
  /** cells[row][measure] */
  cellules: number[][];
  colonnes: Set<string>;
}

const cleLigne = (d: TableSecret, l: Record<string, unknown>) => [l.niveau, l.code, ...d.dimensions.map((x) => l[x])].map(norm).join(SEP);

function decrire(d: TableSecret, l: Ligne): string {
  const parts = [`${l.niveau} ${l.code}`];
  for (const x of d.dimensions) if (l[x] !== '*') parts.push(`${x} ${norm(l[x])}`);
  return `${d.nom} [${parts.join(', ')}]`;
}

async function charger(db: Db, d: TableSecret, s: SystemeSecret): Promise<TableChargee | null> {
  const existe = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = ${lit(d.table)}`);
  if (existe.length === 0) return null;
  const colonnes = new Set((await db.query(`DESCRIBE ${d.table}`)).map((c) => String(c.column_name)));
  // rows in the order of their keys, not of rowid: the parallel GROUP BY emits rows in varying
  // order, and the choice between equally small cells must be the same on every run
  const lignes = await db.query(`SELECT rowid::BIGINT AS _rid, * FROM ${d.table} ORDER BY ${['niveau', 'code', ...d.dimensions].join(', ')}`);
  const index = new Map<string, number>();
  const cellules: number[][] = [];
  // what hiding a count costs the reader: the EPCI's figures are the commission's, a commune's detail the
  // least read; the counts of an indicator with a target weigh like the row's count; hiding a row's count
  // hides the whole row, and so does hiding a count equal to it (every
  // attribution is « hors QPV » on a territory without QPV: hiding that one would hide the total)
  const totaux = d.totaux ?? [d.mesures[0]!.nom];
  const lourdes = new Set([...totaux, ...(d.essentielles ?? [])]);
  lignes.forEach((l, i) => {
    index.set(cleLigne(d, l), i);
    const niveau = POIDS_NIVEAU[String(l.niveau)] ?? 1;
    const valeursTotaux = new Set(totaux.map((t) => Number(l[t] ?? 0)).filter((v) => v > 0));
    // the EPCI's own totals, no detail (the figures the commission reads first)
    const sommet = l.niveau === 'epci' && d.categories.every((c) => l[c] === '*');
    cellules.push(
      d.mesures.map((m) => {
        const v = Number(l[m.nom] ?? 0);
        const poids = niveau * (lourdes.has(m.nom) || valeursTotaux.has(v) ? POIDS_TOTAL : 1);
        return s.ajouterCellule(v, d.seuil, true, () => `${decrire(d, l)} · ${m.nom}`, sommet && totaux.includes(m.nom) ? POIDS_SOMMET : poids);
      }),
    );
  });
  return { d, lignes, index, cellules, colonnes };
}

/** Every equation of one table: geography, categories, cumulative periods, measures of a row. */
function equationsTable(s: SystemeSecret, tc: TableChargee): void {
  const { d, lignes, index, cellules } = tc;
  const mesures = d.mesures.map((m) => m.nom);
  const regrouper = (parent: (l: Ligne) => Record<string, unknown> | null, quoi: string) => {
    const groupes = new Map<number, number[]>();
    lignes.forEach((l, i) => {
      const p = parent(l);
      if (!p) return;
      const j = index.get(cleLigne(d, p));
      if (j === undefined) return; // parent not published: no equation
      const g = groupes.get(j);
      if (g) g.push(i);
      else groupes.set(j, [i]);
    });
    for (const [j, enfants] of groupes) {
      mesures.forEach((m, k) => s.ajouterSomme(cellules[j]![k]!, enfants.map((i) => cellules[i]![k]!), () => `${quoi} (${d.nom} · ${m})`));
    }
  };
  for (const [enfant, parent] of d.geographie) {
    regrouper((l) => (l.niveau === enfant ? { ...l, niveau: parent, code: l.parent } : null), `${enfant} → ${parent}`);
  }
  for (const c of d.categories) regrouper((l) => (l[c] !== '*' ? { ...l, [c]: '*' } : null), `${c} → *`);

  if (d.cumul) {
    const { colonne, ordre } = d.cumul;
    const suites = new Map<string, number[]>();
    lignes.forEach((l, i) => {
      const k = cleLigne(d, { ...l, [colonne]: '' });
      const suite = suites.get(k) ?? new Array<number>(ordre.length).fill(-1);
      const rang = ordre.indexOf(String(l[colonne]));
      if (rang >= 0) suite[rang] = i;
      suites.set(k, suite);
    });
    for (const suite of suites.values()) {
      const presentes = suite.map((i, r) => [i, r] as const).filter(([i]) => i >= 0);
      for (let q = 1; q < presentes.length; q++) {
        const [avant, ra] = presentes[q - 1]!;
        const [apres, rb] = presentes[q]!;
        mesures.forEach((m, k) => {
          const a = cellules[avant]![k]!;
          const b = cellules[apres]![k]!;
          const l = lignes[apres]!;
          const diff = s.ajouterCellule(s.valeur[b]! - s.valeur[a]!, d.seuil, false, () => `${decrire(d, l)} · ${m} : ${ordre[rb]} − ${ordre[ra]}`);
          s.ajouterSomme(b, [a, diff], () => `périodes cumulées (${d.nom} · ${m})`);
        });
      }
    }
  }

  const rang = new Map(mesures.map((m, k) => [m, k]));
  lignes.forEach((l, i) => {
    const c = cellules[i]!;
    d.mesures.forEach((m, k) => {
      for (const dans of m.dans === undefined ? [] : typeof m.dans === 'string' ? [m.dans] : m.dans) {
        const t = rang.get(dans)!;
        const complement = s.ajouterCellule(s.valeur[c[t]!]! - s.valeur[c[k]!]!, d.seuil, false, () => `${decrire(d, l)} · ${dans} − ${m.nom}`);
        s.ajouterSomme(c[t]!, [c[k]!, complement], () => `${m.nom} ⊂ ${dans} (${d.nom})`);
      }
    });
    for (const p of d.partitions ?? []) {
      s.ajouterSomme(c[rang.get(p.total)!]!, p.parties.map((x) => c[rang.get(x)!]!), () => `${p.total} = ${p.parties.join(' + ')} (${d.nom})`);
    }
    // the units in neither a nor b: total − a − b + ab ≥ 0 bounds ab from below (total 20, a 18, b 5: ab ≥ 3)
    for (const x of d.croisements ?? []) {
      const [t, a, b, ab] = [x.total, x.a, x.b, x.ab].map((n) => c[rang.get(n)!]!) as [number, number, number, number];
      const ni = s.ajouterCellule(s.valeur[t]! - s.valeur[a]! - s.valeur[b]! + s.valeur[ab]!, d.seuil, false, () => `${decrire(d, l)} · ${x.total} hors ${x.a} et hors ${x.b}`);
      s.ajouterEquation([[t, 1], [ab, 1], [a, -1], [b, -1], [ni, -1]], () => `${x.total} − ${x.a} − ${x.b} + ${x.ab} ≥ 0 (${d.nom})`);
    }
  });

  const egaux = TOTAUX_EGAUX[d.table];
  if (egaux) {
    const groupes = new Map<string, number[]>();
    lignes.forEach((l, i) => {
      if (!Object.entries(egaux.filtre).every(([c, v]) => l[c] === v)) return;
      const k = cleLigne(d, { ...l, [egaux.dimension]: '' });
      groupes.set(k, [...(groupes.get(k) ?? []), i]);
    });
    for (const g of groupes.values()) {
      for (let q = 1; q < g.length; q++) {
        mesures.forEach((m, k) => s.ajouterSomme(cellules[g[0]!]![k]!, [cellules[g[q]!]![k]!], () => `même total pour chaque ${egaux.dimension} (${d.nom} · ${m})`));
      }
    }
  }
}

function equationsLiens(s: SystemeSecret, tables: Map<string, TableChargee>): void {
  for (const lien of LIENS) {
    const src = tables.get(lien.source.table);
    const cib = tables.get(lien.cible.table);
    if (!src || !cib) continue;
    const ks = src.d.mesures.findIndex((m) => m.nom === lien.source.mesure);
    const kc = cib.d.mesures.findIndex((m) => m.nom === lien.cible.mesure);
    src.lignes.forEach((l, i) => {
      if (!Object.entries(lien.source.filtre).every(([c, v]) => l[c] === v)) return;
      const total = src.cellules[i]![ks]!;
      const parties: number[] = [];
      for (const cle of lien.cible.cles?.(l) ?? []) {
        const j = cib.index.get(cleLigne(cib.d, cle));
        if (j !== undefined) parties.push(cib.cellules[j]![kc]!);
      }
      if (lien.cible.correspond) cib.lignes.forEach((x, j) => lien.cible.correspond!(l, x) && parties.push(cib.cellules[j]![kc]!));
      if (lien.inclusion) {
        const reste = s.valeur[total]! - parties.reduce((x, c) => x + s.valeur[c]!, 0);
        if (reste < 0) return; // not an inclusion in these data: no equation (a reader cannot rely on it either)
        parties.push(s.ajouterCellule(reste, src.d.seuil, false, () => `${decrire(src.d, l)} · ${lien.source.mesure} hors ${cib.d.nom}`));
      }
      s.ajouterSomme(total, parties, lien.nom);
    });
  }
}

/** Empties the hidden measures of each table (and what depends on them), sets `secret` = the row's count is hidden. */
async function ecrire(db: Db, s: SystemeSecret, tc: TableChargee): Promise<{ cases: number; primaires: number; secondaires: number }> {
  const { d, lignes, cellules } = tc;
  let cases = 0;
  let primaires = 0;
  let secondaires = 0;
  const sets: string[] = [];
  for (let k = 0; k < d.mesures.length; k++) {
    const rids: string[] = [];
    lignes.forEach((l, i) => {
      const c = cellules[i]![k]!;
      cases++;
      if (!s.masque[c]) return;
      if (s.sensible(c)) primaires++;
      else secondaires++;
      rids.push(String(l._rid));
    });
    const m = d.mesures[k]!.nom;
    if (rids.length === 0) continue;
    await db.exec(`CREATE OR REPLACE TEMP TABLE secret_rids AS SELECT unnest([${rids.join(',')}]::BIGINT[]) AS rid`);
    await db.exec(`UPDATE ${d.table} SET ${m} = NULL WHERE rowid IN (SELECT rid FROM secret_rids)`);
    sets.push(m);
  }
  await db.exec(`ALTER TABLE ${d.table} ADD COLUMN IF NOT EXISTS secret BOOLEAN`);
  const totaux = d.totaux ?? [d.mesures[0]!.nom];
  await db.exec(`UPDATE ${d.table} SET secret = (${totaux.map((x) => `coalesce(${x}, 0) = 0`).join(' AND ')}) AND (${totaux.map((x) => `${x} IS NULL`).join(' OR ')})`);
  // a row whose count is hidden shows none of its measures, zeros included (hiding more only widens
  // every interval the audit computed: it stays valid)
  await db.exec(`UPDATE ${d.table} SET ${d.mesures.map((m) => `${m.nom} = NULL`).join(', ')} WHERE secret`);
  for (const [col, source] of Object.entries(d.dependants ?? {})) {
    if (tc.colonnes.has(col)) await db.exec(`UPDATE ${d.table} SET ${col} = NULL WHERE ${source} IS NULL`);
  }
  return { cases, primaires, secondaires };
}

/**
 * Hides what goes with a hidden cell: its twin measure, and the whole row when all its totals are
 * hidden. Zeros stay known to the system (a hidden zero alone in an equation would be protected in
 * turn, for nothing); the files empty them all the same. Returns how many cells it hid.
 */
function masquerEnsemble(s: SystemeSecret, tables: Map<string, TableChargee>): number {
  let ajoutes = 0;
  const cacher = (c: number) => {
    if (s.valeur[c]! <= 0) return;
    s.verrou[c] = true;
    if (s.masque[c]) return;
    s.masque[c] = true;
    ajoutes++;
  };
  for (const tc of tables.values()) {
    const rang = (x: string) => tc.d.mesures.findIndex((m) => m.nom === x);
    for (const [a, b] of tc.d.jumelles ?? []) {
      for (const cs of tc.cellules) {
        const [ca, cb] = [cs[rang(a)]!, cs[rang(b)]!];
        if (s.masque[ca]) cacher(cb);
        if (s.masque[cb]) cacher(ca);
      }
    }
    const totaux = (tc.d.totaux ?? [tc.d.mesures[0]!.nom]).map(rang);
    for (const cs of tc.cellules) {
      if (!totaux.every((k) => s.masque[cs[k]!] || s.valeur[cs[k]!] === 0) || !totaux.some((k) => s.masque[cs[k]!])) continue;
      for (const c of cs) cacher(c);
    }
  }
  return ajoutes;
}

/**
 * Applies the statistical secret to every published table of `db` at once, audits it and
 * throws `ErreurSecret` (nothing is written) if a hidden count could still be recomputed.
 */
export async function appliquerSecretPublication(db: Db, t: Pick<Territoire, 'secret'>, options: { avecDemande: boolean; tables?: TableSecret[] }): Promise<BilanSecret> {
  const t0 = performance.now();
  const s = new SystemeSecret();
  const tables = new Map<string, TableChargee>();
  for (const d of options.tables ?? tablesSecret(t, options.avecDemande)) {
    const tc = await charger(db, d, s);
    if (tc) tables.set(d.table, tc);
  }
  for (const tc of tables.values()) equationsTable(s, tc);
  equationsLiens(s, tables);
  let p = await protegerSysteme(s);
  // a row whose counts are all hidden shows none of its measures, and twin measures are withheld together:
  // hide them in the system too, and protect again, so that what is emptied is audited like the rest
  for (let passe = 0; passe < 5; passe++) {
    const ajoutes = masquerEnsemble(s, tables);
    if (ajoutes === 0) break;
    const q = await protegerSysteme(s);
    p = { ...q, primaires: p.primaires, secondaires: p.secondaires + ajoutes + q.secondaires, ajoutsAudit: p.ajoutsAudit + q.ajoutsAudit, devoilees: p.devoilees + q.devoilees, tours: p.tours + q.tours, audit: { ...q.audit, ms: p.audit.ms + q.audit.ms } };
  }
  // (were a pass still adding, hiding more only widens every interval the audit computed: still valid)
  masquerEnsemble(s, tables);
  const bilan: BilanSecret = { tables: [], cellules: s.nbCellules, implicites: 0, equations: s.nbEquations, primaires: 0, secondaires: 0, ajoutsAudit: p.ajoutsAudit, devoilees: p.devoilees, tours: p.tours, audit: p.audit, ms: 0 };
  for (let i = 0; i < s.nbCellules; i++) if (!s.publiee[i]) bilan.implicites++;
  for (const tc of tables.values()) {
    const r = await ecrire(db, s, tc);
    bilan.tables.push({ nom: tc.d.nom, lignes: tc.lignes.length, ...r });
    bilan.primaires += r.primaires;
    bilan.secondaires += r.secondaires;
  }
  const { fuites: _, ...audit } = p.audit;
  bilan.audit = audit;
  bilan.ms = performance.now() - t0;
  return bilan;
}

/** One line for the build log: counts and times only, never a value. */
export function resumerSecret(b: BilanSecret): string {
  const n = (x: number) => x.toLocaleString('fr-FR');
  return (
    `${n(b.primaires)} cases masquées en secret primaire, ${n(b.secondaires)} en secret secondaire ` +
    `(${b.tables.map((t) => `${t.nom} ${n(t.primaires)} + ${n(t.secondaires)} sur ${n(t.cases)}`).join(' ; ')}) ; ` +
    `audit : ${n(b.audit.verifiees)} cases sensibles et ${n(b.audit.autresVerifiees)} autres cases masquées bornées par programmation linéaire (${n(b.implicites)} différences implicites, ${n(b.equations)} équations, ` +
    `${n(b.audit.composantes)} composantes, la plus grande de ${n(b.audit.plusGrandeComposante)} inconnues), ` +
    `intervalle le plus étroit ${b.audit.largeurMin === null ? '—' : n(Math.round(b.audit.largeurMin * 10) / 10)}, dont ${n(b.audit.nonProuvees)} bornées par propagation seulement, ` +
    `${b.ajoutsAudit ? `${n(b.ajoutsAudit)} case(s) masquée(s) en plus après audit (${n(b.tours)} tours), ` : ''}` +
    `${b.devoilees ? `${n(b.devoilees)} case(s) masquée(s) rendue(s) visible(s) (les chiffres publiés les donnaient déjà), ` : ''}0 case recalculable, en ${n(Math.round(b.audit.ms))} ms`
  );
}

/** What the quality page shows of the secret: counts and times, never a value. */
export interface ResumeSecret {
  seuils: { attributions: number; menages: number };
  tables: { nom: string; cases: number; primaires: number; secondaires: number }[];
  primaires: number;
  secondaires: number;
  implicites: number;
  equations: number;
  verifiees: number;
  /** hidden cells that are not small, checked not to be given back exactly */
  autresVerifiees: number;
  nonProuvees: number;
  composantes: number;
  largeurMin: number | null;
  recalculables: 0;
  tours: number;
  ms: number;
}

export function resumeSecret(b: BilanSecret, t: Pick<Territoire, 'secret'>): ResumeSecret {
  return {
    seuils: { attributions: t.secret.attributionsMin, menages: t.secret.menagesOpsMin },
    tables: b.tables.map(({ nom, cases, primaires, secondaires }) => ({ nom, cases, primaires, secondaires })),
    primaires: b.primaires,
    secondaires: b.secondaires,
    implicites: b.implicites,
    equations: b.equations,
    verifiees: b.audit.verifiees,
    autresVerifiees: b.audit.autresVerifiees,
    nonProuvees: b.audit.nonProuvees,
    composantes: b.audit.composantes,
    largeurMin: b.audit.largeurMin,
    recalculables: 0,
    tours: b.tours,
    ms: Math.round(b.ms),
  };
}
