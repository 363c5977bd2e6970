// "En bref": the five figures a mayor asks about (stock, attributions, demand and wait,
// priority share, first-quartile share), each with one generated sentence comparing the
// zone with its EPCI. A share on fewer than 20 attributions pools the latest years of
// published (non-secret) counts until it reaches 20, and says which years; the EPCI's
// value is pooled over the same years. No verdict: the CIA's targets apply to the EPCI as
// a whole, so the EPCI's value and target are given beside the zone's.
import type { Ligne } from '../../model/db.ts';
import { retenu } from './retenu.ts';
import { nombre, pourcent } from '../../lib/format-fr.ts';
import { SANS_DONNEE, SECRET } from './mots.ts';
import { partOuEffectif, type Effectifs } from './petits-nombres.ts';

/** Counts of an indicator on one year's row (the catalogue's numerator and denominator), null when withheld or not computable. */
export type Compteur = (l: Ligne) => Effectifs | null;

const n = (l: Ligne | null | undefined, k: string): number | null => (typeof l?.[k] === 'number' ? (l[k] as number) : null);

export interface Part {
  numerateur: number;
  denominateur: number;
  annees: number[];
}

/** "2025", "2023-2025", "2021, 2023-2025" */
export function periode(annees: number[]): string {
  const a = [...annees].sort((x, y) => x - y);
  const plages: string[] = [];
  for (let i = 0; i < a.length; ) {
    let j = i;
    while (j + 1 < a.length && a[j + 1] === a[j]! + 1) j++;
    plages.push(i === j ? String(a[i]) : `${a[i]}-${a[j]}`);
    i = j + 1;
  }
  return plages.join(', ');
}

/**
 * The share on the latest year, or on the latest years pooled until the base reaches `seuil`
 * (years whose counts are withheld or not computable are skipped). null: nothing published.
 */
export function partCumulee(lignes: Ligne[], compter: Compteur, derniere: number | null, seuil: number): Part | null {
  const annuelles = lignes
    .filter((l) => l.periode === 'annee' && (derniere === null || Number(l.annee) <= derniere))
    .sort((a, b) => Number(b.annee) - Number(a.annee));
  let part: Part | null = null;
  for (const l of annuelles) {
    const c = compter(l);
    if (!c || c.numerateur === null || c.denominateur === null) continue;
    const { numerateur: x, denominateur: d } = c;
    part = part ? { numerateur: part.numerateur + x, denominateur: part.denominateur + d, annees: [...part.annees, Number(l.annee)] } : { numerateur: x, denominateur: d, annees: [Number(l.annee)] };
    if (part.denominateur >= seuil) break;
  }
  return part;
}

/** The same counts summed over the given years (the EPCI beside a pooled commune); null if one is missing. */
export function partSurAnnees(lignes: Ligne[], compter: Compteur, annees: number[]): Part | null {
  let x = 0;
  let d = 0;
  for (const a of annees) {
    const l = lignes.find((y) => y.periode === 'annee' && Number(y.annee) === a);
    const c = l ? compter(l) : null;
    if (!c || c.numerateur === null || c.denominateur === null) return null;
    x += c.numerateur;
    d += c.denominateur;
  }
  return { numerateur: x, denominateur: d, annees };
}

/** "37,5 %" on enough cases, "9 sur 11" below (src/site/lib/petits-nombres.ts); the shared words when nothing is shown. */
export function texteCourt(p: Part | null, secret: boolean, seuil: number): string {
  if (!p) return secret ? SECRET : SANS_DONNEE;
  if (p.denominateur === 0) return SANS_DONNEE;
  return partOuEffectif(p, seuil);
}

export interface Objectif {
  cible: number;
  sens: '>=' | '<=';
  /** as a reader knows it: "CIA du Sicoval, article 1, objectif 1" */
  source: string;
  /** the text itself (the territory's site.json) */
  lien?: string;
}

export interface ChiffreBref {
  id: 'parc' | 'attributions' | 'demande' | 'prioritaires' | 'premier-quartile';
  titre: string;
  valeur: string;
  /** what the value counts, after it ("logements sociaux au 1er janvier 2025") */
  unite: string;
  phrase: string;
  /** "#parc": the section that details it */
  ancre: string;
  /** the text that sets the target, linked */
  source?: { libelle: string; url: string };
  /** what this figure withholds ("attributions en 2025"): said once for the whole "En bref" (phraseRetenus) */
  retenu?: string;
}

/** The value shown for a withheld figure; the reason is said once below the figures. */
export const RETENU = '—';

export interface EntreeEnBref {
  nom: string;
  /** "Baziège" or "le territoire central sud": subject of the sentences */
  sujet: string;
  epci: string;
  millesime: number | null;
  derniereAnnee: number | null;
  zone: { parc: Ligne | null; attributions: Ligne[]; population: number | null };
  ref: { parc: Ligne | null; attributions: Ligne[]; population: number | null };
  /** demand rows (latest year) of the zone and the EPCI; null without a demand extract */
  demande: { zone: Ligne | null; ref: Ligne | null; annee: number } | null;
  objectifs: { a1?: Objectif; a5?: Objectif };
  /** counts of an indicator of the catalogue on a row (src/site/lib/verdict.ts) */
  compteur: (id: 'a1' | 'a5' | 'a5_hors_etudiants') => Compteur;
  /** below this many cases a share is "n sur d" (data/config, 20 by default) */
  petitEffectif: number;
}

const ratio = (a: number | null, b: number | null): number | null => (a !== null && b ? a / b : null);

function phraseObjectif(epci: string, o: Objectif | undefined): string {
  if (!o) return '';
  return ` Objectif pour l'ensemble du ${epci} : ${o.sens === '>=' ? 'au moins' : 'au plus'} ${pourcent(o.cible)}.`;
}

function chiffrePart(
  e: EntreeEnBref,
  id: 'prioritaires' | 'premier-quartile',
  indicateur: 'a1' | 'a5',
  titre: string,
  quoi: string,
  o: Objectif | undefined,
  complement: (annees: number[]) => string,
): ChiffreBref {
  const compter = e.compteur(indicateur);
  const seuil = e.petitEffectif;
  const p = partCumulee(e.zone.attributions, compter, e.derniereAnnee, seuil);
  // a withheld row, or a published row whose numerator or denominator is withheld (each count is a cell of the secret)
  const secret = e.zone.attributions.some((l) => {
    if (retenu(l)) return true;
    const c = l.periode === 'annee' ? compter(l) : null;
    return !!c && (c.numerateur === null || c.denominateur === null);
  });
  const valeur = texteCourt(p, secret, seuil);
  const annees = p?.annees ?? (e.derniereAnnee !== null ? [e.derniereAnnee] : []);
  const r = partSurAnnees(e.ref.attributions, compter, annees);
  const vr = r && r.denominateur > 0 ? pourcent(r.numerateur / r.denominateur) : SANS_DONNEE;
  let phrase: string;
  if (!p && secret) phrase = `Part non publiée ; ${e.epci} : ${vr}.`;
  else if (!p || p.denominateur === 0) phrase = `Aucune attribution publiée ici en ${periode(annees)}. ${e.epci} : ${vr}.`;
  else {
    const cumul = p.annees.length > 1 ? ` (une seule année compte trop peu d'attributions)` : '';
    phrase = `Sur ${periode(p.annees)}${cumul}. ${e.epci} : ${vr}${complement(p.annees)}.`;
  }
  const petit = !!p && p.denominateur > 0 && p.denominateur < seuil;
  return {
    id,
    titre,
    valeur: valeur === SECRET ? RETENU : valeur,
    ...(valeur === SECRET ? { retenu: `part des attributions ${quoi}` } : {}),
    unite: petit ? `attributions ${quoi}` : `des attributions ${quoi}`,
    phrase: phrase + phraseObjectif(e.epci, o),
    ancre: '#attributions',
    source: o?.lien ? { libelle: o.source, url: o.lien } : undefined,
  };
}

export function enBref(e: EntreeEnBref): ChiffreBref[] {
  const logements = n(e.zone.parc, 'logements') ?? 0;
  const logementsRef = n(e.ref.parc, 'logements');
  const partParc = ratio(logements, logementsRef);
  const partPop = ratio(e.zone.population, e.ref.population);
  const plai = n(e.zone.parc, 'part_plai_familial');
  const plaiRef = n(e.ref.parc, 'part_plai_familial');
  const parc: ChiffreBref = {
    id: 'parc',
    titre: 'Logements sociaux',
    valeur: nombre(logements),
    unite: `logements sociaux au 1er janvier ${e.millesime ?? ''}`.trim(),
    phrase:
      logements === 0
        ? `Aucun logement social recensé ; ${nombre(logementsRef)} dans le ${e.epci}.`
        : `${pourcent(partParc)} du parc social du ${e.epci}${partPop !== null ? `, qui compte ${pourcent(partPop)} de ses habitants ici` : ''}` +
          (plai !== null ? `. Logements très sociaux (PLAI) : ${pourcent(plai)} du parc familial (${e.epci} : ${pourcent(plaiRef)}).` : '.'),
    ancre: '#parc',
  };

  const derniere = e.derniereAnnee;
  const az = e.zone.attributions.find((l) => l.periode === 'annee' && l.annee === derniere) ?? null;
  const ar = e.ref.attributions.find((l) => l.periode === 'annee' && l.annee === derniere) ?? null;
  const nAttr = n(az, 'attributions');
  const nRef = n(ar, 'attributions');
  const secretAttr = retenu(az);
  const attributions: ChiffreBref = {
    id: 'attributions',
    titre: 'Attributions',
    // a withheld count may be above the threshold (secondary secret): no "fewer than n"
    valeur: secretAttr ? RETENU : nombre(nAttr ?? 0),
    ...(secretAttr ? { retenu: `nombre d'attributions en ${derniere ?? ''}`.trim() } : {}),
    unite: `attributions en ${derniere ?? ''}`.trim(),
    phrase: secretAttr
      ? `Nombre non publié ; ${nombre(nRef)} dans le ${e.epci}.`
      : !nAttr
        ? `Aucune attribution en ${derniere ?? ''} ; ${nombre(nRef)} dans le ${e.epci}.`
        : `${pourcent(ratio(nAttr ?? 0, nRef))} des attributions du ${e.epci} (${nombre(nRef)})${partParc !== null ? `, pour ${pourcent(partParc)} de son parc social` : ''}.`,
    ancre: '#attributions',
  };

  let demande: ChiffreBref;
  if (!e.demande) {
    demande = { id: 'demande', titre: 'Demande', valeur: SANS_DONNEE, unite: 'extrait de la demande non fourni', phrase: 'La demande de logement social sera publiée quand l’extrait du fichier partagé de la demande sera fourni.', ancre: '#demande' };
  } else {
    const dz = e.demande.zone;
    const dr = e.demande.ref;
    const nd = n(dz, 'demandeurs');
    // the shared demand file has no students: pressure without student residences where published
    const pression = n(dz, 'd3_hors_etudiants') ?? n(dz, 'd3');
    const pressionRef = n(dr, 'd3_hors_etudiants') ?? n(dr, 'd3');
    const attente = n(dz, 'd4');
    const attenteRef = n(dr, 'd4');
    const valeur = !dz ? '0' : nd === null ? RETENU : nombre(nd);
    const morceaux: string[] = [];
    morceaux.push(pression !== null ? `${nombre(pression, 1)} demandes pour une attribution (${e.epci} : ${nombre(pressionRef, 1)})` : `${e.epci} : ${nombre(pressionRef, 1)} demandes pour une attribution`);
    morceaux.push(
      attente !== null
        ? `attente moyenne des ménages logés en ${e.demande.annee} : ${nombre(attente, 1)} mois (${e.epci} : ${nombre(attenteRef, 1)})`
        : `attente moyenne des ménages logés : ${nombre(attenteRef, 1)} mois dans le ${e.epci}${dz ? ` (ici, trop peu de ménages logés pour la publier)` : ''}`,
    );
    demande = {
      id: 'demande',
      titre: 'Demande et attente',
      valeur,
      ...(dz && nd === null ? { retenu: `nombre de demandes actives fin ${e.demande.annee}` } : {}),
      unite: `demandes actives fin ${e.demande.annee}${e.sujet === e.nom ? ` avec ${e.nom} en premier choix` : ''}`,
      phrase: morceaux.map((m) => `${m.charAt(0).toUpperCase()}${m.slice(1)}.`).join(' '),
      ancre: '#demande',
    };
  }

  const prioritaires = chiffrePart(e, 'prioritaires', 'a1', 'Ménages prioritaires', 'à des ménages prioritaires', e.objectifs.a1, () => '');
  const q1 = chiffrePart(e, 'premier-quartile', 'a5', 'Ménages les plus modestes', 'à des ménages du 1er quartile', e.objectifs.a5, (annees) => {
    // students make most of the 1st quartile here: the share without them, on the same years
    const horsEtudiants = e.compteur('a5_hors_etudiants');
    const ref = partSurAnnees(e.ref.attributions, horsEtudiants, annees);
    const tous = partSurAnnees(e.ref.attributions, e.compteur('a5'), annees);
    if (!ref || !ref.denominateur || !tous || ref.denominateur === tous.denominateur) return '';
    const ici = partSurAnnees(e.zone.attributions, horsEtudiants, annees);
    return ` ; hors étudiants : ${pourcent(ref.numerateur / ref.denominateur)}${ici && ici.denominateur ? ` (ici : ${texteCourt(ici, false, e.petitEffectif)})` : ''}`;
  });
  return [parc, attributions, demande, prioritaires, q1];
}
