import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { genererEntrees } from '../../../src/generate/generer.ts';
import {
  centroideFictif, construireTerritoireNational, CODE_FRANCE, ID_NATIONAL, repartirProportionnel, territoireNationalPourPipeline,
} from '../../../src/generate/national.ts';
import { chargerTerritoire } from '../../../src/generate/territoire.ts';
import { mesurerPublication } from '../../../src/bench/etapes.ts';
import { executerPipeline, TABLES_PUBLIEES } from '../../../src/pipeline.ts';
import { ouvrirDuckDb } from '../../../src/model/db-node.ts';
import { lit } from '../../../src/model/db.ts';

const racine = mkdtempSync(join(tmpdir(), 'obs-banc-national-'));
afterAll(() => rmSync(racine, { recursive: true, force: true }));
// the Sicoval (36 communes) and the CC Faucigny-Glières (7 communes)
const EPCIS = ['243100633', '200000172'];

describe('territoire national synthétique', () => {
  test('répartition proportionnelle exacte et ancres stables', () => {
    expect(repartirProportionnel(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(repartirProportionnel(7, [0, 0])).toEqual([0, 0]);
    expect(repartirProportionnel(100, [3, 1]).reduce((a, b) => a + b, 0)).toBe(100);
    const [lat, lon] = centroideFictif('31048');
    expect(centroideFictif('31048')).toEqual([lat, lon]);
    expect(lat).toBeGreaterThanOrEqual(43);
    expect(lat).toBeLessThanOrEqual(50);
    expect(lon).toBeGreaterThanOrEqual(-1.5);
    expect(lon).toBeLessThanOrEqual(6.5);
  });

  const n = construireTerritoireNational({ racine, logements: 600, epcis: EPCIS });

  test('deux EPCI : communes groupées par SIREN, configuration lisible par le générateur', () => {
    expect(n.epcis).toBe(2);
    expect(n.communes).toBe(43);
    const t = chargerTerritoire(racine, ID_NATIONAL);
    expect(t.communes).toHaveLength(43);
    expect(new Set(t.communes.map((c) => c.territoire))).toEqual(new Set(EPCIS.map(Number)));
    expect(Object.values(t.synthese.parc.territoires).reduce((s, x) => s + x.logements, 0)).toBe(600);
    expect(t.synthese.annees_attributions).toEqual([2024, 2025, 2026]);
  });

  test('vue du pipeline : France au sommet, EPCI au niveau « territoire »', () => {
    const t = territoireNationalPourPipeline(n);
    expect(t.epciSiren).toBe(CODE_FRANCE);
    expect(t.communes).toHaveLength(43);
    expect(t.territoires.map((x) => String(x.numero)).sort()).toEqual([...EPCIS].sort());
    expect(t.dossierEntrees).toBe(join(n.dossier, 'entrees'));
  });

  test('génération puis executerPipeline sur ces deux EPCI : Arrow partitionné par EPCI, rien de perdu', async () => {
    const g = await genererEntrees({ racine, territoire: ID_NATIONAL, sortie: join(n.dossier, 'entrees') });
    expect(g.fichiers.find((f) => f.nom === 'rpls_2025.csv')?.lignes).toBe(600);
    expect(g.fichiers.find((f) => f.nom.startsWith('attributions_2024_2026'))?.lignes).toBeGreaterThan(0);
    const vues: string[] = [];
    const sortie = join(racine, 'pub');
    const r = await executerPipeline(ID_NATIONAL, {
      dossierTerritoire: n.dossier,
      sortie,
      travail: join(racine, 'travail'),
      pages: join(racine, 'pages.json'),
      journal: { etape: (nom, f) => (vues.push(nom), f()), info: () => {} },
    });
    expect(vues.some((v) => v.startsWith('Calcul des chiffres des pages'))).toBe(true);
    expect(r.entrees.bilans.every((b) => b.rejetees === 0)).toBe(true);
    expect(r.pages.communes).toHaveLength(43);
    expect(r.pages.territoires.map((t) => t.code).sort()).toEqual([...EPCIS].sort());
    expect(r.pages.epci.code).toBe(CODE_FRANCE);

    // one folder per EPCI plus the top level, each with every table
    expect(readdirSync(join(sortie, 'epci')).sort()).toEqual([...EPCIS, CODE_FRANCE].sort());
    expect(existsSync(join(sortie, 'attributions.arrow'))).toBe(false);
    const db = await ouvrirDuckDb();
    try {
      for (const table of Object.keys(TABLES_PUBLIEES)) {
        expect(existsSync(join(sortie, `${table}.parquet`))).toBe(true);
        const [nat] = await db.query(`SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(join(sortie, `${table}.parquet`))})`);
        const parPartition = Object.fromEntries([...EPCIS, CODE_FRANCE].map((code) => [code, tableFromIPC(readFileSync(join(sortie, 'epci', code, `${table}.arrow`)))]));
        const total = Object.values(parPartition).reduce((s, t) => s + t.numRows, 0);
        if (table === 'bailleurs' || table === 'objectifs_acd') expect(total).toBe(3 * Number(nat!.n)); // copied into each partition
        else expect(total).toBe(Number(nat!.n));
      }
      const communes = tableFromIPC(readFileSync(join(sortie, 'epci', '243100633', 'communes.arrow')));
      expect(communes.numRows).toBe(36);
      expect(new Set(communes.getChild('territoire')!.toArray())).toEqual(new Set(['243100633']));
      const attr = tableFromIPC(readFileSync(join(sortie, 'epci', '200000172', 'attributions.arrow')));
      const niveaux = attr.getChild('niveau')!.toArray() as string[];
      const codes = attr.getChild('code')!.toArray() as string[];
      const parents = attr.getChild('parent')!.toArray() as string[];
      expect(attr.numRows).toBeGreaterThan(0);
      niveaux.forEach((niv, i) => expect(niv === 'territoire' ? codes[i] : parents[i]).toBe('200000172'));
      const france = tableFromIPC(readFileSync(join(sortie, 'epci', CODE_FRANCE, 'attributions.arrow')));
      expect(new Set(france.getChild('niveau')!.toArray())).toEqual(new Set(['epci']));
    } finally {
      db.close();
    }
    const m = mesurerPublication(sortie, '243100633');
    expect(m.partitions).toBe(3);
    expect(m.arrow.attributions!.tranche).toBeGreaterThan(0);
    expect(m.arrow.attributions!.total).toBeGreaterThan(m.arrow.attributions!.tranche);
  }, 180_000);
});
