import { describe, expect, test } from 'vitest';
import { decoder, decouper, EN_TETE, formaterErreur, lireCsvFlux } from '../../../../src/model/flux/csv.ts';
import type { ErreurLigne, LectureFichier } from '../../../../src/model/flux/csv.ts';

const TETE = EN_TETE.join(';');
const HG2 = 'Commune de Baziège;Patrimoine SA Languedocienne;2024;HG;34;2;7,30 %;;;;;;;MIN1;5,88 %;0,15 arrondi à 1;D25-59 l.9206';
const BDR = 'Commune X;Bailleur Y;2025;BdR;;;;1200;50;8 %;12;3;0,05;MIN1;;3,85 arrondi à 4;exemple';
const lire = (texte: string): LectureFichier => lireCsvFlux(new TextEncoder().encode(texte));
function erreurs(texte: string): ErreurLigne[] {
  const l = lire(texte);
  if (!l.ok) throw new Error(l.erreur.attendu);
  return l.erreurs;
}

describe('décodage', () => {
  test('UTF-8 avec BOM, UTF-8, Windows-1252, UTF-16LE', () => {
    expect(decoder(new Uint8Array([0xef, 0xbb, 0xbf, 0x42, 0x61, 0x7a, 0x69, 0xc3, 0xa8, 0x67, 0x65]))).toEqual({ texte: 'Baziège', encodage: 'utf-8' });
    expect(decoder(new Uint8Array([0x42, 0x61, 0x7a, 0x69, 0xe8, 0x67, 0x65]))).toEqual({ texte: 'Baziège', encodage: 'windows-1252' });
    expect(decoder(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xe8, 0x00]))).toEqual({ texte: 'Aè', encodage: 'utf-16le' });
  });
});

describe('découpage', () => {
  test('guillemets, « ; » et sauts de ligne protégés, CRLF, numéros de ligne', () => {
    const { enregistrements } = decouper('a;b\r\n"x;y";"dit ""oui"""\r\n"deux\nlignes";z\nfin;1');
    expect(enregistrements.map((e) => [e.ligne, e.cellules])).toEqual([
      [1, ['a', 'b']],
      [2, ['x;y', 'dit "oui"']],
      [3, ['deux\nlignes', 'z']],
      [5, ['fin', '1']],
    ]);
  });
  test('guillemet jamais refermé', () => {
    expect(lire(`${TETE}\n"Commune;B`)).toEqual({ ok: false, erreur: { ligne: 2, attendu: expect.stringMatching(/guillemet fermant/) } });
  });
});

describe('lecture des lignes', () => {
  test('HG et BdR, lignes vides et « ;;; » ignorées', () => {
    const l = lire(`${TETE}\n\n${HG2}\n;;;;;;;;;;;;;;;;\n${BDR}\n`);
    expect(l.ok && l.erreurs).toEqual([]);
    if (!l.ok) return;
    expect(l.conventions.map((c) => c.ligne)).toEqual([3, 5]);
    expect(l.conventions[0]?.convention.entree).toEqual({ modele: 'HG', E: 34, R: 2, tau: 0.073 });
    expect(l.conventions[1]?.convention.entree).toEqual({ modele: 'BdR', a: 1200, b: 50, d: 0.08, f: 12, g: 3, i: 0.05 });
  });
  test('BdR : b, f, g vides = 0 ; « bdr » et « min1 » acceptés', () => {
    const l = lire(`${TETE}\nC;B;2025;bdr;;;;100;;6,25%;;;2 %;min1;;;s\n`);
    expect(l.ok && l.conventions[0]?.convention).toMatchObject({ arrondi: 'MIN1', entree: { modele: 'BdR', a: 100, b: 0, f: 0, g: 0, d: 0.0625, i: 0.02 } });
  });
  test.each([
    ['R', 'Commune;B;2025;HG;34;deux;7,3 %;;;;;;;MIN1;;1;s', 'deux', /nombre entier positif ou nul/],
    ['E', 'Commune;B;2025;HG;0;0;7,3 %;;;;;;;MIN1;;1;s', '0', /strictement positif/],
    ['E', 'Commune;B;2025;HG;34,5;2;7,3 %;;;;;;;MIN1;;1;s', '34,5', /entier/],
    ['tau', 'Commune;B;2025;HG;34;2;7,3;;;;;;;MIN1;;1;s', '7,3', /fraction entre 0 et 1/],
    ['annee', 'Commune;B;24;HG;34;2;7,3 %;;;;;;;MIN1;;1;s', '24', /4 chiffres/],
    ['modele', 'Commune;B;2024;ALUR;34;2;7,3 %;;;;;;;MIN1;;1;s', 'ALUR', /« HG »/],
    ['arrondi', 'Commune;B;2024;HG;34;2;7,3 %;;;;;;;SUP;;1;s', 'SUP', /MIN1/],
    ['a', 'Commune;B;2024;HG;34;2;7,3 %;5;;;;;;MIN1;;1;s', '5', /case vide/],
    ['R', 'Commune;B;2024;HG;3;4;7,3 %;;;;;;;MIN1;;1;s', '4', /au plus E = 3/],
    ['valeur_imprimee', 'Commune;B;2024;HG;34;2;7,3 %;;;;;;;MIN1;;environ 1;s', 'environ 1', /commençant par un nombre/],
    ['part_imprimee', 'Commune;B;2024;HG;34;2;7,3 %;;;;;;;MIN1;6 pc;1;s', '6 pc', /part imprimée/],
    ['reservataire', ';B;2024;HG;34;2;7,3 %;;;;;;;MIN1;;1;s', '', /non vide/],
    ['b', 'C;B;2025;BdR;;;;10;11;8 %;;;5 %;MIN1;;1;s', '11', /au plus a = 10/],
    ['E', 'C;B;2025;BdR;3;;;10;1;8 %;;;5 %;MIN1;;1;s', '3', /inutilisée par le modèle BdR/],
  ])('colonne %s en erreur', (colonne, ligne, valeur, attendu) => {
    const [e, ...autres] = erreurs(`${TETE}\n${HG2}\n${ligne}\n`);
    expect(autres).toEqual([]);
    expect(e).toMatchObject({ ligne: 3, colonne, valeur });
    expect(e?.attendu).toMatch(attendu);
  });
  test('toutes les erreurs d’une ligne sont listées', () => {
    const e = erreurs(`${TETE}\nC;B;20x5;HG;x;y;z;;;;;;;?;;;s\n`);
    expect(e.map((x) => x.colonne)).toEqual(['annee', 'E', 'R', 'tau', 'arrondi']);
  });
  test('nombre de colonnes', () => {
    expect(erreurs(`${TETE}\nC;B;2025;HG\n`)).toEqual([{ ligne: 2, attendu: expect.stringMatching(/17 colonnes séparées par « ; », 4 trouvée/) }]);
  });
});

describe('fichier inutilisable', () => {
  test('vide', () => {
    for (const t of ['', '\n\n', '\ufeff']) {
      const l = lire(t);
      expect(l.ok).toBe(false);
      if (!l.ok) expect(l.erreur.attendu).toMatch(/le fichier est vide/);
    }
  });
  test('en-tête seul', () => {
    const l = lire(`${TETE}\n`);
    expect(!l.ok && l.erreur.attendu).toMatch(/au moins une ligne de données/);
  });
  test('colonne manquante, colonne inconnue, ordre, séparateur « , »', () => {
    const sans = (c: string) => EN_TETE.filter((x) => x !== c).join(';');
    const m = (t: string) => {
      const l = lire(`${t}\n${HG2}`);
      return l.ok ? '' : l.erreur.attendu;
    };
    expect(m(sans('g'))).toMatch(/^l’en-tête exact \(séparateur « ; »\) : reservataire;bailleur;.*;source — colonne\(s\) manquante\(s\) : g$/);
    expect(m(`${TETE};note`)).toMatch(/colonne\(s\) inconnue\(s\) : « note »/);
    expect(m(sans('tau').replace('R;', 'R;Tau;'))).toMatch(/manquante\(s\) : tau ; colonne\(s\) inconnue\(s\) : « Tau »/);
    expect(m(TETE.replace('E;R', 'R;E'))).toMatch(/autre ordre/);
    expect(m(EN_TETE.join(','))).toMatch(/séparateur « , » \?/);
  });
});

test('message d’erreur : fichier, ligne, colonne, valeur, attendu', () => {
  expect(formaterErreur('f.csv', { ligne: 3, colonne: 'R', valeur: 'deux', attendu: 'un entier' })).toBe(
    'f.csv, ligne 3, colonne 6 (R) : valeur « deux » — attendu : un entier',
  );
});
