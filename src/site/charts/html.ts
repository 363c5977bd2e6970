// HTML of a chart figure, shared by Graphique.astro (build time) and
// client/graphiques.ts (re-render), so that both produce the same markup.
import { identifiant } from './commun.ts';
import { rendreGraphique, type DonneesGraphique, type OptionsGraphique, type TypeGraphique } from './index.ts';
import type { ResultatGraphique, Tableau } from './types.ts';

export function echapper(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside <script type="application/json"> (no "</script>", no "<!--"). */
export function jsonScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

const NUMERIQUE = /^[-−]?[\d\u202f\u00a0 ]+(,\d+)?(\u202f?%)?( \(.*\))?$/;

/** A real data table: <caption>, column headers scope="col", row headers scope="row". */
export function htmlTableau(t: Tableau): string {
  const cl = (v: string) => (NUMERIQUE.test(v) ? ' class="n"' : '');
  const tete = t.colonnes.map((c, i) => `<th scope="col"${i > 0 ? ' class="n"' : ''}>${echapper(c)}</th>`).join('');
  const corps = t.lignes
    .map((l) => `<tr>${l.map((v, i) => (i === 0 ? `<th scope="row">${echapper(v)}</th>` : `<td${cl(v)}>${echapper(v)}</td>`)).join('')}</tr>`)
    .join('');
  return `<table><caption>${echapper(t.legende)}</caption><thead><tr>${tete}</tr></thead><tbody>${corps}</tbody></table>`;
}

/** The visual part: the SVG, or the explicit message (secret statistique, aucune donnée). */
export function htmlRendu(r: ResultatGraphique): string {
  return r.etat === 'ok' ? r.svg : `<p class="graphique-message" data-etat="${r.etat}">${echapper(r.message ?? '')}</p>`;
}

export interface Figure<T extends TypeGraphique = TypeGraphique> {
  type: T;
  donnees: DonneesGraphique[T];
  /** JSON options (no `document`); `id` always resolved */
  options: Omit<OptionsGraphique[T], 'document'> & { id: string };
  /** optional sentence under the title in the caption (source, champ…) */
  legende?: string;
}

/** Resolves the id once, so that the client redraws with the same ids. */
export function preparerFigure<T extends TypeGraphique>(type: T, donnees: DonneesGraphique[T], options: OptionsGraphique[T], legende?: string): Figure<T> {
  const { document: _d, ...json } = options;
  const id = options.id ?? identifiant(type, donnees, options);
  return { type, donnees, options: { ...json, id } as Figure<T>['options'], legende };
}

export function htmlLegende(titre: string, legende?: string): string {
  return `<span class="graphique-titre">${echapper(titre)}</span>${legende ? ` <span class="graphique-source">${echapper(legende)}</span>` : ''}`;
}

/** Inner parts of the figure, each in an element the client can replace. */
export function htmlContenu(r: ResultatGraphique, titre: string, legende?: string): { rendu: string; legende: string; alternative: string; tableau: string } {
  return { rendu: htmlRendu(r), legende: htmlLegende(titre, legende), alternative: echapper(r.alternative), tableau: htmlTableau(r.tableau) };
}

/** The whole <figure>: chart, caption, details with text alternative and data table, embedded JSON. */
export function htmlFigure<T extends TypeGraphique>(f: Figure<T>, document?: Document): string {
  const r = rendreGraphique(f.type, f.donnees, { ...f.options, document } as OptionsGraphique[T]);
  const c = htmlContenu(r, f.options.titre, f.legende);
  const id = f.options.id;
  return (
    `<figure class="graphique" id="${echapper(id)}-figure" data-graphique="${f.type}" data-etat="${r.etat}">` +
    `<figcaption data-graphique-legende>${c.legende}</figcaption>` +
    `<div class="graphique-rendu" data-graphique-rendu>${c.rendu}</div>` +
    `<details class="graphique-donnees"><summary>Description et données du graphique</summary>` +
    `<p class="graphique-alternative" data-graphique-alternative>${c.alternative}</p>` +
    `<div class="tableau-defile" data-graphique-tableau>${c.tableau}</div></details>` +
    `<script type="application/json" data-graphique-json>${jsonScript({ type: f.type, options: f.options, legende: f.legende ?? null, donnees: f.donnees })}</script>` +
    `</figure>`
  );
}
