// Output of `npm run flux`: JSON rows and the French text table.
import { formatNombre, formatPourcent } from './nombres.ts';
import type { CodeDrapeau, Modele, RegleArrondi, ResultatConvention } from './types.ts';

/** One row of `npm run flux -- FILE --json`. */
export interface LigneJson {
  reservataire: string;
  bailleur: string;
  annee: number;
  modele: Modele;
  /** R2: R/E (HG) or i (BdR), fraction. */
  part: number;
  /** R3 raw: R × τ (HG) or j (BdR). */
  flux_brut: number;
  /** Per the rounding rule; null for PERIOD / NONE. */
  flux_contractuel: number | null;
  /** R4: 0,25 × flux_brut. */
  prioritaires_brut: number;
  /** round(1/flux_brut) when 0 < flux_brut < 1, else null. */
  periode_annees: number | null;
  drapeaux: CodeDrapeau[];
  // Traceability (beyond the required fields).
  ligne: number;
  arrondi: RegleArrondi;
  valeur_imprimee: string | null;
  source: string;
}

export function versJson(r: ResultatConvention, ligne: number): LigneJson {
  return {
    reservataire: r.reservataire,
    bailleur: r.bailleur,
    annee: r.annee,
    modele: r.modele,
    part: r.part,
    flux_brut: r.flux_brut,
    flux_contractuel: r.flux_contractuel,
    prioritaires_brut: r.prioritaires_brut,
    periode_annees: r.periode_annees,
    drapeaux: r.drapeaux.map((d) => d.code),
    ligne,
    arrondi: r.arrondi,
    valeur_imprimee: r.flux_imprime?.texte ?? null,
    source: r.source,
  };
}

/** "1" (MIN1), "1 logement tous les 16 ans" (PERIOD), "—" (NONE, or no period). */
export function libelleContractuel(r: ResultatConvention): string {
  if (r.flux_contractuel !== null) return String(r.flux_contractuel);
  if (r.arrondi === 'PERIOD' && r.periode_annees !== null) return `1 logement tous les ${r.periode_annees} ans`;
  if (r.arrondi === 'PERIOD') return formatNombre(r.flux_brut, 3);
  return '—';
}

interface ColonneTable {
  titre: string;
  droite?: boolean;
}

const COLONNES: ColonneTable[] = [
  { titre: 'Réservataire' },
  { titre: 'Bailleur' },
  { titre: 'Année' },
  { titre: 'Modèle' },
  { titre: 'Part', droite: true },
  { titre: 'Flux brut', droite: true },
  { titre: 'Imprimé' },
  { titre: 'Flux contractuel' },
  { titre: 'Dont prioritaires', droite: true },
  { titre: 'Drapeaux' },
];

const largeur = (s: string): number => [...s].length;
const caler = (s: string, n: number, droite = false): string =>
  droite ? ' '.repeat(n - largeur(s)) + s : s + ' '.repeat(n - largeur(s));

export interface ResultatLigne {
  ligne: number;
  resultat: ResultatConvention;
}

/** French table, then the explanation of every flag. */
export function tableau(resultats: readonly ResultatLigne[]): string {
  const lignes = resultats.map(({ resultat: r }) => [
    r.reservataire,
    r.bailleur,
    String(r.annee),
    r.modele,
    formatPourcent(r.part),
    formatNombre(r.flux_brut, 3),
    r.flux_imprime?.texte ?? '(vide)',
    libelleContractuel(r),
    formatNombre(r.prioritaires_brut, 3),
    r.drapeaux.length === 0 ? '—' : r.drapeaux.map((d) => d.code).join(', '),
  ]);
  const largeurs = COLONNES.map((c, k) => Math.max(largeur(c.titre), ...lignes.map((l) => largeur(l[k] ?? ''))));
  const rendre = (cells: string[]): string =>
    cells.map((c, k) => caler(c, largeurs[k] ?? 0, COLONNES[k]?.droite)).join('  ').trimEnd();
  const sortie = [
    rendre(COLONNES.map((c) => c.titre)),
    largeurs.map((n) => '─'.repeat(n)).join('  '),
    ...lignes.map(rendre),
  ];
  const details = resultats.flatMap(({ ligne, resultat: r }) =>
    r.drapeaux.map((d) => `  ligne ${ligne} (${r.reservataire} × ${r.bailleur}, ${r.annee}) ${d.code} : ${d.message}`),
  );
  if (details.length > 0) sortie.push('', 'Drapeaux :', ...details);
  return sortie.join('\n');
}
