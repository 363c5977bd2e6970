// A personal value is shown by its kind, never as it is.
import { expect, test } from 'vitest';
import { decrireValeur } from '../../../src/ingest/valeur-personnelle.ts';

test('nature de la valeur, jamais la valeur', () => {
  expect(decrireValeur('Mme X, dossier 123, violences')).toBe('texte de 29 caractères');
  expect(decrireValeur('-850')).toBe('nombre négatif');
  expect(decrireValeur('1 200,50')).toBe('nombre décimal de 6 chiffres');
  expect(decrireValeur('1e5')).toBe('nombre en notation scientifique');
  expect(decrireValeur('0030000004')).toBe('nombre de 10 chiffres');
  expect(decrireValeur('31/02/2025')).toBe('date invalide');
  expect(decrireValeur('13/2024', 'mois')).toBe('date invalide');
  expect(decrireValeur('hier', 'date')).toBe('date invalide');
  expect(decrireValeur('  ')).toBe('(vide)');
});
