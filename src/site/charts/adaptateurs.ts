// From the rows of build/<id>/pages.json (DonneesPages, src/publish/pages.ts) —
// or the same SQL run by DuckDB-WASM — to chart data. Browser-safe.
import type { Ligne } from '../../model/db.ts';
import type { DonneeBarre } from './barres-horizontales.ts';
import type { DonneeComparaison } from './comparaison-commune-epci.ts';
import type { DonneePeriode } from './evolution-avec-cible.ts';
import type { DonneeRepartition } from './repartition-empilee.ts';
import type { Cible } from './types.ts';
import { enOrdreNaturel } from '../lib/ordre.ts';
import { evaluerExpression } from '../lib/calcul.ts';
import { CATALOGUE } from '../../model/catalogue/index.ts';

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'bigint' ? Number(v) : null);

/** parcParFinancement / parcParType / parcParPieces ({modalite, logements, part}) → bars. */
export function barresDepuisRepartition(lignes: Ligne[], champ = 'logements'): DonneeBarre[] {
  // categories in their natural order (PLAI before PLUS, ages ascending, "autre" last)
  return enOrdreNaturel(lignes, (l) => String(l.modalite)).map((l) => ({ modalite: String(l.modalite), valeur: num(l[champ]), part: num(l.part) }));
}

/** Rows of requeteAttributions (one per year/period) → one indicator per period; a share whose numerator or denominator is withheld is « secret ». */
export function serieIndicateur(attributions: Ligne[], id: string): DonneePeriode[] {
  const i = CATALOGUE.find((x) => x.id === id);
  return attributions.map((l) => {
    const valeur = num(l[id]);
    const retenue = i ? evaluerExpression(i.numerateur, l) === null || evaluerExpression(i.denominateur, l) === null : l.secret === true;
    return {
      periode: l.periode && l.periode !== 'annee' ? `${l.annee} ${l.periode}` : Number(l.annee),
      valeur,
      secret: valeur === null && retenue,
    };
  });
}

/** Indicator definition, structurally compatible with INDICATEURS_ATTRIBUTIONS (src/model/indicateurs/attributions.ts). */
export interface IndicateurAComparer {
  id: string;
  libelle: string;
  cible?: Cible;
}

/** A commune's and the EPCI's attribution rows → comparison for one year (default: the last year of the EPCI). */
export function comparaisonAttributions(commune: Ligne[], epci: Ligne[], indicateurs: IndicateurAComparer[], annee?: number): DonneeComparaison[] {
  const an = annee ?? num(epci.filter((l) => (l.periode ?? 'annee') === 'annee').at(-1)?.annee);
  const ligne = (ls: Ligne[]) => ls.find((l) => num(l.annee) === an && (l.periode ?? 'annee') === 'annee') ?? null;
  const c = ligne(commune);
  const e = ligne(epci);
  return indicateurs.map((i) => ({
    indicateur: i.libelle,
    commune: c ? num(c[i.id]) : null,
    communeSecret: c?.secret === true && num(c[i.id]) === null,
    epci: e ? num(e[i.id]) : null,
    epciSecret: e?.secret === true && num(e[i.id]) === null,
    ...(i.cible ? { cible: { valeur: i.cible.valeur, sens: i.cible.sens } } : {}),
  }));
}

/** Occupation rows (niveau_0…niveau_4 counts) of several zones → stacked shares; secret zones → null values. */
export function repartitionFragilite(
  zones: { nom: string; occupation: Ligne | null }[],
  niveaux: { niveau: number; libelle: string }[],
): { donnees: DonneeRepartition[]; modalites: string[]; libelles: Record<string, string> } {
  const modalites = niveaux.map((n) => `niveau_${n.niveau}`);
  const libelles = Object.fromEntries(niveaux.map((n) => [`niveau_${n.niveau}`, n.libelle]));
  const donnees: DonneeRepartition[] = [];
  for (const z of zones) {
    if (!z.occupation) continue;
    const secret = z.occupation.secret === true;
    for (const m of modalites) donnees.push({ serie: z.nom, modalite: m, valeur: secret ? null : num(z.occupation[m]) });
  }
  return { donnees, modalites, libelles };
}
