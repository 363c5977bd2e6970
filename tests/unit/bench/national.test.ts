import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { genererEntrees } from '../../../src/generate/generer.ts';
import {
  centroideFictif, construireTerritoireNational, CODE_FRANCE, ID_NATIONAL, repartirProportionnel, territoireNationalPourPipeline,
} from '../../../src/generate/national.ts';
import { chargerTerritoire } from '../../../src/generate/territoire.ts';
import { pipelineParEtapes } from '../../../src/bench/etapes.ts';

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

  test('génération puis étapes du pipeline sur ces deux EPCI', async () => {
    const g = await genererEntrees({ racine, territoire: ID_NATIONAL, sortie: join(n.dossier, 'entrees') });
    expect(g.fichiers.find((f) => f.nom === 'rpls_2025.csv')?.lignes).toBe(600);
    expect(g.fichiers.find((f) => f.nom.startsWith('attributions_2024_2026'))?.lignes).toBeGreaterThan(0);
    const vues: string[] = [];
    const etapes = await pipelineParEtapes(territoireNationalPourPipeline(n), {
      sortie: join(racine, 'pub'),
      travail: join(racine, 'travail'),
      echantillonCommunes: 2,
      tranche: { code: '243100633' },
      rapporter: (m) => vues.push(m.etape),
    });
    expect(vues).toEqual(etapes.map((e) => e.etape));
    expect(vues).toContain('chiffres des pages (échantillon de 0 communes)');
    expect(etapes.find((e) => e.etape === 'chiffres des pages (échantillon de 2 communes)')?.detail?.communes).toBe(2);
    const lecture = etapes.find((e) => e.etape === 'lecture et contrôle des exports');
    expect((lecture?.detail?.fichiers as { rejetees: number }[]).every((f) => f.rejetees === 0)).toBe(true);
    const tranche = etapes.find((e) => e.etape.startsWith('tranche'))?.detail?.tables as Record<string, { lignes: number }>;
    expect(tranche.communes?.lignes).toBe(36);
    for (const t of ['communes', 'parc', 'attributions', 'occupation', 'objectifs_acd']) {
      expect(existsSync(join(racine, 'pub', `${t}.parquet`))).toBe(true);
      expect(existsSync(join(racine, 'pub', `${t}.arrow`))).toBe(true);
    }
    for (const e of etapes) expect(e.rssMaxOctets).toBeGreaterThan(0);
  });
});
