// Client re-rendering of the figures written by components/Graphique.astro:
// the same chart modules (src/site/charts), with Plot on the page's document.
// No side effect on import: call rendre() after a filter.
import { estTypeGraphique, rendreGraphique, type DonneesGraphique, type OptionsGraphique, type TypeGraphique } from '../charts/index.ts';
import { htmlContenu, jsonScript, type Figure } from '../charts/html.ts';

/** The chart kind, options and data embedded in a figure. */
export function lireFigure(figure: HTMLElement): Figure {
  const script = figure.querySelector('script[data-graphique-json]');
  if (!script?.textContent) throw new Error('graphique : données JSON absentes');
  const f = JSON.parse(script.textContent) as Figure & { legende: string | null };
  if (!estTypeGraphique(f.type)) throw new Error(`graphique : type inconnu ${String(f.type)}`);
  return { ...f, legende: f.legende ?? undefined };
}

/**
 * Redraws `figure` with new data (same shape as at build time), and optionally
 * changed options (e.g. a title naming the filter). Replaces the SVG or message,
 * the caption, the text alternative, the data table and the embedded JSON.
 */
export function rendre<T extends TypeGraphique>(
  figure: HTMLElement,
  donnees: DonneesGraphique[T],
  options: Partial<Omit<OptionsGraphique[T], 'document' | 'id'>> & { legende?: string } = {},
): void {
  const avant = lireFigure(figure) as Figure<T>;
  const { legende = avant.legende, ...opts } = options;
  const f: Figure<T> = { type: avant.type, donnees, options: { ...avant.options, ...opts } as Figure<T>['options'], legende };
  const r = rendreGraphique(f.type, f.donnees, { ...f.options, document: figure.ownerDocument } as OptionsGraphique[T]);
  const c = htmlContenu(r, f.options.titre, f.legende);
  const partie = (attr: string) => figure.querySelector<HTMLElement>(`[${attr}]`);
  const poser = (attr: string, html: string) => {
    const e = partie(attr);
    if (e) e.innerHTML = html;
  };
  poser('data-graphique-rendu', c.rendu);
  poser('data-graphique-legende', c.legende);
  poser('data-graphique-alternative', c.alternative);
  poser('data-graphique-tableau', c.tableau);
  const script = figure.querySelector('script[data-graphique-json]');
  if (script) script.textContent = jsonScript({ type: f.type, options: f.options, legende: f.legende ?? null, donnees: f.donnees });
  figure.dataset.etat = r.etat;
}

/** Figures of a page (or of a part of it), by chart kind if given. */
export function figures(racine: ParentNode = document, type?: TypeGraphique): HTMLElement[] {
  const sel = type ? `figure[data-graphique="${type}"]` : 'figure[data-graphique]';
  return [...racine.querySelectorAll<HTMLElement>(sel)];
}
