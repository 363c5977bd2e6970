// The indicators the map offers, read from the pages' numbers (build/<id>/pages.json),
// with the count each value is computed on and the territory's target where one is set.
import type { DonneesPages } from '../publish/pages.ts';
import type { Ligne } from '../model/db.ts';
import { CATALOGUE, cibleApplicable, termes, type IndicateurCatalogue } from '../model/catalogue/index.ts';
import type { CibleCarte, CommuneCarte, IndicateurCarte } from './classes.ts';

const nombreOuNull = (l: Ligne | null | undefined, k: string): number | null => {
  const v = l?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** A source as a reader knows it: line references of the texts ("l.5128") are for maintainers, not pages. */
export function sourceLisible(s: string): string {
  return s.replace(/\s*\(l\.[^)]*\)/g, '').replace(/\s*;\s*/g, ' ; ').trim();
}

/** What a share is computed on, in words, by the catalogue's denominator. */
const EFFECTIFS: Record<string, string> = {
  attributions: 'attributions',
  baux_hors_qpv: 'baux signés hors QPV',
  hors_qpv: 'attributions hors QPV',
  en_qpv: 'attributions en QPV',
};

/** Value of a catalogue expression ("a - b") on a row; null when a term is missing or secret. */
function evaluer(expression: string, l: Ligne | null): number | null {
  let total = 0;
  const signes = [1, ...[...expression.matchAll(/\s([+-])\s/g)].map((m) => (m[1] === '-' ? -1 : 1))];
  for (const [i, t] of termes(expression).entries()) {
    const v = nombreOuNull(l, t);
    if (v === null) return null;
    total += signes[i]! * v;
  }
  return total;
}

/**
 * The territory's target for a catalogue indicator (objectifs_cia.csv), and the levels
 * where a text sets it (catalogue): never a commune, so the map shows it as a reference.
 */
function cibleDe(d: Pick<DonneesPages, 'objectifs' | 'territoire'>, i: IndicateurCatalogue): CibleCarte | undefined {
  const o = d.objectifs[i.id];
  if (!o || !i.objectif || i.variante) return undefined;
  const niveaux = i.objectif.niveaux;
  const portee = [
    niveaux.includes('epci') ? `le territoire dans son ensemble (${d.territoire.nom})` : '',
    niveaux.includes('bailleur') ? 'chaque bailleur' : '',
    niveaux.includes('reservataire') ? 'chaque réservataire' : '',
  ].filter(Boolean).join(' et pour ');
  return { valeur: o.cible, sens: o.sens, portee, parCommune: cibleApplicable(i, 'commune'), source: sourceLisible(o.source) };
}

export function donneesCarte(d: Pick<DonneesPages, 'communes' | 'derniereAnnee' | 'millesime' | 'vague' | 'objectifs' | 'territoire'>): { indicateurs: IndicateurCarte[]; communes: CommuneCarte[] } {
  const an = d.derniereAnnee;
  // attribution shares: the catalogue's map indicators (src/model/catalogue)
  const duCatalogue = CATALOGUE.filter((i) => i.carte && (!i.qpvSeulement || d.territoire.aDesQpv));
  const indicateurs: IndicateurCarte[] = [
    { id: 'part_plai_familial', libelle: `Part de PLAI dans le parc familial (RPLS ${d.millesime ?? '—'})`, format: 'pourcent', note: 'Logements très sociaux (PLAI) parmi les logements sociaux hors résidences étudiantes.', effectif: 'logements familiaux' },
    { id: 'logements', libelle: `Logements sociaux (RPLS ${d.millesime ?? '—'})`, format: 'nombre' },
    ...duCatalogue.map((i): IndicateurCarte => ({
      id: i.id,
      libelle: `${i.libelle} (${an ?? '—'})`,
      format: 'pourcent',
      note: 'Communes sans valeur : secret statistique (trop peu d’attributions, ou un chiffre qui permettrait d’en retrouver un autre).',
      effectif: EFFECTIFS[i.denominateur] ?? 'cas',
      cible: cibleDe(d, i),
    })),
    { id: 'part_fragiles', libelle: `Part de ménages fragiles (OPS ${d.vague ?? '—'})`, format: 'pourcent', note: 'Ménages répondants cumulant des critères de fragilité (voir la méthodologie).', effectif: 'ménages répondants' },
  ];
  const communes = d.communes.map((c) => {
    const a = c.attributions.find((l) => l.annee === an && l.periode === 'annee') ?? null;
    const logements = nombreOuNull(c.parc, 'logements');
    const etudiants = nombreOuNull(c.parc, 'etudiants');
    return {
      code: c.code,
      nom: c.nom,
      valeurs: {
        part_plai_familial: nombreOuNull(c.parc, 'part_plai_familial'),
        logements,
        ...Object.fromEntries(duCatalogue.map((i) => [i.id, nombreOuNull(a, i.id)])),
        part_fragiles: nombreOuNull(c.occupation, 'part_fragiles'),
      },
      effectifs: {
        part_plai_familial: logements !== null ? logements - (etudiants ?? 0) : null,
        ...Object.fromEntries(duCatalogue.map((i) => [i.id, evaluer(i.denominateur, a)])),
        part_fragiles: nombreOuNull(c.occupation, 'repondants'),
      },
    };
  });
  return { indicateurs, communes };
}
