// Shared types of the chart modules (src/site/charts). Everything but `document`
// is plain JSON, so that a figure can embed its data and options and be redrawn
// in the browser with the same module.

/** Data table shown behind every chart: cells already formatted in French. */
export interface Tableau {
  /** `<caption>` of the table */
  legende: string;
  /** column headers (`<th scope="col">`); the first column holds the row headers */
  colonnes: string[];
  /** one array per row; cell 0 is rendered as `<th scope="row">` */
  lignes: string[][];
}

export type EtatGraphique = 'ok' | 'secret' | 'vide';

export interface ResultatGraphique {
  /** 'ok': a chart; 'secret' or 'vide': no chart, `message` says why */
  etat: EtatGraphique;
  /** the SVG (role="img", <title>, <desc>), '' when etat is not 'ok' */
  svg: string;
  /** explicit message replacing the chart ("Secret statistique…", "Aucune donnée…"), null when etat is 'ok' */
  message: string | null;
  tableau: Tableau;
  /** text alternative: the chart's content in one or two French sentences */
  alternative: string;
}

export type Unite = 'nombre' | 'part';

/** Options understood by every chart. */
export interface OptionsCommunes {
  /** chart title: SVG <title>, figure caption */
  titre: string;
  /** optional sentence prepended to the generated text alternative */
  description?: string;
  /** prefix of the ids inside the SVG, unique in the page; default: a hash of the chart's kind and data */
  id?: string;
  /** SVG width in px (the SVG scales down to its container); default 560 */
  largeur?: number;
  /** DOM document used by Plot: linkedom's at build time (see serveur.ts), the page's in the browser */
  document?: Document;
}

/** A target line: "objectif ≥ 37,5 %". */
export interface Cible {
  valeur: number;
  sens?: '>=' | '<=';
  /** label drawn next to the line; default "objectif ≥ 37,5 %" */
  libelle?: string;
}
