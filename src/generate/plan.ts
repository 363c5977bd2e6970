// Exact stock counts per commune before any dwelling is drawn: the published
// figures (stock, students, individuels, PLAI share per territoire) are met by
// construction, not by chance.
import { repartir } from './quotas.ts';
import { classeFinancement } from './modele.ts';
import type { LogementReference } from './references.ts';
import type { Commune, Territoire } from './territoire.ts';

export const HORS_TERRITOIRE = 'hors';

export interface PlanCommune {
  commune: Commune;
  /** Territoire d'équilibre number as text, or "hors". */
  groupe: string;
  etudiants: number;
  /** Generated family dwellings (reference rows not included). */
  individuels: number;
  collectifs: number;
  /** PLAI among generated family dwellings. */
  plai: number;
  references: LogementReference[];
  /** Generated family dwellings per bailleur when the commune's stock per bailleur is imposed. */
  parBailleur: Record<string, number> | null;
}

export function planifierParc(territoire: Territoire, references: LogementReference[]): PlanCommune[] {
  const parc = territoire.synthese.parc;
  const plans: PlanCommune[] = [];
  const groupes = new Map<string, Commune[]>();
  for (const c of territoire.communes) {
    const g = c.territoire === null ? HORS_TERRITOIRE : String(c.territoire);
    groupes.set(g, [...(groupes.get(g) ?? []), c]);
  }
  for (const code of Object.keys(parc.etudiants_par_commune.valeurs))
    if (!territoire.communes.some((c) => c.code === code)) throw new Error(`synthese.json : étudiants pour une commune inconnue ${code}`);

  for (const [groupe, communes] of groupes) {
    const refs = (code: string): LogementReference[] => references.filter((r) => r.commune === code);
    const etudiants = communes.map((c) => parc.etudiants_par_commune.valeurs[c.code] ?? 0);
    const imposees = communes.map((c) => parc.communes_imposees[c.code] ?? null);
    const totalImpose = (i: number): number =>
      Object.values(imposees[i]?.logements_par_bailleur ?? {}).reduce((a, b) => a + b, 0);

    let familial: number[];
    let cibleIndividuels: number;
    let ciblePlai: number;
    if (groupe === HORS_TERRITOIRE) {
      const h = parc.hors_territoire;
      familial = communes.map((c, i) => {
        const n = h.logements_par_commune[c.code];
        if (n === undefined) throw new Error(`synthese.json : parc.hors_territoire sans valeur pour ${c.code} (${c.nom})`);
        return imposees[i] ? totalImpose(i) : n;
      });
      const total = familial.reduce((a, b) => a + b, 0);
      cibleIndividuels = Math.round((h.part_individuels_pct / 100) * total);
      ciblePlai = Math.round((h.part_plai_familial_pct / 100) * total);
    } else {
      const t = parc.territoires[groupe];
      if (!t) throw new Error(`synthese.json : pas de paramètres pour le territoire d'équilibre ${groupe}`);
      const totalEtudiants = etudiants.reduce((a, b) => a + b, 0);
      if (t.etudiants !== undefined && t.etudiants !== totalEtudiants)
        throw new Error(
          `synthese.json : territoire ${groupe} : ${t.etudiants} étudiants attendus, ${totalEtudiants} répartis par commune`,
        );
      const familialTerritoire = t.logements - totalEtudiants;
      // Imposed communes keep their figure; the rest is shared by population.
      const impose = communes.reduce((s, _, i) => s + (imposees[i] ? totalImpose(i) : 0), 0);
      const libres = communes.map((c, i) => (imposees[i] ? 0 : c.population));
      const parts = repartir(familialTerritoire - impose, libres);
      familial = communes.map((_, i) => (imposees[i] ? totalImpose(i) : (parts[i] ?? 0)));
      if (familialTerritoire - impose < 0)
        throw new Error(`synthese.json : territoire ${groupe} : communes imposées au-delà du parc du territoire`);
      cibleIndividuels =
        t.individuels ?? Math.round(((t.part_individuels_pct ?? 0) / 100) * familialTerritoire);
      ciblePlai = Math.round((t.part_plai_familial_pct / 100) * familialTerritoire);
    }

    // Reference rows are part of the family stock: only the rest is generated.
    const genere = communes.map((c, i) => {
      const n = (familial[i] ?? 0) - refs(c.code).length;
      if (n < 0) throw new Error(`commune ${c.code} : plus de logements de référence que de logements prévus`);
      return n;
    });
    const refsGroupe = communes.flatMap((c) => refs(c.code));
    const individuelsRestants = cibleIndividuels - refsGroupe.filter((r) => r.individuel).length;
    const plaiRestants = ciblePlai - refsGroupe.filter((r) => classeFinancement(r.finan) === 'PLAI').length;
    if (individuelsRestants < 0 || plaiRestants < 0)
      throw new Error(`territoire ${groupe} : les logements de référence dépassent les cibles d'individuels ou de PLAI`);
    const individuels = repartir(individuelsRestants, genere, genere);
    const plai = repartir(plaiRestants, genere, genere);
    const somme = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    if (somme(individuels) !== individuelsRestants || somme(plai) !== plaiRestants)
      throw new Error(`territoire ${groupe} : trop peu de logements générés pour placer les individuels ou les PLAI demandés`);

    communes.forEach((commune, i) => {
      const n = genere[i] ?? 0;
      let parBailleur: Record<string, number> | null = null;
      const imposee = imposees[i];
      if (imposee) {
        parBailleur = {};
        for (const [nom, total] of Object.entries(imposee.logements_par_bailleur)) {
          const canonique = territoire.bailleurCanonique(nom);
          const reste = total - refs(commune.code).filter((r) => r.bailleur === canonique).length;
          if (reste < 0) throw new Error(`commune ${commune.code} : plus de logements de référence ${canonique} que prévu`);
          parBailleur[canonique] = reste;
        }
      }
      plans.push({
        commune,
        groupe,
        etudiants: etudiants[i] ?? 0,
        individuels: individuels[i] ?? 0,
        collectifs: n - (individuels[i] ?? 0),
        plai: plai[i] ?? 0,
        references: refs(commune.code),
        parBailleur,
      });
    });
  }
  return plans.sort((a, b) => a.commune.code.localeCompare(b.commune.code));
}
