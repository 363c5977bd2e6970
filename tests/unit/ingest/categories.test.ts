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
