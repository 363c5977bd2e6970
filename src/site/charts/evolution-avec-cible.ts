// An indicator per period (year, quarter) as bars or points, each value written
// on the chart, with a dashed horizontal target line labelled "objectif ≥ 37,5 %".
import * as Plot from '@observablehq/plot';
import {
  COULEUR, COULEUR_CIBLE, COULEUR_TEXTE, HALO, LARGEUR_CARACTERE, LARGEUR_DEFAUT, atteinte, documentDe, enumeration,
  finaliserSvg, formatAxe, identifiant, libelleCible, phraseCible, sansGraphique, texteAtteinte, valeurFr,
} from './commun.ts';
import type { Cible, OptionsCommunes, ResultatGraphique, Tableau, Unite } from './types.ts';

export interface DonneePeriode {
  /** 2025, "2025 T1"… */
  periode: string | number;
  /** value (a fraction if unite = 'part'); null = masked (secret: true) or no data */
  valeur: number | null;
  secret?: boolean;
}

export interface OptionsEvolution extends OptionsCommunes {
  /** name of the indicator, column header of the table */
  libelleValeur: string;
  unite?: Unite;
  cible?: Cible;
  forme?: 'barres' | 'points';
  /** header of the period column; default "Année" */
  libellePeriode?: string;
}

export function evolutionAvecCible(donnees: DonneePeriode[], options: OptionsEvolution): ResultatGraphique {
  const unite = options.unite ?? 'part';
  const cible = options.cible;
  const etat = (d: DonneePeriode) => (d.valeur !== null ? valeurFr(d.valeur, unite) : d.secret ? 'secret statistique' : 'aucune donnée');
  const tableau: Tableau = {
    legende: options.titre,
    colonnes: [options.libellePeriode ?? 'Année', options.libelleValeur, ...(cible ? ['Objectif', 'Objectif atteint'] : [])],
    lignes: donnees.map((d) => [
      String(d.periode),
      etat(d),
      ...(cible ? [`${cible.sens === '<=' ? '≤' : '≥'} ${valeurFr(cible.valeur, unite)}`, texteAtteinte(atteinte(d.valeur, cible))] : []),
    ]),
  };
  if (donnees.length === 0 || donnees.every((d) => d.valeur === null && !d.secret)) return sansGraphique('vide', tableau);
  if (donnees.every((d) => d.valeur === null)) return sansGraphique('secret', tableau);

  const doc = documentDe(options);
  const id = identifiant('evolution', donnees, options);
  const largeur = options.largeur ?? LARGEUR_DEFAUT;
  const forme = options.forme ?? 'barres';
  const periodes = donnees.map((d) => String(d.periode));
  const connues = donnees.filter((d) => d.valeur !== null).map((d) => ({ x: String(d.periode), y: d.valeur as number, etiquette: valeurFr(d.valeur, unite) }));
  const manquantes = donnees.filter((d) => d.valeur === null).map((d) => ({ x: String(d.periode), etiquette: d.secret ? 'secret' : 'aucune donnée' }));
  const max = Math.max(...connues.map((d) => d.y), cible?.valeur ?? 0, unite === 'part' ? 0.1 : 1);
  const haut = max * 1.18;
  const etiquetteCible = cible ? libelleCible(cible, unite) : '';
  const margeDroite = cible ? Math.max(20, etiquetteCible.length * LARGEUR_CARACTERE * 0.5) : 20;

  const derniere = [...donnees].reverse().find((d) => d.valeur !== null);
  const a = derniere && cible ? atteinte(derniere.valeur, cible) : null;
  const alternative = [
    options.description,
    `${options.titre} : ${enumeration(donnees.map((d) => `${etat(d)} en ${d.periode}`))}.`,
    cible ? `Objectif : ${phraseCible(cible, unite)}${derniere && a !== null ? ` ; ${a ? 'atteint' : 'non atteint'} en ${derniere.periode}` : ''}.` : '',
  ].filter(Boolean).join(' ');

  const marques: Plot.Markish[] = [];
  if (forme === 'barres') {
    marques.push(Plot.barY(connues, { x: 'x', y: 'y', fill: COULEUR }));
  } else {
    marques.push(Plot.lineY(connues, { x: 'x', y: 'y', stroke: COULEUR, strokeWidth: 2 }));
    marques.push(Plot.dot(connues, { x: 'x', y: 'y', fill: COULEUR, r: 5, stroke: 'white', symbol: 'circle' }));
  }
  marques.push(Plot.ruleY([0], { stroke: COULEUR_TEXTE }));
  if (cible) {
    marques.push(Plot.ruleY([cible.valeur], { stroke: COULEUR_CIBLE, strokeWidth: 2, strokeDasharray: '6 4' }));
    marques.push(
      Plot.text([cible.valeur], {
        y: (d: number) => d, frameAnchor: 'right', text: () => etiquetteCible, textAnchor: 'end', dy: -8,
        fill: COULEUR_CIBLE, fontWeight: 'bold', ...HALO,
      }),
    );
  }
  marques.push(Plot.text(connues, { x: 'x', y: 'y', text: 'etiquette', dy: -10, fill: COULEUR_TEXTE, fontWeight: 'bold', ...HALO }));
  if (manquantes.length) marques.push(Plot.text(manquantes, { x: 'x', y: () => 0, text: 'etiquette', dy: -10, fill: COULEUR_TEXTE, fontStyle: 'italic', ...HALO }));

  const plot = Plot.plot({
    document: doc,
    width: largeur,
    height: 280,
    marginLeft: 56,
    marginRight: margeDroite,
    marginTop: 24,
    marginBottom: 34,
    x: { domain: periodes, label: null, padding: forme === 'barres' ? 0.3 : 0.5, tickSize: 0 },
    y: { domain: [0, haut], grid: true, ticks: 5, tickFormat: formatAxe(unite), label: options.libelleValeur.length > 40 ? null : options.libelleValeur },
    marks: marques,
  });
  return { etat: 'ok', svg: finaliserSvg(plot, doc, id, options.titre, alternative), message: null, tableau, alternative };
}
