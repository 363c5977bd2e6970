// R5 as published: objective per year from the Annexe 1 in force, carry-over over 3 years (HG / BdR),
// declared bilans side by side with flags, and the secret on "dont prioritaires". Expected values by hand.
import { describe, expect, test } from 'vitest';
import { assemblerBilans, secretPrioritaires, type EntreesBilans } from '../../../src/publish/bilan-flux.ts';
import { formaterErreurBilan, lireBilansBailleurs, type BilanDeclare } from '../../../src/model/flux/bilans-bailleurs.ts';
import type { RealiseAnnee } from '../../../src/model/flux/realise.sql.ts';

const R = 'Commune de Baziège';
const conv = (bailleur: string, annee: number, fluxObjectif: number, extra: Partial<EntreesBilans['conventions'][number]> = {}) => ({
  reservataire: R, bailleur, annee, modele: 'HG', fluxObjectif, periodeAnnees: fluxObjectif < 1 ? Math.round(1 / fluxObjectif) : null, source: `convention ${bailleur}`, ...extra,
});
const fait = (bailleur: string, annee: number, attributions: number, baux_signes: number, prioritaires = 0): RealiseAnnee => ({ reservataire: R, bailleur, annee, attributions, baux_signes, prioritaires });
const decl = (bailleur: string, annee: number, x: Partial<BilanDeclare> = {}): BilanDeclare => ({
  ligne: 2, reservataire: R, bailleur, annee, mises_a_disposition: 0, attributions: 0, baux_signes: 0, prioritaires: 0, manque_justifie: 0, source: 'bilan 2025', ...x,
});

describe('bilan publié : objectif, report et réalisé', () => {
  test('HG sur 3 ans : le manque est reporté, l’excédent perdu', () => {
    // flux 2/an ; 2024 : 0 bail → report 2 ; 2025 : objectif 4, 5 baux → excédent perdu ; 2026 : objectif 2, 1 bail → report 1
    const { bilans } = assemblerBilans({
      conventions: [conv('B', 2024, 2)],
      realise: [fait('B', 2025, 5, 5), fait('B', 2026, 2, 1)],
      annees_decisions: [2023, 2024, 2025, 2026],
      declares: [],
      seuil: 11,
    });
    expect(bilans).toHaveLength(1);
    expect(bilans[0]!.report).toBe('HG');
    expect(bilans[0]!.annees.map((a) => [a.annee, a.report_entrant, a.objectif, a.realise, a.ecart, a.report_sortant])).toEqual([
      [2024, 0, 2, 0, -2, 2],
      [2025, 2, 4, 5, 1, 0],
      [2026, 0, 2, 1, -1, 1],
    ]);
  });
  test('BdR sur 3 ans : l’excédent est déduit de l’objectif suivant', () => {
    const { bilans } = assemblerBilans({
      conventions: [conv('B', 2024, 2, { modele: 'BdR' })],
      realise: [fait('B', 2025, 5, 5), fait('B', 2026, 2, 1)],
      annees_decisions: [2024, 2025, 2026],
      declares: [],
      seuil: 11,
    });
    expect(bilans[0]!.report).toBe('BdR');
    expect(bilans[0]!.annees.map((a) => [a.annee, a.report_entrant, a.objectif, a.report_sortant])).toEqual([
      [2024, 0, 2, 2],
      [2025, 2, 4, -1],
      [2026, -1, 1, 0],
    ]);
  });
  test('l’annexe 1 en vigueur donne le flux de l’année ; PERIOD : « 1 logement tous les N ans », MIN1 : non', () => {
    const { bilans } = assemblerBilans({
      conventions: [conv('A', 2025, 0.0641), conv('C', 2024, 1), conv('C', 2026, 2)],
      realise: [],
      annees_decisions: [2024, 2025, 2026],
      declares: [],
      seuil: 11,
    });
    const [a, c] = bilans;
    expect(a!.periode_annees).toBe(16);
    expect(a!.annees.map((x) => [x.annee, x.objectif])).toEqual([[2025, 0.0641], [2026, 0.1282]]);
    expect(c!.periode_annees).toBeNull();
    expect(c!.annees.map((x) => [x.annee, x.annee_convention, x.flux, x.objectif])).toEqual([[2024, 2024, 1, 1], [2025, 2024, 1, 2], [2026, 2026, 2, 4]]);
  });
});

describe('secret statistique sur « dont prioritaires »', () => {
  test('règle : moins de 11 attributions dans la cellule → secret', () => {
    expect(secretPrioritaires(10, 11)).toBe(true);
    expect(secretPrioritaires(11, 11)).toBe(false);
    expect(secretPrioritaires(0, 11)).toBe(true);
  });
  test('cellule de 2 attributions : prioritaires, part et atteinte masqués ; 12 attributions : publiés', () => {
    const { bilans } = assemblerBilans({
      conventions: [conv('B', 2024, 1)],
      realise: [fait('B', 2024, 2, 2, 1), fait('B', 2025, 12, 10, 3)],
      annees_decisions: [2024, 2025],
      declares: [decl('B', 2024, { attributions: 2, baux_signes: 2, prioritaires: 0 }), decl('B', 2025, { attributions: 12, baux_signes: 10, prioritaires: 4 })],
      seuil: 11,
    });
    const [a24, a25] = bilans[0]!.annees;
    expect(a24).toMatchObject({ attributions: 2, baux_signes: 2, prioritaires: null, part_prioritaires: null, prioritaires_atteint: null, secret_prioritaires: true });
    expect(a24!.declare).toMatchObject({ prioritaires: null, secret_prioritaires: true });
    // declared 0, recomputed 1, both secret: no flag (it would tell about one household)
    expect(a24!.ecarts.map((x) => x.code)).toEqual([]);
    expect(a25).toMatchObject({ attributions: 12, prioritaires: 3, part_prioritaires: 0.25, prioritaires_atteint: true, secret_prioritaires: false });
    expect(a25!.ecarts).toEqual([{ code: 'ECART_PRIORITAIRES', message: 'le bailleur déclare 4 ménage(s) prioritaire(s), les décisions en comptent 3' }]);
    expect(JSON.stringify(bilans)).not.toContain('"prioritaires":1');
  });
});

describe('bilan déclaré par le bailleur, côte à côte', () => {
  test('écarts signalés ; manque justifié non reporté ; année sans bilan signalée', () => {
    const { bilans, erreurs } = assemblerBilans({
      conventions: [conv('La Cité Jardins', 2024, 2)],
      realise: [fait('La Cité Jardins', 2024, 1, 1), fait('La Cité Jardins', 2025, 2, 2)],
      annees_decisions: [2024, 2025],
      declares: [decl('CITE JARDINS', 2024, { mises_a_disposition: 3, attributions: 2, baux_signes: 1, manque_justifie: 1 })],
      bailleurDe: (n) => (n === 'CITE JARDINS' ? 'La Cité Jardins' : n),
      seuil: 11,
    });
    expect(erreurs).toEqual([]);
    const [a24, a25] = bilans[0]!.annees;
    // objective 2, 1 lease, 1 justified → nothing carried over
    expect(a24).toMatchObject({ objectif: 2, realise: 1, report_sortant: 0, manque_justifie: 1 });
    expect(a24!.declare).toMatchObject({ mises_a_disposition: 3, attributions: 2, baux_signes: 1, objectif: 2, realise: 1, report_sortant: 0 });
    expect(a24!.ecarts.map((x) => x.code)).toEqual(['ECART_ATTRIBUTIONS']);
    expect(a24!.ecarts[0]!.message).toBe('le bailleur déclare 2 attribution(s), les décisions de CALEOL en comptent 1');
    expect(a25!.declare).toBeNull();
    expect(a25!.ecarts.map((x) => x.code)).toEqual(['BILAN_ABSENT']);
  });
  test('ligne sans convention, doublon sous une autre graphie, année avant l’annexe 1 : rejetées avec leur raison', () => {
    const { erreurs } = assemblerBilans({
      conventions: [conv('B', 2024, 1)],
      realise: [],
      annees_decisions: [2024],
      declares: [decl('Inconnu', 2024, { ligne: 3 }), decl('B', 2022, { ligne: 4 }), decl('B', 2024, { ligne: 5 }), decl('Bailleur B', 2024, { ligne: 6 })],
      bailleurDe: (n) => (n === 'Bailleur B' ? 'B' : n),
      seuil: 11,
    });
    expect(erreurs).toEqual([
      'bilans_bailleurs.csv, ligne 3 : Commune de Baziège × Inconnu — attendu : un réservataire et un bailleur d’une convention de conventions_annexe1.csv (ligne non rattachée)',
      'bilans_bailleurs.csv, ligne 6, colonne 3 (annee) : valeur « 2024 » — attendu : une seule ligne par réservataire × bailleur × année (déjà donnée ligne 5 : « B » et « Bailleur B » désignent le même bailleur)',
      'bilans_bailleurs.csv, ligne 4, colonne 3 (annee) : valeur « 2022 » — attendu : une année couverte par une annexe 1 (à partir de 2024 pour Commune de Baziège × B)',
    ]);
  });
});

describe('lecture de bilans_bailleurs.csv', () => {
  const enTete = 'reservataire;bailleur;annee;mises_a_disposition;attributions;baux_signes;prioritaires;manque_justifie;source';
  const lire = (t: string) => lireBilansBailleurs(new TextEncoder().encode(t));
  test('lignes valides lues, lignes invalides rejetées avec fichier, ligne, colonne, attendu', () => {
    const r = lire(
      [
        enTete,
        'Commune de Baziège;La Cité Jardins;2024;3;2;1;0;0,5;"bilan reçu le 20/02/2025; courrier"',
        'Commune de Baziège;Alteal;2024;1;deux;1;0;;bilan',
        'Commune de Baziège;Alteal;2025;1;1;1;2;;bilan',
        'Commune de Baziège;La Cité Jardins;2024;3;2;1;0;;doublon',
        'Commune de Baziège;Alteal;25;1;1;1;0;;bilan',
        'Commune de Baziège;Alteal;2026;1;1',
      ].join('\n'),
    );
    if (!r.ok) throw new Error('lecture refusée');
    expect(r.bilans).toEqual([
      { ligne: 2, reservataire: 'Commune de Baziège', bailleur: 'La Cité Jardins', annee: 2024, mises_a_disposition: 3, attributions: 2, baux_signes: 1, prioritaires: 0, manque_justifie: 0.5, source: 'bilan reçu le 20/02/2025; courrier' },
    ]);
    expect(r.erreurs.map((e) => formaterErreurBilan('bilans_bailleurs.csv', e))).toEqual([
      'bilans_bailleurs.csv, ligne 3, colonne 5 (attributions) : valeur « deux » — attendu : un nombre entier de logements, positif ou nul (ex. « 3 »)',
      'bilans_bailleurs.csv, ligne 4, colonne 7 (prioritaires) : valeur « 2 » — attendu : au plus le nombre d’attributions (1) : les prioritaires sont comptés parmi les attributions',
      'bilans_bailleurs.csv, ligne 5, colonne 3 (annee) : valeur « 2024 » — attendu : une seule ligne par réservataire × bailleur × année (déjà donnée ligne 2)',
      'bilans_bailleurs.csv, ligne 6, colonne 3 (annee) : valeur « 25 » — attendu : une année sur 4 chiffres (ex. « 2025 »)',
      'bilans_bailleurs.csv, ligne 7 — attendu : 9 colonnes séparées par « ; », 5 trouvée(s) (un « ; » dans un texte doit être entre guillemets)',
    ]);
  });
  test('en-tête faux ou fichier vide : fichier refusé', () => {
    const r = lire('reservataire;bailleur;annee;attributions\nx;y;2024;1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(formaterErreurBilan('bilans_bailleurs.csv', r.erreur)).toMatch(/^bilans_bailleurs\.csv, ligne 1 : valeur « reservataire;bailleur;annee;attributions » — attendu : l’en-tête exact .* colonne\(s\) manquante\(s\) : mises_a_disposition, baux_signes, prioritaires, manque_justifie, source$/);
    expect(lire('').ok).toBe(false);
  });
});
