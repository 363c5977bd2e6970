// Shares stacked to 100 % (e.g. OPS households by fragility level), one bar per
// series (commune, territoire, EPCI): each segment has a colour AND a pattern,
// its share is written inside when it fits, and a legend inside the SVG names the patterns.
import * as Plot from '@observablehq/plot';
import {
  COULEUR_TEXTE, HALO, LARGEUR_CARACTERE, LARGEUR_DEFAUT, MOTIFS, documentDe, enumeration, finaliserSvg, formatAxe,
  hauteurLegende, identifiant, marqueLegende, sansGraphique, urlMotif, valeurFr, type EntreeLegende,
} from './commun.ts';
import type { OptionsCommunes, ResultatGraphique, Tableau } from './types.ts';

export interface DonneeRepartition {
  /** the bar: "Baziège", "Sicoval"… */
  serie: string;
  /** the segment: "niveau_0"… (see options.libelles) */
  modalite: string;
  /** count or share; the series is normalised to 100 %. null = masked by statistical secrecy */
  valeur: number | null;
}

export interface OptionsRepartition extends OptionsCommunes {
  /** order of the modalities (default: order of appearance) */
  modalites?: string[];
  libelles?: Record<string, string>;
  /** header of the first table column; default "Série" */
  libelleSerie?: string;
}

/** Sequential palette (light → dark); pattern strokes turn white on the two darkest. */
const PALETTE = ['#dce7f5', '#a4c0e4', '#6a95cf', '#2f5f9e', '#15335f', '#0a1a33'];

export function repartitionEmpilee(donnees: DonneeRepartition[], options: OptionsRepartition): ResultatGraphique {
  const nom = (m: string) => options.libelles?.[m] ?? m;
  const modalites = options.modalites ?? [...new Set(donnees.map((d) => d.modalite))];
  const series = [...new Set(donnees.map((d) => d.serie))];
  const secrete = (s: string) => donnees.some((d) => d.serie === s && d.valeur === null);
  const total = (s: string) => donnees.filter((d) => d.serie === s).reduce((t, d) => t + (d.valeur ?? 0), 0);
  const part = (s: string, m: string): number | null => {
    if (secrete(s)) return null;
    const t = total(s);
    const v = donnees.find((d) => d.serie === s && d.modalite === m)?.valeur ?? 0;
    return t > 0 ? v / t : null;
  };
  const etat = (s: string, m: string) => (secrete(s) ? 'secret statistique' : total(s) > 0 ? valeurFr(part(s, m), 'part') : 'aucune donnée');
  const tableau: Tableau = {
    legende: options.titre,
    colonnes: [options.libelleSerie ?? 'Série', ...modalites.map(nom)],
    lignes: series.map((s) => [s, ...modalites.map((m) => etat(s, m))]),
  };
  if (series.length === 0 || series.every((s) => !secrete(s) && total(s) <= 0)) return sansGraphique('vide', tableau);
  if (series.every((s) => secrete(s) || total(s) <= 0)) return sansGraphique('secret', tableau);

  const doc = documentDe(options);
  const id = identifiant('repartition', donnees, options);
  const largeur = options.largeur ?? LARGEUR_DEFAUT;
  const style = (k: number) => {
    const couleur = PALETTE[Math.min(k, PALETTE.length - 1)]!;
    return { couleur, clair: k >= 3, motif: MOTIFS[k % MOTIFS.length]! };
  };
  const margeGauche = Math.min(Math.round(largeur * 0.3), Math.ceil(16 + Math.max(...series.map((s) => s.length)) * LARGEUR_CARACTERE));
  const legende: EntreeLegende[] = modalites.map((m, k) => ({ libelle: nom(m), ...style(k) }));
  const hLegende = hauteurLegende(legende, largeur, 4);
  const margeHaut = hLegende + 30;
  const hauteur = margeHaut + series.length * 44 + 10;

  type Segment = { serie: string; modalite: string; part: number; k: number; couleur: string; motif: string; etiquette: string };
  const segments: Segment[] = [];
  const largeurUtile = largeur - margeGauche - 22;
  for (const s of series) {
    if (secrete(s) || total(s) <= 0) continue;
    modalites.forEach((m, k) => {
      const p = part(s, m) ?? 0;
      const st = style(k);
      const etiquette = valeurFr(p, 'part', 0);
      segments.push({
        serie: s, modalite: nom(m), part: p, k, couleur: st.couleur, motif: urlMotif(id, st.motif, st.clair),
        etiquette: p * largeurUtile >= etiquette.length * LARGEUR_CARACTERE + 8 ? etiquette : '',
      });
    });
  }
  const sansBarre = series.filter((s) => secrete(s) || total(s) <= 0).map((s) => ({ serie: s, texte: secrete(s) ? 'secret statistique' : 'aucune donnée' }));

  const alternative = [
    options.description,
    `${options.titre}.`,
    ...series.map((s) =>
      secrete(s) ? `${s} : secret statistique.` : total(s) > 0 ? `${s} : ${enumeration(modalites.map((m) => `${nom(m)} ${etat(s, m)}`))}.` : `${s} : aucune donnée.`,
    ),
  ].filter(Boolean).join(' ');

  const options_empile = { x: 'part', y: 'serie', order: (d: Segment) => d.k } as const;
  const plot = Plot.plot({
    document: doc,
    width: largeur,
    height: hauteur,
    marginLeft: margeGauche,
    marginRight: 22,
    marginTop: margeHaut,
    marginBottom: 10,
    x: { domain: [0, 1], axis: 'top', grid: false, ticks: 5, tickFormat: formatAxe('part'), label: null },
    y: { domain: series, label: null, tickSize: 0, padding: 0.25 },
    marks: [
      marqueLegende(id, legende, 4),
      Plot.barX(segments, Plot.stackX({ ...options_empile, fill: { value: 'couleur', scale: null }, stroke: 'white', strokeWidth: 1 } as Plot.BarXOptions)),
      Plot.barX(segments, Plot.stackX({ ...options_empile, fill: { value: 'motif', scale: null } } as Plot.BarXOptions)),
      Plot.text(segments, Plot.stackX({ ...options_empile, text: 'etiquette', fill: COULEUR_TEXTE, fontWeight: 'bold', ...HALO } as Plot.TextOptions)),
      Plot.text(sansBarre, { x: () => 0, y: 'serie', text: 'texte', textAnchor: 'start', dx: 4, fontStyle: 'italic', fill: COULEUR_TEXTE }),
      Plot.ruleX([0], { stroke: COULEUR_TEXTE }),
    ],
  });
  return { etat: 'ok', svg: finaliserSvg(plot, doc, id, options.titre, alternative, true), message: null, tableau, alternative };
}
