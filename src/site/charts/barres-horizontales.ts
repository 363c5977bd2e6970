// Horizontal bars: a distribution by modality (e.g. social stock by financing),
// each bar labelled with its value (and share), modalities named on the axis.
import * as Plot from '@observablehq/plot';
import {
  COULEUR, COULEUR_TEXTE, HALO, LARGEUR_CARACTERE, LARGEUR_DEFAUT, couper, documentDe, enumeration, finaliserSvg, formatAxe,
  identifiant, sansGraphique, valeurFr,
} from './commun.ts';
import type { OptionsCommunes, ResultatGraphique, Tableau, Unite } from './types.ts';

export interface DonneeBarre {
  modalite: string;
  /** count (or share if unite = 'part'); null = masked by statistical secrecy */
  valeur: number | null;
  /** optional share of the total, shown after the value: "12 (35,3 %)" */
  part?: number | null;
}

export interface OptionsBarres extends OptionsCommunes {
  unite?: Unite;
  /** header of the modality column, e.g. "Financement" */
  libelleModalite?: string;
  /** header of the value column, e.g. "Logements" */
  libelleValeur?: string;
  /** labels of coded modalities */
  libelles?: Record<string, string>;
}

export function barresHorizontales(donnees: DonneeBarre[], options: OptionsBarres): ResultatGraphique {
  const unite = options.unite ?? 'nombre';
  const libelleValeur = options.libelleValeur ?? (unite === 'part' ? 'Part' : 'Effectif');
  const nom = (m: string) => options.libelles?.[m] ?? m;
  const avecPart = donnees.some((d) => d.part !== undefined && d.part !== null);
  const etiquette = (d: DonneeBarre) =>
    d.valeur === null ? 'secret' : avecPart && d.part !== null && d.part !== undefined ? `${valeurFr(d.valeur, unite)} (${valeurFr(d.part, 'part')})` : valeurFr(d.valeur, unite);
  const tableau: Tableau = {
    legende: options.titre,
    colonnes: [options.libelleModalite ?? 'Modalité', libelleValeur, ...(avecPart ? ['Part'] : [])],
    lignes: donnees.map((d) => [
      nom(d.modalite),
      d.valeur === null ? 'secret statistique' : valeurFr(d.valeur, unite),
      ...(avecPart ? [d.valeur === null ? 'secret statistique' : valeurFr(d.part, 'part')] : []),
    ]),
  };
  if (donnees.length === 0) return sansGraphique('vide', tableau);
  if (donnees.every((d) => d.valeur === null)) return sansGraphique('secret', tableau);

  const doc = documentDe(options);
  const id = identifiant('barres', donnees, options);
  const largeur = options.largeur ?? LARGEUR_DEFAUT;
  const noms = donnees.map((d) => nom(d.modalite));
  const margeGauche = Math.min(Math.round(largeur * 0.4), Math.ceil(16 + Math.max(...noms.map((n) => n.length)) * LARGEUR_CARACTERE));
  const max = Math.max(0, ...donnees.map((d) => d.valeur ?? 0));
  const plus = Math.ceil(Math.max(...donnees.map((d) => etiquette(d).length)) * LARGEUR_CARACTERE + 12);
  // long modality names wrap on the axis; rows grow with the number of lines
  const parLigne = Math.max(6, Math.floor((margeGauche - 16) / LARGEUR_CARACTERE));
  const lignesNom = Math.max(...noms.map((n) => couper(n, parLigne).split('\n').length));
  const hauteur = 30 + donnees.length * (32 + (lignesNom - 1) * 14) + 10;
  const lignes = donnees.map((d) => ({ y: nom(d.modalite), x: d.valeur ?? 0, etiquette: etiquette(d) }));

  const alternative = [
    options.description,
    `${options.titre} : ${enumeration(donnees.map((d) => `${nom(d.modalite)} ${d.valeur === null ? 'secret statistique' : etiquette(d)}`))}.`,
  ].filter(Boolean).join(' ');

  const plot = Plot.plot({
    document: doc,
    width: largeur,
    height: hauteur,
    marginLeft: margeGauche,
    marginRight: plus,
    marginTop: 30,
    marginBottom: 10,
    x: { domain: [0, max || 1], axis: 'top', grid: true, ticks: 4, tickFormat: formatAxe(unite), label: null },
    y: { domain: noms, label: null, padding: 0.25, tickSize: 0, tickFormat: (n: string) => couper(n, parLigne) },
    marks: [
      Plot.barX(lignes, { x: 'x', y: 'y', fill: COULEUR }),
      Plot.ruleX([0], { stroke: COULEUR_TEXTE }),
      Plot.text(lignes, { x: 'x', y: 'y', text: 'etiquette', dx: 5, textAnchor: 'start', fill: COULEUR_TEXTE, ...HALO }),
    ],
  });
  return { etat: 'ok', svg: finaliserSvg(plot, doc, id, options.titre, alternative), message: null, tableau, alternative };
}
