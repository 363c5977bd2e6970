// Pipeline-level guarantees on the generated Sicoval exports (the shape of the
// real ones): same inputs → byte-identical published files; a failed run leaves
// the previous publication byte for byte; and a scan of every published file
// finds no household-level column or value, no small cell, no cell that a lone
// secret sibling would let anyone recompute.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { relative, join } from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { executerPipeline } from '../../src/pipeline.ts';
import { chargerTerritoire } from '../../src/config/territoire.ts';
import { ouvrirDuckDb, type DbNode } from '../../src/model/db-node.ts';
import { lit } from '../../src/model/db.ts';
import { referenceSynthetique } from '../helpers/reference.ts';

// run A is the run's reference build (copied here: a test below runs a failing build over it); run B is run here
const ref = referenceSynthetique();
const tmp = mkdtempSync(join(tmpdir(), 'obs-publication-'));
const entrees = ref.entrees;
const sortieA = join(tmp, 'a', 'data');
const sortieB = join(tmp, 'b', 'data');
const t = chargerTerritoire('sicoval');
let db: DbNode;

const executer = (entreesDir: string, sortie: string, nom: string) =>
  executerPipeline('sicoval', { entrees: entreesDir, sortie, travail: join(tmp, `travail-${nom}`), pages: join(tmp, `pages-${nom}.json`) });

// every published file, sub-folders included (telechargements/)
const fichiersPublies = (dossier: string): string[] =>
  readdirSync(dossier, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dossier, join(e.parentPath, e.name)))
    .sort();
const octets = (dossier: string) => Object.fromEntries(fichiersPublies(dossier).map((f) => [f, readFileSync(join(dossier, f))]));

beforeAll(async () => {
  cpSync(ref.donnees, sortieA, { recursive: true });
  copyFileSync(ref.pages, join(tmp, 'pages-a.json'));
  await executer(entrees, sortieB, 'b');
  db = await ouvrirDuckDb();
}, 600_000);
afterAll(() => {
  db?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('reproductibilité et remplacement atomique', () => {
  test('deux exécutions sur les mêmes entrées : fichiers publiés identiques octet pour octet', () => {
    const a = octets(sortieA);
    const b = octets(sortieB);
    expect(Object.keys(b)).toEqual(Object.keys(a));
    expect(Object.keys(a)).toEqual(expect.arrayContaining(['manifeste.json', 'parc.parquet', 'parc.arrow', 'attributions.parquet', 'qualite-fichiers.csv']));
    const differents = Object.keys(a).filter((f) => !a[f]!.equals(b[f]!));
    expect(differents, `fichiers différents d'une exécution à l'autre : ${differents.join(', ')}`).toEqual([]);
  });

  test('une exécution qui échoue (export RPLS illisible) laisse la publication précédente intacte', async () => {
    const avant = octets(sortieA);
    const cassees = join(tmp, 'entrees-cassees');
    mkdirSync(cassees);
    for (const f of readdirSync(entrees)) copyFileSync(join(entrees, f), join(cassees, f));
    // a workbook saved under a .csv name, next to the good OPS and attribution files
    writeFileSync(join(cassees, 'rpls_2025.csv'), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(2000, 7)]));
    await expect(executer(cassees, sortieA, 'cassee')).rejects.toThrow(/rpls_2025\.csv : le fichier est une archive ZIP/);
    const apres = octets(sortieA);
    expect(Object.keys(apres)).toEqual(Object.keys(avant));
    for (const f of Object.keys(avant)) expect(apres[f]!.equals(avant[f]!), f).toBe(true);
    // nothing staged was left beside it
    expect(readdirSync(join(tmp, 'a'))).toEqual(['data']);
  });

  test('le manifeste publié réconcilie chaque fichier : lues = chargées + rejetées + hors territoire', () => {
    const m = JSON.parse(readFileSync(join(sortieA, 'manifeste.json'), 'utf8')) as { entrees: { fichier: string; lignes_lues: number; chargees: number; rejetees: number; hors_territoire: number }[] };
    expect(m.entrees.map((e) => e.fichier).sort()).toEqual(readdirSync(entrees).filter((f) => f.endsWith('.csv')).sort());
    for (const e of m.entrees) {
      expect(e.lignes_lues, e.fichier).toBeGreaterThan(0);
      expect(e.chargees + e.rejetees + e.hors_territoire, e.fichier).toBe(e.lignes_lues);
    }
  });
});

// ---------------------------------------------------------------------------
// Scan of everything published

const COLONNE_INTERDITE = /^(num_unique|pseudo_demande|ident_rep|ident_int|ressources.*|age.*|adresse|date_.*|prenom|nom_demandeur|motif_refus)$/i;
const ID_DEMANDE = /031\d{10}/;

/** Column names and string cells of one published file, whatever its format. */
async function lirePublie(chemin: string): Promise<{ colonnes: string[]; textes: string[] }> {
  if (chemin.endsWith('.parquet')) {
    const schema = await db.query(`SELECT name FROM parquet_schema(${lit(chemin)}) WHERE num_children IS NULL OR num_children = 0`);
    const lignes = await db.query(`SELECT * FROM read_parquet(${lit(chemin)})`);
    return { colonnes: schema.map((s) => String(s.name)), textes: lignes.flatMap((l) => Object.values(l).filter((v): v is string => typeof v === 'string')) };
  }
  if (chemin.endsWith('.arrow')) {
    const table = tableFromIPC(readFileSync(chemin));
    const textes: string[] = [];
    for (const champ of table.schema.fields) {
      const v = table.getChild(champ.name)!;
      for (let i = 0; i < v.length; i++) {
        const x = v.get(i);
        if (typeof x === 'string') textes.push(x);
      }
    }
    return { colonnes: table.schema.fields.map((f) => f.name), textes };
  }
  if (chemin.endsWith('.json') || chemin.endsWith('.geojson')) {
    const colonnes: string[] = [];
    const textes: string[] = [];
    const parcourir = (x: unknown): void => {
      if (typeof x === 'string') textes.push(x);
      else if (Array.isArray(x)) x.forEach(parcourir);
      else if (x && typeof x === 'object') for (const [k, v] of Object.entries(x)) (colonnes.push(k), parcourir(v));
    };
    parcourir(JSON.parse(readFileSync(chemin, 'utf8')));
    return { colonnes, textes };
  }
  if (chemin.endsWith('.csv')) {
    const [entete = '', ...lignes] = readFileSync(chemin, 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
    return { colonnes: entete.split(';'), textes: lignes.flatMap((l) => l.split(';')) };
  }
  throw new Error(`${chemin} : format publié non contrôlé par ce test`);
}

/** Demand ids and RPLS ids of the generated inputs: none may appear in a published file. */
function identifiantsEntrees(): Set<string> {
  const ids = new Set<string>();
  for (const f of readdirSync(entrees).filter((x) => x.endsWith('.csv'))) {
    const [entete = '', ...lignes] = readFileSync(join(entrees, f), 'utf8').split(/\r?\n/);
    const cols = entete.split(';').map((c, i) => [c.toLowerCase(), i] as const).filter(([c]) => ['num_unique', 'ident_rep', 'ident_int'].includes(c));
    for (const l of lignes) {
      const v = l.split(';');
      for (const [, i] of cols) if (v[i]) ids.add(v[i]!);
    }
  }
  return ids;
}

describe('ce que contiennent les fichiers publiés', () => {
  test('aucune colonne ni valeur à l’échelle du ménage ou de la demande, dans aucun format', async () => {
    const ids = identifiantsEntrees();
    expect(ids.size).toBeGreaterThan(5000);
    const fichiers = fichiersPublies(sortieA);
    expect(fichiers.some((f) => f.endsWith('.parquet')) && fichiers.some((f) => f.endsWith('.arrow'))).toBe(true);
    for (const f of [...fichiers.map((x) => join(sortieA, x)), join(tmp, 'pages-a.json')]) {
      const { colonnes, textes } = await lirePublie(f);
      expect(colonnes.length, f).toBeGreaterThan(0);
      expect(colonnes.filter((c) => COLONNE_INTERDITE.test(c)), f).toEqual([]);
      expect(textes.filter((x) => ID_DEMANDE.test(x)), f).toEqual([]);
      expect(textes.filter((x) => ids.has(x)), f).toEqual([]);
    }
  });

  test(`attributions : aucune case publiée sous ${t.secret.attributionsMin} attributions ; cases secrètes vides`, async () => {
    expect(t.secret.attributionsMin).toBeGreaterThanOrEqual(5);
    const a = lit(join(sortieA, 'attributions.parquet'));
    const [r] = await db.query(`SELECT count(*)::INTEGER AS cases, count(*) FILTER (WHERE secret)::INTEGER AS secretes,
        count(*) FILTER (WHERE attributions BETWEEN 1 AND ${t.secret.attributionsMin - 1})::INTEGER AS petites,
        count(*) FILTER (WHERE secret AND (attributions IS NOT NULL OR q1 IS NOT NULL OR prioritaires IS NOT NULL))::INTEGER AS fuites
      FROM read_parquet(${a})`);
    expect(r).toMatchObject({ petites: 0, fuites: 0 });
    expect(Number(r!.secretes)).toBeGreaterThan(0);
    expect(Number(r!.cases)).toBeGreaterThan(Number(r!.secretes));
  });

  test(`occupation (OPS) : aucune case publiée sous ${t.secret.menagesOpsMin} répondants`, async () => {
    expect(t.secret.menagesOpsMin).toBeGreaterThanOrEqual(11);
    const [r] = await db.query(`SELECT count(*) FILTER (WHERE repondants BETWEEN 1 AND ${t.secret.menagesOpsMin - 1})::INTEGER AS petites,
        count(*) FILTER (WHERE secret AND (repondants IS NOT NULL OR menages IS NOT NULL OR fragiles IS NOT NULL))::INTEGER AS fuites,
        count(*) FILTER (WHERE secret)::INTEGER AS secretes
      FROM read_parquet(${lit(join(sortieA, 'occupation.parquet'))})`);
    expect(r).toMatchObject({ petites: 0, fuites: 0 });
    expect(Number(r!.secretes)).toBeGreaterThan(0);
  });

  /** Published parents with exactly one hidden child (not 0), for one measure: that child = parent − visible siblings. Each measure is a cell. */
  async function parentsAvecUnSeulSecret(fichier: string, fixes: string[], categories: string[], geo: [string, string][], mesure: string): Promise<unknown[]> {
    const src = `read_parquet(${lit(join(sortieA, fichier))})`;
    const eq = (cols: string[]) => cols.map((c) => `c.${c} = p.${c}`).join(' AND ') || 'TRUE';
    const relations: { nom: string; jointure: string }[] = geo.map(([enfant, parent]) => ({
      nom: `${enfant}→${parent}`,
      jointure: `c.niveau = '${enfant}' AND p.niveau = '${parent}' AND c.parent = p.code AND ${eq([...fixes, ...categories])}`,
    }));
    for (const d of categories) {
      relations.push({ nom: `${d}→*`, jointure: `c.${d} <> '*' AND p.${d} = '*' AND ${eq([...fixes, 'niveau', 'code', ...categories.filter((x) => x !== d)])}` });
    }
    const fautes: unknown[] = [];
    const m = mesure;
    for (const r of relations) {
      const cle = [...fixes, ...categories, 'niveau', 'code'].map((c) => `p.${c}`).join(', ');
      const lignes = await db.query(`SELECT ${cle}, count(*) FILTER (WHERE c.${m} IS NULL)::INTEGER AS secrets, count(*)::INTEGER AS enfants
        FROM ${src} c JOIN ${src} p ON ${r.jointure}
        WHERE p.${m} IS NOT NULL GROUP BY ALL HAVING count(*) FILTER (WHERE c.${m} IS NULL) = 1 AND any_value(p.${m}) - coalesce(sum(c.${m}), 0) <> 0`);
      fautes.push(...lignes.map((l) => ({ relation: r.nom, mesure: m, ...l })));
    }
    return fautes;
  }

  test('aucun nombre publié de 1 à seuil − 1, dans aucune colonne de comptage (chaque mesure est une case du secret)', async () => {
    const seuils: Record<string, number> = { attributions: t.secret.attributionsMin, decisions: t.secret.attributionsMin, refus: t.secret.attributionsMin, entrees: t.secret.attributionsMin, occupation: t.secret.menagesOpsMin };
    for (const [table, seuil] of Object.entries(seuils)) {
      const src = `read_parquet(${lit(join(sortieA, `${table}.parquet`))})`;
      const colonnes = (await db.query(`DESCRIBE SELECT * FROM ${src}`)).filter((c) => String(c.column_type) === 'INTEGER' && !['annee', 'vague'].includes(String(c.column_name))).map((c) => String(c.column_name));
      expect(colonnes.length, table).toBeGreaterThan(0);
      const [r] = await db.query(`SELECT ${colonnes.map((c) => `count(*) FILTER (WHERE ${c} BETWEEN 1 AND ${seuil - 1})`).join(' + ')} AS n FROM ${src}`);
      expect(Number(r!.n), table).toBe(0);
    }
  });

  test('secret secondaire, attributions : aucun parent publié avec un seul enfant secret (commune→territoire→EPCI, bailleur, contingent, financement et QPV→*)', async () => {
    // cumulative quarters and the other equations are checked by the pipeline's own audit (docs/secret-statistique.md)
    const fautes: unknown[] = [];
    for (const m of ['attributions', 'baux', 'prioritaires', 'q1', 'edl']) fautes.push(...(await parentsAvecUnSeulSecret('attributions.parquet', ['annee', 'periode'], ['bailleur', 'contingent', 'financement', 'qpv'], [['commune', 'territoire'], ['territoire', 'epci']], m)));
    expect(fautes.slice(0, 5)).toEqual([]);
  });

  test('attaque par différences sur les fichiers publiés (attributions et entrées) : aucune case masquée ne se retrouve', async () => {
    // An attacker's elimination, written here apart from the secret's own system: every published sum (commune →
    // territoire → EPCI, each detail → « * », en + hors QPV = attributions, entrants « * » = attributions with a
    // signed lease) with a single unknown gives it; repeated until nothing new. A row that is not published counts 0.
    const mesures = (await db.query(`DESCRIBE SELECT * FROM read_parquet(${lit(join(sortieA, 'attributions.parquet'))})`))
      .filter((c) => String(c.column_type) === 'INTEGER' && c.column_name !== 'annee')
      .map((c) => String(c.column_name));
    const dims = ['annee', 'periode', 'bailleur', 'contingent', 'financement', 'qpv'];
    const lignes = await db.query(`SELECT * FROM read_parquet(${lit(join(sortieA, 'attributions.parquet'))})`);
    const entrees = await db.query(`SELECT * FROM read_parquet(${lit(join(sortieA, 'entrees.parquet'))})`);
    const valeur = new Map<string, number | null>();
    const cle = (l: Record<string, unknown>, cols: string[], m: string) => JSON.stringify([...cols.map((c) => l[c]), m]);
    const colsA = ['niveau', 'code', ...dims];
    const colsE = ['niveau', 'code', 'annee', 'variable', 'modalite'];
    for (const l of lignes) for (const m of mesures) valeur.set(cle(l, colsA, m), l[m] === null ? null : Number(l[m]));
    for (const l of entrees) valeur.set(cle(l, colsE, 'entrees'), l.entrees === null ? null : Number(l.entrees));
    const masquees = new Set([...valeur].filter(([, v]) => v === null).map(([k]) => k));
    expect(masquees.size).toBeGreaterThan(1000);
    // equations: [total, parts]
    const equations: [string, string[]][] = [];
    const grouper = (rows: Record<string, unknown>[], cols: string[], ms: string[], parent: (l: Record<string, unknown>) => Record<string, unknown> | null) => {
      const g = new Map<string, { p: Record<string, unknown>; enfants: Record<string, unknown>[] }>();
      for (const l of rows) {
        const p = parent(l);
        if (!p) continue;
        const k = JSON.stringify(cols.map((c) => p[c]));
        const x = g.get(k) ?? { p, enfants: [] };
        x.enfants.push(l);
        g.set(k, x);
      }
      for (const { p, enfants } of g.values()) for (const m of ms) if (valeur.has(cle(p, cols, m))) equations.push([cle(p, cols, m), enfants.map((e) => cle(e, cols, m))]);
    };
    const territoireDe = new Map(lignes.filter((l) => l.niveau === 'territoire').map((l) => [String(l.code), l.parent]));
    grouper(lignes, colsA, mesures, (l) => (l.niveau === 'commune' ? { ...l, niveau: 'territoire', code: l.parent } : null));
    grouper(lignes, colsA, mesures, (l) => (l.niveau === 'territoire' ? { ...l, niveau: 'epci', code: l.parent } : null));
    for (const d of ['bailleur', 'contingent', 'financement', 'qpv']) grouper(lignes, colsA, mesures, (l) => (l[d] !== '*' ? { ...l, [d]: '*' } : null));
    for (const l of lignes) equations.push([cle(l, colsA, 'attributions'), [cle(l, colsA, 'en_qpv'), cle(l, colsA, 'hors_qpv')]]);
    grouper(entrees, colsE, ['entrees'], (l) => (l.niveau === 'commune' ? { ...l, niveau: 'territoire', code: l.parent } : null));
    grouper(entrees, colsE, ['entrees'], (l) => (l.niveau === 'territoire' ? { ...l, niveau: 'epci', code: territoireDe.get(String(l.code)) ?? l.parent } : null));
    grouper(entrees, colsE, ['entrees'], (l) => (l.modalite !== '*' ? { ...l, modalite: '*' } : null));
    for (const l of entrees.filter((e) => e.modalite === '*')) {
      const a = { niveau: l.niveau, code: l.code, annee: l.annee, periode: 'annee', bailleur: '*', contingent: '*', financement: '*', qpv: '*' };
      if (valeur.has(cle(a, colsA, 'edl'))) equations.push([cle(a, colsA, 'edl'), [cle(l, colsE, 'entrees')]]);
    }
    let retrouvees = 0;
    for (let change = true; change; ) {
      change = false;
      for (const [total, parties] of equations) {
        const termes = [total, ...parties];
        const inconnues = termes.filter((k) => valeur.get(k) === null);
        if (inconnues.length !== 1) continue;
        const somme = parties.reduce((acc, k) => acc + (valeur.get(k) ?? 0), 0);
        const u = inconnues[0]!;
        valeur.set(u, u === total ? somme : valeur.get(total)! - somme);
        retrouvees++;
        change = true;
      }
    }
    expect(retrouvees).toBe(0);
    expect(equations.length).toBeGreaterThan(3_000);
  });

  test('les totaux de l’EPCI (attributions et baux, chaque année et chaque trimestre, sans détail) sont tous publiés', async () => {
    const [r] = await db.query(`SELECT count(*)::INTEGER AS n, count(attributions)::INTEGER AS a, count(baux)::INTEGER AS b
      FROM read_parquet(${lit(join(sortieA, 'attributions.parquet'))})
      WHERE niveau = 'epci' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*'`);
    // five years (2021-2025) × (year, T1, T2, T3)
    expect(r).toEqual({ n: 20, a: 20, b: 20 });
  });

  test('secret secondaire, occupation : aucun parent publié avec un seul enfant secret (résidence→commune→territoire→EPCI)', async () => {
    const fautes: unknown[] = [];
    for (const m of ['repondants', 'menages', 'fragiles']) fautes.push(...(await parentsAvecUnSeulSecret('occupation.parquet', ['vague'], [], [['residence', 'commune'], ['commune', 'territoire'], ['territoire', 'epci']], m)));
    expect(fautes.slice(0, 5)).toEqual([]);
  });
});
