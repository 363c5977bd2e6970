// Draws one commune's programmes (résidences) and dwellings from its plan.
// Everything is drawn from a PRNG stream keyed by the commune, so a commune's
// stock does not change when another commune's parameters do.
import { jour, dateFr } from './csv.ts';
import { lambert93, pointDansDisque } from './geo.ts';
import { classeFinancement, type Contingent, type Logement, type Programme, type TypeConstruction } from './modele.ts';
import { decouperAdresse, nomResidence, voie } from './noms.ts';
import type { PlanCommune } from './plan.ts';
import { placerProgrammesEnQpv } from './qpv.ts';
import { repartir } from './quotas.ts';
import { Alea } from './random.ts';
import type { LogementReference } from './references.ts';
import type { Poids, Synthese } from './synthese.ts';
import type { Territoire } from './territoire.ts';

export interface ContexteParc {
  territoire: Territoire;
  graine: number;
  /** RPLS millésime: stock at 1 January of that year. */
  millesime: number;
  /** Next unique generated IDENT_REP. */
  nouvelIdentifiant: () => string;
  rotationParBailleur: Map<string, number>;
}

interface Gabarit {
  type: TypeConstruction;
  bailleur: string;
  taille: number;
  nom?: string;
  annee?: number;
}

/** Student leases start mostly at the academic year. */
export const MOIS_ETUDIANTS: Poids = { 1: 3, 2: 2, 3: 2, 4: 2, 5: 2, 6: 3, 7: 8, 8: 18, 9: 35, 10: 12, 11: 7, 12: 6 };
const CLASSES_DPE = 'ABCDEFG';

/** Splits n dwellings into programme sizes within [min, max]; the last one absorbs a small remainder. */
function decouper(alea: Alea, n: number, [min, max]: [number, number]): number[] {
  const tailles: number[] = [];
  let reste = n;
  while (reste > 0) {
    let t = alea.entier(min, max);
    if (t >= reste || reste - t < min) t = reste;
    tailles.push(t);
    reste -= t;
  }
  return tailles;
}

function tirerAnnee(alea: Alea, s: Synthese, type: TypeConstruction): number {
  if (type === 'E') return alea.entier(s.parc.annees_construction.etudiant.de, s.parc.annees_construction.etudiant.a);
  const tranches = s.parc.annees_construction.tranches;
  const t = tranches[alea.indexPondere(tranches.map((x) => x.poids))];
  if (!t) throw new Error('synthese.json : parc.annees_construction.tranches vide');
  return alea.entier(t.de, t.a);
}

/** FINAN code of a non-PLAI dwelling, by period. */
function financementHorsPlai(alea: Alea, s: Synthese, annee: number): string {
  const f = s.parc.financements;
  return alea.pondere(annee < 1977 ? f.avant_1977 : annee < 2000 ? f.de_1977_a_1999 : f.depuis_2000);
}

export function genererParcCommune(ctx: ContexteParc, plan: PlanCommune): Programme[] {
  const { territoire } = ctx;
  const s = territoire.synthese;
  const commune = plan.commune;
  const alea = new Alea(ctx.graine, 'parc', commune.code);
  const derniereAnnee = ctx.millesime - 1;
  const centre = lambert93(commune.centroide[0], commune.centroide[1]);
  const nomsPris = new Set<string>();
  const programmes: Programme[] = [];
  let numero = 0;

  const poidsFamilial = s.parc.bailleurs_familial.par_territoire[plan.groupe];
  const bailleurFamilial = (): string => {
    if (!poidsFamilial) throw new Error(`synthese.json : pas de bailleurs pour le groupe de communes « ${plan.groupe} »`);
    return territoire.bailleurCanonique(alea.pondere(poidsFamilial));
  };

  const creerProgramme = (g: Gabarit, reference?: { code: string; nom: string }): Programme => {
    numero += 1;
    const annee = g.annee ?? tirerAnnee(alea, s, g.type);
    let origine = '1';
    let patrimoine = Math.min(derniereAnnee, annee + (alea.bernoulli(0.3) ? 1 : 0));
    if (annee >= 2005 && g.type !== 'E' && alea.bernoulli(0.4)) origine = '4';
    else if (annee < derniereAnnee - 5 && alea.bernoulli(0.06)) {
      // Acquired later from another owner: enters the stock years after construction.
      origine = alea.bernoulli(0.5) ? '2' : '3';
      patrimoine = alea.entier(annee + 5, Math.min(derniereAnnee, annee + 30));
    }
    const [x, y] = pointDansDisque(alea, centre, s.centroides_communes.rayon_m);
    const { typVoie, nomVoie } = voie(alea);
    const anneeConv = annee < 1977 ? alea.entier(1978, 1998) : Math.max(1977, patrimoine - 1);
    const nbIris = commune.population >= 5000 ? Math.ceil(commune.population / 2500) : 0;
    const p: Programme = {
      code: reference?.code ?? `${commune.code.slice(2)}${String(numero).padStart(2, '0')}`,
      nom: reference?.nom ?? g.nom ?? nomResidence(alea, g.type, nomsPris),
      bailleur: g.bailleur,
      type: g.type,
      annee,
      locat: patrimoine,
      patrimoine,
      moisLivraison: alea.entier(1, 12),
      origine,
      numeroVoie: alea.entier(1, 60),
      typVoie,
      nomVoie,
      x,
      y,
      iris: nbIris > 0 ? `${commune.code}01${String(alea.entier(1, nbIris)).padStart(2, '0')}` : `${commune.code}0000`,
      numConv: `${territoire.departement.code}/2/${String(alea.entier(1, 12)).padStart(2, '0')}.${anneeConv}/${alea.entier(1, 999)}`,
      datConv: dateFr(jour(anneeConv, alea.entier(1, 12), alea.entier(1, 28))),
      fragile: g.nom !== undefined || (g.type === 'C' && alea.bernoulli(s.ops.part_residences_fragiles_non_nommees_pct / 100)),
      nommee: g.nom !== undefined,
      logements: [],
    };
    programmes.push(p);
    return p;
  };

  const creerLogement = (
    p: Programme,
    finan: string,
    ref?: LogementReference,
    adresse?: { numVoie: string; typVoie: string; nomVoie: string; complGeo: string },
  ): Logement => {
    const rang = p.logements.length;
    const type: TypeConstruction = ref ? (ref.individuel ? 'I' : 'C') : p.type;
    const tablePieces = type === 'E' ? s.parc.pieces.etudiant : type === 'I' ? s.parc.pieces.individuel : s.parc.pieces.collectif;
    const nbPieces = ref?.nbPieces ?? Number(alea.pondere(tablePieces));
    const surfaces = s.parc.surfaces_m2;
    const [smin, smax] =
      (type === 'E' ? surfaces.etudiant[String(Math.min(nbPieces, 2))] : surfaces.par_pieces[String(Math.min(nbPieces, 6))]) ?? [60, 70];
    const surface = alea.reel(smin, smax) + (type === 'I' ? 4 : 0) + (nbPieces > 6 ? 12 * (nbPieces - 6) : 0);

    const batiment = type === 'I' ? 0 : Math.floor(rang / (type === 'E' ? 50 : 20));
    const plusieursBatiments = type !== 'I' && p.logements.length + 1 > (type === 'E' ? 50 : 20);
    const x = type === 'I' ? p.x + (rang % 5) * 20 : p.x + batiment * 30;
    const y = type === 'I' ? p.y + Math.floor(rang / 5) * 25 : p.y + (batiment % 2) * 20;

    const periode = s.parc.dpe.par_periode.find((t) => p.annee <= t.jusqu_a)?.classes ?? { D: 1 };
    const sansDpe = alea.bernoulli(s.parc.equipement.part_sans_dpe_pct / 100);
    const energie = sansDpe ? '' : alea.pondere(periode);
    const serre = sansDpe
      ? ''
      : (CLASSES_DPE[Math.min(6, Math.max(0, CLASSES_DPE.indexOf(energie) + alea.entier(-1, 1)))] ?? energie);
    const dpeDate = sansDpe ? '01/1900' : `${String(alea.entier(1, 12)).padStart(2, '0')}/${alea.entier(Math.max(2015, p.annee), derniereAnnee)}`;

    const recent = p.annee >= 2007;
    const pmr = alea.bernoulli((recent ? s.parc.equipement.part_pmr_recent_pct : s.parc.equipement.part_pmr_ancien_pct) / 100);
    const mode = alea.pondere(type === 'E' ? s.parc.mode.etudiant : s.parc.mode.familial);
    const rotation = type === 'E' ? s.parc.rotation.etudiant_pct / 100 : (ctx.rotationParBailleur.get(p.bailleur) ?? 8) / 100;

    let bail: Logement['bail'] = null;
    let depart: Logement['depart'] = null;
    if (mode === '1') {
      let annee = derniereAnnee;
      // Geometric lease age: a share `rotation` of leases started in the last year, never before first letting.
      while (annee > p.locat && !alea.bernoulli(rotation)) annee -= 1;
      const mois =
        annee === p.locat && p.locat === derniereAnnee
          ? alea.entier(p.moisLivraison, 12)
          : type === 'E'
            ? Number(alea.pondere(MOIS_ETUDIANTS))
            : alea.entier(1, 12);
      bail = { annee, mois };
    } else if (mode === '2' && p.locat < derniereAnnee) {
      depart = { annee: derniereAnnee, mois: alea.entier(7, 12) };
    }

    const loyers = s.parc.loyers_m2;
    const loyerM2 =
      (loyers.par_financement[finan] ?? loyers.avant_1977) * (type === 'E' ? loyers.coefficient_etudiant : 1) * alea.reel(0.92, 1.08);
    const tableContingents = type === 'E' ? s.parc.contingents.etudiant : s.parc.contingents.familial;
    const contingent = ref?.contingent ?? (alea.pondere(tableContingents) as Contingent);
    const numVoie = adresse ? adresse.numVoie : String(type === 'I' ? p.numeroVoie + 2 * rang : p.numeroVoie);
    const logement: Logement = {
      identRep: ref?.identRep || ctx.nouvelIdentifiant(),
      identInt: ref?.identInt || `${p.code}${String(rang + 1).padStart(4, '0')}${type === 'I' ? 'V' : 'T'}${nbPieces}`,
      commune,
      programme: p,
      bailleur: p.bailleur,
      type,
      nbPieces,
      surface,
      numVoie,
      indRep: !adresse && type === 'I' && alea.bernoulli(0.03) ? 'B' : '',
      typVoie: adresse ? adresse.typVoie : p.typVoie,
      nomVoie: adresse ? adresse.nomVoie : p.nomVoie,
      etage: type === 'I' ? '0' : String(alea.entier(0, type === 'E' ? 5 : 4)),
      complGeo: adresse ? adresse.complGeo : plusieursBatiments ? `BAT ${String.fromCharCode(65 + (batiment % 26))}` : '',
      finan,
      classe: classeFinancement(finan),
      conv: finan !== '16' && !(p.annee < 1977 && alea.bernoulli(0.15)),
      dpeDate,
      dpeEnergie: energie,
      dpeSerre: serre,
      pmr,
      x,
      y,
      mode,
      bail,
      depart,
      loyer: Math.round(surface * loyerM2 * 100) / 100,
      contingent,
      reference: ref !== undefined,
      rotation,
    };
    p.logements.push(logement);
    return logement;
  };

  // 1. Real dwellings of the reference file, grouped by programme.
  const groupesRef = new Map<string, LogementReference[]>();
  for (const r of plan.references) {
    const cle = `${r.bailleur}|${r.programme}|${r.individuel ? 'I' : 'C'}`;
    groupesRef.set(cle, [...(groupesRef.get(cle) ?? []), r]);
  }
  for (const rows of groupesRef.values()) {
    const premier = rows[0];
    if (!premier) continue;
    const estCode = /^[0-9A-Z]{2,6}$/.test(premier.programme);
    const p = creerProgramme(
      { type: premier.individuel ? 'I' : 'C', bailleur: premier.bailleur, taille: rows.length, annee: premier.annee },
      {
        code: estCode ? premier.programme : `${commune.code.slice(2)}${String(numero + 1).padStart(2, '0')}`,
        nom: premier.programme || `Programme ${premier.bailleur}`,
      },
    );
    p.fragile = false;
    for (const r of rows) creerLogement(p, r.finan, r, decouperAdresse(r.adresse, commune.codePostal));
  }

  // 2. Family programmes to generate.
  const gabarits: Gabarit[] = [];
  const tailles = s.parc.taille_programmes;
  const plaiParBailleur = new Map<string, number>();
  if (plan.parBailleur) {
    const noms = Object.keys(plan.parBailleur);
    const effectifs = noms.map((n) => plan.parBailleur?.[n] ?? 0);
    const individuels = repartir(plan.individuels, effectifs, effectifs);
    const plai = repartir(plan.plai, effectifs, effectifs);
    noms.forEach((bailleur, i) => {
      const nI = individuels[i] ?? 0;
      const nC = (effectifs[i] ?? 0) - nI;
      for (const t of decouper(alea, nC, tailles.collectif)) gabarits.push({ type: 'C', bailleur, taille: t });
      for (const t of decouper(alea, nI, tailles.individuel)) gabarits.push({ type: 'I', bailleur, taille: t });
      plaiParBailleur.set(bailleur, plai[i] ?? 0);
    });
  } else {
    let collectifs = plan.collectifs;
    for (const r of territoire.residencesEnjeux.filter((x) => x.code === commune.code)) {
      if (collectifs < tailles.residence_nommee[0]) break;
      const t = Math.min(collectifs, alea.entier(tailles.residence_nommee[0], tailles.residence_nommee[1]));
      gabarits.push({ type: 'C', bailleur: bailleurFamilial(), taille: t, nom: r.residence, annee: r.annee ?? undefined });
      collectifs -= t;
    }
    for (const t of decouper(alea, collectifs, tailles.collectif)) gabarits.push({ type: 'C', bailleur: bailleurFamilial(), taille: t });
    for (const t of decouper(alea, plan.individuels, tailles.individuel))
      gabarits.push({ type: 'I', bailleur: bailleurFamilial(), taille: t });
  }
  const familiaux = gabarits.map((g) => ({ g, p: creerProgramme(g) }));

  // 3. PLAI go preferably to recent programmes (PLAI production grew over the last decade).
  const plaiParProgramme = new Map<Programme, number>();
  const placerPlai = (cibles: { g: Gabarit; p: Programme }[], total: number): void => {
    const ordre = cibles
      .map((c) => ({ c, cle: c.p.annee + alea.reel(0, 15) }))
      .sort((a, b) => b.cle - a.cle)
      .map((o) => o.c);
    let reste = total;
    for (const plafond of [0.75, 1]) {
      for (const { g, p } of ordre) {
        if (reste === 0) return;
        const deja = plaiParProgramme.get(p) ?? 0;
        const ajout = Math.min(reste, Math.ceil(plafond * g.taille) - deja);
        if (ajout > 0) {
          plaiParProgramme.set(p, deja + ajout);
          reste -= ajout;
        }
      }
    }
    if (reste > 0) throw new Error(`commune ${commune.code} : impossible de placer ${reste} PLAI`);
  };
  if (plan.parBailleur) {
    for (const [bailleur, n] of plaiParBailleur) placerPlai(familiaux.filter((f) => f.g.bailleur === bailleur), n);
  } else placerPlai(familiaux, plan.plai);

  for (const { g, p } of familiaux) {
    const nPlai = plaiParProgramme.get(p) ?? 0;
    for (let i = 0; i < g.taille; i++) {
      const finan = i < nPlai ? (p.annee >= 2000 ? '10' : '11') : financementHorsPlai(alea, s, p.annee);
      creerLogement(p, finan);
    }
  }

  // 4. Student residences.
  const poidsEtudiant = s.parc.bailleurs_etudiant.poids;
  for (const t of decouper(alea, plan.etudiants, tailles.etudiant)) {
    const p = creerProgramme({ type: 'E', bailleur: territoire.bailleurCanonique(alea.pondere(poidsEtudiant)), taille: t });
    for (let i = 0; i < t; i++) creerLogement(p, alea.pondere(s.parc.financements.etudiant));
  }

  // 5. QPV (EPCIs with a `qpv` block only): own stream, the stock drawn above is unchanged.
  placerProgrammesEnQpv(territoire, ctx.graine, commune, programmes);

  return programmes;
}
