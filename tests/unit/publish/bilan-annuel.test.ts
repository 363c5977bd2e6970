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
  return {
    annee, periode, secret: false, attributions, prioritaires, q1, q1_hors_qpv: q1, mutations, edl: attributions - 2, refus: 3,
    a1: prioritaires / attributions, a5: q1 / attributions, a5e_non_etudiants: (q1 - 2) / (attributions - 4), a7: mutations / attributions,
  };
}
const SECRET: Ligne = { annee: 2025, periode: 'annee', secret: true, attributions: null, prioritaires: null, q1: null, mutations: null, a1: null, a5: null, a7: null };
const zone = (code: string, nom: string, attributions: Ligne[]) => ({
  code, nom, attributions, parc: null, parcPar: {} as never, trimestres: [], contingents: [], parBailleur: [], occupation: null, residences: [], entrees: [], couverture: null,
});
const objectif = (cible: number, source: string) => ({ indicateur: 'x', cible, sens: '>=' as const, source, note: '' });

function donnees(): DonneesPages {
  const epci = [attr(2024, 100, 30, 20, 20), attr(2025, 80, 32, 24, 16)];
  return {
    objectifs: { a1: objectif(0.375, 'CIA art.1 obj.1 (l.5128)'), a5: objectif(0.25, 'loi Égalité et Citoyenneté'), a7: objectif(0.25, 'CIA art.3 (l.5360)'), a4: objectif(0.25, 'CIA') },
    sources: { cia: 'Convention intercommunale d’attribution' },
    territoire: { id: 'essai', nom: 'CA d’Essai', nomCourt: 'Essai', siren: '200000000', aDesQpv: false },
    synthetique: true,
    millesime: 2025,
    annees: [2024, 2025],
    derniereAnnee: 2025,
    vague: 2024,
    epci: { ...zone('200000000', 'CA d’Essai', epci), trimestres: [attr(2025, 20, 8, 4, 4, 'T1'), attr(2025, 80, 32, 24, 16)] },
    territoires: [{ ...zone('1', 'Territoire nord', [attr(2024, 90, 27, 18, 18), attr(2025, 70, 28, 21, 14)]), communes: ['31001', '31002'] }],
    communes: [
      { ...zone('31001', 'Alpha', [attr(2024, 60, 20, 12, 12), attr(2025, 50, 20, 16, 10)]), population: 1000, territoire: '1', territoireLibelle: 'Territoire nord' },
      { ...zone('31002', 'Bêta', [attr(2024, 30, 7, 6, 6), SECRET]), population: 500, territoire: '1', territoireLibelle: 'Territoire nord' },
    ],
    bailleursZones: [],
    bailleurs: ['Habitat A'],
    contingents: ['commune'],
    conventions: [],
    decisions: { parAnnee: [{ annee: 2025, secret: false, refus: 3, propositions_q1: 30, propositions_prioritaires: 40, propositions_mutations: 20 }], parBailleur: [], refusParMotif: [], refusParPublic: [] },
    acd: {
      evaluation: [{ annee: 2025, bailleur: 'Habitat A', objectif: 10, donnees: true, secret: false, a: 12, b: 0.3, a_atteint: true, b_atteint: false, objectif_atteint: true }],
      cumul: [],
      capacite: [],
    },
    bilan: {
      annees: [
        { annee: 2024, trimestres: [], contingents: [], refusParMotif: [], refusParPublic: [], acdCumul: [], anneesAcd: [] },
        {
          annee: 2025, trimestres: [attr(2025, 20, 8, 4, 4, 'T1'), attr(2025, 80, 32, 24, 16)],
          contingents: [{ ...attr(2025, 40, 8, 10, 5), contingent: 'commune' }],
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
    communesSuivies: { citation: 'communes les plus urbaines', source: 'CIA art. 1 (l.5177)', communes: ['31001', '31002'] },
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
    expect(t.colonnes).toEqual(['Part des attributions', '2024', '2025', 'Objectif', 'En 2025']);
    // 30/100 = 30 %, 32/80 = 40 % ≥ 37,5 %; 24/80 = 30 % ≥ 25 %; 16/80 = 20 % < 25 %
    expect(t.lignes[0]).toEqual(['Ménages prioritaires', '30,0\u202f%', '40,0\u202f%', '≥ 37,5\u202f%', '✔ atteint']);
    expect(t.lignes[1]!.slice(1)).toEqual(['20,0\u202f%', '30,0\u202f%', '≥ 25,0\u202f%', '✔ atteint']);
    // the follow-up without students: shown, no verdict
    expect(t.lignes[2]!.slice(-2)).toEqual(['suivi', '—']);
    expect(t.lignes[3]!.slice(-1)).toEqual(['✘ non atteint']);
    expect(t.source).not.toMatch(/l\.\d/);
  });

  test('territoires et communes : aucune coche ni croix, cellule au secret écrite « secret »', () => {
    const b = bilan();
    const s2 = b.sections.find((s) => s.id === 'territoires')!;
    const cellules = s2.blocs.flatMap((x) => (x.type === 'tableau' ? x.tableau.lignes.flat() : []));
    expect(cellules.some((c) => /[✔✘]|atteint/.test(c))).toBe(false);
    const communes = s2.blocs.flatMap((x) => (x.type === 'tableau' && x.tableau.titre.startsWith('Attributions par commune') ? [x.tableau] : []))[0]!;
    expect(communes.lignes).toEqual([['Alpha', '60', '50'], ['Bêta', '30', 'secret'], ['Ensemble du Essai', '100', '80']]);
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

  test('ACD : objectif atteint par l’indicateur A seul', () => {
    const t = bilan().tableaux.find((x) => x.titre.startsWith('Objectif ACD 2025'))!;
    expect(t.lignes).toEqual([['Habitat A', '10', '12', '30,0\u202f%', '✔ oui (A)']]);
  });

  test('1er quartile sans seuil pour plus de 5 % des ménages : « non connu », pas 0 %', () => {
    const d = donnees();
    d.epci.attributions[0] = { ...d.epci.attributions[0]!, q1: 0, q1_hors_qpv: 0, a5: 0, q1_inconnu: 6 }; // 6 of 100 > 5 %
    d.epci.attributions[1] = { ...d.epci.attributions[1]!, q1_inconnu: 4 }; // 4 of 80 = 5 %: shown
    const b = construireBilan({ d, t: T, annee: 2025, commentaires: [] });
    const t = b.tableaux.find((x) => x.titre.startsWith('Les objectifs de la CIA'))!;
    expect(t.lignes[1]!.slice(1, 3)).toEqual(['non connu', '30,0\u202f%']);
    expect(b.figures[1]!.points.map((p) => p.valeur)).toEqual([null, 0.3]);
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
