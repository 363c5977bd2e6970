// The indicators the map offers, read from the pages' numbers (build/<id>/pages.json),
// with the count each value is computed on and the territory's target where one is set.
import type { DonneesPages } from '../publish/pages.ts';
import type { Ligne } from '../model/db.ts';
import type { CibleCarte, CommuneCarte, IndicateurCarte } from './classes.ts';

const nombreOuNull = (l: Ligne | null | undefined, k: string): number | null => {
  const v = l?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** A source as a reader knows it: line references of the texts ("l.5128") are for maintainers, not pages. */
export function sourceLisible(s: string): string {
  return s.replace(/\s*\(l\.[^)]*\)/g, '').replace(/\s*;\s*/g, ' ; ').trim();
}

/** The territory's target for a map indicator; the CIA's and the law's are set for the whole EPCI. */
function cibleDe(d: Pick<DonneesPages, 'objectifs' | 'territoire'>, id: string, portee: string): CibleCarte | undefined {
  const o = d.objectifs[id];
  if (!o) return undefined;
  return { valeur: o.cible, sens: o.sens, portee: `${portee} (${d.territoire.nom})`, parCommune: false, source: sourceLisible(o.source) };
}

export function donneesCarte(d: Pick<DonneesPages, 'communes' | 'derniereAnnee' | 'millesime' | 'vague' | 'objectifs' | 'territoire'>): { indicateurs: IndicateurCarte[]; communes: CommuneCarte[] } {
  const an = d.derniereAnnee;
  const indicateurs: IndicateurCarte[] = [
    { id: 'part_plai_familial', libelle: `Part de PLAI dans le parc familial (RPLS ${d.millesime ?? '—'})`, format: 'pourcent', note: 'Logements très sociaux (PLAI) parmi les logements sociaux hors résidences étudiantes.', effectif: 'logements familiaux' },
    { id: 'logements', libelle: `Logements sociaux (RPLS ${d.millesime ?? '—'})`, format: 'nombre' },
    { id: 'a1', libelle: `Attributions aux publics prioritaires (${an ?? '—'})`, format: 'pourcent', note: 'Communes de moins de 5 attributions : secret statistique.', effectif: 'attributions', cible: cibleDe(d, 'a1', 'l’ensemble des attributions') },
    { id: 'a5', libelle: `Attributions hors QPV au 1er quartile (${an ?? '—'})`, format: 'pourcent', note: 'Communes de moins de 5 attributions : secret statistique.', effectif: 'attributions hors QPV', cible: cibleDe(d, 'a5', 'l’ensemble des attributions hors QPV') },
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
        a1: nombreOuNull(a, 'a1'),
        a5: nombreOuNull(a, 'a5'),
        part_fragiles: nombreOuNull(c.occupation, 'part_fragiles'),
      },
      effectifs: {
        part_plai_familial: logements !== null ? logements - (etudiants ?? 0) : null,
        a1: nombreOuNull(a, 'attributions'),
        a5: nombreOuNull(a, 'hors_qpv'),
        part_fragiles: nombreOuNull(c.occupation, 'repondants'),
      },
    };
  });
  return { indicateurs, communes };
}
