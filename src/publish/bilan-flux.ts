// R5 — bilan of each convention "en gestion en flux", for the réservataires' pages (docs/flux.md § Bilan):
// yearly objective (R3) with carry-over, achieved from the CALEOL decisions (private, aggregated here),
// priority households vs 25 % (R4) under statistical secrecy, and the bilan the bailleur declared
// (optional bilans_bailleurs.csv) side by side, with the differences flagged.
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Territoire } from '../config/territoire.ts';
import { lit, type Db } from '../model/db.ts';
import { TABLE_SECRET_FLUX } from '../confidentialite/cellules-publiees.ts';
import { calculerBilan, type BilanAnneeEntree, type BilanAnneeSortie, type ModeReport } from '../model/flux/bilan.ts';
import { formaterErreurBilan, lireBilansBailleurs, type BilanDeclare } from '../model/flux/bilans-bailleurs.ts';
import { calculerRealise, cle, type BailleurFlux, type RealiseAnnee, type ReservataireFlux } from '../model/flux/realise.sql.ts';
import { lireConventions, type ConventionPubliee } from './conventions.ts';

/** The bilan is measured on leases signed ("entrées dans les lieux"), as the HG convention's art. 7 counts them. */
export const MESURE_BILAN = 'baux_signes' as const;

export type CodeEcartBilan = 'ECART_ATTRIBUTIONS' | 'ECART_BAUX' | 'ECART_PRIORITAIRES' | 'BILAN_ABSENT';

/**
 * One year of a bilan, after statistical secrecy (null = withheld or not available). The counts
 * are cells of the secret with every other published count (secret-bilan-flux below): a count
 * withheld empties what is computed from it — the realised figure, its gap, its rate, the
 * carry-over, and from then on the next years' objectives, which carry it.
 */
export interface BilanAnneePublie {
  annee: number;
  /** Year of the Annexe 1 giving this year's flux. */
  annee_convention: number;
  flux: number;
  report_entrant: number | null;
  objectif: number | null;
  realise: number | null;
  ecart: number | null;
  taux_atteinte: number | null;
  manque_justifie: number;
  report_sortant: number | null;
  attributions: number | null;
  baux_signes: number | null;
  /** Priority households among the attributions; null when secret (fewer attributions than the threshold). */
  prioritaires: number | null;
  part_prioritaires: number | null;
  prioritaires_atteint: boolean | null;
  secret_prioritaires: boolean;
  /** some figure of the year is withheld by the statistical secret */
  retenu?: boolean;
  /** the count before any secret, for the secret's table only: not enumerable, never in pages.json */
  prioritairesBruts?: number;
  /** The bailleur's declared bilan for this year, recomputed with the same objective; null if none. */
  declare: null | {
    mises_a_disposition: number;
    attributions: number | null;
    baux_signes: number | null;
    prioritaires: number | null;
    secret_prioritaires: boolean;
    manque_justifie: number;
    report_entrant: number | null;
    objectif: number | null;
    realise: number | null;
    ecart: number | null;
    taux_atteinte: number | null;
    report_sortant: number | null;
    source: string;
    ligne: number;
    prioritairesBruts?: number;
  };
  ecarts: { code: CodeEcartBilan; message: string }[];
}

export interface BilanFluxPublie {
  reservataire: string;
  bailleur: string;
  modele: string;
  report: ModeReport;
  mesure: typeof MESURE_BILAN;
  /** "1 logement tous les N ans" of the latest Annexe 1, null when its yearly objective is ≥ 1. */
  periode_annees: number | null;
  source: string;
  /** The data start after the first Annexe 1: the carry-over of the earlier years is unknown (counted 0). */
  debut_partiel: boolean;
  premiere_annee_convention: number;
  annees: BilanAnneePublie[];
}

export interface ResultatBilansFlux {
  bilans: BilanFluxPublie[];
  /** Years of the CALEOL decisions export. */
  annees_decisions: number[];
  /** Threshold of the secret applied to "dont prioritaires" (households). */
  seuil_secret: number;
  fichier_declares: string | null;
  lignes_declarees: number;
  /** Rejected rows of the declared file, in French with file, line, column, expected. */
  erreurs: string[];
}

/** "dont prioritaires" of a cell with fewer attributions than `seuil` designates almost one household: secret. */
export function secretPrioritaires(attributions: number, seuil: number): boolean {
  return attributions < seuil;
}

const paire = (r: string, b: string) => `${cle(r)}\u0000${cle(b)}`;

export interface EntreesBilans {
  conventions: readonly Pick<ConventionPubliee, 'reservataire' | 'bailleur' | 'annee' | 'modele' | 'fluxObjectif' | 'periodeAnnees' | 'source'>[];
  realise: readonly RealiseAnnee[];
  annees_decisions: readonly number[];
  declares: readonly BilanDeclare[];
  /** bailleur name as written → convention bailleur (spellings of bailleurs.csv) */
  bailleurDe?: (nom: string) => string;
  seuil: number;
  fichier?: string;
}

/** Pure assembly: one bilan per réservataire × bailleur with a convention, for the years the data cover from its first Annexe 1 on. */
export function assemblerBilans(e: EntreesBilans): { bilans: BilanFluxPublie[]; erreurs: string[] } {
  const fichier = e.fichier ?? 'bilans_bailleurs.csv';
  const conventionsParPaire = new Map<string, EntreesBilans['conventions'][number][]>();
  for (const c of e.conventions) {
    const k = paire(c.reservataire, c.bailleur);
    conventionsParPaire.set(k, [...(conventionsParPaire.get(k) ?? []), c]);
  }
  const realise = new Map(e.realise.map((r) => [`${paire(r.reservataire, r.bailleur)}\u0000${r.annee}`, r]));
  const declares = new Map<string, BilanDeclare>();
  /** declared rows per pair */
  const declaresDe = new Map<string, BilanDeclare[]>();
  const erreurs: string[] = [];
  for (const d of e.declares) {
    const k = paire(d.reservataire, e.bailleurDe ? e.bailleurDe(d.bailleur) : d.bailleur);
    if (!conventionsParPaire.has(k)) {
      erreurs.push(`${fichier}, ligne ${d.ligne} : ${d.reservataire} × ${d.bailleur} — attendu : un réservataire et un bailleur d’une convention de conventions_annexe1.csv (ligne non rattachée)`);
      continue;
    }
    const deja = declares.get(`${k}\u0000${d.annee}`);
    if (deja) {
      erreurs.push(`${fichier}, ligne ${d.ligne}, colonne 3 (annee) : valeur « ${d.annee} » — attendu : une seule ligne par réservataire × bailleur × année (déjà donnée ligne ${deja.ligne} : « ${deja.bailleur} » et « ${d.bailleur} » désignent le même bailleur)`);
      continue;
    }
    declares.set(`${k}\u0000${d.annee}`, d);
    declaresDe.set(k, [...(declaresDe.get(k) ?? []), d]);
  }
  const bilans: BilanFluxPublie[] = [];
  for (const [k, convs] of conventionsParPaire) {
    const triees = [...convs].sort((a, b) => a.annee - b.annee);
    const premiere = triees[0]!;
    const derniere = triees[triees.length - 1]!;
    // only years some data covers: a year outside the export is unknown, not 0
    const anneesDonnees = [...new Set([...e.annees_decisions, ...(declaresDe.get(k) ?? []).map((d) => d.annee)])]
      .filter((a) => a >= premiere.annee)
      .sort((a, b) => a - b);
    for (const d of declaresDe.get(k) ?? []) {
      if (d.annee < premiere.annee) {
        erreurs.push(`${fichier}, ligne ${d.ligne}, colonne 3 (annee) : valeur « ${d.annee} » — attendu : une année couverte par une annexe 1 (à partir de ${premiere.annee} pour ${premiere.reservataire} × ${premiere.bailleur})`);
      }
    }
    const report: ModeReport = premiere.modele === 'BdR' ? 'BdR' : 'HG';
    const entrees: BilanAnneeEntree[] = [];
    const entreesDeclarees: BilanAnneeEntree[] = [];
    const conventionDe = new Map<number, number>();
    for (const annee of anneesDonnees) {
      // the Annexe 1 in force: the latest one of this year or before
      const c = [...triees].reverse().find((x) => x.annee <= annee)!;
      conventionDe.set(annee, c.annee);
      const r = realise.get(`${k}\u0000${annee}`);
      const d = declares.get(`${k}\u0000${annee}`);
      const base = { reservataire: premiere.reservataire, bailleur: premiere.bailleur, annee, flux: c.fluxObjectif };
      // a shortfall the bailleur justifies is not carried over, in the recomputed bilan too
      entrees.push({ ...base, mises_a_disposition: d?.mises_a_disposition ?? 0, attributions: r?.attributions ?? 0, baux_signes: r?.baux_signes ?? 0, prioritaires: r?.prioritaires ?? 0, manque_justifie: d?.manque_justifie ?? 0 });
      if (d) entreesDeclarees.push({ ...base, mises_a_disposition: d.mises_a_disposition, attributions: d.attributions, baux_signes: d.baux_signes, prioritaires: d.prioritaires, manque_justifie: d.manque_justifie });
    }
    const recalcule = calculerBilan(entrees, { report, mesure: MESURE_BILAN });
    const declareCalcule = new Map<number, BilanAnneeSortie>(calculerBilan(entreesDeclarees, { report, mesure: MESURE_BILAN }).map((x) => [x.annee, x]));
    bilans.push({
      reservataire: premiere.reservataire,
      bailleur: premiere.bailleur,
      modele: premiere.modele,
      report,
      mesure: MESURE_BILAN,
      // only a fractional objective (rule PERIOD) reads as "1 logement tous les N ans"; MIN1 gives at least 1 a year
      periode_annees: derniere.fluxObjectif < 1 ? derniere.periodeAnnees : null,
      debut_partiel: anneesDonnees.length > 0 && anneesDonnees[0]! > premiere.annee,
      premiere_annee_convention: premiere.annee,
      source: derniere.source,
      annees: recalcule.map((b) => publierAnnee(b, conventionDe.get(b.annee)!, declares.get(`${k}\u0000${b.annee}`) ?? null, declareCalcule.get(b.annee) ?? null, e.seuil, e.declares.length > 0)),
    });
  }
  bilans.sort((a, b) => a.reservataire.localeCompare(b.reservataire, 'fr') || a.bailleur.localeCompare(b.bailleur, 'fr'));
  return { bilans, erreurs };
}

function publierAnnee(b: BilanAnneeSortie, anneeConvention: number, d: BilanDeclare | null, dc: BilanAnneeSortie | null, seuil: number, fichierFourni: boolean): BilanAnneePublie {
  const secret = secretPrioritaires(b.attributions, seuil);
  const ecarts: BilanAnneePublie['ecarts'] = [];
  let declare: BilanAnneePublie['declare'] = null;
  if (d && dc) {
    const secretD = secretPrioritaires(d.attributions, seuil);
    declare = {
      mises_a_disposition: d.mises_a_disposition,
      attributions: d.attributions,
      baux_signes: d.baux_signes,
      prioritaires: secretD ? null : d.prioritaires,
      secret_prioritaires: secretD,
      manque_justifie: d.manque_justifie,
      report_entrant: dc.report_entrant,
      objectif: dc.objectif,
      realise: dc.realise,
      ecart: dc.ecart,
      taux_atteinte: dc.taux_atteinte,
      report_sortant: dc.report_sortant,
      source: d.source,
      ligne: d.ligne,
    };
    cache(declare, d.prioritaires);
    if (d.attributions !== b.attributions) {
      ecarts.push({ code: 'ECART_ATTRIBUTIONS', message: `le bailleur déclare ${d.attributions} attribution(s), les décisions de CALEOL en comptent ${b.attributions}` });
    }
    if (d.baux_signes !== b.baux_signes) {
      ecarts.push({ code: 'ECART_BAUX', message: `le bailleur déclare ${d.baux_signes} bail(baux) signé(s), les exports en comptent ${b.baux_signes}` });
    }
    // under the secret, even "they differ" would say something about one household: no flag
    if (!secret && !secretD && d.prioritaires !== b.prioritaires) {
      ecarts.push({ code: 'ECART_PRIORITAIRES', message: `le bailleur déclare ${d.prioritaires} ménage(s) prioritaire(s), les décisions en comptent ${b.prioritaires}` });
    }
  } else if (fichierFourni) {
    ecarts.push({ code: 'BILAN_ABSENT', message: `aucun bilan déclaré par le bailleur pour ${b.annee}` });
  }
  return cache({
    annee: b.annee,
    annee_convention: anneeConvention,
    flux: b.flux,
    report_entrant: b.report_entrant,
    objectif: b.objectif,
    realise: b.realise,
    ecart: b.ecart,
    taux_atteinte: b.taux_atteinte,
    manque_justifie: b.manque_justifie,
    report_sortant: b.report_sortant,
    attributions: b.attributions,
    baux_signes: b.baux_signes,
    prioritaires: secret ? null : b.prioritaires,
    part_prioritaires: secret ? null : b.part_prioritaires,
    prioritaires_atteint: secret ? null : b.prioritaires_atteint,
    secret_prioritaires: secret,
    declare,
    ecarts,
  }, b.prioritaires);
}

/** Keeps the count before any secret on the object for the secret's table, out of JSON (not enumerable). */
function cache<T extends object>(o: T, prioritaires: number): T {
  Object.defineProperty(o, 'prioritairesBruts', { value: prioritaires, enumerable: false, configurable: true, writable: true });
  return o;
}

/** Where the declared bilans are looked for: the exports folder first, then the territory's folder. */
export function fichierBilansDeclares(t: Pick<Territoire, 'dossier' | 'dossierEntrees'>): string | null {
  for (const f of [join(t.dossierEntrees, 'bilans_bailleurs.csv'), join(t.dossier, 'bilans_bailleurs.csv')]) if (existsSync(f)) return f;
  return null;
}

/** Correspondences of the territory: réservataire name → commune; bailleur → its spellings. */
function correspondances(t: Territoire, conventions: readonly ConventionPubliee[]): { reservataires: ReservataireFlux[]; bailleurs: BailleurFlux[]; bailleurDe: (n: string) => string } {
  const reservataires = [...new Set(conventions.map((c) => c.reservataire))].map((reservataire) => {
    const commune = t.communes.find((c) => cle(`Commune de ${c.nom}`) === cle(reservataire) || cle(`Commune d'${c.nom}`) === cle(reservataire));
    return { reservataire, code_insee: commune?.code ?? null, nom_commune: commune?.nom ?? null };
  });
  const bailleurs = [...new Set(conventions.map((c) => c.bailleur))].map((bailleur) => {
    const connu = t.bailleurs.find((b) => [b.nom, ...b.variantes].some((n) => cle(n) === cle(bailleur)));
    return { bailleur, variantes: connu ? [connu.nom, ...connu.variantes] : [] };
  });
  const bailleurDe = (n: string) => bailleurs.find((b) => [b.bailleur, ...b.variantes].some((x) => cle(x) === cle(n)))?.bailleur ?? n;
  return { reservataires, bailleurs, bailleurDe };
}

/** Pipeline step: reads the conventions and the declared bilans, counts the achieved on the private decisions table. */
export async function calculerBilansFlux(db: Db, t: Territoire): Promise<ResultatBilansFlux> {
  const { conventions } = await lireConventions(t);
  const vide: ResultatBilansFlux = { bilans: [], annees_decisions: [], seuil_secret: t.secret.menagesOpsMin, fichier_declares: null, lignes_declarees: 0, erreurs: [] };
  if (conventions.length === 0) return vide;
  const { reservataires, bailleurs, bailleurDe } = correspondances(t, conventions);
  const { realise, annees } = await calculerRealise(db, reservataires, bailleurs);
  const chemin = fichierBilansDeclares(t);
  let declares: BilanDeclare[] = [];
  const erreurs: string[] = [];
  const nom = chemin ? basename(chemin) : 'bilans_bailleurs.csv';
  if (chemin) {
    const lecture = lireBilansBailleurs(readFileSync(chemin));
    if (!lecture.ok) erreurs.push(formaterErreurBilan(nom, lecture.erreur));
    else {
      declares = lecture.bilans;
      erreurs.push(...lecture.erreurs.map((x) => formaterErreurBilan(nom, x)));
    }
  }
  const r = assemblerBilans({ conventions, realise, annees_decisions: annees, declares, bailleurDe, seuil: t.secret.menagesOpsMin, fichier: nom });
  return { ...vide, bilans: r.bilans, annees_decisions: annees, fichier_declares: chemin ? nom : null, lignes_declarees: declares.length, erreurs: [...erreurs, ...r.erreurs] };
}


/** Writes the bilans' counts as a table the secret reads with every other published count (src/confidentialite/cellules-publiees.ts). */
export async function ecrireCellulesBilanFlux(db: Db, r: ResultatBilansFlux, siren: string): Promise<void> {
  await db.exec(`CREATE OR REPLACE TABLE ${TABLE_SECRET_FLUX} (annee INTEGER, niveau VARCHAR, code VARCHAR, parent VARCHAR, reservataire VARCHAR, bailleur VARCHAR,
    attributions INTEGER, baux_signes INTEGER, prioritaires INTEGER, declare_attributions INTEGER, declare_baux_signes INTEGER, declare_prioritaires INTEGER)`);
  const lignes = r.bilans.flatMap((b) =>
    b.annees.map((a) => `(${a.annee}, 'epci', ${lit(siren)}, NULL, ${lit(b.reservataire)}, ${lit(b.bailleur)}, ${a.attributions}, ${a.baux_signes}, ${a.prioritairesBruts ?? 0}, ${a.declare?.attributions ?? 0}, ${a.declare?.baux_signes ?? 0}, ${a.declare?.prioritairesBruts ?? 0})`),
  );
  for (let i = 0; i < lignes.length; i += 500) await db.exec(`INSERT INTO ${TABLE_SECRET_FLUX} VALUES ${lignes.slice(i, i + 500).join(', ')}`);
}

/**
 * The bilans as published: each count the secret withheld is emptied, with what is computed from it
 * (that year's realised figure, gap, rate and carry-over, and the later years' objectives, which carry
 * it); a gap between the bailleur's figure and the exports is not flagged when either is withheld.
 */
export async function appliquerSecretBilanFlux(db: Db, r: ResultatBilansFlux): Promise<ResultatBilansFlux> {
  const masques = new Map<string, Record<string, boolean>>();
  const existe = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = ${lit(TABLE_SECRET_FLUX)}`);
  if (existe.length > 0) {
    for (const l of await db.query(`SELECT * FROM ${TABLE_SECRET_FLUX}`)) {
      const m: Record<string, boolean> = {};
      // the exports' count and the bailleur's are withheld together (twins of the secret; a zero twin stays known to it)
      for (const c of ['attributions', 'baux_signes', 'prioritaires']) m[c] = m[`declare_${c}`] = l[c] === null || l[`declare_${c}`] === null;
      masques.set(`${l.reservataire}\u0000${l.bailleur}\u0000${l.annee}`, m);
    }
  }
  const bilans = r.bilans.map((b) => {
    let chaineRetenue = false;
    let chaineDeclareeRetenue = false;
    const annees = b.annees.map((a) => {
      const m = masques.get(`${b.reservataire}\u0000${b.bailleur}\u0000${a.annee}`) ?? {};
      const realiseRetenu = !!m[MESURE_BILAN];
      const x: BilanAnneePublie = { ...a, ecarts: [...a.ecarts] }; // the spread leaves the hidden raw count behind
      if (m.attributions) x.attributions = null;
      if (m.baux_signes) x.baux_signes = null;
      if (m.prioritaires || m.attributions) Object.assign(x, { prioritaires: null, part_prioritaires: null, prioritaires_atteint: null, secret_prioritaires: true });
      // the objective carries the previous years' carry-over: once a realised figure is withheld, every later objective is
      if (chaineRetenue) Object.assign(x, { report_entrant: null, objectif: null });
      if (realiseRetenu || chaineRetenue) Object.assign(x, { ecart: null, taux_atteinte: null, report_sortant: null });
      if (realiseRetenu) x.realise = null;
      chaineRetenue ||= realiseRetenu;
      if (x.declare) {
        const d = { ...x.declare };
        const dRetenu = !!m[`declare_${MESURE_BILAN}`];
        if (m.declare_attributions) d.attributions = null;
        if (m.declare_baux_signes) d.baux_signes = null;
        if (m.declare_prioritaires || m.declare_attributions) Object.assign(d, { prioritaires: null, secret_prioritaires: true });
        if (chaineDeclareeRetenue) Object.assign(d, { report_entrant: null, objectif: null });
        if (dRetenu || chaineDeclareeRetenue) Object.assign(d, { ecart: null, taux_atteinte: null, report_sortant: null });
        if (dRetenu) d.realise = null;
        chaineDeclareeRetenue ||= dRetenu;
        x.declare = d;
      }
      // « the bailleur declares 3, the exports count 2 » would print two withheld counts
      const retenus = { ECART_ATTRIBUTIONS: m.attributions || m.declare_attributions, ECART_BAUX: m.baux_signes || m.declare_baux_signes, ECART_PRIORITAIRES: m.prioritaires || m.declare_prioritaires || m.attributions || m.declare_attributions };
      x.ecarts = x.ecarts.filter((e) => !(retenus as Record<string, boolean | undefined>)[e.code]);
      x.retenu = Object.values(m).some(Boolean) || chaineRetenue;
      return x;
    });
    return { ...b, annees };
  });
  await db.exec(`DROP TABLE IF EXISTS ${TABLE_SECRET_FLUX}`);
  return { ...r, bilans };
}
