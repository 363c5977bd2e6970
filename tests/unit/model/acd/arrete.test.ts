// ACD l.6563 (../shared/spec/ACD.md, « Evaluation of objectives »): « year N frozen at 31 March N+1 ».
import { describe, expect, test } from 'vitest';
import { arreteAcd, phraseArrete } from '../../../../src/model/acd/arrete.ts';

describe('arrêt de l’année N au 31 mars N+1', () => {
  test('exports jusqu’au 19 décembre 2025 : 2024 définitive (31 mars 2025 passé), 2025 et 2026 provisoires', () => {
    expect(arreteAcd([2024, 2025, 2026], '2025-12-19')).toEqual([
      { annee: 2024, arreteAu: '2025-03-31', definitif: true },
      { annee: 2025, arreteAu: '2026-03-31', definitif: false },
      { annee: 2026, arreteAu: '2027-03-31', definitif: false },
    ]);
  });
  test('le 31 mars N+1 lui-même arrête l’année ; la veille non', () => {
    expect(arreteAcd([2025], '2026-03-31')[0]!.definitif).toBe(true);
    expect(arreteAcd([2025], '2026-03-30')[0]!.definitif).toBe(false);
  });
  test('aucune décision reçue : aucune année définitive', () => {
    expect(arreteAcd([2025, 2026], null).map((a) => a.definitif)).toEqual([false, false]);
  });
  test('la phrase : provisoire avec le mois des exports (jamais le jour : celui d’un seul ménage), ou définitive', () => {
    const [a2024, a2025] = arreteAcd([2024, 2025], '2025-12-19');
    expect(phraseArrete(a2025!, '2025-12')).toBe(
      'Chiffres provisoires : l’accord arrête l’année 2025 au 31 mars 2026 ; les exports reçus s’arrêtent en décembre 2025. Des baux signés en 2025 peuvent encore s’ajouter, et le verdict changer.',
    );
    expect(phraseArrete(a2024!, '2025-12')).toBe('Chiffres définitifs : l’accord arrête l’année 2024 au 31 mars 2025, et les exports reçus vont au-delà.');
    expect(phraseArrete(arreteAcd([2025], null)[0]!, null)).toContain('aucune décision n’a encore été reçue');
  });
});
