// The figure written by Graphique.astro (same htmlFigure function), its client
// re-render (client/graphiques.ts on a linkedom document), and the adapters from pages.json rows.
import { describe, expect, test } from 'vitest';
import { parseHTML } from 'linkedom';
import { htmlFigure, preparerFigure } from '../../../../src/site/charts/html.ts';
import { documentServeur } from '../../../../src/site/charts/serveur.ts';
import { barresDepuisRepartition, comparaisonAttributions, repartitionFragilite, serieIndicateur } from '../../../../src/site/charts/adaptateurs.ts';
import { comparaisonCommuneEpci, evolutionAvecCible, repartitionEmpilee, barresHorizontales } from '../../../../src/site/charts/index.ts';
import { lireFigure, rendre, figures } from '../../../../src/site/client/graphiques.ts';
import type { Ligne } from '../../../../src/model/db.ts';
import { FINANCEMENT, PRIORITAIRES } from './donnees.ts';

const NNBSP = '\u202f';

function figureHtml(): string {
  return htmlFigure(
    preparerFigure('evolutionAvecCible', PRIORITAIRES, {
      titre: 'Part des attributions aux publics prioritaires', libelleValeur: 'Part des publics prioritaires', cible: { valeur: 0.375 }, id: 'fig-a1',
    }, 'Source : décisions de CALEOL </script> & co'),
    documentServeur(),
  );
}

function page(html: string) {
  const { document } = parseHTML(`<!doctype html><html lang="fr"><body>${html}</body></html>`);
  return document as unknown as Document;
}

describe('figure (équivalent HTML du composant Graphique.astro)', () => {
  test('snapshot', async () => {
    await expect(figureHtml()).toMatchFileSnapshot('./__snapshots__/figure-evolution.html');
  });

  test('figure, figcaption, SVG, details avec alternative et vrai tableau, JSON non exécutable', () => {
    const doc = page(figureHtml());
    const fig = doc.querySelector('figure.graphique')!;
    expect(fig.getAttribute('data-graphique')).toBe('evolutionAvecCible');
    expect(fig.getAttribute('data-etat')).toBe('ok');
    expect(fig.querySelector('figcaption')!.textContent).toContain('Part des attributions aux publics prioritaires');
    expect(fig.querySelector('[data-graphique-rendu] > svg[role="img"]')).not.toBeNull();
    const details = fig.querySelector('details')!;
    expect(details.querySelector('summary')!.textContent).toBe('Description et données du graphique');
    expect(details.querySelector('[data-graphique-alternative]')!.textContent).toContain(`40,1${NNBSP}% en 2023`);
    const table = details.querySelector('table')!;
    expect(table.querySelector('caption')!.textContent).toBe('Part des attributions aux publics prioritaires');
    expect([...table.querySelectorAll('thead th')].every((th) => th.getAttribute('scope') === 'col')).toBe(true);
    const lignes = [...table.querySelectorAll('tbody tr')];
    expect(lignes).toHaveLength(3);
    expect(lignes.every((tr) => tr.firstElementChild!.tagName === 'TH' && tr.firstElementChild!.getAttribute('scope') === 'row')).toBe(true);
    expect(lignes[2]!.textContent).toContain('secret statistique');
    const script = fig.querySelector('script[data-graphique-json]')!;
    expect(script.getAttribute('type')).toBe('application/json');
    // the "</script>" in the caption text cannot close the element
    expect(figureHtml().match(/<\/script>/g)).toHaveLength(1);
    const json = JSON.parse(script.textContent!);
    expect(json.type).toBe('evolutionAvecCible');
    expect(json.donnees).toEqual(PRIORITAIRES);
    expect(json.options.id).toBe('fig-a1');
    expect(json.options.document).toBeUndefined();
    expect(json.legende).toBe('Source : décisions de CALEOL </script> & co');
  });

  test('secret : message explicite à la place du graphique, tableau conservé', () => {
    const html = htmlFigure(preparerFigure('barresHorizontales', [{ modalite: 'PLAI', valeur: null }], { titre: 'Financement' }), documentServeur());
    const fig = page(html).querySelector('figure')!;
    expect(fig.getAttribute('data-etat')).toBe('secret');
    expect(fig.querySelector('svg')).toBeNull();
    expect(fig.querySelector('p.graphique-message')!.textContent).toMatch(/^Secret statistique/);
    expect(fig.querySelector('table tbody')!.textContent).toContain('secret statistique');
  });
});

describe('client : rendre(figure, donnees)', () => {
  test('redessine SVG, alternative, tableau et JSON avec les mêmes modules', () => {
    const doc = page(figureHtml());
    const [fig] = figures(doc as unknown as ParentNode, 'evolutionAvecCible');
    expect(fig).toBeDefined();
    const nouvelles = [{ periode: 2024, valeur: 0.5 }, { periode: 2025, valeur: 0.25 }];
    rendre<'evolutionAvecCible'>(fig!, nouvelles, { titre: 'Part des publics prioritaires, bailleur X' });
    const svg = fig!.querySelector('[data-graphique-rendu] > svg')!;
    expect(svg.getAttribute('id')).toBe('fig-a1');
    expect(svg.querySelector('title')!.textContent).toBe('Part des publics prioritaires, bailleur X');
    expect(fig!.querySelector('figcaption')!.textContent).toContain('bailleur X');
    expect(fig!.querySelector('figcaption')!.textContent).toContain('CALEOL'); // legende kept
    expect(fig!.querySelectorAll('tbody tr')).toHaveLength(2);
    expect(fig!.querySelector('[data-graphique-alternative]')!.textContent).toContain(`50,0${NNBSP}% en 2024`);
    expect(lireFigure(fig!).donnees).toEqual(nouvelles);
    // identical to a build-time render of the same data and options
    const attendu = evolutionAvecCible(nouvelles, {
      titre: 'Part des publics prioritaires, bailleur X', libelleValeur: 'Part des publics prioritaires', cible: { valeur: 0.375 }, id: 'fig-a1', document: documentServeur(),
    });
    expect(fig!.querySelector('[data-graphique-rendu]')!.innerHTML).toBe(attendu.svg);

    rendre(fig!, [{ periode: 2025, valeur: null, secret: true }]);
    expect(fig!.dataset.etat).toBe('secret');
    expect(fig!.querySelector('svg')).toBeNull();
    expect(fig!.querySelector('.graphique-message')!.textContent).toMatch(/^Secret statistique/);
  });

  test('le module client s’importe sans effet de bord (pas de document global)', async () => {
    expect((globalThis as { document?: unknown }).document).toBeUndefined();
    const m = await import('../../../../src/site/client/graphiques.ts');
    expect(typeof m.rendre).toBe('function');
  });
});

describe('adaptateurs depuis pages.json', () => {
  const attributions: Ligne[] = [
    { annee: 2024, periode: 'annee', secret: false, a1: 0.3239, a7: 0.182 },
    { annee: 2025, periode: 'annee', secret: true, a1: null, a7: 0.2 },
  ];
  const epci: Ligne[] = [
    { annee: 2024, periode: 'annee', secret: false, a1: 0.32, a7: 0.18 },
    { annee: 2025, periode: 'annee', secret: false, a1: 0.33, a7: 0.16 },
  ];

  test('serieIndicateur, comparaisonAttributions, barresDepuisRepartition, repartitionFragilite', () => {
    expect(serieIndicateur(attributions, 'a1')).toEqual([
      { periode: 2024, valeur: 0.3239, secret: false },
      { periode: 2025, valeur: null, secret: true },
    ]);
    expect(serieIndicateur([{ annee: 2025, periode: 'T2', secret: false, a1: 0.4 }], 'a1')[0]!.periode).toBe('2025 T2');
    // each count is a cell of the secret: a published row (secret false) whose numerator is withheld has its share « secret »;
    // a share not computed although both counts are published is not (no threshold for the year, say)
    expect(serieIndicateur([{ annee: 2025, periode: 'annee', secret: false, attributions: 14, prioritaires: null, a1: null }], 'a1')[0]!.secret).toBe(true);
    expect(serieIndicateur([{ annee: 2025, periode: 'annee', secret: false, attributions: 14, prioritaires: 5, a1: null }], 'a1')[0]!.secret).toBe(false);
    const comp = comparaisonAttributions(attributions, epci, [
      { id: 'a1', libelle: 'Publics prioritaires', cible: { valeur: 0.375, sens: '>=' } },
      { id: 'a7', libelle: 'Mutations' },
    ]);
    expect(comp).toEqual([
      { indicateur: 'Publics prioritaires', commune: null, communeSecret: true, epci: 0.33, epciSecret: false, cible: { valeur: 0.375, sens: '>=' } },
      { indicateur: 'Mutations', commune: 0.2, communeSecret: false, epci: 0.16, epciSecret: false },
    ]);
    expect(barresDepuisRepartition([{ modalite: 'PLAI', logements: 3, part: 0.25 }])).toEqual([{ modalite: 'PLAI', valeur: 3, part: 0.25 }]);
    const f = repartitionFragilite(
      [{ nom: 'A', occupation: { secret: false, niveau_0: 1, niveau_1: 3 } }, { nom: 'B', occupation: { secret: true, niveau_0: null, niveau_1: null } }, { nom: 'C', occupation: null }],
      [{ niveau: 0, libelle: 'Aucune' }, { niveau: 1, libelle: 'Faible' }],
    );
    expect(f.modalites).toEqual(['niveau_0', 'niveau_1']);
    expect(f.donnees).toHaveLength(4);
    expect(repartitionEmpilee(f.donnees, { titre: 't', libelles: f.libelles, document: documentServeur() }).tableau.lignes).toEqual([
      ['A', `25,0${NNBSP}%`, `75,0${NNBSP}%`],
      ['B', 'secret statistique', 'secret statistique'],
    ]);
  });
});
