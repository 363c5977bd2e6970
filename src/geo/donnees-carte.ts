// The indicators the map offers, read from the pages' numbers (build/<id>/pages.json).
import type { DonneesPages } from '../publish/pages.ts';
import type { Ligne } from '../model/db.ts';
import type { CommuneCarte, IndicateurCarte } from './classes.ts';

const nombreOuNull = (l: Ligne | null | undefined, k: string): number | null => {
  const v = l?.[k];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

export function donneesCarte(d: Pick<DonneesPages, 'communes' | 'derniereAnnee' | 'millesime' | 'vague'>): { indicateurs: IndicateurCarte[]; communes: CommuneCarte[] } {
  const an = d.derniereAnnee;
  const indicateurs: IndicateurCarte[] = [
    { id: 'part_plai_familial', libelle: `Part de PLAI dans le parc familial (RPLS ${d.millesime ?? '—'})`, format: 'pourcent', note: 'Logements très sociaux (PLAI) parmi les logements sociaux hors résidences étudiantes.' },
    { id: 'logements', libelle: `Logements sociaux (RPLS ${d.millesime ?? '—'})`, format: 'nombre' },
    { id: 'a1', libelle: `Attributions aux publics prioritaires (${an ?? '—'})`, format: 'pourcent', note: 'Objectif ACD/CIA : au moins 37,5 %. Communes de moins de 5 attributions : secret statistique.' },
    { id: 'a5', libelle: `Attributions hors QPV au 1er quartile (${an ?? '—'})`, format: 'pourcent', note: 'Objectif CIA : au moins 25 %. Communes de moins de 5 attributions : secret statistique.' },
    { id: 'part_fragiles', libelle: `Part de ménages fragiles (OPS ${d.vague ?? '—'})`, format: 'pourcent', note: 'Ménages répondants cumulant des critères de fragilité (voir la méthodologie).' },
  ];
  const communes = d.communes.map((c) => {
    const a = c.attributions.find((l) => l.annee === an && l.periode === 'annee') ?? null;
    return {
      code: c.code,
      nom: c.nom,
      valeurs: {
        part_plai_familial: nombreOuNull(c.parc, 'part_plai_familial'),
        logements: nombreOuNull(c.parc, 'logements'),
        a1: nombreOuNull(a, 'a1'),
        a5: nombreOuNull(a, 'a5'),
        part_fragiles: nombreOuNull(c.occupation, 'part_fragiles'),
      },
    };
  });
  return { indicateurs, communes };
}
