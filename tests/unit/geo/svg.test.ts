import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { rendreCarteSvg, MENTION_POSITION_APPROX } from '../../../src/geo/svg.ts';
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
