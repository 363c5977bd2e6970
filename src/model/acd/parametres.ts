// ACD parameters (data/config/acd.json), checked. Browser-safe: no file access here;
// the build reads the file with chargerParametresAcd() (config-node.ts), the site can
// import the JSON and pass it through lireParametresAcd().

export const FINANCEMENTS = ['PLAI', 'PLUS', 'PLS', 'PLI', 'Avant 1977', 'Autre'] as const;
export type Financement = (typeof FINANCEMENTS)[number];

export type NiveauArrondi = 'aucun' | 'commune' | 'bailleur';
export type ModeArrondi = 'plus_proche' | 'inferieur' | 'superieur';

export interface ParametresAcd {
  annees: number[];
  /** weight of each financing class in the eligible stock (PLAI/PLUS 1, PLS 0,10…) */
  ponderationFinancement: Record<Financement, number>;
  typesLogementExclus: string[];
  /** tension rate per zone code 1-4 */
  tauxParZone: Record<string, number>;
  facteurQpv: number;
  classesRotationPct: number[];
  classeRotationParDefautPct: number | null;
  /** apply the financing weights (10 % of PLS) to deliveries too */
  ponderationLivraisons: boolean;
  arrondi: { niveau: NiveauArrondi; mode: ModeArrondi };
  cibleB: number;
  dalo: { coefficientNouveaux: number; tolerance: number };
  toleranceRapprochement: number;
  sources: Record<string, string>;
}

function nombre(v: unknown, ou: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new Error(`data/config/acd.json : ${ou} doit être un nombre positif, lu « ${String(v)} »`);
  return v;
}

function objet(v: unknown, ou: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`data/config/acd.json : ${ou} manquant`);
  return v as Record<string, unknown>;
}

/** Checks the parsed JSON of data/config/acd.json and returns typed parameters. */
export function lireParametresAcd(json: unknown): ParametresAcd {
  const j = objet(json, 'racine');
  const periode = objet(j.periode, 'periode');
  const elig = objet(j.eligibilite, 'eligibilite');
  const pond = objet(elig.ponderation_financement, 'eligibilite.ponderation_financement');
  const tension = objet(j.tension, 'tension');
  const zones = objet(tension.taux_par_zone, 'tension.taux_par_zone');
  const qpv = objet(j.qpv, 'qpv');
  const rot = objet(j.rotation, 'rotation');
  const livr = objet(j.livraisons, 'livraisons');
  const arr = objet(j.arrondi, 'arrondi');
  const ev = objet(j.evaluation, 'evaluation');
  const dalo = objet(j.dalo, 'dalo');
  const rap = objet(j.rapprochement, 'rapprochement');

  const ponderationFinancement = Object.fromEntries(
    FINANCEMENTS.map((f) => [f, nombre(pond[f], `eligibilite.ponderation_financement.${f}`)]),
  ) as Record<Financement, number>;
  for (const [f, w] of Object.entries(ponderationFinancement)) {
    if (w > 1) throw new Error(`data/config/acd.json : pondération ${f} = ${w} > 1`);
  }
  const tauxParZone: Record<string, number> = {};
  for (const [z, v] of Object.entries(zones)) {
    if (!/^\d+$/.test(z)) throw new Error(`data/config/acd.json : zone de tension « ${z} » invalide`);
    tauxParZone[z] = nombre(v, `tension.taux_par_zone.${z}`);
  }
  const niveau = arr.niveau;
  if (niveau !== 'aucun' && niveau !== 'commune' && niveau !== 'bailleur') throw new Error(`data/config/acd.json : arrondi.niveau « ${String(niveau)} » inconnu (aucun, commune, bailleur)`);
  const mode = arr.mode;
  if (mode !== 'plus_proche' && mode !== 'inferieur' && mode !== 'superieur') throw new Error(`data/config/acd.json : arrondi.mode « ${String(mode)} » inconnu (plus_proche, inferieur, superieur)`);
  const annees = Array.isArray(periode.annees) ? periode.annees.map((a, i) => nombre(a, `periode.annees[${i}]`)) : [];
  if (!annees.length) throw new Error('data/config/acd.json : periode.annees vide');
  const classes = Array.isArray(rot.classes_pct) ? rot.classes_pct.map((a, i) => nombre(a, `rotation.classes_pct[${i}]`)) : [];
  const src = (o: Record<string, unknown>) => (typeof o.source === 'string' ? o.source : '');
  return {
    annees,
    ponderationFinancement,
    typesLogementExclus: Array.isArray(elig.types_logement_exclus) ? elig.types_logement_exclus.map(String) : [],
    tauxParZone,
    facteurQpv: nombre(qpv.facteur, 'qpv.facteur'),
    classesRotationPct: classes,
    classeRotationParDefautPct: rot.classe_par_defaut_pct === null || rot.classe_par_defaut_pct === undefined ? null : nombre(rot.classe_par_defaut_pct, 'rotation.classe_par_defaut_pct'),
    ponderationLivraisons: livr.ponderation_financement_appliquee !== false,
    arrondi: { niveau, mode },
    cibleB: nombre(ev.cible_b, 'evaluation.cible_b'),
    dalo: { coefficientNouveaux: nombre(dalo.coefficient_nouveaux, 'dalo.coefficient_nouveaux'), tolerance: nombre(dalo.tolerance, 'dalo.tolerance') },
    toleranceRapprochement: nombre(rap.tolerance, 'rapprochement.tolerance'),
    sources: {
      general: typeof j.source === 'string' ? j.source : '',
      periode: src(periode),
      eligibilite: src(elig),
      tension: src(tension),
      qpv: src(qpv),
      rotation: src(rot),
      livraisons: src(livr),
      arrondi: src(arr),
      evaluation: src(ev),
      dalo: src(dalo),
      rapprochement: src(rap),
    },
  };
}

/** Rounding of a non-negative number as a SQL expression (0,5 goes up for 'plus_proche'). */
export function sqlArrondi(expr: string, mode: ModeArrondi): string {
  // round(…, 9) first: 2,5 computed as 2,4999999999 must still round up
  const x = `round(${expr}, 9)`;
  if (mode === 'inferieur') return `floor(${x})`;
  if (mode === 'superieur') return `ceil(${x})`;
  return `floor(${x} + 0.5)`;
}

/** Same rounding in JS (pure functions, DALO). */
export function arrondir(x: number, mode: ModeArrondi = 'plus_proche'): number {
  const v = Math.round(x * 1e9) / 1e9;
  if (mode === 'inferieur') return Math.floor(v);
  if (mode === 'superieur') return Math.ceil(v);
  return Math.floor(v + 0.5);
}
