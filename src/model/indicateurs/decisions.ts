// CALEOL proposals (A9), refusals and their reasons (A8), entrants' profile (A10),
// as SQL over the published tables `decisions`, `refus` and `entrees`.
import { conditions, type Niveau } from './filtres.ts';
import { COMPTES_DECISIONS, sqlTaux } from '../catalogue/index.ts';

export const INDICATEURS_DECISIONS = [
  {
    id: 'taux_refus',
    libelle: 'Taux de refus des attributions par les demandeurs',
    numerateur: 'refus',
    denominateur: 'propositions',
    definition: 'Attributions refusées par le demandeur / propositions examinées en CALEOL (décisions d\u2019attribution, classées ou non).',
    source: 'INDICATORS A8 ; CIA (suivi des refus)',
  },
  {
    id: 'part_propositions_prioritaires',
    libelle: 'Part des propositions faites à des ménages prioritaires',
    numerateur: 'propositions_prioritaires',
    denominateur: 'propositions',
    definition: 'Propositions en CALEOL à des ménages prioritaires / propositions.',
    source: 'INDICATORS A9',
  },
  {
    id: 'part_propositions_q1',
    libelle: 'Part des propositions faites à des ménages du 1er quartile',
    numerateur: 'propositions_q1',
    denominateur: 'propositions',
    definition: 'Propositions en CALEOL à des ménages sous le seuil du 1er quartile de l’année / propositions. Sans seuil publié pour l’année : non calculé.',
    source: 'INDICATORS A9',
    inconnus: 'propositions_q1_inconnu',
  },
  {
    id: 'part_propositions_mutations',
    libelle: 'Part des propositions faites à des demandeurs de mutation',
    numerateur: 'propositions_mutations',
    denominateur: 'propositions',
    definition: 'Propositions en CALEOL à des ménages déjà locataires du parc social / propositions.',
    source: 'INDICATORS A9',
  },
] as const;

const COMPTES = COMPTES_DECISIONS.map((c) => c.id);

/** One row per year: proposal and refusal counts with their rates (NULL under secrecy). */
export function requeteDecisions(f: { annee?: number; bailleur?: string }): string {
  const taux = INDICATEURS_DECISIONS.map((i) => `${sqlTaux(i)} AS ${i.id}`).join(',\n  ');
  return `SELECT annee, bool_or(secret) AS secret, ${COMPTES.map((c) => `sum(${c})::INTEGER AS ${c}`).join(', ')},
  ${taux}
FROM decisions WHERE ${conditions({ annee: f.annee, bailleur: f.bailleur ?? '*' })}
GROUP BY annee ORDER BY annee`;
}

/** Refusals of one year by reason (public = '*') or by public (motif = '*'), with shares. */
export function requeteRefus(f: { annee: number; par: 'motif' | 'public' }): string {
  const autre = f.par === 'motif' ? 'public' : 'motif';
  return `SELECT ${f.par} AS modalite, refus, secret,
  refus::DOUBLE / nullif((SELECT refus FROM refus WHERE ${conditions({ annee: f.annee, motif: '*', public: '*' })}), 0) AS part
FROM refus WHERE ${conditions({ annee: f.annee, [autre]: '*' })} AND ${f.par} <> '*'
ORDER BY refus DESC NULLS LAST, modalite`;
}

/** A10: entrants of a year by one profile variable at one place, with shares of the total. */
export function requeteEntrees(f: { niveau: Niveau; code: string; annee: number }, o: { parCode?: boolean } = {}): string {
  const ou = conditions({ niveau: f.niveau, code: o.parCode ? undefined : f.code, annee: f.annee });
  const cle = o.parCode ? 'e.code, ' : '';
  return `SELECT ${cle}e.variable, e.modalite, e.entrees, e.secret,
  e.entrees::DOUBLE / nullif(t.entrees, 0) AS part
FROM entrees e JOIN entrees t ON t.variable = e.variable AND t.modalite = '*' AND t.niveau = e.niveau AND t.code = e.code AND t.annee = e.annee
WHERE ${ou.replace(/\b(niveau|code|annee) =/g, 'e.$1 =')} AND e.modalite <> '*'
ORDER BY ${cle}e.variable, e.modalite`;
}
