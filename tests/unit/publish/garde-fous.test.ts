// Comparison with the previous publication's manifest (thresholds of data/config/garde-fous.json).
import { expect, test } from 'vitest';
import { controlerBaisse, type ResumeFormat } from '../../../src/publish/garde-fous.ts';
import type { GardeFous } from '../../../src/config/garde-fous.ts';

const cfg: GardeFous = { rejetsMaxPct: 50, baisseLignesMaxPct: 50, anneesEnMoinsMax: 1, anomaliesDetailleesParColonne: 100 };
/** Thousands are separated by a narrow no-break space (src/lib/format-fr.ts): compared as spaces. */
const espaces = (l: string[]) => l.map((s) => s.replace(/[\u202f\u00a0]/g, ' '));
const actuel: ResumeFormat[] = [
  { format: 'rpls', lignes_chargees: 9000, annees: [2025] },
  { format: 'attributions', lignes_chargees: 800, annees: [2024, 2025] },
];

test('baisse de lignes au-delà du seuil, années perdues au-delà d’une, type d’export disparu', () => {
  const precedent = {
    entrees_par_format: [
      { format: 'rpls', lignes_chargees: 10_000, annees: [2025] },
      { format: 'attributions', lignes_chargees: 2000, annees: [2021, 2022, 2023, 2024, 2025] },
      { format: 'ops', lignes_chargees: 500, annees: [2024] },
    ] as ResumeFormat[],
  };
  expect(espaces(controlerBaisse(actuel, precedent, false, cfg))).toEqual([
    'décisions de CALEOL : 800 ligne(s) chargée(s) contre 2 000 à la publication précédente (baisse de 60 %, au-delà du seuil de 50 %)',
    'décisions de CALEOL : 2 année(s) (2024, 2025) contre 5 à la publication précédente (2021, 2022, 2023, 2024, 2025) ; années disparues : 2021, 2022, 2023',
    'OPS (occupation) : 0 ligne(s) chargée(s) contre 500 à la publication précédente (baisse de 100 %, au-delà du seuil de 50 %)',
  ]);
});

test('fenêtre glissante (une année remplacée par la suivante), première publication, données synthétiques remplacées par des exports réels : rien à redire', () => {
  const glissante = { entrees_par_format: [{ format: 'attributions', lignes_chargees: 900, annees: [2023, 2024] }] as ResumeFormat[] };
  expect(controlerBaisse(actuel, glissante, false, cfg)).toEqual([]);
  expect(controlerBaisse(actuel, null, false, cfg)).toEqual([]);
  const synthetique = { donnees_synthetiques: true, entrees_par_format: [{ format: 'rpls', lignes_chargees: 100_000, annees: [2025] }] as ResumeFormat[] };
  expect(controlerBaisse(actuel, synthetique, false, cfg)).toEqual([]);
});

test('manifeste d’une version antérieure (sans entrees_par_format) : lignes par type d’export d’après les noms de fichiers', () => {
  const ancien = { entrees: [{ fichier: 'rpls_2024.csv', chargees: 30_000 }, { fichier: 'caleol_2024.csv', chargees: 500 }] };
  expect(espaces(controlerBaisse(actuel, ancien, false, cfg))).toEqual(['RPLS (logements) : 9 000 ligne(s) chargée(s) contre 30 000 à la publication précédente (baisse de 70 %, au-delà du seuil de 50 %)']);
});
