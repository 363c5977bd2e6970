// Synthetic extract of the shared demand file (SNE / Imhoweb), at 31 December of
// the last attribution year, coherent with the synthetic CALEOL decisions it is
// built from (read back from the written attribution file):
//  - every non-student candidate of the decisions is a demand with the same number,
//    filed in the month its number encodes; a signed lease makes it "attribuee" on
//    the commission date (D4), otherwise it stays active (or is radiated);
//  - demands never examined fill the stock of each territoire d'équilibre up to the
//    CIA's figure (fiches territoriales: demandeurs 2024, of which priority, household
//    types), other years keeping the same pressure; groups without a figure get a
//    pressure of PRESSION_PAR_DEFAUT demands per attribution (CIA diagnostic: 10).
// Students are left out: student residences are let outside the shared demand file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dateDuJour, dateFr, decimal, FichierCsv, jour, lireCsv } from './csv.ts';
import { repartir } from './quotas.ts';
import { Alea, brouilleur } from './random.ts';
import type { Poids } from './synthese.ts';
import type { Territoire } from './territoire.ts';

export const COLONNES_DEMANDES = [
  'num_unique', 'date_depot', 'date_renouvellement', 'statut', 'date_sortie', 'commune_1er_choix', 'communes_suivantes',
  'typologie_demandee', 'age_demandeur', 'composition', 'nb_personnes', 'situation_pro', 'logement_actuel', 'motif_principal',
  'prioritaire', 'mutation', 'ressources_mensuelles',
] as const;

/** CIA du Sicoval, diagnostic: about ten active demands per attribution (D3). */
export const PRESSION_PAR_DEFAUT = 10;
/** Priority demands among all demands where the CIA gives no figure (fiches: about 10 %). */
const PART_PRIORITAIRES_PAR_DEFAUT = 0.1;
/**
 * Share of the candidates not served whose demand was radiated afterwards (not renewed, housed elsewhere): hypothesis.
 * Each full year between their commission and the extraction divides those still active by four (half-life of
 * six months: housed after another commission or not renewed; hypothesis), so that the candidates of a five-year
 * history do not pile up in the stock. Radiated demands leave within the year after their commission.
 */
const PART_CANDIDATS_RADIES = 0.15;
/** Yearly growth of the stock of demands around the year of the CIA's fiches (hypothesis: demand keeps rising). */
const CROISSANCE_DEMANDE_ANNUELLE = 0.04;
const DEMI_VIE_CANDIDATS_ANS = 0.5;
/** Months between filing and the observation date of demands never examined: exponential, mean and cap (hypothesis). */
const ANCIENNETE_MOIS = { moyenne: 20, max: 96 };

const LOGEMENT_ACTUEL: Poids = {
  'locataire du parc privé': 30,
  'locataire du parc social': 28,
  'chez ses parents ou ses enfants': 14,
  'hébergé chez un tiers': 10,
  "structure d'hébergement": 5,
  'sans logement ou habitat précaire': 3,
  'propriétaire occupant': 3,
  'autre': 7,
};
const MOTIFS: Poids = {
  'logement trop petit': 18,
  'logement trop cher': 16,
  'sans logement propre': 15,
  'divorce, séparation': 10,
  'logement inadapté ou indécent': 8,
  'rapprochement du lieu de travail': 8,
  'raisons de santé ou handicap': 7,
  'logement trop grand': 4,
  "procédure d'expulsion": 3,
  'autre motif': 11,
};
const SITUATIONS: Poids = {
  'CDI ou fonctionnaire': 35,
  'CDD, intérim': 18,
  chômage: 18,
  'sans activité': 12,
  'artisan, commerçant, profession libérale': 4,
  apprenti: 3,
  étudiant: 2,
};
const COMPOSITIONS_DEFAUT: Poids = { 'personne seule': 43, 'couple sans enfant': 10, 'couple avec enfant(s)': 20, 'famille monoparentale': 24, autre: 3 };
const PERSONNES: Record<string, Poids> = {
  'couple avec enfant(s)': { 3: 45, 4: 35, 5: 15, 6: 5 },
  'famille monoparentale': { 2: 50, 3: 32, 4: 13, 5: 5 },
  autre: { 2: 70, 3: 30 },
};
const TYPOLOGIE_PAR_PERSONNES: Record<number, Poids> = {
  1: { T1: 30, T2: 60, T3: 10 },
  2: { T2: 60, T3: 40 },
  3: { T3: 75, T4: 25 },
  4: { T3: 10, T4: 80, T5: 10 },
  5: { T4: 30, T5: 70 },
};

interface Demande {
  numero: string;
  depot: number;
  statut: 'active' | 'attribuee' | 'radiee';
  sortie: number | null;
  commune: string;
  typologie: string;
  age: number;
  composition: string;
  personnes: number;
  situation: string;
  logement: string;
  prioritaire: boolean;
  mutation: boolean;
  ressources: number;
}

interface Groupe {
  cle: string;
  communes: { code: string; population: number }[];
  /** Non-student rank-1 attributions per year. */
  attributions: Map<number, number>;
  /** From the CIA fiche: demands of its year, share of priority ones, household types. */
  fiche: { annee: number; demandeurs: number; partPrioritaires: number; compositions: Poids } | null;
}

export interface BilanDemandes {
  /** Active demands at 31 December, per year (EPCI). */
  stock: Map<number, number>;
  attribuees: Map<number, number>;
}

function lireFiches(t: Territoire): Map<string, Groupe['fiche']> {
  const chemin = join(t.dossier, 'fiches_territoriales_2024.csv');
  const r = new Map<string, Groupe['fiche']>();
  if (!existsSync(chemin)) return r;
  for (const l of lireCsv(readFileSync(chemin, 'utf8'))) {
    const n = Number(l['demandeurs_2024']);
    if (!(n > 0)) continue;
    const seules = Number(l['personnes_seules']) || 0;
    const couples = Number(l['couples_avec_enfants']) || 0;
    const mono = Number(l['familles_monoparentales']) || 0;
    r.set(l['territoire_equilibre'] ?? '', {
      annee: 2024,
      demandeurs: n,
      partPrioritaires: (Number(l['demandeurs_prioritaires_2024']) || 0) / n,
      // the fiche's three types; what is left goes to couples without children
      compositions: { 'personne seule': seules, 'couple avec enfant(s)': couples, 'famille monoparentale': mono, 'couple sans enfant': Math.max(0, n - seules - couples - mono) },
    });
  }
  return r;
}

const ouiNon = (b: boolean): string => (b ? 'oui' : 'non');
const jourDeFr = (s: string): number => {
  const [j, m, a] = s.split('/').map(Number) as [number, number, number];
  return jour(a, m, j);
};
const actifAu = (d: Demande, j: number): boolean => d.depot <= j && (d.sortie === null || d.sortie > j);

export class GenerateurDemandes {
  private readonly t: Territoire;
  private readonly graine: number;
  private readonly annees: number[];
  private readonly extraction: number;

  constructor(t: Territoire, graine: number) {
    this.t = t;
    this.graine = graine;
    this.annees = [...t.synthese.annees_attributions].sort((a, b) => a - b);
    this.extraction = jour(this.annees.at(-1)!, 12, 31);
  }

  nomFichier(): string {
    return `demandes_${this.annees.at(-1)}.csv`;
  }

  /** Writes the extract built from the attribution file; returns the yearly stock and satisfied demands. */
  async ecrire(cheminAttributions: string, fichier: FichierCsv): Promise<BilanDemandes> {
    const demandes = this.construire(readFileSync(cheminAttributions, 'utf8'));
    demandes.sort((a, b) => a.depot - b.depot || (a.numero < b.numero ? -1 : a.numero > b.numero ? 1 : 0));
    const alea = new Alea(this.graine, 'demandes-communes-suivantes');
    const groupeDe = this.groupes(new Map()).index;
    for (const d of demandes) await fichier.ecrire(this.ligne(alea, d, groupeDe));
    const stock = new Map(this.annees.map((a) => [a, demandes.filter((d) => actifAu(d, jour(a, 12, 31))).length]));
    const attribuees = new Map(this.annees.map((a) => [a, demandes.filter((d) => d.statut === 'attribuee' && dateDuJour(d.sortie!).annee === a).length]));
    return { stock, attribuees };
  }

  private groupes(attributions: Map<string, Map<number, number>>): { liste: Groupe[]; index: Map<string, Groupe> } {
    const fiches = lireFiches(this.t);
    const liste = new Map<string, Groupe>();
    const index = new Map<string, Groupe>();
    for (const c of this.t.communes) {
      const cle = c.territoire === null ? 'hors' : String(c.territoire);
      let g = liste.get(cle);
      if (!g) {
        g = { cle, communes: [], attributions: new Map(), fiche: fiches.get(cle) ?? null };
        liste.set(cle, g);
      }
      g.communes.push({ code: c.code, population: c.population });
      for (const [a, n] of attributions.get(c.code) ?? []) g.attributions.set(a, (g.attributions.get(a) ?? 0) + n);
      index.set(c.code, g);
    }
    return { liste: [...liste.values()], index };
  }

  private construire(texteAttributions: string): Demande[] {
    const lignes = lireCsv(texteAttributions, ';');
    const numeros = new Set(lignes.map((l) => l['num_unique'] ?? ''));
    const aleaCandidats = new Alea(this.graine, 'demandes-candidats');
    const demandes: Demande[] = [];
    const attributionsParCommune = new Map<string, Map<number, number>>();
    const candidatsParCommune = new Map<string, number>();
    for (const l of lignes) {
      if (l['etudiant'] === 'oui') continue;
      const commune = l['commune'] ?? '';
      const caleol = jourDeFr(l['date_caleol'] ?? '');
      const annee = dateDuJour(caleol).annee;
      const rang1 = l['decision'] === 'attribution' || l['decision'] === 'attribution_sous_condition' || (l['decision'] === 'attribution_rang' && l['rang'] === '1');
      if (rang1) {
        const m = attributionsParCommune.get(commune) ?? new Map<number, number>();
        m.set(annee, (m.get(annee) ?? 0) + 1);
        attributionsParCommune.set(commune, m);
      }
      candidatsParCommune.set(commune, (candidatsParCommune.get(commune) ?? 0) + 1);
      demandes.push(this.depuisCandidat(aleaCandidats, l, caleol));
    }

    const { liste, index } = this.groupes(attributionsParCommune);
    const parGroupe = new Map<string, Demande[]>(liste.map((g) => [g.cle, []]));
    for (const d of demandes) parGroupe.get(index.get(d.commune)?.cle ?? '')?.push(d);
    const derniere = this.annees.at(-1)!;
    const numero = this.numeroteur(numeros);
    for (const g of liste) {
      const cible = (a: number): number => {
        const nA = g.attributions.get(a) ?? 0;
        if (!g.fiche) return Math.round(PRESSION_PAR_DEFAUT * nA);
        return Math.round(g.fiche.demandeurs * (1 + CROISSANCE_DEMANDE_ANNUELLE) ** (a - g.fiche.annee));
      };
      const duGroupe = parGroupe.get(g.cle)!;
      // weights of the communes for demands never examined: candidates seen there and population (hypothesis)
      const poids = g.communes.map((c) => (candidatsParCommune.get(c.code) ?? 0) + c.population / 500);
      const alea = new Alea(this.graine, 'demandes-stock', g.cle);
      const ajouter = (n: number, finAnciennete: number, sortie: (depot: number) => number | null, partPrioritaires: number): void => {
        const parCommune = repartir(n, poids);
        g.communes.forEach((c, i) => {
          for (let k = 0; k < (parCommune[i] ?? 0); k++) {
            let mois = ANCIENNETE_MOIS.max;
            while (mois >= ANCIENNETE_MOIS.max) mois = -ANCIENNETE_MOIS.moyenne * Math.log(1 - alea.suivant());
            const depot = finAnciennete - Math.floor(mois * 30.4375);
            const s = sortie(depot);
            const d = this.nouvelle(alea, numero(depot), depot, s === null ? 'active' : 'radiee', s, c.code, g, partPrioritaires);
            demandes.push(d);
            duGroupe.push(d);
          }
        });
      };
      // demands to add so that the stock at `fin` meets the target, and their priority rate
      // (candidates in the stock are often priority ones: the others make up the difference)
      const partP = g.fiche?.partPrioritaires ?? PART_PRIORITAIRES_PAR_DEFAUT;
      const besoin = (a: number, fin: number): { n: number; p: number } => {
        const actifs = duGroupe.filter((d) => actifAu(d, fin));
        const n = Math.max(0, cible(a) - actifs.length);
        const p = n === 0 ? 0 : Math.min(1, Math.max(0, (partP * cible(a) - actifs.filter((d) => d.prioritaire).length) / n));
        return { n, p };
      };
      // stock at the extraction: active candidates + never examined
      const dernier = besoin(derniere, this.extraction);
      ajouter(dernier.n, this.extraction, () => null, dernier.p);
      // earlier years: demands active then, radiated during the following year
      let radiees = 0;
      for (const a of [...this.annees].reverse().slice(1)) {
        const fin = jour(a, 12, 31);
        const b = besoin(a, fin);
        ajouter(b.n, fin, () => fin + alea.entier(1, 365), b.p);
        radiees = b.n;
      }
      // radiations during the first year too (they weigh on no stock observed)
      const debut = jour(this.annees[0]!, 1, 1);
      ajouter(radiees, debut + 364, (depot) => Math.max(depot, debut) + alea.entier(0, Math.max(0, debut + 364 - Math.max(depot, debut))), partP);
    }
    return demandes;
  }

  /** SNE-style number (département, year and month of filing, 8 digits, a letter), distinct from the decisions'. */
  private numeroteur(pris: Set<string>): (depot: number) => string {
    const brouiller = brouilleur(new Alea(this.graine, 'demandes-numeros'), 8);
    const alea = new Alea(this.graine, 'demandes-numeros-lettre');
    let compteur = 0;
    const dep = this.t.departement.code.padStart(3, '0');
    return (depot) => {
      const d = dateDuJour(depot);
      for (;;) {
        const n = `${dep}${String(d.annee % 100).padStart(2, '0')}${String(d.mois).padStart(2, '0')}${brouiller(compteur++)}${String.fromCharCode(65 + alea.entier(0, 25))}`;
        if (!pris.has(n)) {
          pris.add(n);
          return n;
        }
      }
    };
  }

  private depuisCandidat(alea: Alea, l: Record<string, string>, caleol: number): Demande {
    const num = l['num_unique'] ?? '';
    // the number encodes the year and month of filing (src/generate/attributions.ts)
    const m = /^\d{3}(\d{2})(\d{2})/.exec(num);
    let depot = m ? jour(2000 + Number(m[1]), Number(m[2]), alea.entier(1, 28)) : caleol - 30 * alea.entier(3, 48);
    depot = Math.min(depot, caleol);
    const bail = (l['date_bail'] ?? '') !== '';
    const ans = Math.floor((this.extraction - caleol) / 365.25);
    const radiee = !bail && alea.bernoulli(1 - (1 - PART_CANDIDATS_RADIES) * 0.5 ** (ans / DEMI_VIE_CANDIDATS_ANS));
    const mutation = l['mutation'] === 'oui';
    const personnes = Number(l['nb_personnes_14_plus']) + Number(l['nb_enfants_moins_14']);
    return {
      numero: num,
      depot,
      statut: bail ? 'attribuee' : radiee ? 'radiee' : 'active',
      // radiated within the year after the commission
      sortie: bail ? caleol : radiee ? Math.min(this.extraction, caleol + alea.entier(1, Math.max(1, Math.min(365, this.extraction - caleol)))) : null,
      commune: l['commune'] ?? '',
      typologie: l['typologie'] || 'T3',
      age: Number(l['age_demandeur']),
      composition: l['composition'] ?? '',
      personnes,
      situation: l['situation_pro'] ?? '',
      logement: mutation ? 'locataire du parc social' : this.logementHorsParcSocial(alea),
      prioritaire: l['public_prioritaire'] === 'oui',
      mutation,
      ressources: Number((l['ressources_mensuelles'] ?? '0').replace(',', '.')),
    };
  }

  private logementHorsParcSocial(alea: Alea): string {
    for (;;) {
      const x = alea.pondere(LOGEMENT_ACTUEL);
      if (x !== 'locataire du parc social') return x;
    }
  }

  private nouvelle(alea: Alea, numero: string, depot: number, statut: Demande['statut'], sortie: number | null, commune: string, g: Groupe, pPrio: number): Demande {
    const composition = alea.pondere(g.fiche?.compositions ?? COMPOSITIONS_DEFAUT);
    const personnes = composition === 'personne seule' ? 1 : composition === 'couple sans enfant' ? 2 : Number(alea.pondere(PERSONNES[composition] ?? { 2: 1 }));
    const tranche = composition === 'personne seule' ? alea.pondere({ 18: 20, 25: 35, 40: 25, 60: 20 }) : alea.pondere({ 22: 15, 25: 50, 40: 35 });
    const age = alea.entier(Number(tranche), { 18: 24, 22: 24, 25: 39, 40: 59, 60: 85 }[tranche] ?? 59);
    const logement = alea.pondere(LOGEMENT_ACTUEL);
    const situation = age >= 63 ? 'retraité' : alea.pondere(SITUATIONS);
    const uc = 1 + 0.5 * Math.max(0, personnes - 1);
    return {
      numero,
      depot,
      statut,
      sortie,
      commune,
      typologie: alea.pondere(TYPOLOGIE_PAR_PERSONNES[Math.min(5, personnes)] ?? { T3: 1 }),
      age,
      composition,
      personnes,
      situation,
      logement,
      prioritaire: alea.bernoulli(pPrio),
      mutation: logement === 'locataire du parc social',
      ressources: Math.round(Math.min(6000, Math.exp(alea.normale(Math.log(1100), 0.45))) * uc * 100) / 100,
    };
  }

  private ligne(alea: Alea, d: Demande, groupeDe: Map<string, Groupe>): string[] {
    const point = d.sortie ?? this.extraction;
    // yearly renewal on the filing anniversary (SNE)
    const dd = dateDuJour(d.depot);
    let renouvellement: number | null = null;
    for (let k = 1; ; k++) {
      const r = jour(dd.annee + k, dd.mois, Math.min(dd.jour, 28));
      if (r > point) break;
      renouvellement = r;
    }
    const autres = (groupeDe.get(d.commune)?.communes ?? []).filter((c) => c.code !== d.commune);
    const suivantes = alea.melanger([...autres]).slice(0, alea.entier(0, Math.min(3, autres.length))).map((c) => c.code);
    const typo = d.typologie.replace(/^T([5-9])$/, 'T5+');
    return [
      d.numero,
      dateFr(d.depot),
      renouvellement === null ? '' : dateFr(renouvellement),
      d.statut,
      d.sortie === null ? '' : dateFr(d.sortie),
      d.commune,
      suivantes.join('|'),
      typo,
      String(d.age),
      d.composition,
      String(d.personnes),
      d.situation,
      d.logement,
      d.logement === 'sans logement ou habitat précaire' || d.logement === 'hébergé chez un tiers' || d.logement === "structure d'hébergement"
        ? 'sans logement propre'
        : alea.pondere(MOTIFS),
      ouiNon(d.prioritaire),
      ouiNon(d.mutation),
      decimal(d.ressources, 2),
    ];
  }
}
