// A commune's value next to the EPCI's for several indicators: one group per
// indicator, two bars named on the axis (the EPCI's hatched), values written at
// the bar ends, and each indicator's target as a dashed line labelled "objectif ≥ 37,5 %".
import * as Plot from '@observablehq/plot';
import {
  COULEUR, COULEUR_CIBLE, COULEUR_TEXTE, HALO, LARGEUR_CARACTERE, LARGEUR_DEFAUT, couper, documentDe,
  finaliserSvg, formatAxe, identifiant, libelleCible, phraseCible, sansGraphique, urlMotif, valeurFr,
} from './commun.ts';
import type { Cible, OptionsCommunes, ResultatGraphique, Tableau, Unite } from './types.ts';

export interface DonneeComparaison {
  /** label of the indicator */
  indicateur: string;
  /** the commune's value; null = masked (communeSecret) or no data */
  commune: number | null;
  communeSecret?: boolean;
  epci: number | null;
  epciSecret?: boolean;
  cible?: Cible;
}

export interface OptionsComparaison extends OptionsCommunes {
  nomCommune: string;
  nomEpci: string;
  unite?: Unite;
}

const TITRE = '\u0000titre';
const titreBande = (k: number) => `${TITRE}${k}`;
const CIBLE = '\u0000cible';
const COULEUR_EPCI = '#e3e7ee';

export function comparaisonCommuneEpci(donnees: DonneeComparaison[], options: OptionsComparaison): ResultatGraphique {
  const unite = options.unite ?? 'part';
  const etat = (v: number | null, secret?: boolean) => (v !== null ? valeurFr(v, unite) : secret ? 'secret statistique' : 'aucune donnée');
  const avecCible = donnees.some((d) => d.cible);
  const tableau: Tableau = {
    legende: options.titre,
    colonnes: ['Indicateur', options.nomCommune, options.nomEpci, ...(avecCible ? ['Objectif'] : [])],
    lignes: donnees.map((d) => [
      d.indicateur,
      etat(d.commune, d.communeSecret),
      etat(d.epci, d.epciSecret),
      ...(avecCible ? [d.cible ? `${d.cible.sens === '<=' ? '≤' : '≥'} ${valeurFr(d.cible.valeur, unite)}` : '—'] : []),
    ]),
  };
  if (donnees.length === 0 || donnees.every((d) => d.commune === null && d.epci === null && !d.communeSecret && !d.epciSecret)) {
    return sansGraphique('vide', tableau);
  }
  if (donnees.every((d) => d.commune === null && d.epci === null)) return sansGraphique('secret', tableau);

  const doc = documentDe(options);
  const id = identifiant('comparaison', donnees, options);
  const largeur = options.largeur ?? LARGEUR_DEFAUT;
  const series = [options.nomCommune, options.nomEpci];
  const margeGauche = Math.min(Math.round(largeur * 0.35), Math.ceil(16 + Math.max(...series.map((s) => s.length)) * LARGEUR_CARACTERE));
  // bold titles: about 8.5 px per character at 13 px
  const largeurTitre = Math.floor((largeur - 10) / 8.5);

  type Barre = { fy: string; y: string; x: number; etiquette: string; epci: boolean };
  const barres: Barre[] = [];
  for (const d of donnees) {
    barres.push({ fy: d.indicateur, y: options.nomCommune, x: d.commune ?? 0, etiquette: d.commune === null ? etat(null, d.communeSecret) : etat(d.commune), epci: false });
    barres.push({ fy: d.indicateur, y: options.nomEpci, x: d.epci ?? 0, etiquette: d.epci === null ? etat(null, d.epciSecret) : etat(d.epci), epci: true });
  }
  const cibles = donnees.filter((d) => d.cible).flatMap((d) =>
    series.map((s) => ({ fy: d.indicateur, y: s, x: d.cible!.valeur, etiquette: libelleCible(d.cible!, unite) })),
  );
  const titres = donnees.map((d) => ({ fy: d.indicateur, y: titreBande(0), texte: couper(d.indicateur, largeurTitre) }));
  const lignesTitre = Math.max(...titres.map((t) => t.texte.split('\n').length));
  const max = Math.max(...barres.map((b) => b.x), ...cibles.map((c) => c.x), unite === 'part' ? 0.1 : 1);
  const etiquetteMax = Math.max(...barres.map((b) => b.etiquette.length));
  // room at the right of the longest bar for its label
  const domaineMax = max / Math.max(0.45, 1 - ((etiquetteMax + 2) * LARGEUR_CARACTERE) / (largeur - margeGauche - 10));

  const bande = 26;
  // one band per line of the indicator's title, then the two bars, then the target label
  const domaineY = [...Array.from({ length: lignesTitre }, (_, k) => titreBande(k)), ...series, ...(avecCible ? [CIBLE] : [])];
  const hauteurFacette = bande * domaineY.length;
  const hauteur = 34 + donnees.length * (hauteurFacette + 10) + 10;

  const phrases = donnees.map((d) => {
    let p = `${d.indicateur} : ${etat(d.commune, d.communeSecret)} à ${options.nomCommune}, ${etat(d.epci, d.epciSecret)} pour ${options.nomEpci}`;
    // the target is the EPCI's (CIA): a commune is compared with it, never judged by it
    if (d.cible) p += ` (objectif fixé pour l'ensemble du territoire : ${phraseCible(d.cible, unite)})`;
    return `${p}.`;
  });
  const alternative = [options.description, `${options.titre}.`, ...phrases].filter(Boolean).join(' ');

  const plot = Plot.plot({
    document: doc,
    width: largeur,
    height: hauteur,
    marginLeft: margeGauche,
    marginRight: 10,
    marginTop: 34,
    marginBottom: 10,
    fy: { domain: donnees.map((d) => d.indicateur), axis: null, padding: 10 / (hauteurFacette + 10) },
    x: { domain: [0, domaineMax], axis: 'top', grid: true, ticks: 4, tickFormat: formatAxe(unite), label: null },
    y: { domain: domaineY, tickFormat: (s: string) => (s.startsWith('\u0000') ? '' : s), tickSize: 0, label: null, padding: 0.2 },
    marks: [
      Plot.barX(barres.filter((b) => !b.epci), { fy: 'fy', x: 'x', y: 'y', fill: COULEUR }),
      Plot.barX(barres.filter((b) => b.epci), { fy: 'fy', x: 'x', y: 'y', fill: COULEUR_EPCI, stroke: COULEUR_TEXTE, strokeWidth: 1 }),
      Plot.barX(barres.filter((b) => b.epci), { fy: 'fy', x: 'x', y: 'y', fill: urlMotif(id, 'diagonales', false) }),
      Plot.tickX(cibles, { fy: 'fy', x: 'x', y: 'y', stroke: COULEUR_CIBLE, strokeWidth: 2, strokeDasharray: '5 3' }),
      Plot.text(
        cibles.filter((c) => c.y === options.nomEpci),
        { fy: 'fy', x: 'x', y: () => CIBLE, text: 'etiquette', textAnchor: 'middle', fill: COULEUR_CIBLE, fontWeight: 'bold', ...HALO },
      ),
      Plot.text(barres, { fy: 'fy', x: 'x', y: 'y', text: 'etiquette', dx: 5, textAnchor: 'start', fill: COULEUR_TEXTE, ...HALO }),
      Plot.text(titres, { fy: 'fy', x: () => 0, y: 'y', text: 'texte', textAnchor: 'start', dx: -margeGauche + 4, fontWeight: 'bold', fill: COULEUR_TEXTE, lineAnchor: 'top', dy: -7, lineHeight: 1.25 }),
      Plot.ruleX([0], { stroke: COULEUR_TEXTE }),
    ],
  });
  return { etat: 'ok', svg: finaliserSvg(plot, doc, id, options.titre, alternative, true), message: null, tableau, alternative };
}
