// Generic French names for fictitious résidences and streets (nothing here
// refers to a real territory; real names come from the territory's files).
import type { Alea } from './random.ts';

const PREFIXES_COLLECTIF = ['Résidence', 'Le Clos', 'Les Jardins', 'Les Terrasses', 'Le Parc', 'Les Allées', 'Le Carré', 'Le Domaine'];
const PREFIXES_INDIVIDUEL = ['Le Hameau', 'Les Villas', 'Le Lotissement', 'Les Pavillons'];
const COMPLEMENTS = [
  'des Acacias', 'des Tilleuls', 'du Canal', 'des Vignes', 'des Platanes', 'du Moulin', 'des Cèdres', 'de la Fontaine',
  'du Soleil', 'des Lilas', 'des Chênes', 'du Pigeonnier', 'des Coteaux', 'du Ruisseau', 'des Érables', 'de la Prairie',
  'des Peupliers', 'des Glycines', 'du Lavoir', 'des Oliviers', 'des Saules', 'des Hirondelles', 'du Verger', 'des Tournesols',
  'de la Source', 'des Marronniers', 'du Château', 'des Bleuets', 'des Amandiers', 'de l\'Église', 'du Levant', 'des Mésanges',
];
const PERSONNES = [
  'Marie Curie', 'Sophie Germain', 'Olympe de Gouges', 'Simone Veil', 'Louis Pasteur', 'Ada Lovelace', 'Émilie du Châtelet',
  'George Sand', 'Victor Hugo', 'Albert Camus', 'Jean Moulin', 'Lucie Aubrac', 'Joséphine Baker', 'Irène Joliot-Curie',
];
const VOIES: [string, string][] = [
  ['RUE', 'rue'], ['AV', 'avenue'], ['ALL', 'allée'], ['CHE', 'chemin'], ['IMP', 'impasse'], ['PL', 'place'], ['RTE', 'route'],
];
const NOMS_VOIES = [
  'de la République', 'des Écoles', 'Jean Jaurès', 'du 8 Mai 1945', 'de la Mairie', 'des Sports', 'Pierre et Marie Curie',
  'du Stade', 'de la Gare', 'Victor Hugo', 'des Pyrénées', 'de la Poste', 'Jules Ferry', 'du Général de Gaulle', 'des Jardins',
  'de l\'Europe', 'Aristide Briand', 'des Vignes', 'du Moulin', 'de la Liberté', 'Louise Michel', 'des Lilas', 'Émile Zola',
];

/** Uppercase without accents, as street names appear in RPLS. */
export function majusculesSansAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase();
}

export function nomResidence(alea: Alea, type: 'C' | 'I' | 'E', dejaPris: Set<string>): string {
  for (let essai = 0; essai < 50; essai++) {
    const nom =
      type === 'E'
        ? `Résidence étudiante ${alea.choisir(PERSONNES)}`
        : `${alea.choisir(type === 'I' ? PREFIXES_INDIVIDUEL : PREFIXES_COLLECTIF)} ${alea.choisir(COMPLEMENTS)}`;
    if (!dejaPris.has(nom)) {
      dejaPris.add(nom);
      return nom;
    }
  }
  // Crowded commune: number the name rather than loop forever.
  const nom = `Résidence ${dejaPris.size + 1}`;
  dejaPris.add(nom);
  return nom;
}

export function voie(alea: Alea): { typVoie: string; nomVoie: string } {
  const [typVoie] = alea.choisir(VOIES);
  return { typVoie, nomVoie: majusculesSansAccents(alea.choisir(NOMS_VOIES)) };
}

const TYPES_VOIE: [RegExp, string][] = [
  [/^rue$/i, 'RUE'],
  [/^av(enue)?$/i, 'AV'],
  [/^all[ée]e$/i, 'ALL'],
  [/^chemin$/i, 'CHE'],
  [/^impasse$/i, 'IMP'],
  [/^place$/i, 'PL'],
  [/^route$/i, 'RTE'],
  [/^boulevard$/i, 'BD'],
  [/^square$/i, 'SQ'],
  [/^lotissement$/i, 'LOT'],
  [/^r[ée]sidence$/i, 'RES'],
];

/**
 * Splits a free-text address of an état des lieux ("11 allée Paul Marty",
 * "Residence X / PAVILLON 2 / RUE DES SAULES") into RPLS address fields.
 * Prefers a segment with a street number, then a street over a résidence.
 */
export function decouperAdresse(
  adresse: string,
  codePostal: string,
): { numVoie: string; typVoie: string; nomVoie: string; complGeo: string } {
  const segments = adresse
    .split('/')
    .map((s) => s.trim())
    .filter(Boolean);
  const motif = /^(\d+)?\s*,?\s*([A-Za-zÀ-ÿ]+)\s+(.+)$/;
  let meilleur: { i: number; score: number; numVoie: string; typVoie: string; nomVoie: string } | null = null;
  segments.forEach((segment, i) => {
    const m = motif.exec(segment);
    if (!m) return;
    const type = TYPES_VOIE.find(([re]) => re.test(m[2] ?? ''));
    if (!type) return;
    const nomVoie = (m[3] ?? '').replace(new RegExp(`\\s*${codePostal}\\b.*$`), '').trim();
    const score = (m[1] ? 2 : 0) + (type[1] === 'RES' ? 0 : 1);
    if (!meilleur || score > meilleur.score) meilleur = { i, score, numVoie: m[1] ?? '', typVoie: type[1], nomVoie };
  });
  const choisi = meilleur as { i: number; numVoie: string; typVoie: string; nomVoie: string } | null;
  if (!choisi) return { numVoie: '', typVoie: '', nomVoie: majusculesSansAccents(adresse), complGeo: '' };
  return {
    numVoie: choisi.numVoie,
    typVoie: choisi.typVoie,
    nomVoie: majusculesSansAccents(choisi.nomVoie),
    complGeo: segments.filter((_, i) => i !== choisi.i).join(' / '),
  };
}
