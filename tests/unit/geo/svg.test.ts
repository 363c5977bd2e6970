import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { rendreCarteSvg, lignesNom, MENTION_POSITION_APPROX } from '../../../src/geo/svg.ts';
import { pointEtiquette } from '../../../src/geo/centroides.ts';
import type { Position } from '../../../src/geo/types.ts';
import { classer, couleur, indiceClasse, PALETTE, COULEUR_SANS_VALEUR, type CommuneCarte, type IndicateurCarte } from '../../../src/geo/classes.ts';
import { simplifierCollection } from '../../../src/geo/simplification.ts';
import { filtrerCommunes, lireFichierContoursCommunes } from '../../../src/geo/contours.ts';
import { avecGeoPartage, codesTerritoire, COMMUNES_31, deuxCommunes } from '../../helpers/geo.ts';

const ind: IndicateurCarte = { id: 'a5', libelle: 'Attributions hors QPV au 1er quartile (2025)', format: 'pourcent', note: 'Objectif : 25 %' };
const communes: CommuneCarte[] = [
  { code: '31001', nom: 'Ouest <& Cie>', valeurs: { a5: 0.2, logements: 120 } },
  { code: '31002', nom: 'Est', valeurs: { a5: null, logements: 30 } },
];

function lire(svg: string) {
  const { document } = parseHTML(`<html><body>${svg}</body></html>`);
  return document.querySelector('svg')!;
}

describe('classes', () => {
  test('chaque valeur connue tombe dans une classe ; les valeurs absentes n’en ont pas', () => {
    const v = [0.1, 0.15, 0.2, 0.22, 0.3, 0.31, 0.4, 0.5, 0.52, 0.7, null];
    const c = classer(v, 'pourcent');
    expect(c.length).toBeGreaterThan(1);
    expect(c.length).toBeLessThanOrEqual(PALETTE.length);
    for (const x of v) {
      if (x === null) expect(indiceClasse(x, c)).toBe(-1);
      else expect(x >= c[indiceClasse(x, c)]!.min && x <= c[indiceClasse(x, c)]!.max).toBe(true);
    }
    expect(couleur(null, c)).toBe(COULEUR_SANS_VALEUR);
    expect(c[0]!.libelle).toMatch(/^de 10,0\u202f% à moins de/);
    expect(classer([null], 'nombre')).toEqual([]);
    expect(classer([12, 12], 'nombre')).toHaveLength(1);
  });
});

describe('carte SVG', () => {
  test('contours : une forme par commune avec son <title>, la légende, hachures pour les valeurs absentes', () => {
    const r = rendreCarteSvg({ titre: 'Essai', indicateur: ind, communes, contours: deuxCommunes() });
    expect(r.mode).toBe('contours');
    const svg = lire(r.svg);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.querySelector('title')!.textContent).toBe('Essai');
    const formes = svg.querySelectorAll('path.commune');
    expect(formes).toHaveLength(2);
    expect(formes[0]!.querySelector('title')!.textContent).toBe('Ouest <& Cie> : 20,0\u202f%');
    expect(formes[1]!.querySelector('title')!.textContent).toBe('Est : non disponible');
    expect(formes[1]!.getAttribute('fill')).toBe('url(#carte-hachures)');
    const legende = svg.querySelector('g.legende')!.textContent!;
    expect(legende).toContain(ind.libelle);
    expect(legende).toContain('non disponible');
    expect(legende).toContain('Objectif : 25 %');
    expect(r.svg).not.toContain('<& Cie>');
  });

  test('sans contours : cercles au centre des logements, taille selon le nombre de logements, mention de position approximative', () => {
    const r = rendreCarteSvg({
      titre: 'Essai',
      indicateur: ind,
      communes,
      centroides: [{ code: '31001', position: [1.45, 43.55], logements: 120 }, { code: '31002', position: [1.55, 43.55], logements: 30 }],
      prefixe: 'x',
    });
    expect(r.mode).toBe('symboles');
    const svg = lire(r.svg);
    const cercles = svg.querySelectorAll('circle.commune');
    expect(cercles).toHaveLength(2);
    const rayon = (code: string) => Number(svg.querySelector(`circle[data-code="${code}"]`)!.getAttribute('r'));
    expect(rayon('31001') / rayon('31002')).toBeCloseTo(2, 1); // area ∝ dwellings: √(120/30)
    expect(svg.querySelector('circle[data-code="31002"] title')!.textContent).toContain(MENTION_POSITION_APPROX);
    expect(svg.querySelector('g.legende')!.textContent).toContain('position approximative');
    expect(svg.querySelector('#x-hachures')).not.toBeNull();
  });

  test('sans contours ni positions : une carte vide qui le dit', () => {
    const r = rendreCarteSvg({ titre: 'Essai', indicateur: ind, communes });
    expect(r.mode).toBe('vide');
    expect(r.formes).toBe(0);
    expect(r.svg).toContain('Aucune position publiée');
  });

  test.runIf(avecGeoPartage)('les 36 communes du Sicoval : 36 formes titrées, SVG de moins de 40 Ko', () => {
    const { contours } = filtrerCommunes(lireFichierContoursCommunes(COMMUNES_31), codesTerritoire('sicoval'));
    const s = simplifierCollection(contours);
    const cs = s.features.map((f, i) => ({ code: f.properties.code, nom: f.properties.nom, valeurs: { a5: i % 5 ? i / 50 : null } }));
    const r = rendreCarteSvg({ titre: 'Sicoval', indicateur: ind, communes: cs, contours: s });
    const svg = lire(r.svg);
    expect(svg.querySelectorAll('path.commune')).toHaveLength(36);
    expect([...svg.querySelectorAll('path.commune')].every((p) => p.querySelector('title')?.textContent?.includes(' : '))).toBe(true);
    expect(r.svg.length).toBeLessThan(40_000);
  });
});

describe('classes autour d’un objectif', () => {
  test('l’objectif est une limite de classe ; classes partagées selon le nombre de valeurs de chaque côté (calcul à la main)', () => {
    // 8 values, target 37,5 %: 3 below (10, 20, 30), 5 from the target up (40 … 80).
    // 5 classes: round(5 × 3/8) = 2 below, 3 above. Below: break at below[floor(1×3/2)] = 20 %.
    // Above: breaks at above[floor(5/3)] = 50 % and above[floor(10/3)] = 70 %.
    const v = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8];
    const c = classer(v, 'pourcent', 5, 0.375);
    expect(c.map((x) => [x.min, x.max])).toEqual([[0.1, 0.2], [0.2, 0.375], [0.375, 0.5], [0.5, 0.7], [0.7, 0.8]]);
    expect(c.map((x) => x.depuisCible ?? false)).toEqual([false, false, true, false, false]);
    expect(c[1]!.libelle).toBe('de 20,0\u202f% à moins de 37,5\u202f%');
    expect(c[2]!.libelle).toBe('de 37,5\u202f% à moins de 50,0\u202f%');
    // a value exactly at the target is in the class that starts at it
    expect(indiceClasse(0.375, c)).toBe(2);
    expect(indiceClasse(0.3749, c)).toBe(1);
    // the colours still run through the whole palette
    expect(c.map((x) => x.couleur)).toEqual(PALETTE);
  });

  test('tous d’un côté sauf un : au moins une classe de chaque côté ; objectif hors des valeurs : quantiles seuls', () => {
    const c = classer([0.1, 0.3, 0.32, 0.34, 0.36], 'pourcent', 5, 0.25);
    expect(c[0]).toMatchObject({ min: 0.1, max: 0.25 });
    expect(c.filter((x) => x.depuisCible)).toHaveLength(1);
    expect(c.at(-1)!.max).toBe(0.36);
    const sans = classer([0.3, 0.4, 0.5], 'pourcent', 5, 0.25);
    expect(sans.some((x) => x.min === 0.25 || x.max === 0.25)).toBe(false);
    expect(sans.some((x) => x.depuisCible)).toBe(false);
  });
});

describe('noms des communes', () => {
  test('la carte SVG statique porte le nom de chaque commune, dans son contour', () => {
    const r = rendreCarteSvg({ titre: 'Essai', indicateur: ind, communes, contours: deuxCommunes() });
    const svg = lire(r.svg);
    const noms = [...svg.querySelectorAll('g.noms text.nom')];
    expect(noms.map((t) => t.getAttribute('data-code'))).toEqual(expect.arrayContaining(['31001', '31002']));
    expect(noms.map((t) => t.textContent).sort()).toEqual(communes.map((c) => c.nom).sort());
  });

  test('noms longs coupés en deux lignes sur le trait d’union le plus central', () => {
    expect(lignesNom('Baziège')).toEqual(['Baziège']);
    expect(lignesNom('Ramonville-Saint-Agne')).toEqual(['Ramonville-', 'Saint-Agne']);
    expect(lignesNom('Belbèze-de-Lauragais')).toEqual(['Belbèze-de-', 'Lauragais']);
  });

  test('point du nom : dans la surface, même pour une commune en U dont le centre de gravité est dehors', () => {
    // U open to the north: x 0..3, y 0..3, notch x 1..2, y 0.5..3; centroid (1.5, (9 × 1.5 − 2.5 × 1.75) / 6.5 ≈ 1.40) is in the notch
    const u: Position[] = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 0.5], [1, 0.5], [1, 3], [0, 3], [0, 0]];
    const p = pointEtiquette({ type: 'Polygon', coordinates: [u] });
    const dansEncoche = p[0] > 1 && p[0] < 2 && p[1] > 0.5;
    expect(dansEncoche).toBe(false);
    expect(p[0] >= 0 && p[0] <= 3 && p[1] >= 0 && p[1] <= 3).toBe(true);
  });
});
