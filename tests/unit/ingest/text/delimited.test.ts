import { describe, expect, test } from 'vitest';
import { detecterDelimiteur, estVide, lireDelimite, lireEnregistrements } from '../../../../src/ingest/text/delimited.ts';
import type { Delimiteur } from '../../../../src/ingest/text/delimited.ts';

const lire = (texte: string, delimiteur: Delimiteur = ';', guillemets = true) =>
  [...lireEnregistrements(texte, { delimiteur, guillemets })].map((e) => ({ ligne: e.ligne, champs: e.champs, ...(e.anomalies ? { anomalies: e.anomalies.map((a) => a.code) } : {}) }));

describe('lecture RFC 4180', () => {
  test('texte vide : aucun enregistrement ; fin de ligne finale : pas d’enregistrement vide', () => {
    expect(lire('')).toEqual([]);
    expect(lire('a;b\n')).toEqual([{ ligne: 1, champs: ['a', 'b'] }]);
    expect(lire('a;b')).toEqual([{ ligne: 1, champs: ['a', 'b'] }]);
  });

  test('fins de ligne CRLF, LF et CR seul mélangées ; lignes vides numérotées', () => {
    expect(lire('a\r\nb\rc\n\nd')).toEqual([
      { ligne: 1, champs: ['a'] },
      { ligne: 2, champs: ['b'] },
      { ligne: 3, champs: ['c'] },
      { ligne: 4, champs: [''] },
      { ligne: 5, champs: ['d'] },
    ]);
  });

  test('champs vides en tête, au milieu et en fin', () => {
    expect(lire(';a;;b;')).toEqual([{ ligne: 1, champs: ['', 'a', '', 'b', ''] }]);
    expect(lire('\t\tType 4\t', '\t')).toEqual([{ ligne: 1, champs: ['', '', 'Type 4', ''] }]);
  });

  test('guillemets : délimiteur, guillemet doublé, retour à la ligne dans un champ', () => {
    const t = 'ref;adresse;note\r\n"A;1";"4, rue ""Traversière""";"ligne 1\r\nligne 2"\r\nB;x;y\r\n';
    const e = [...lireEnregistrements(t, { delimiteur: ';' })];
    expect(e.map((x) => [x.ligne, x.ligneFin, x.champs])).toEqual([
      [1, 1, ['ref', 'adresse', 'note']],
      [2, 3, ['A;1', '4, rue "Traversière"', 'ligne 1\nligne 2']],
      [4, 4, ['B', 'x', 'y']],
    ]);
  });

  test('champ vide entre guillemets et guillemets seuls', () => {
    expect(lire('"";""""')).toEqual([{ ligne: 1, champs: ['', '"'] }]);
  });

  test('guillemet au milieu d’un champ non cité : gardé tel quel', () => {
    expect(lire('5" pouces;a"b')).toEqual([{ ligne: 1, champs: ['5" pouces', 'a"b'] }]);
  });

  test('texte collé après le guillemet fermant : conservé, anomalie signalée', () => {
    expect(lire('"abc"def;x')).toEqual([{ ligne: 1, champs: ['abcdef', 'x'], anomalies: ['texte-apres-guillemet'] }]);
  });

  test('guillemet jamais refermé (fichier tronqué) : la ligne est relue seule, la suite n’est pas avalée', () => {
    const t = 'a;b\n"c;d\ne;f\n';
    // Le guillemet de la ligne 2 n'est jamais refermé : sans reprise, les lignes 2-3 formeraient un seul champ.
    expect(lire(t)).toEqual([
      { ligne: 1, champs: ['a', 'b'] },
      { ligne: 2, champs: ['"c', 'd'], anomalies: ['guillemet-non-ferme'] },
      { ligne: 3, champs: ['e', 'f'] },
    ]);
  });

  test('tronqué au milieu d’un champ cité en dernière ligne', () => {
    const e = [...lireEnregistrements('x;y\n1;"Résidence le Mil', { delimiteur: ';' })];
    expect(e[1]?.champs).toEqual(['1', '"Résidence le Mil']);
    expect(e[1]?.anomalies?.[0]).toMatchObject({ code: 'guillemet-non-ferme', ligne: 2, champ: 2 });
    expect(e[1]?.anomalies?.[0]?.message).toMatch(/jamais refermé/u);
  });

  test('guillemets désactivés', () => {
    expect(lire('"a;b";c', ';', false)).toEqual([{ ligne: 1, champs: ['"a', 'b"', 'c'] }]);
  });

  test('estVide', () => {
    expect(estVide({ champs: ['', ' ', '\t'] })).toBe(true);
    expect(estVide({ champs: ['', 'x'] })).toBe(false);
  });

  test('gros fichier : 100 000 lignes lues rapidement', () => {
    const ligne = '0030816617;0790001T3;"CONSEIL GENERAL; EMPRUNT";T3;PLA;7,9%\r\n';
    const texte = ligne.repeat(100_000);
    const debut = performance.now();
    let n = 0;
    for (const e of lireEnregistrements(texte, { delimiteur: ';' })) {
      if (e.champs.length === 6) n++;
    }
    expect(n).toBe(100_000);
    expect(performance.now() - debut).toBeLessThan(5000);
  });
});

describe('détection du délimiteur', () => {
  test.each([
    ['a;b;c\n1;2;3\n4;5;6\n', ';'],
    ['a,b,c\n1,2,3\n', ','],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    // Virgules décimales dans un CSV point-virgule.
    ['taux;rplS;typo\n7,9%;0030816617;T3\n9,39 %;0030818770;T2\n', ';'],
    // Point-virgule à l'intérieur de champs cités dans un CSV virgule.
    ['a,b\n"x;y;z",1\n"u;v;w",2\n', ','],
  ])('%j → %j', (texte, attendu) => {
    expect(detecterDelimiteur(texte).delimiteur).toBe(attendu);
    expect(detecterDelimiteur(texte).certain).toBe(true);
  });

  test('prose pleine de virgules autour d’un tableau tabulé : tabulation', () => {
    const prose = 'Vu la loi, le décret, et l’arrêté, il est convenu ce qui suit, à savoir.\n\n'.repeat(30);
    const tableau = 'N° RPLS\tRéservataire\tTypologie\n0030816617\tMAIRIE\tT3\n0030818770\tPREFECTURE\tT2\n';
    expect(detecterDelimiteur(`${prose}${tableau}${prose}`).delimiteur).toBe('\t');
  });

  test('une seule ligne : le délimiteur qui découpe le plus, sans certitude', () => {
    expect(detecterDelimiteur('a;b;c')).toMatchObject({ delimiteur: ';', certain: false });
    expect(detecterDelimiteur('texte sans délimiteur')).toMatchObject({ delimiteur: '\t', certain: false });
  });

  test('lireDelimite devine ou respecte le délimiteur imposé', () => {
    expect(lireDelimite('a;b\n1;2\n')).toMatchObject({ delimiteur: ';', delimiteurDetecte: true });
    const r = lireDelimite('a;b\n1;2\n', { delimiteur: ',' });
    expect(r.delimiteurDetecte).toBe(false);
    expect(r.enregistrements[0]?.champs).toEqual(['a;b']);
  });
});
