// OPS survey: one row per occupied family dwelling (MODE 1, not student).
// Fragile résidences get an exact share of households cumulating at least
// five fragility criteria, so that the observatory's > 25 % rule flags them.
import { dateFr, decimal, jour } from './csv.ts';
import { compositionSelonPieces, type Composition, type TypeMenage } from './menages.ts';
import { qpvDe, type Logement, type Programme } from './modele.ts';
import { Alea } from './random.ts';
import type { Territoire } from './territoire.ts';

export const COLONNES_OPS = [
  'ident_rep', 'bailleur', 'commune', 'residence', 'adresse', 'qpv_code', 'vague', 'date_emmenagement', 'nb_occupants',
  'nb_enfants', 'age_titulaire', 'type_menage', 'ressources_pct_plafond_plus', 'aide_logement', 'nb_adultes_emploi_stable',
  'nb_adultes_emploi_precaire', 'nb_adultes_chomage', 'nb_adultes_retraites', 'nb_adultes_etudiants',
  'nb_adultes_autres_inactifs', 'nb_pieces', 'impaye_plus_3_mois', 'reponse',
] as const;

type Activite = 'stable' | 'precaire' | 'chomage' | 'retraite' | 'etudiant' | 'inactif';
type ClasseRessources = '<20' | '20-40' | '40-60' | '60-100' | '>100';

/** Numeric ranges used by bailleurs that send a percentage instead of a class (kept off the class bounds). */
const BORNES: Record<ClasseRessources, [number, number]> = {
  '<20': [4, 19.4],
  '20-40': [20.6, 39.4],
  '40-60': [40.6, 59.4],
  '60-100': [60.6, 99.4],
  '>100': [100.6, 165],
};
const AIDE_LOGEMENT: Record<ClasseRessources, number> = { '<20': 0.9, '20-40': 0.75, '40-60': 0.4, '60-100': 0.08, '>100': 0 };

interface MenageOps {
  composition: Composition;
  age: number;
  activites: Activite[];
  ressources: ClasseRessources;
  aide: boolean;
  impaye: boolean;
}

function menageFragile(alea: Alea): MenageOps {
  // Criteria met by construction: no stable job (3), unemployment or precarity (4), < 20 % (5), housing benefit (8),
  // plus single parent (7) or, for couples, 3 children or more (6): at least five.
  const monoparentale = alea.bernoulli(0.65);
  const enfants = monoparentale ? (alea.bernoulli(0.4) ? alea.entier(3, 4) : alea.entier(1, 2)) : alea.entier(3, 4);
  const adultes = monoparentale ? 1 : 2;
  const activites: Activite[] = Array.from({ length: adultes }, (_, i) =>
    i === 0 ? (alea.bernoulli(0.6) ? 'chomage' : 'precaire') : alea.pondere({ chomage: 40, precaire: 30, inactif: 30 }),
  );
  return {
    composition: {
      type: monoparentale ? 'famille monoparentale' : 'couple avec enfant(s)',
      adultes,
      agesEnfants: Array.from({ length: enfants }, () => alea.entier(0, 17)),
    },
    age: alea.entier(22, 55),
    activites,
    ressources: '<20',
    aide: true,
    impaye: alea.bernoulli(0.18),
  };
}

function menageOrdinaire(alea: Alea, nbPieces: number): MenageOps {
  const composition = compositionSelonPieces(alea, nbPieces);
  // A few overcrowded households (criterion 2).
  if (composition.agesEnfants.length > 0 && alea.bernoulli(0.03)) composition.agesEnfants.push(alea.entier(0, 17));
  const age = ((t: TypeMenage): number => {
    switch (t) {
      case 'personne seule':
        return alea.bernoulli(0.35) ? alea.entier(63, 92) : alea.entier(20, 62);
      case 'couple sans enfant':
        return alea.bernoulli(0.4) ? alea.entier(63, 88) : alea.entier(22, 62);
      case 'autre':
        return alea.entier(25, 80);
      default:
        return alea.entier(22, 58);
    }
  })(composition.type);
  const activites: Activite[] = Array.from({ length: composition.adultes }, (_, i) => {
    const a = i === 0 ? age : age + alea.entier(-5, 5);
    if (composition.type === 'autre' && i > 0 && alea.bernoulli(0.4)) return alea.bernoulli(0.5) ? 'etudiant' : 'stable';
    if (a >= 63) return alea.bernoulli(0.88) ? 'retraite' : 'inactif';
    return alea.pondere({ stable: 60, precaire: 12, chomage: 9, etudiant: 2, inactif: 17 }) as Activite;
  });
  const ressources = alea.pondere(
    activites.includes('stable')
      ? { '<20': 3, '20-40': 15, '40-60': 27, '60-100': 38, '>100': 17 }
      : activites.includes('retraite')
        ? { '<20': 5, '20-40': 30, '40-60': 35, '60-100': 25, '>100': 5 }
        : { '<20': 33, '20-40': 35, '40-60': 20, '60-100': 10, '>100': 2 },
  ) as ClasseRessources;
  return {
    composition,
    age,
    activites,
    ressources,
    aide: alea.bernoulli(AIDE_LOGEMENT[ressources]),
    impaye: alea.bernoulli(0.03),
  };
}

export function adresseLogement(l: Logement): string {
  return [l.numVoie + (l.indRep ? ` ${l.indRep}` : ''), l.typVoie, l.nomVoie].filter(Boolean).join(' ');
}

export function lignesOpsCommune(territoire: Territoire, graine: number, programmes: Programme[], vague: number): string[][] {
  const s = territoire.synthese.ops;
  const lignes: string[][] = [];
  const commune = programmes[0]?.logements[0]?.commune;
  if (!commune) return lignes;
  const alea = new Alea(graine, 'ops', commune.code);
  const enNombre = new Set(s.bailleurs_ressources_en_nombre.map((b) => territoire.bailleurCanonique(b)));
  const avecImpayes = new Set(s.bailleurs_avec_impayes.map((b) => territoire.bailleurCanonique(b)));

  for (const p of programmes) {
    if (p.type === 'E') continue;
    const enquetes = p.logements.filter((l) => l.mode === '1');
    const reponses = enquetes.map(() => alea.pondere(s.reponse));
    const repondants = enquetes.map((_, i) => i).filter((i) => reponses[i] === 'repondu');
    // Exact share in fragile résidences (a binomial draw could miss the 25 % rule on 20 households).
    const fragiles = new Set<number>();
    if (p.fragile) {
      const k = Math.ceil((s.part_menages_fragiles_residence_fragile_pct / 100) * repondants.length);
      for (const i of alea.melanger([...repondants]).slice(0, k)) fragiles.add(i);
    } else {
      for (const i of repondants) if (alea.bernoulli(s.part_menages_fragiles_pct / 100)) fragiles.add(i);
    }

    enquetes.forEach((l, i) => {
      const reponse = reponses[i] ?? 'absent';
      const emmenagement = l.bail ? dateFr(jour(l.bail.annee, l.bail.mois, alea.entier(1, 28))) : '';
      const impayesConnus = avecImpayes.has(l.bailleur);
      let menage: MenageOps | null = null;
      if (reponse === 'repondu') menage = fragiles.has(i) ? menageFragile(alea) : menageOrdinaire(alea, l.nbPieces);
      // Arrears come from the bailleur's files, so they exist for non-respondents too.
      const impaye = impayesConnus ? ((menage?.impaye ?? alea.bernoulli(0.04)) ? 'oui' : 'non') : '';
      const compte = (a: Activite): string => (menage ? String(menage.activites.filter((x) => x === a).length) : '');
      let ressources = '';
      if (menage) {
        const [min, max] = BORNES[menage.ressources];
        ressources = enNombre.has(l.bailleur) ? decimal(alea.reel(min, max), 1) : menage.ressources;
      }
      lignes.push([
        l.identRep,
        l.bailleur,
        l.commune.code,
        p.nom,
        adresseLogement(l),
        qpvDe(l)?.code ?? '',
        String(vague),
        emmenagement,
        menage ? String(menage.composition.adultes + menage.composition.agesEnfants.length) : '',
        menage ? String(menage.composition.agesEnfants.length) : '',
        menage ? String(menage.age) : '',
        menage ? menage.composition.type : '',
        ressources,
        menage ? (menage.aide ? 'oui' : 'non') : '',
        compte('stable'),
        compte('precaire'),
        compte('chomage'),
        compte('retraite'),
        compte('etudiant'),
        compte('inactif'),
        String(l.nbPieces),
        impaye,
        reponse,
      ]);
    });
  }
  return lignes;
}
