// Charts rendered at build time (Plot + linkedom): SVG snapshots, accessibility
// (role, <title>, <desc>), target lines, French numbers, secret/empty messages, determinism.
import { describe, expect, test } from 'vitest';
import * as Plot from '@observablehq/plot';
import {
  barresHorizontales, comparaisonCommuneEpci, evolutionAvecCible, repartitionEmpilee, rendreGraphique,
} from '../../../../src/site/charts/index.ts';
import { finaliserSvg } from '../../../../src/site/charts/commun.ts';
import { documentServeur } from '../../../../src/site/charts/serveur.ts';
import { COMPARAISON, FINANCEMENT, FRAGILITE, NIVEAUX, PRIORITAIRES } from './donnees.ts';

const document = documentServeur();
const NNBSP = '\u202f';

const rendus = {
  barres: () =>
    barresHorizontales(FINANCEMENT, { titre: 'Logements sociaux par financement', libelleModalite: 'Financement', libelleValeur: 'Logements', id: 'g-barres', document }),
  evolution: () =>
    evolutionAvecCible(PRIORITAIRES, {
      titre: 'Part des attributions aux publics prioritaires', libelleValeur: 'Part des publics prioritaires',
      cible: { valeur: 0.375, sens: '>=' }, id: 'g-evolution', document,
    }),
  evolutionPoints: () =>
    evolutionAvecCible([{ periode: '2025 T1', valeur: 0.2 }, { periode: '2025 T2', valeur: 0.26 }, { periode: '2025 T3', valeur: null }], {
      titre: 'Mutations par trimestre', libelleValeur: 'Part des mutations', libellePeriode: 'Trimestre',
      cible: { valeur: 0.25 }, forme: 'points', id: 'g-points', document,
    }),
  comparaison: () =>
    comparaisonCommuneEpci(COMPARAISON, { titre: 'Baziège comparée au Sicoval, 2025', nomCommune: 'Baziège', nomEpci: 'Sicoval', id: 'g-comparaison', document }),
  repartition: () =>
    repartitionEmpilee(FRAGILITE, { titre: 'Ménages par niveau de fragilité (OPS 2024)', libelles: NIVEAUX, libelleSerie: 'Territoire', id: 'g-repartition', document }),
};

describe('snapshots SVG', () => {
  for (const [nom, f] of Object.entries(rendus)) {
    test(nom, async () => {
      const r = f();
      expect(r.etat).toBe('ok');
      await expect(r.svg).toMatchFileSnapshot(`./__snapshots__/${nom}.svg`);
    });
  }
});

describe('accessibilité', () => {
  for (const [nom, f] of Object.entries(rendus)) {
    test(`${nom} : role="img", <title> et <desc> référencés`, () => {
      const r = f();
      const svg = r.svg;
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('role="img"');
      const id = /<svg[^>]* id="([^"]+)"/.exec(svg)?.[1];
      expect(id).toBeTruthy();
      expect(svg).toContain(`aria-labelledby="${id}-titre"`);
      expect(svg).toContain(`aria-describedby="${id}-desc"`);
      expect(svg).toMatch(new RegExp(`<title id="${id}-titre">[^<]+</title>`));
      expect(svg).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
      // the description is the text alternative; the table has rows
      expect(svg).toContain(`<desc id="${id}-desc">${r.alternative.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</desc>`);
      expect(r.tableau.lignes.length).toBeGreaterThan(0);
      expect(r.tableau.lignes.every((l) => l.length === r.tableau.colonnes.length)).toBe(true);
    });
  }

  test('aucun id en double (graphiques à facettes compris)', () => {
    for (const f of Object.values(rendus)) {
      const ids = [...f().svg.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(2);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  test('la série EPCI est hachurée, les niveaux empilés ont chacun un motif et une légende dans le SVG', () => {
    const c = rendus.comparaison().svg;
    expect(c).toMatch(/<pattern [^>]*id="g-comparaison-motif-diagonales-f"/);
    expect(c).toContain('fill="url(#g-comparaison-motif-diagonales-f)"');
    const r = rendus.repartition().svg;
    for (const m of ['diagonales', 'points', 'croisillons', 'horizontales']) expect(r).toMatch(new RegExp(`url\\(#g-repartition-motif-${m}-[cf]\\)`));
    expect(r).toContain('aria-label="légende"');
    for (const l of Object.values(NIVEAUX)) expect(r).toContain(`>${l}</text>`);
  });
});

describe('lignes d’objectif', () => {
  test('évolution : ligne horizontale pointillée à 37,5 % et son libellé', () => {
    const r = rendus.evolution();
    expect(r.svg).toContain(`objectif ≥ 37,5${NNBSP}%`);
    expect(r.svg).toMatch(/stroke-dasharray="6 4"[^>]*aria-label="rule"/);
    expect(r.alternative).toContain(`Objectif : au moins 37,5${NNBSP}% ; non atteint en 2024.`);
    expect(r.tableau.colonnes).toEqual(['Année', 'Part des publics prioritaires', 'Objectif', 'Objectif atteint']);
    expect(r.tableau.lignes[0]).toEqual(['2023', `40,1${NNBSP}%`, `≥ 37,5${NNBSP}%`, 'oui']);
  });

  test('comparaison : une ligne par indicateur ciblé, libellée', () => {
    const r = rendus.comparaison();
    expect(r.svg).toContain(`objectif ≥ 37,5${NNBSP}%`);
    expect(r.svg).toContain(`objectif ≥ 25,0${NNBSP}%`);
    expect(r.svg).toMatch(/aria-label="tick"><g [^>]*stroke-dasharray="5 3"/);
    // the CIA's targets apply to the EPCI as a whole: a commune is compared, never judged (CIA l.5128, 5186)
    expect(r.alternative).toContain(`objectif fixé pour l'ensemble du territoire`);
    expect(r.alternative).not.toMatch(/atteint à Baziège/);
  });

  test('libellé d’objectif personnalisé et sens ≤', () => {
    const r = evolutionAvecCible([{ periode: 2025, valeur: 0.08 }], {
      titre: 'Refus', libelleValeur: 'Taux de refus', cible: { valeur: 0.1, sens: '<=', libelle: 'plafond 10 %' }, id: 'x', document,
    });
    expect(r.svg).toContain('plafond 10 %');
    expect(r.alternative).toContain(`au plus 10,0${NNBSP}% ; atteint en 2025`);
  });
});

describe('nombres à la française', () => {
  test('milliers avec espace fine, décimale à virgule, pourcentages', () => {
    const b = rendus.barres();
    expect(b.svg).toContain(`1${NNBSP}234 (37,5${NNBSP}%)`);
    expect(b.svg).toContain(`>1${NNBSP}000</text>`); // axis tick
    expect(b.tableau.lignes[0]).toEqual(['PLAI', `1${NNBSP}234`, `37,5${NNBSP}%`]);
    const e = rendus.evolution();
    expect(e.svg).toContain(`>40,1${NNBSP}%</text>`);
    expect(e.svg).toContain(`>30${NNBSP}%</text>`); // axis tick without decimals
    expect(e.svg).not.toMatch(/>\d+\.\d+/); // no decimal point in any text
    const r = rendus.repartition();
    expect(r.tableau.lignes[0]).toEqual(['Aureville', `31,8${NNBSP}%`, `50,0${NNBSP}%`, `9,1${NNBSP}%`, `9,1${NNBSP}%`, `0,0${NNBSP}%`]);
  });
});

describe('secret statistique et absence de données', () => {
  test('barres : tout masqué → message « secret statistique », pas de SVG', () => {
    const r = barresHorizontales([{ modalite: 'PLAI', valeur: null }], { titre: 'Financement', document });
    expect(r.etat).toBe('secret');
    expect(r.svg).toBe('');
    expect(r.message).toMatch(/^Secret statistique/);
    expect(r.tableau.lignes[0]).toEqual(['PLAI', 'secret statistique']);
  });

  test('aucune ligne → « aucune donnée »', () => {
    for (const r of [
      barresHorizontales([], { titre: 't', document }),
      evolutionAvecCible([], { titre: 't', libelleValeur: 'v', document }),
      comparaisonCommuneEpci([], { titre: 't', nomCommune: 'A', nomEpci: 'B', document }),
      repartitionEmpilee([], { titre: 't', document }),
      evolutionAvecCible([{ periode: 2025, valeur: null }], { titre: 't', libelleValeur: 'v', document }),
    ]) {
      expect(r.etat).toBe('vide');
      expect(r.svg).toBe('');
      expect(r.message).toBe('Aucune donnée pour cette sélection.');
    }
  });

  test('évolution et comparaison entièrement en secret → message', () => {
    const e = evolutionAvecCible([{ periode: 2024, valeur: null, secret: true }, { periode: 2025, valeur: null, secret: true }], {
      titre: 't', libelleValeur: 'v', cible: { valeur: 0.375 }, document,
    });
    expect(e.etat).toBe('secret');
    expect(e.tableau.lignes[1]).toEqual(['2025', 'secret statistique', `≥ 37,5${NNBSP}%`, '—']);
    const c = comparaisonCommuneEpci([{ indicateur: 'A1', commune: null, communeSecret: true, epci: null, epciSecret: true }], {
      titre: 't', nomCommune: 'A', nomEpci: 'B', document,
    });
    expect(c.etat).toBe('secret');
    const r = repartitionEmpilee(FRAGILITE.filter((d) => d.serie === 'Labège'), { titre: 't', document });
    expect(r.etat).toBe('secret');
  });

  test('secret partiel : la valeur masquée est écrite sur le graphique', () => {
    expect(rendus.evolution().svg).toContain('>secret</text>');
    expect(rendus.barres().svg).toContain('>secret</text>');
    expect(rendus.comparaison().svg).toContain('>secret statistique</text>');
    expect(rendus.repartition().svg).toContain('>secret statistique</text>');
    expect(rendus.repartition().alternative).toContain('Labège : secret statistique.');
  });
});

describe('déterminisme', () => {
  test('deux rendus identiques, même après d’autres graphiques Plot', () => {
    for (const f of Object.values(rendus)) {
      const a = f().svg;
      Plot.plot({ document, marks: [Plot.dot([1, 2], { x: (d: number) => d, clip: true })] });
      expect(f().svg).toBe(a);
    }
  });

  test('identifiant par défaut dérivé des données, stable', () => {
    const a = barresHorizontales(FINANCEMENT, { titre: 'T', document }).svg;
    const b = barresHorizontales(FINANCEMENT, { titre: 'T', document }).svg;
    const c = barresHorizontales(FINANCEMENT.slice(1), { titre: 'T', document }).svg;
    expect(a).toBe(b);
    const id = (s: string) => /<svg[^>]* id="([^"]+)"/.exec(s)?.[1];
    expect(id(a)).toMatch(/^graphique-barres-[0-9a-z]+$/);
    expect(id(c)).not.toBe(id(a));
  });

  test('les ids à compteur global de Plot (clip, marker) sont renommés d’après le graphique', () => {
    const rendu = () =>
      finaliserSvg(
        Plot.plot({ document, width: 200, height: 100, marks: [Plot.lineY([1, 3, 2], { clip: true, marker: 'dot' })] }),
        document, 'essai', 'Essai', 'Une ligne.',
      );
    const a = rendu();
    const b = rendu();
    expect(a).toBe(b);
    expect(a).not.toMatch(/plot-(clip|marker)-\d/);
    expect(a).toContain('id="essai-clip-1"');
    expect(a).toContain('url(#essai-marker-');
  });

  test('rendreGraphique aiguille vers le bon module', () => {
    expect(rendreGraphique('barresHorizontales', FINANCEMENT, { titre: 'Logements sociaux par financement', libelleModalite: 'Financement', libelleValeur: 'Logements', id: 'g-barres', document }))
      .toEqual(rendus.barres());
  });
});
