// CALEOL decisions: one row per candidate examined. Each freed dwelling of the
// stock passes in commission with 1-3 candidates; leases of the RPLS year
// before the millésime (BAIL) are the ones signed after these decisions, so
// RPLS and attributions agree. Calibration targets (priority share, 1st
// quartile with and without students) are held by error-diffusion quotas.
import { dateDuJour, dateFr, decimal, jour } from './csv.ts';
import { agesEnfants, compositionSelonPieces, unitesConsommation, type Composition } from './menages.ts';
import { qpvDe, type Contingent, type Logement, type Programme } from './modele.ts';
import { MOIS_ETUDIANTS } from './parc.ts';
import { Quota } from './quotas.ts';
import { Alea, brouilleur } from './random.ts';
import type { TrajectoireAnnee } from './synthese.ts';
import { avecCharniere, seuilQ1, type Territoire } from './territoire.ts';

export const COLONNES_ATTRIBUTIONS = [
  'num_unique', 'bailleur', 'date_caleol', 'decision', 'rang', 'ident_rep', 'commune', 'qpv_code', 'typologie',
  'financement', 'reservataire_contingent', 'reservataire_nom', 'refus_demandeur', 'motif_refus', 'date_bail', 'mutation',
  'public_prioritaire', 'categorie_prioritaire', 'dalo', 'relogement_anru_orcod', 'ressources_mensuelles', 'nb_adultes',
  'nb_enfants_moins_14', 'nb_personnes_14_plus', 'etudiant', 'age_demandeur', 'composition', 'situation_pro',
] as const;

export interface BilanAnnee {
  /** Rank-1 decisions attribution / attribution_sous_condition. */
  attributions: number;
  candidats: number;
  etudiants: number;
  q1Etudiants: number;
  q1HorsEtudiants: number;
  prioritaires: number;
  mutations: number;
  refus: number;
  baux: number;
  /** Rank-1 attributions of dwellings in QPV, and those to 1st-quartile households (A5q = 1 − q1EnQpv / enQpv). */
  enQpv: number;
  q1EnQpv: number;
  /** Signed leases (EDL) of priority households, by bailleur, counted in the year of the lease. */
  edlPrioritaires: Map<string, number>;
}

interface Passage {
  jour: number;
  /** What happens to the rank-1 candidate. */
  issue: 'bail' | 'refus' | 'condition_non_levee' | 'refus_rang_suivant_servi';
  bail: number | null;
}

/** One candidate examined in a passage, before the household is drawn. */
interface Examen {
  annee: number;
  jourCaleol: number;
  k: number;
  decision: string;
  rang: string;
  bail: number | null;
  refuse: boolean;
}

const ouiNon = (b: boolean): string => (b ? 'oui' : 'non');

const SITUATIONS_Q1: Record<string, number> = {
  'CDD, intérim': 25,
  chômage: 30,
  'sans activité': 25,
  'CDI ou fonctionnaire': 15,
  apprenti: 5,
};
const SITUATIONS_AUTRES: Record<string, number> = {
  'CDI ou fonctionnaire': 68,
  'CDD, intérim': 20,
  'artisan, commerçant, profession libérale': 6,
  chômage: 6,
};

/** CALEOL sit on working days. */
function jourOuvre(n: number): number {
  const semaine = dateDuJour(n).semaine;
  return semaine === 6 ? n - 1 : semaine === 0 ? n + 1 : n;
}

export class GenerateurAttributions {
  private readonly territoire: Territoire;
  private readonly graine: number;
  private readonly derniereAnneeConnue: number;
  private readonly quotas = new Map<string, Quota>();
  private readonly numeroDemande: (n: number) => string;
  private demandes = 0;
  readonly bilans = new Map<number, BilanAnnee>();
  private readonly comptes = new Map<number, { etudiants: number; familiaux: number }>();

  constructor(territoire: Territoire, graine: number, millesimeRpls: number) {
    this.territoire = territoire;
    this.graine = graine;
    this.derniereAnneeConnue = millesimeRpls - 1;
    this.numeroDemande = brouilleur(new Alea(graine, 'numeros-demande'), 8);
    for (const a of territoire.synthese.annees_attributions)
      this.bilans.set(a, {
        attributions: 0, candidats: 0, etudiants: 0, q1Etudiants: 0, q1HorsEtudiants: 0, prioritaires: 0, mutations: 0,
        refus: 0, baux: 0, enQpv: 0, q1EnQpv: 0, edlPrioritaires: new Map(),
      });
  }

  private quota(cle: string, cible: number, gain?: number): Quota {
    let q = this.quotas.get(cle);
    if (!q) {
      q = new Quota(cible, gain);
      this.quotas.set(cle, q);
    }
    return q;
  }

  /** Commission passages leading to each letting of the dwelling in the covered years. */
  private passages(alea: Alea, l: Logement): Passage[] {
    const a = this.territoire.synthese.attributions;
    const etudiant = l.type === 'E';
    const delai = (): number => alea.entier(a.delai_bail_jours[0], a.delai_bail_jours[1]);
    // Lettings already visible in the RPLS are placed backwards from the lease;
    // later ones forwards from their first commission, so that refusals and
    // second passages stay in the year the letting started.
    const locations: { jour: number; sens: 'avant_bail' | 'premier_passage' }[] = [];
    const moisAuHasard = (): number => (etudiant ? Number(alea.pondere(MOIS_ETUDIANTS)) : alea.entier(1, 12));
    for (const annee of this.territoire.synthese.annees_attributions) {
      if (annee <= this.derniereAnneeConnue) {
        if (l.bail && l.bail.annee === annee)
          locations.push({ jour: jour(annee, l.bail.mois, alea.entier(1, 28)), sens: 'avant_bail' });
        else if (annee < this.derniereAnneeConnue && this.relouePlusTard(l, annee) && (annee === l.programme.locat || alea.bernoulli(l.rotation)))
          // An earlier letting the RPLS no longer shows (a later lease replaced it): the first letting of a
          // programme is certain, later ones follow the rotation, so each year gets ≈ rotation × stock.
          locations.push({ jour: jour(annee, moisAuHasard(), alea.entier(1, 28)), sens: 'avant_bail' });
      } else if (annee === this.derniereAnneeConnue + 1 && l.mode === '2') {
        if (alea.bernoulli(a.part_vacants_attribues_pct / 100))
          locations.push({ jour: jour(annee, 1, 1) - 20 + alea.entier(0, 90), sens: 'premier_passage' });
      } else if ((l.mode === '1' || l.mode === '2') && alea.bernoulli(l.rotation)) {
        const debut = etudiant
          ? jour(annee, Number(alea.pondere(MOIS_ETUDIANTS)), alea.entier(1, 28))
          : jour(annee, 1, 1) + alea.entier(0, 364);
        locations.push({ jour: debut, sens: 'premier_passage' });
      }
    }
    const passages: Passage[] = [];
    for (const loc of locations) {
      const refus = alea.bernoulli((etudiant ? a.taux_refus_pct.etudiant : a.taux_refus_pct.familial) / 100);
      const conditionRatee = !refus && alea.bernoulli((a.part_sous_condition_pct / 100) * (a.part_condition_non_levee_pct / 100));
      const servi = refus && alea.bernoulli(a.part_refus_servi_rang_suivant_pct / 100);
      const echecs: Passage['issue'][] = [];
      if (refus && !servi) echecs.push('refus');
      if (conditionRatee) echecs.push('condition_non_levee');
      const ecart = (): number => alea.entier(a.delai_repassage_jours[0], a.delai_repassage_jours[1]);
      const issueFinale: Passage['issue'] = servi ? 'refus_rang_suivant_servi' : 'bail';
      if (loc.sens === 'avant_bail') {
        const final = jourOuvre(loc.jour - delai());
        let j = final;
        const avant: Passage[] = [];
        for (const issue of echecs) {
          j = jourOuvre(j - ecart());
          avant.unshift({ jour: j, issue, bail: null });
        }
        passages.push(...avant, { jour: final, issue: issueFinale, bail: loc.jour });
      } else {
        let j = jourOuvre(loc.jour);
        for (const issue of echecs) {
          passages.push({ jour: j, issue, bail: null });
          j = jourOuvre(j + ecart());
        }
        // A dwelling still vacant at 1 January cannot have been let the year before.
        const premierJourInconnu = jour(this.derniereAnneeConnue + 1, 1, 1);
        passages.push({ jour: j, issue: issueFinale, bail: Math.max(j + delai(), premierJourInconnu + alea.entier(1, 20)) });
      }
    }
    return passages;
  }

  /**
   * Whether a letting of the dwelling in `annee` (a year before the RPLS's last one) would be hidden by a later
   * one: the dwelling existed (first letting in or before `annee`) and its current lease, or its vacancy at
   * 1 January, came later. Dwellings out of letting (MODE 3-9) get no history.
   */
  private relouePlusTard(l: Logement, annee: number): boolean {
    if (annee < l.programme.locat) return false;
    if (l.bail) return annee < l.bail.annee;
    return l.mode === '2' && l.programme.locat < this.derniereAnneeConnue;
  }

  /** Calibrated share for a year: the trajectory's value for that year if it sets one, else the base value. */
  private part(annee: number, cle: keyof TrajectoireAnnee, base: number): number {
    return this.territoire.synthese.attributions.trajectoire?.par_annee[String(annee)]?.[cle] ?? base;
  }

  private reservataireNom(c: Contingent, l: Logement): string {
    const t = this.territoire;
    switch (c) {
      case 'etat_prioritaires':
      case 'etat_fonctionnaires':
        return `Préfecture ${avecCharniere(t.departement.nom, t.departement.typeLiaison)}`;
      case 'commune':
        return `Commune ${avecCharniere(l.commune.nom, l.commune.typeLiaison)}`;
      case 'epci':
        return t.epci.nom;
      case 'departement':
        return `Conseil départemental ${avecCharniere(t.departement.nom, t.departement.typeLiaison)}`;
      case 'action_logement':
        return 'Action Logement Services';
      case 'non_reserve':
        return l.bailleur;
      default:
        return 'Autre réservataire';
    }
  }

  /**
   * Commission passages and candidates of a dwelling. Drawn from their own
   * stream, separate from the households', so the counting pass sees exactly
   * the rows the writing pass will produce.
   */
  private examens(alea: Alea, l: Logement): Examen[] {
    const a = this.territoire.synthese.attributions;
    const examens: Examen[] = [];
    for (const passage of this.passages(alea, l)) {
      const annee = dateDuJour(passage.jour).annee;
      if (!this.bilans.has(annee)) continue;
      const servi = passage.issue === 'refus_rang_suivant_servi';
      const n = Math.max(servi ? 2 : 1, Number(alea.pondere(a.candidats_par_passage)));
      let rangSuivant = 2;
      for (let k = 0; k < n; k++) {
        let decision: string;
        let rang = '';
        if (k === 0) {
          const sousCondition = passage.issue === 'condition_non_levee' || alea.bernoulli(a.part_sous_condition_pct / 100);
          decision = sousCondition ? 'attribution_sous_condition' : 'attribution';
          rang = '1';
        } else {
          decision = servi && k === 1 ? 'attribution_rang' : alea.pondere(a.decision_candidats_suivants);
          if (decision === 'attribution_rang') rang = String(rangSuivant++);
        }
        examens.push({
          annee,
          jourCaleol: passage.jour,
          k,
          decision,
          rang,
          bail: (k === 0 && passage.issue === 'bail') || (k === 1 && servi) ? passage.bail : null,
          refuse: k === 0 && (passage.issue === 'refus' || servi),
        });
      }
    }
    return examens;
  }

  /**
   * Counting pass: rank-1 attributions per year on student and family
   * dwellings. The students' 1st-quartile rate is then set so that students
   * make the configured share of 1st-quartile attributaires whatever the mix
   * of the random stock.
   */
  compterCommune(programmes: Programme[]): void {
    const commune = programmes[0]?.logements[0]?.commune;
    if (!commune) return;
    const alea = new Alea(this.graine, 'attributions-passages', commune.code);
    for (const p of programmes)
      for (const l of p.logements)
        for (const e of this.examens(alea, l)) {
          if (e.k !== 0) continue;
          const c = this.comptes.get(e.annee) ?? { etudiants: 0, familiaux: 0 };
          if (l.type === 'E') c.etudiants += 1;
          else c.familiaux += 1;
          this.comptes.set(e.annee, c);
        }
  }

  private cibleQ1Etudiants(annee: number): number {
    const a = this.territoire.synthese.attributions;
    const c = this.comptes.get(annee);
    const pe = a.part_candidats_etudiants_logement_etudiant_pct / 100;
    const q1f = this.part(annee, 'part_q1_hors_etudiants_pct', a.part_q1_hors_etudiants_pct) / 100;
    const r = a.part_etudiants_parmi_q1_pct / 100;
    if (!c || c.etudiants === 0) return 0.8;
    const etudiants = pe * c.etudiants;
    const autres = c.familiaux + (1 - pe) * c.etudiants;
    return Math.min(0.97, Math.max(0.05, ((r / (1 - r)) * q1f * autres) / etudiants));
  }

  /** Rows of one commune, sorted by commission date. */
  lignesCommune(programmes: Programme[]): string[][] {
    const commune = programmes[0]?.logements[0]?.commune;
    if (!commune) return [];
    const t = this.territoire;
    const a = t.synthese.attributions;
    const aleaPassages = new Alea(this.graine, 'attributions-passages', commune.code);
    const aleaMenages = new Alea(this.graine, 'attributions-menages', commune.code);
    const propensions = new Map(
      Object.entries(a.propension_prioritaire_par_bailleur.valeurs).map(([b, v]) => [t.bailleurCanonique(b), v] as const),
    );
    const sortie: { jour: number; ordre: number; ligne: string[] }[] = [];
    for (const p of programmes)
      for (const l of p.logements)
        for (const e of this.examens(aleaPassages, l)) {
          const bilan = this.bilans.get(e.annee);
          if (!bilan) continue;
          const ligne = this.candidat(aleaMenages, l, e, propensions, bilan);
          sortie.push({ jour: e.jourCaleol, ordre: sortie.length, ligne });
        }
    sortie.sort((x, y) => x.jour - y.jour || x.ordre - y.ordre);
    return sortie.map((s) => s.ligne);
  }

  private candidat(alea: Alea, l: Logement, o: Examen, propensions: Map<string, number>, bilan: BilanAnnee): string[] {
    const t = this.territoire;
    const a = t.synthese.attributions;
    const attribution = o.k === 0;
    const etudiant = l.type === 'E' && alea.bernoulli(a.part_candidats_etudiants_logement_etudiant_pct / 100);
    const contingent: Contingent = alea.bernoulli(a.part_contingent_du_logement_pct / 100)
      ? l.contingent
      : (alea.pondere(l.type === 'E' ? t.synthese.parc.contingents.etudiant : t.synthese.parc.contingents.familial) as Contingent);

    // 1st quartile and priority status: steered on rank-1 attributions, plain draws for the other candidates.
    // The priority quota has a weak gain so that the bailleurs' own propensities still show.
    // In QPV (EPCIs with a `qpv` block), the 1st-quartile share has its own target and quota: A5q = 1 − that share.
    const qpv = qpvDe(l);
    const qpvConf = t.synthese.qpv;
    const cibleQ1 =
      qpv && qpvConf
        ? this.part(o.annee, 'part_q1_en_qpv_pct', qpvConf.part_q1_en_qpv_pct) / 100
        : etudiant
          ? this.cibleQ1Etudiants(o.annee)
          : this.part(o.annee, 'part_q1_hors_etudiants_pct', a.part_q1_hors_etudiants_pct) / 100;
    const cleQ1 = qpv ? `${o.annee}|q1|qpv` : `${o.annee}|q1|${etudiant}`;
    const q1 = attribution ? this.quota(cleQ1, cibleQ1).tirer(alea) : alea.bernoulli(cibleQ1);
    const ciblePrio = this.part(o.annee, 'part_prioritaires_pct', a.part_prioritaires_pct) / 100;
    let p0 = (a.part_prioritaires_autres_contingents_pct / 100) * (propensions.get(l.bailleur) ?? 1);
    let pilote = true;
    if (etudiant) {
      p0 = a.part_prioritaires_etudiants_pct / 100;
      pilote = false;
    } else if (contingent === 'etat_prioritaires') {
      p0 = a.part_prioritaires_contingent_etat_pct / 100;
      pilote = false;
    }
    if (qpv && qpvConf && !etudiant) p0 *= qpvConf.coefficient_prioritaires_en_qpv;
    const prioritaire = attribution ? this.quota(`${o.annee}|prio`, ciblePrio, 0.01).tirer(alea, p0, pilote) : alea.bernoulli(p0);
    const mutation = alea.bernoulli((etudiant ? a.part_mutations_pct.etudiant : a.part_mutations_pct.familial) / 100);

    // Household composition sized on the dwelling.
    let composition: Composition;
    let age: number;
    if (l.type === 'E') {
      const type = alea.pondere({ 'personne seule': 92, 'couple sans enfant': 5, autre: 3 }) as Composition['type'];
      composition = { type, adultes: type === 'personne seule' ? 1 : 2, agesEnfants: [] };
      age = alea.entier(18, etudiant ? 27 : 30);
    } else {
      composition = compositionSelonPieces(alea, l.nbPieces);
      if (prioritaire && composition.agesEnfants.length > 0 && alea.bernoulli(0.1))
        composition.agesEnfants.push(...agesEnfants(alea, 1));
      age =
        composition.type === 'personne seule' || composition.type === 'couple sans enfant'
          ? alea.bernoulli(0.2) ? alea.entier(63, 88) : alea.entier(20, 62)
          : alea.entier(21, 58);
      if (mutation) age = Math.max(age, alea.entier(28, 70));
    }
    const moins14 = composition.agesEnfants.filter((x) => x < 14).length;
    const personnes14Plus = composition.adultes + composition.agesEnfants.length - moins14;
    const uc = unitesConsommation(t.echelleUc, personnes14Plus, moins14);

    // Resources per consumption unit kept clear of the threshold, so rounding cannot flip the Q1 flag.
    const seuil = seuilQ1(t, o.annee);
    const annuelUc = q1
      ? alea.reel(2400, seuil - 120)
      : etudiant || l.type === 'E'
        ? alea.reel(seuil + 120, seuil + 6000)
        : seuil + 120 + Math.min(18_000, Math.exp(alea.normale(Math.log(4500), 0.7)));
    const mensuel = Math.round((annuelUc * uc * 100) / 12) / 100;

    const situation = etudiant
      ? 'étudiant'
      : age >= 63
        ? 'retraité'
        : l.type === 'E'
          ? alea.pondere({ 'CDD, intérim': 50, apprenti: 30, 'CDI ou fonctionnaire': 20 })
          : alea.pondere<string>(q1 ? SITUATIONS_Q1 : SITUATIONS_AUTRES);
    const categorie = prioritaire ? alea.pondere(a.categories_prioritaires.poids) : '';
    const motif = o.refuse ? alea.pondere(a.motifs_refus) : '';

    // SNE-style number: département, year and month of registration, 8 digits, a letter.
    const attente = etudiant ? a.attente_mois.etudiant : a.attente_mois.familial;
    const depot = dateDuJour(o.jourCaleol - 30 * alea.entier(attente[0], attente[1]));
    const numero = `${t.departement.code.padStart(3, '0')}${String(depot.annee % 100).padStart(2, '0')}${String(depot.mois).padStart(2, '0')}${this.numeroDemande(this.demandes++)}${String.fromCharCode(65 + alea.entier(0, 25))}`;

    bilan.candidats += 1;
    if (attribution) {
      bilan.attributions += 1;
      if (etudiant) bilan.etudiants += 1;
      if (q1 && etudiant) bilan.q1Etudiants += 1;
      if (q1 && !etudiant) bilan.q1HorsEtudiants += 1;
      if (prioritaire) bilan.prioritaires += 1;
      if (mutation) bilan.mutations += 1;
      if (o.refuse) bilan.refus += 1;
      if (o.bail !== null) bilan.baux += 1;
      if (qpv) bilan.enQpv += 1;
      if (qpv && q1) bilan.q1EnQpv += 1;
    }
    if (o.bail !== null && prioritaire) {
      const bilanBail = this.bilans.get(dateDuJour(o.bail).annee);
      if (bilanBail) bilanBail.edlPrioritaires.set(l.bailleur, (bilanBail.edlPrioritaires.get(l.bailleur) ?? 0) + 1);
    }

    return [
      numero,
      l.bailleur,
      dateFr(o.jourCaleol),
      o.decision,
      o.rang,
      l.identRep,
      l.commune.code,
      qpv?.code ?? '',
      `T${Math.min(5, l.nbPieces)}`,
      l.classe,
      contingent,
      this.reservataireNom(contingent, l),
      ouiNon(o.refuse),
      motif,
      o.bail !== null ? dateFr(o.bail) : '',
      ouiNon(mutation),
      ouiNon(prioritaire),
      categorie,
      ouiNon(categorie === 'DALO'),
      'non',
      decimal(mensuel, 2),
      String(composition.adultes),
      String(moins14),
      String(personnes14Plus),
      ouiNon(etudiant),
      String(age),
      composition.type,
      situation,
    ];
  }
}
