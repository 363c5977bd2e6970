// What a page shows for an indicator at a level: the value (a share, or "9 sur 11" on a
// small number, or "non calculé"), the several-year total beside a small number, and a
// verdict only where the catalogue says a text sets the target for that level
// (src/model/catalogue/cibles.ts decides; this file only words it).
import type { Ligne } from '../../model/db.ts';
import { TOUS, decider, indicateur, type Decision, type NiveauPage, type ObjectifChiffre } from '../../model/catalogue/index.ts';
import { pourcent } from '../../lib/format-fr.ts';
import { evaluerExpression } from './calcul.ts';
import { donnees } from './donnees.ts';
import { chargerPetitsEffectifs } from '../../model/modele.ts';

/** The small-number parameter of this build (pages.json, else data/config/attributions.json). */
export function petitsEffectifs(): number {
  return donnees().petitsEffectifs ?? chargerPetitsEffectifs();
}
import { partOuEffectif, periodeAnnees, presenterPart, type Effectifs } from './petits-nombres.ts';

/** The words after a key figure, by indicator id (from the catalogue). */
export const LIBELLES_CHIFFRES: Record<string, string> = Object.fromEntries(TOUS.map((i) => [i.id, i.phrase]));

export const NON_CALCULE_SEUIL = 'non calculé (seuil de l’année non renseigné)';

/** The territory's objective for an indicator (réservataire: the State's contingent has its own, 100 %). */
export function objectifTerritoire(id: string, contingent?: string): ObjectifChiffre | undefined {
  const d = donnees();
  const o = id === 'a4' && contingent === 'etat_prioritaires' ? (d.objectifs.a4_etat ?? d.objectifs.a4) : d.objectifs[id];
  return o ? { cible: o.cible, sens: o.sens, source: o.source, reference: o.reference } : undefined;
}

/** "≥ 37,5 %" */
export function texteCible(o: ObjectifChiffre): string {
  return `${o.sens === '>=' ? '≥' : '≤'} ${pourcent(o.cible)}`;
}

export function effectifs(id: string, l: Ligne | null): Effectifs {
  const i = indicateur(id);
  return { numerateur: evaluerExpression(i.numerateur, l), denominateur: evaluerExpression(i.denominateur, l) };
}

/** True when the share cannot be computed for want of the year's 1st-quartile threshold. */
export function seuilManquant(id: string, l: Ligne | null): boolean {
  const i = indicateur(id);
  return !!i.inconnus && typeof l?.[i.inconnus] === 'number' && (l[i.inconnus] as number) > 0;
}

export interface Presentation {
  /** "37,5 %", "9 sur 11", "non calculé (…)", "secret statistique", "aucune attribution" */
  valeur: string;
  /** beside a small number: "40 sur 61 en 2021-2025, soit 65,6 %" */
  cumul: string | null;
  decision: Decision;
  /** { texte: "≥ 37,5 %", atteinte } for Chiffre.astro when a verdict applies; null otherwise */
  cible: { texte: string; atteinte: boolean } | null;
  /** why there is no verdict, in words, when an objective exists elsewhere (level, small number…) */
  note: string | null;
}

/**
 * An indicator on one row (a year) at a level, with `lignes` the rows of every year of the
 * same zone (for the total beside a small number). `contingent` for A4 on a réservataire.
 */
export function presenter(id: string, niveau: NiveauPage, l: Ligne | null, lignes: Ligne[] = [], o: { contingent?: string } = {}): Presentation {
  const d = donnees();
  const i = indicateur(id);
  const obj = objectifTerritoire(id, o.contingent);
  // a denominator withheld (each count is a cell of the secret, the row may still be published)
  const secret = !!l && typeof l[i.id] !== 'number' && evaluerExpression(i.denominateur, l) === null;
  const e = effectifs(id, l);
  const valeurNum = typeof l?.[id] === 'number' ? (l[id] as number) : e.numerateur !== null && e.denominateur ? e.numerateur / e.denominateur : null;
  let valeur: string;
  let cumul: string | null = null;
  let calculee: number | null = null;
  if (!l) valeur = 'aucune attribution';
  else if (secret) valeur = 'secret statistique';
  else if (seuilManquant(id, l)) valeur = NON_CALCULE_SEUIL;
  else {
    const annuelles = lignes.filter((x) => x.periode === 'annee' && x.secret !== true && !seuilManquant(id, x));
    const tot = (k: 'numerateur' | 'denominateur') => annuelles.reduce<number | null>((s, x) => { const v = effectifs(id, x)[k]; return s === null || v === null ? null : s + v; }, 0);
    const p = presenterPart(e, petitsEffectifs(), annuelles.length > 1 ? { numerateur: tot('numerateur'), denominateur: tot('denominateur'), periode: periodeAnnees(annuelles.map((x) => Number(x.annee))) } : undefined);
    valeur = p.texte;
    cumul = p.cumul;
    calculee = valeurNum;
  }
  const decision = decider(i, niveau, obj, calculee, e.denominateur, petitsEffectifs());
  const cible = decision.atteint !== null && decision.objectif ? { texte: texteCible(decision.objectif), atteinte: decision.atteint } : null;
  return { valeur, cumul, decision, cible, note: noteSansVerdict(decision, d.territoire.nomCourt) };
}

/** Why no ✔/✘, in a mayor's words (null when a verdict is shown or no objective exists). */
export function noteSansVerdict(x: Decision, territoire: string): string | null {
  if (!x.objectif) return null;
  const c = texteCible(x.objectif);
  switch (x.raison) {
    case 'niveau': return `Objectif ${c} fixé pour l’ensemble du ${territoire}, pas commune par commune (${x.objectif.source}).`;
    case 'petit-effectif': return `Trop peu de cas pour juger l’objectif (${c}) sur une seule année.`;
    case 'non-calcule': return `Objectif : ${c}.`;
    default: return null;
  }
}

/** A share in a table cell: "37,5 %", "9 sur 11", "non calculé" or "secret" — no verdict, no total. */
export function valeurCellule(id: string, l: Ligne | null): string {
  if (!l) return '—';
  if (evaluerExpression(indicateur(id).denominateur, l) === null) return 'secret';
  if (seuilManquant(id, l)) return 'non calculé';
  return partOuEffectif(effectifs(id, l), petitsEffectifs());
}

/** A source as a reader knows it: the signed text's line numbers stay in the methodology annex. */
export function sourceLecteur(source: string): string {
  return source
    .replace(/\s*\((?:[^()]*\s)?l\.\s?\d[^()]*\)/g, '')
    .replace(/\s*;?\s*l\.\s?\d{3,5}(?:\s?[-–,]\s?\d{3,5})*/g, '')
    .replace(/\bACD 31\b/g, 'Accord collectif départemental de la Haute-Garonne')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
