// The team's comments in the yearly bilan: attached to a section by front-matter or file
// name, Markdown rendered to safe HTML, and nothing ever blocks (warnings instead).
import { describe, expect, test } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import {
  lireCommentaire, lireCommentaires, lireEnteteMarkdown, markdownEnHtml, sectionDe, sectionDuNomDeFichier,
} from '../../../src/publish/bilan-annuel-commentaires.ts';
import { SECTIONS_BILAN } from '../../../src/publish/bilan-annuel.ts';
import { lireTrimestresEtat } from '../../../src/publish/bilan-annuel-entrees.ts';

describe('en-tête et section d’un commentaire', () => {
  test('en-tête YAML simple : champs en minuscules, guillemets retirés, corps après le second ---', () => {
    const { champs, corps } = lireEnteteMarkdown('\uFEFF---\r\nSection: 3\r\ntitre: "Le mot de l’équipe"\r\n---\r\nTexte.\r\n');
    expect(champs).toEqual({ section: '3', titre: 'Le mot de l’équipe' });
    expect(corps).toBe('Texte.\n');
  });

  test('sans en-tête : aucun champ, tout le texte est le corps', () => {
    expect(lireEnteteMarkdown('Texte seul\n---\n')).toEqual({ champs: {}, corps: 'Texte seul\n---\n' });
  });

  test('section désignée par son numéro ou son identifiant (casse et accents indifférents)', () => {
    expect(sectionDe('3', SECTIONS_BILAN)?.id).toBe('bailleurs');
    expect(sectionDe('Réservataires', SECTIONS_BILAN)?.numero).toBe(4);
    expect(sectionDe('QUALITE', SECTIONS_BILAN)?.numero).toBe(8);
    expect(sectionDe('9', SECTIONS_BILAN)).toBeNull();
    expect(sectionDe('conclusion', SECTIONS_BILAN)).toBeNull();
  });

  test('section déduite du nom de fichier', () => {
    expect(sectionDuNomDeFichier('3-bailleurs.md', SECTIONS_BILAN)?.id).toBe('bailleurs');
    expect(sectionDuNomDeFichier('07_note.md', SECTIONS_BILAN)?.id).toBe('demande');
    expect(sectionDuNomDeFichier('suivi.md', SECTIONS_BILAN)?.numero).toBe(5);
    expect(sectionDuNomDeFichier('occupation-residences.md', SECTIONS_BILAN)?.numero).toBe(6);
    expect(sectionDuNomDeFichier('notes.md', SECTIONS_BILAN)).toBeNull();
  });

  test('l’en-tête l’emporte sur le nom de fichier', () => {
    const { commentaire } = lireCommentaire('1-objectifs.md', '---\nsection: demande\nauteur: Équipe\n---\nPression en hausse.', SECTIONS_BILAN);
    expect(commentaire).toMatchObject({ section: 'demande', auteur: 'Équipe', titre: null, html: '<p>Pression en hausse.</p>' });
  });

  test('section inconnue ou commentaire vide : ignoré avec un avertissement qui nomme le fichier, sans erreur', () => {
    const inconnu = lireCommentaire('a.md', '---\nsection: 12\n---\nTexte', SECTIONS_BILAN);
    expect(inconnu.commentaire).toBeNull();
    expect(inconnu.avertissement).toMatch(/^a\.md : commentaire ignoré, la section « 12 » n'existe pas/);
    const sansSection = lireCommentaire('notes.md', 'Texte', SECTIONS_BILAN);
    expect(sansSection.avertissement).toMatch(/notes\.md : .*ni son en-tête .* ni son nom/);
    const vide = lireCommentaire('2-territoires.md', '---\nauteur: x\n---\n\n  \n', SECTIONS_BILAN);
    expect(vide).toEqual({ commentaire: null, avertissement: '2-territoires.md : commentaire vide, ignoré.' });
  });
});

describe('Markdown des commentaires', () => {
  test('paragraphes, listes à puces et numérotées, gras, italique, lien', () => {
    const html = markdownEnHtml('Premier *paragraphe*\nsur deux lignes.\n\n- un **point**\n- un [lien](https://example.org/a)\n\n1. premier\n2. second\n');
    expect(html).toBe(
      '<p>Premier <em>paragraphe</em> sur deux lignes.</p>\n<ul><li>un <strong>point</strong></li><li>un <a href="https://example.org/a">lien</a></li></ul>\n<ol><li>premier</li><li>second</li></ol>',
    );
  });

  test('le HTML brut est affiché comme du texte ; un lien javascript: perd son adresse', () => {
    const html = markdownEnHtml('<script>alert(1)</script> & [x](javascript:alert(1))');
    expect(html).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; x</p>');
  });

  test('un titre Markdown devient un intertitre de paragraphe, pas un titre du bilan', () => {
    expect(markdownEnHtml('## À retenir\nTexte')).toBe('<p class="commentaire-titre"><strong>À retenir</strong></p>\n<p>Texte</p>');
  });
});

describe('dossier des commentaires d’une année', () => {
  test('dossier absent : aucun commentaire, aucun avertissement', () => {
    expect(lireCommentaires(join(tmpdir(), 'obs-bilan-absent-xyz', '2025'), SECTIONS_BILAN)).toEqual({ commentaires: [], avertissements: [] });
  });

  test('ordre des noms de fichiers (numérique), README ignoré, fichiers mal rattachés signalés', () => {
    const d = join(mkdtempSync(join(tmpdir(), 'obs-bilan-com-')), '2025');
    mkdirSync(d);
    writeFileSync(join(d, '10-note.md'), 'Dix');
    writeFileSync(join(d, '2-territoires.md'), 'Deux');
    writeFileSync(join(d, '1-objectifs.md'), 'Un');
    writeFileSync(join(d, 'README.md'), 'Mode d’emploi');
    writeFileSync(join(d, 'brouillon.txt'), 'pas du Markdown');
    const r = lireCommentaires(d, SECTIONS_BILAN);
    expect(r.commentaires.map((c) => [c.fichier, c.section])).toEqual([['1-objectifs.md', 'objectifs'], ['2-territoires.md', 'territoires']]);
    expect(r.avertissements).toEqual([expect.stringMatching(/^10-note\.md : commentaire ignoré, ni son en-tête .* ni son nom/)]);
  });
});

describe('chiffres trimestriels transmis par l’État', () => {
  test('lecture ; ou , et lignes fautives signalées avec leur numéro', () => {
    const r = lireTrimestresEtat('etat.csv', 'trimestre;attributions;premier_quartile\nT1;281;72\nt2;500;\nT5;1;1\nT3;abc;3\n');
    expect(r.trimestres).toEqual([
      { trimestre: 'T1', attributions: 281, premierQuartile: 72 },
      { trimestre: 'T2', attributions: 500, premierQuartile: null },
    ]);
    expect(r.avertissements).toEqual([
      'etat.csv, ligne 4, colonne trimestre : « T5 », attendu T1, T2, T3 ou T4 ; ligne ignorée.',
      'etat.csv, ligne 5 : attributions et premier_quartile doivent être des nombres entiers ; ligne ignorée.',
    ]);
    expect(lireTrimestresEtat('e.csv', 'trimestre,total\nT1,3').avertissements[0]).toMatch(/^e\.csv, ligne 1 : colonnes attendues/);
  });
});
