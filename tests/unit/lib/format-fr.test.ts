// French dates on pages (the ACD's « arrêtée au 31 mars 2026 »).
import { describe, expect, test } from 'vitest';
import { date, dateLongue, moisLong } from '../../../src/lib/format-fr.ts';

describe('écriture française des dates', () => {
  test('dates : 10/12/2025 et « 31 mars 2026 », « 1er janvier »', () => {
    expect(date('2025-12-10')).toBe('10/12/2025');
    expect(dateLongue('2026-03-31')).toBe('31 mars 2026');
    expect(dateLongue('2026-01-01')).toBe('1er janvier 2026');
    expect(dateLongue('2025-08-09')).toBe('9 août 2025');
    expect(moisLong('2025-12')).toBe('décembre 2025');
    expect(moisLong('2026-02-28')).toBe('février 2026');
  });
});
