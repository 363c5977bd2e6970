// The yearly bilan as a document: eight sections in the CIA's order, tables and figures
// numbered through the whole document (each with its CSV), sub-headings "n.m", comments
// in their section only, no verdict on communes, secret cells shown as such.
import { describe, expect, test } from 'vitest';
import { construireBilan, sourceLisible, SECTIONS_BILAN, type BilanAnnuel, type EntreesBilan } from '../../../src/publish/bilan-annuel.ts';
import type { DonneesPages } from '../../../src/publish/pages.ts';
import type { Ligne } from '../../../src/model/db.ts';
import type { Commentaire } from '../../../src/publish/bilan-annuel-commentaires.ts';

/** One year of attributions with hand-chosen counts; the shares are those counts divided. */
function attr(annee: number, attributions: number, prioritaires: number, q1: number, mutations: number, periode = 'annee'): Ligne {
  // leases: as many as attributions, none in QPV, 4 by students of whom 2 in the 1st quartile
  return {
    annee, periode, secret: false, attributions, prioritaires, q1, q1_inconnu: 0, q1_hors_qpv: q1, hors_qpv: attributions, hors_qpv_seuil_inconnu: 0, mutations, edl: attributions - 2, refus: 3,
    baux: attributions, baux_hors_qpv: attributions, q1_baux_hors_qpv: q1, baux_hors_qpv_etudiants: 4, q1_baux_hors_qpv_etudiants: 2, baux_hors_qpv_seuil_inconnu: 0,
    a1: prioritaires / attributions, a5: q1 / attributions, a5_hors_etudiants: (q1 - 2) / (attributions - 4), a7: mutations / attributions,
  };
}
const SECRET: Ligne = {
  annee: 2025, periode: 'annee', secret: true, attributions: null, prioritaires: null, q1: null, mutations: null, baux_hors_qpv: null, q1_baux_hors_qpv: null, a1: null, a5: null, a7: null,
};
const zone = (code: string, nom: string, attributions: Ligne[]) => ({
  code, nom, attributions, parc: null, parcPar: {} as never, trimestres: [], contingents: [], parBailleur: [], occupation: null, residences: [], entrees: [], couverture: null,
});
const objectif = (cible: number, source: string) => ({ indicateur: 'x', cible, sens: '>=' as const, source, note: '' });

function donnees(): DonneesPages {
  const epci = [attr(2024, 100, 30, 20, 20), attr(2025, 80, 32, 24, 16)];
  return {
    objectifs: { a1: objectif(0.375, 'CIA art.1 obj.1 (l.5128)'), a5: objectif(0.25, 'loi Égalité et Citoyenneté'), a7: objectif(0.25, 'CIA art.3 (l.5360)'), a4: objectif(0.25, 'CIA') },
    petitsEffectifs: 20,
    sources: { cia: 'Convention intercommunale d’attribution' },
    territoire: { id: 'essai', nom: 'CA d’Essai', nomCourt: 'Essai', siren: '200000000', aDesQpv: false },
    synthetique: true,
    millesime: 2025,
    annees: [2024, 2025],
    derniereAnnee: 2025,
    vague: 2024,
    epci: { ...zone('200000000', 'CA d’Essai', epci), trimestres: [attr(2025, 20, 8, 4, 4, 'T1'), attr(2025, 80, 32, 24, 16)] },
    territoires: [{ ...zone('1', 'Territoire nord', [attr(2024, 90, 27, 18, 18), attr(2025, 70, 28, 21, 14)]), communes: ['31001', '31002', '31003'] }],
    communes: [
      { ...zone('31001', 'Alpha', [attr(2024, 60, 20, 12, 12), attr(2025, 50, 20, 16, 10)]), population: 1000, territoire: '1', territoireLibelle: 'Territoire nord' },
      { ...zone('31002', 'Bêta', [attr(2024, 30, 7, 6, 6), SECRET]), population: 500, territoire: '1', territoireLibelle: 'Territoire nord' },
      { ...zone('31003', 'Gamma', [attr(2024, 11, 4, 2, 1), attr(2025, 12, 5, 3, 1)]), population: 300, territoire: '1', territoireLibelle: 'Territoire nord' },
    ],
    bailleursZones: [],
    bailleurs: ['Habitat A'],
    contingents: ['commune'],
    conventions: [],
    decisions: { parAnnee: [{ annee: 2025, secret: false, refus: 3, propositions_q1: 30, propositions_prioritaires: 40, propositions_mutations: 20 }], parBailleur: [], refusParMotif: [], refusParPublic: [] },
    acd: {
      evaluation: [
        { annee: 2025, bailleur: 'Habitat A', objectif: 10, donnees: true, secret: false, attributions: 40, prioritaires: 12, a: 12, b: 0.3, a_atteint: true, b_atteint: false, objectif_atteint: true },
        // A missed, B 5 of 12 ≥ 37,5 % but on fewer than 20 attributions: no conclusion
        { annee: 2025, bailleur: 'Habitat B', objectif: 8, donnees: true, secret: false, attributions: 12, prioritaires: 5, a: 3, b: 5 / 12, a_atteint: false, b_atteint: true, objectif_atteint: true },
      ],
      cumul: [],
      capacite: [],
    },
    bilan: {
      annees: [
        { annee: 2024, trimestres: [], contingents: [], refusParMotif: [], refusParPublic: [], acdCumul: [], anneesAcd: [] },
        {
          annee: 2025, trimestres: [attr(2025, 20, 8, 4, 4, 'T1'), attr(2025, 80, 32, 24, 16)],
          contingents: [{ ...attr(2025, 40, 8, 10, 5), contingent: 'commune' }, { ...attr(2025, 12, 6, 1, 1), contingent: 'epci' }],
          refusParMotif: [{ modalite: 'loyer trop élevé', refus: 3, secret: false, part: 1 }], refusParPublic: [],
          acdCumul: [{ bailleur: 'Habitat A', objectif_cumule: 10, objectif_periode: 30, secret: false, a: 12, b: 0.3, a_atteint: true, b_atteint: false, objectif_atteint: true, taux_a_periode: 0.4 }],
          anneesAcd: [2025],
        },
      ],
      occupation: [],
    },
  } as DonneesPages;
}

const T: EntreesBilan['t'] = { nom: 'CA d’Essai', nomCourt: 'Essai', secret: { attributionsMin: 5, menagesOpsMin: 11 }, residencesEnjeux: [], periodeAcd: [2025, 2027] };
const commentaire = (section: string): Commentaire => ({ section, fichier: `${section}.md`, titre: null, auteur: null, date: null, html: '<p>Mot de l’équipe</p>' });

function bilan(commentaires: Commentaire[] = []): BilanAnnuel {
  return construireBilan({
    d: donnees(), t: T, annee: 2025, commentaires,
    communesSuivies: { citation: 'communes les plus urbaines', source: 'CIA art. 1 (l.5177)', communes: ['31001', '31002', '31003'] },
  });
}

describe('numérotation', () => {
  test('huit sections dans l’ordre des objectifs de la CIA', () => {
    expect(bilan().sections.map((s) => [s.numero, s.id])).toEqual(SECTIONS_BILAN.map((s) => [s.numero, s.id]));
  });

  test('tableaux et figures numérotés de 1 à n dans l’ordre du document, chacun avec son fichier CSV', () => {
    const b = bilan();
    const ordre = b.sections.flatMap((s) => s.blocs.flatMap((x) => (x.type === 'tableau' ? [`T${x.tableau.numero}`] : x.type === 'figure' ? [`F${x.figure.numero}`] : [])));
    const tableaux = ordre.filter((x) => x.startsWith('T')).map((x) => Number(x.slice(1)));
    const figures = ordre.filter((x) => x.startsWith('F')).map((x) => Number(x.slice(1)));
    expect(tableaux).toEqual(tableaux.map((_x, i) => i + 1));
    expect(figures).toEqual(figures.map((_x, i) => i + 1));
    expect(b.tableaux.map((t) => t.csv)).toEqual(tableaux.map((n) => `tableau-${n}.csv`));
    expect(b.figures.map((f) => f.csv)).toEqual(figures.map((n) => `figure-${n}.csv`));
    expect(tableaux.length).toBeGreaterThan(15);
    expect(figures.length).toBe(3); // no demand extract: the pressure figure is absent
    for (const t of b.tableaux) {
      expect(t.source.length, `source du tableau ${t.numero}`).toBeGreaterThan(10);
      for (const l of t.lignes) expect(l.length, `tableau ${t.numero} « ${t.titre} »`).toBe(t.colonnes.length);
    }
  });

  test('intertitres numérotés n.1, n.2… dans leur section', () => {
    const b = bilan();
    for (const s of b.sections) {
      const numeros = s.blocs.flatMap((x) => (x.type === 'intertitre' ? [x.numero] : []));
      expect(numeros).toEqual(numeros.map((_x, i) => `${s.numero}.${i + 1}`));
    }
    expect(b.sections[1]!.blocs.filter((x) => x.type === 'intertitre').map((x) => (x as { titre: string }).titre)).toEqual([
      'Les territoires d’équilibre', 'Les communes les plus urbaines et les plus dotées en logements sociaux',
    ]);
  });
});

describe('contenu', () => {
  test('un commentaire s’affiche en tête de sa section seulement ; une section sans commentaire n’en montre aucun', () => {
    const b = bilan([commentaire('bailleurs')]);
    for (const s of b.sections) {
      const blocs = s.blocs.filter((x) => x.type === 'commentaires');
      if (s.id === 'bailleurs') {
        expect(s.blocs[0]).toEqual({ type: 'commentaires', commentaires: [commentaire('bailleurs')] });
      } else expect(blocs).toEqual([]);
    }
  });

  test('objectifs de l’EPCI : parts calculées à la main, verdict de l’année, années côte à côte', () => {
    const t = bilan().tableaux.find((x) => x.titre.startsWith('Les objectifs de la CIA'))!;
    expect(t.colonnes).toEqual(['Indicateur', '2024', '2025', 'Objectif', 'En 2025']);
    // 30/100 = 30 %, 32/80 = 40 % ≥ 37,5 %; 24/80 = 30 % ≥ 25 %; 16/80 = 20 % < 25 %
    expect(t.lignes[0]).toEqual(['Part des attributions à des ménages prioritaires', '30,0\u202f%', '40,0\u202f%', '≥ 37,5\u202f%', '✔ atteint']);
    expect(t.lignes[1]!.slice(1)).toEqual(['20,0\u202f%', '30,0\u202f%', '≥ 25,0\u202f%', '✔ atteint']);
    // the follow-up without students: shown, no verdict
    expect(t.lignes[2]!.slice(-2)).toEqual(['suivi, sans objectif', '—']);
    expect(t.lignes[3]!.slice(-1)).toEqual(['✘ non atteint']);
    expect(t.source).not.toMatch(/l\.\d/);
  });

  test('territoires et communes : aucune coche ni croix, cellule au secret écrite « secret »', () => {
    const b = bilan();
    const s2 = b.sections.find((s) => s.id === 'territoires')!;
    const cellules = s2.blocs.flatMap((x) => (x.type === 'tableau' ? x.tableau.lignes.flat() : []));
    expect(cellules.some((c) => /[✔✘]|atteint/.test(c))).toBe(false);
    const communes = s2.blocs.flatMap((x) => (x.type === 'tableau' && x.tableau.titre.startsWith('Attributions par commune') ? [x.tableau] : []))[0]!;
    expect(communes.lignes).toEqual([['Alpha', '60', '50'], ['Bêta', '30', 'secret'], ['Gamma', '11', '12'], ['Ensemble du Essai', '100', '80']]);
    // under 20 attributions a share is given as counts (catalogue's small numbers)
    const prioritaires = s2.blocs.flatMap((x) => (x.type === 'tableau' && x.tableau.titre.startsWith('Part des attributions aux ménages prioritaires par commune') ? [x.tableau] : []))[0]!;
    expect(prioritaires.lignes[2]).toEqual(['Gamma', '4 sur 11', '5 sur 12']);
  });

  test('suivi trimestriel : cumul au 31 mars et au 31 décembre, trimestres absents en « — »', () => {
    const t = bilan().tableaux.find((x) => x.titre.startsWith('Cumul depuis le 1er janvier 2025'))!;
    expect(t.lignes.map((l) => l.slice(0, 4))).toEqual([
      ['au 31 mars', '20', '4', '20,0\u202f%'],
      ['au 30 juin', '—', '—', '—'],
      ['au 30 septembre', '—', '—', '—'],
      ['au 31 décembre', '80', '24', '30,0\u202f%'],
    ]);
  });

  test('réservataires : verdict ≥ 25 % sur un contingent assez grand, « trop peu de cas » sous 20 attributions', () => {
    const t = bilan().tableaux.find((x) => x.titre.startsWith('Part des attributions aux ménages prioritaires par réservataire'))!;
    expect(t.colonnes).toEqual(['Réservataire (contingent)', '2024', '2025', 'Objectif', 'En 2025']);
    // 8 / 40 = 20 % < 25 %; 6 sur 12: small number, no verdict
    expect(t.lignes).toEqual([
      ['Communes', '—', '20,0\u202f%', '≥ 25\u202f%', '✘ non atteint'],
      ['EPCI', '—', '6 sur 12', '≥ 25\u202f%', 'trop peu de cas'],
    ]);
  });

  test('chiffres trimestriels de l’État, quand l’équipe les a saisis : colonne à côté de ceux des CALEOL', () => {
    const b = construireBilan({
      d: donnees(), t: T, annee: 2025, commentaires: [],
      trimestresEtat: [{ trimestre: 'T1', attributions: 25, premierQuartile: 5 }, { trimestre: 'T4', attributions: 90, premierQuartile: 27 }],
    });
    const t = b.tableaux.find((x) => x.titre.startsWith('Cumul depuis le 1er janvier 2025'))!;
    expect(t.colonnes.at(-1)).toBe('Part selon l’État');
    expect(t.lignes.map((l) => [l[0], l[3], l.at(-1)])).toEqual([
      ['au 31 mars', '20,0\u202f%', '20,0\u202f%'], // 4 of 20: at the small-number parameter, a share
      ['au 30 juin', '—', '—'],
      ['au 30 septembre', '—', '—'],
      ['au 31 décembre', '30,0\u202f%', '30,0\u202f%'],
    ]);
    expect(t.source).toContain('transmis par l’État');
  });

  test('ACD : atteint par A seul ; B sur moins de 20 attributions sans conclusion (règle de la page du bilan de l’ACD)', () => {
    const t = bilan().tableaux.find((x) => x.titre.startsWith('Objectif ACD 2025'))!;
    expect(t.lignes).toEqual([
      ['Habitat A', '10', '12', '30,0\u202f%', '✔ oui (A)'],
      ['Habitat B', '8', '3', '5 sur 12', 'A non atteint ; B sur trop peu d’attributions : pas de conclusion'],
    ]);
  });

  test('1er quartile sans seuil de l’année : « non calculé » (jamais 0 %), pas de verdict, pas de barre', () => {
    const d = donnees();
    d.epci.attributions[1] = { ...d.epci.attributions[1]!, q1_baux_hors_qpv: 0, a5: null, a5_hors_etudiants: null, baux_hors_qpv_seuil_inconnu: 80, q1: 0, q1_inconnu: 80 };
    const b = construireBilan({ d, t: T, annee: 2025, commentaires: [] });
    const t = b.tableaux.find((x) => x.titre.startsWith('Les objectifs de la CIA'))!;
    expect(t.lignes[1]!.slice(1)).toEqual(['20,0\u202f%', 'non calculé', '≥ 25,0\u202f%', '—']);
    expect(b.tableaux[0]!.lignes[4]).toEqual(['dont hors QPV par des ménages du 1er quartile', '20', 'non calculé']);
    expect(b.figures[1]!.points.map((p) => p.valeur)).toEqual([0.2, null]);
  });

  test('année sans attributions publiées : erreur qui cite les années couvertes', () => {
    expect(() => construireBilan({ d: donnees(), t: T, annee: 2023, commentaires: [] })).toThrow('bilan 2023 : aucune attribution publiée pour cette année (années couvertes : 2024, 2025)');
  });

  test('sources lisibles : sans numéro de ligne ni chemin de fichier', () => {
    expect(sourceLisible('CIA art.1 obj.1 (l.5128); ACD indicateur B')).toBe('CIA art.1 obj.1; ACD indicateur B');
    expect(sourceLisible('Convention, art. 1, objectif 2 (l.5177)')).toBe('Convention, art. 1, objectif 2');
    expect(sourceLisible('INDICATORS.md A6 ; plafonds : arrêté (data/config/plafonds_plus.csv)')).toBe('plafonds : arrêté');
  });
});
