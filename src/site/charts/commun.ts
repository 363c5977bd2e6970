// Helpers shared by the chart modules: French formats, stable ids, accessible
// SVG wrapper (<title>, <desc>, role="img"), fill patterns, "no chart" results.
// Pure: no import of linkedom (the browser bundle imports this file).
import { nombre, pourcent } from '../../lib/format-fr.ts';
import type { Cible, OptionsCommunes, ResultatGraphique, Tableau, Unite } from './types.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Root font size of every chart (Plot's default is 10 px, too small once scaled on a phone). */
export const TAILLE_POLICE = 13;
/** Average glyph width at TAILLE_POLICE, used to size margins deterministically (no DOM measurement). */
export const LARGEUR_CARACTERE = 7.5;
export const LARGEUR_DEFAUT = 480;

/** Main bar colour (contrast 7:1 on white) and text colour. */
export const COULEUR = '#2b5797';
export const COULEUR_TEXTE = '#1a1a1a';
export const COULEUR_CIBLE = '#b00020';

/** 32-bit FNV-1a hash, base 36: deterministic ids derived from the data. */
export function empreinte(texte: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < texte.length; i++) {
    h ^= texte.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** Id prefix of a chart: options.id (sanitised) or a hash of its kind, title and data. */
export function identifiant(type: string, donnees: unknown, options: OptionsCommunes): string {
  if (options.id) return options.id.replace(/[^A-Za-z0-9_-]/g, '-');
  return `graphique-${type}-${empreinte(JSON.stringify([options.titre, donnees]))}`;
}

export function documentDe(options: OptionsCommunes): Document {
  const d = options.document ?? (globalThis as { document?: Document }).document;
  if (!d) throw new Error('graphique : aucun document (passer options.document, cf. src/site/charts/serveur.ts)');
  return d;
}

/** "37,5 %" for a share (fraction), "1 234" for a count. */
export function valeurFr(v: number | null | undefined, unite: Unite, decimales?: number): string {
  return unite === 'part' ? pourcent(v, decimales ?? 1) : nombre(v, decimales ?? 0);
}

/** Axis tick format: shares without decimals ("40 %"), counts with thousands separators. */
export function formatAxe(unite: Unite): (d: number) => string {
  return unite === 'part' ? (d) => pourcent(d, Number.isInteger(Math.round(d * 1000) / 10) ? 0 : 1) : (d) => nombre(d, Number.isInteger(d) ? 0 : 1);
}

export function symboleSens(c: Cible): string {
  return (c.sens ?? '>=') === '>=' ? '≥' : '≤';
}

/** "objectif ≥ 37,5 %" (or the target's own label). */
export function libelleCible(c: Cible, unite: Unite): string {
  return c.libelle ?? `objectif ${symboleSens(c)} ${valeurFr(c.valeur, unite)}`;
}

/** "au moins 37,5 %" / "au plus 10 %", for sentences. */
export function phraseCible(c: Cible, unite: Unite): string {
  return `${(c.sens ?? '>=') === '>=' ? 'au moins' : 'au plus'} ${valeurFr(c.valeur, unite)}`;
}

export function atteinte(v: number | null, c: Cible | undefined): boolean | null {
  if (!c || v === null) return null;
  return (c.sens ?? '>=') === '>=' ? v >= c.valeur : v <= c.valeur;
}

export function texteAtteinte(a: boolean | null): string {
  return a === null ? '—' : a ? 'oui' : 'non';
}

export const MESSAGE_SECRET =
  'Secret statistique : les effectifs sont trop faibles pour être publiés (ou permettraient de retrouver une case masquée).';
export const MESSAGE_VIDE = 'Aucune donnée pour cette sélection.';

/** A result without chart: the message replaces the SVG, the table and alternative stay. */
export function sansGraphique(etat: 'secret' | 'vide', tableau: Tableau, message?: string): ResultatGraphique {
  const m = message ?? (etat === 'secret' ? MESSAGE_SECRET : MESSAGE_VIDE);
  return { etat, svg: '', message: m, tableau, alternative: m };
}

/** Text halo so that labels stay readable over bars and patterns. */
export const HALO = { stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' } as const;

/**
 * Makes Plot's output accessible and deterministic:
 * role="img", <title> and <desc> referenced by aria-labelledby/aria-describedby,
 * font size, and Plot's global-counter ids (plot-clip-N, plot-marker-N) renamed after the chart id.
 */
export function finaliserSvg(el: Element, doc: Document, id: string, titre: string, desc: string, avecMotifs = false): string {
  const svg = el.tagName.toLowerCase() === 'svg' ? el : el.querySelector('svg');
  if (!svg) throw new Error('graphique : Plot n’a pas produit de SVG');
  svg.setAttribute('role', 'img');
  svg.setAttribute('id', id);
  svg.setAttribute('font-size', String(TAILLE_POLICE));
  svg.setAttribute('aria-labelledby', `${id}-titre`);
  svg.setAttribute('aria-describedby', `${id}-desc`);
  svg.setAttribute('focusable', 'false');
  // Plot's aria-label on inner <g> ("bar", "rule"…) is prohibited on an element without role
  // (axe: aria-prohibited-attr, serious): name them as groups. Inside role="img" they are not read
  // anyway; the <title>, <desc> and the data table carry the content.
  for (const e of [...svg.querySelectorAll('[aria-label]:not([role])')]) e.setAttribute('role', 'group');
  const t = doc.createElementNS(SVG_NS, 'title');
  t.setAttribute('id', `${id}-titre`);
  t.textContent = titre;
  const d = doc.createElementNS(SVG_NS, 'desc');
  d.setAttribute('id', `${id}-desc`);
  d.textContent = desc;
  // once per SVG, not as a Plot mark: marks are repeated in every facet (duplicate ids)
  if (avecMotifs) svg.insertBefore(defsMotifs(doc, id), svg.firstChild);
  svg.insertBefore(d, svg.firstChild);
  svg.insertBefore(t, svg.firstChild);
  const vus = new Map<string, string>();
  // coordinates rounded to 2 decimals inside attribute values (smaller, stable snapshots)
  const html = svg.outerHTML.replace(/="([^"]*)"/g, (_m, v: string) => `="${v.replace(/(\d+\.\d{2})\d+/g, (_n, r: string) => String(Number(r)))}"`);
  return html.replace(/plot-(clip|marker)-\d+/g, (m, genre: string) => {
    let r = vus.get(m);
    if (!r) {
      r = `${id}-${genre}-${vus.size + 1}`;
      vus.set(m, r);
    }
    return r;
  });
}

/** Fill patterns, drawn over a colour so that series differ by texture, not colour alone. */
export type Motif = 'aucun' | 'diagonales' | 'points' | 'croisillons' | 'horizontales' | 'verticales';
export const MOTIFS: Motif[] = ['aucun', 'diagonales', 'points', 'croisillons', 'horizontales', 'verticales'];

export function idMotif(id: string, m: Motif, clair: boolean): string {
  return `${id}-motif-${m}-${clair ? 'c' : 'f'}`;
}

/** url(#…) of a pattern, or 'none' for 'aucun'. `clair`: strokes in white (over a dark fill). */
export function urlMotif(id: string, m: Motif, clair: boolean): string {
  return m === 'aucun' ? 'none' : `url(#${idMotif(id, m, clair)})`;
}

function el(doc: Document, nom: string, attrs: Record<string, string | number>): Element {
  const e = doc.createElementNS(SVG_NS, nom);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The <defs> of every pattern (both stroke tones), inserted by finaliserSvg(…, avecMotifs = true). */
function defsMotifs(doc: Document, id: string): Element {
  const defs = el(doc, 'defs', {});
  for (const clair of [false, true]) {
    const trait = clair ? 'rgba(255,255,255,0.85)' : 'rgba(0,0,0,0.55)';
    for (const m of MOTIFS) {
      if (m === 'aucun') continue;
      const p = el(doc, 'pattern', { id: idMotif(id, m, clair), patternUnits: 'userSpaceOnUse', width: 8, height: 8 });
      if (m === 'diagonales') p.appendChild(el(doc, 'path', { d: 'M-2,2L2,-2M0,8L8,0M6,10L10,6', stroke: trait, 'stroke-width': 1.5 }));
      if (m === 'points') p.appendChild(el(doc, 'circle', { cx: 4, cy: 4, r: 1.6, fill: trait }));
      if (m === 'croisillons') p.appendChild(el(doc, 'path', { d: 'M0,4H8M4,0V8', stroke: trait, 'stroke-width': 1.2 }));
      if (m === 'horizontales') p.appendChild(el(doc, 'path', { d: 'M0,2H8M0,6H8', stroke: trait, 'stroke-width': 1.2 }));
      if (m === 'verticales') p.appendChild(el(doc, 'path', { d: 'M2,0V8M6,0V8', stroke: trait, 'stroke-width': 1.2 }));
      defs.appendChild(p);
    }
  }
  return defs;
}

/** Legend drawn inside the SVG (Plot's own legends are HTML): swatch (colour + pattern, outlined) and label. */
export interface EntreeLegende {
  libelle: string;
  couleur: string;
  motif: Motif;
  clair: boolean;
}

const CASE = 14;

export function dispositionLegende(entrees: EntreeLegende[], largeur: number, gauche: number): { x: number; ligne: number }[] {
  const pos: { x: number; ligne: number }[] = [];
  let x = gauche;
  let ligne = 0;
  for (const e of entrees) {
    const w = CASE + 6 + e.libelle.length * LARGEUR_CARACTERE + 16;
    if (x > gauche && x + w > largeur) {
      x = gauche;
      ligne++;
    }
    pos.push({ x, ligne });
    x += w;
  }
  return pos;
}

export function hauteurLegende(entrees: EntreeLegende[], largeur: number, gauche: number): number {
  const pos = dispositionLegende(entrees, largeur, gauche);
  return ((pos.at(-1)?.ligne ?? 0) + 1) * 22;
}

export function marqueLegende(id: string, entrees: EntreeLegende[], gauche: number, haut = 6) {
  return (_i: unknown, _s: unknown, _v: unknown, dim: { width: number }, ctx: { document: Document }): SVGElement => {
    const doc = ctx.document;
    const g = el(doc, 'g', { 'aria-label': 'légende' });
    dispositionLegende(entrees, dim.width, gauche).forEach((p, k) => {
      const e = entrees[k]!;
      const y = haut + p.ligne * 22;
      g.appendChild(el(doc, 'rect', { x: p.x, y, width: CASE, height: CASE, fill: e.couleur, stroke: COULEUR_TEXTE }));
      if (e.motif !== 'aucun') g.appendChild(el(doc, 'rect', { x: p.x, y, width: CASE, height: CASE, fill: urlMotif(id, e.motif, e.clair) }));
      const t = el(doc, 'text', { x: p.x + CASE + 6, y: y + CASE / 2, dy: '0.35em', 'text-anchor': 'start', fill: COULEUR_TEXTE });
      t.textContent = e.libelle;
      g.appendChild(t);
    });
    return g as unknown as SVGElement;
  };
}

/** Breaks a long label into lines of at most `n` characters (for band axes). */
export function couper(texte: string, n: number): string {
  const mots = texte.split(/\s+/);
  const lignes: string[] = [];
  let cour = '';
  for (const m of mots) {
    if (cour && (cour + ' ' + m).length > n) {
      lignes.push(cour);
      cour = m;
    } else cour = cour ? `${cour} ${m}` : m;
  }
  if (cour) lignes.push(cour);
  return lignes.join('\n');
}

/** "a, b et c" */
export function enumeration(parties: string[]): string {
  if (parties.length <= 1) return parties.join('');
  return `${parties.slice(0, -1).join(', ')} et ${parties.at(-1)}`;
}
