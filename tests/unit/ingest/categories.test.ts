// Free text → closed categories (data/config/categories-texte-libre.csv): the text itself is never kept.
import { describe, expect, test } from 'vitest';
import { chargerVocabulaire, AUTRE } from '../../../src/ingest/categories.ts';
import { compilerType } from '../../../src/ingest/types-colonnes.ts';

describe('motifs de refus', () => {
  const v = chargerVocabulaire('motif_refus');
  test('libellés et synonymes ramenés à leur catégorie, accents et casse ignorés', () => {
    expect(v.classer('Localisation')).toEqual({ categorie: 'localisation', reconnu: true });
    expect(v.classer('LOGEMENT TROP PETIT pour 3 enfants')).toEqual({ categorie: 'logement trop petit', reconnu: true });
    expect(v.classer('loyer trop élevé')).toEqual({ categorie: 'loyer trop élevé', reconnu: true });
    expect(v.classer('Ne s’est pas présenté à la visite')).toEqual({ categorie: 'pas de réponse', reconnu: true });
    expect(v.classer('trop loin de l’école des enfants').categorie).toBe('localisation');
  });

  test('la note d’une secrétaire de CALEOL devient « autre », comptée comme non reconnue', () => {
    expect(v.classer('Mme X, dossier 123, violences conjugales')).toEqual({ categorie: AUTRE, reconnu: false });
    expect(v.classer('autre')).toEqual({ categorie: AUTRE, reconnu: true });
  });

  test('type de colonne categorie:… : la cellule lue est la catégorie, jamais le texte', () => {
    const lire = compilerType('categorie:motif_refus');
    expect(lire('Mme X, dossier 123, violences conjugales')).toBe('autre');
    expect(lire('quartier')).toBe('localisation');
  });
});

test('chaque vocabulaire a sa catégorie « autre » ; les catégories de la demande sont celles de l’extrait synthétique', () => {
  for (const nom of ['motif_refus', 'motif_demande', 'logement_actuel', 'situation_pro', 'composition']) expect(chargerVocabulaire(nom).categories).toContain(AUTRE);
  expect(chargerVocabulaire('composition').classer('parent isolé avec 2 enfants').categorie).toBe('famille monoparentale');
  expect(chargerVocabulaire('logement_actuel').classer('Hébergé chez ses parents').categorie).toBe('chez ses parents ou ses enfants');
  expect(chargerVocabulaire('motif_demande').classer('violences conjugales').categorie).toBe('divorce, séparation');
  expect(() => chargerVocabulaire('inexistant')).toThrow(/aucune catégorie pour le vocabulaire « inexistant »/);
});

test('typologie du logement attribué : écritures des bailleurs ramenées à T1…T6, le reste « autre »', () => {
  const v = chargerVocabulaire('typologie');
  expect(['T3', 't3', 'Type 3', 'F3', '3 pièces'].map((x) => v.classer(x).categorie)).toEqual(['T3', 'T3', 'T3', 'T3', 'T3']);
  expect(v.classer('Studio').categorie).toBe('T1');
  expect(v.classer('T7').categorie).toBe('T6');
  expect(v.classer('voir avec Mme Y')).toEqual({ categorie: 'autre', reconnu: false });
});
