import { describe, expect, test } from 'vitest';
import { calculExemple, evaluerExpression } from '../../../../src/site/lib/calcul.ts';

const ligne = { attributions: 984, prioritaires: 318, hors_qpv: 984, q1_hors_qpv: 396, q1_hors_qpv_etudiants: 300, etudiants_hors_qpv: 382, secret: false };

describe('calcul à la main de la page méthodologie', () => {
  test('expressions des définitions évaluées sur une ligne publiée', () => {
    expect(evaluerExpression('prioritaires', ligne)).toBe(318);
    expect(evaluerExpression('q1_hors_qpv - q1_hors_qpv_etudiants', ligne)).toBe(96);
    expect(evaluerExpression('hors_qpv - etudiants_hors_qpv', ligne)).toBe(602);
    expect(evaluerExpression('attributions + prioritaires - hors_qpv', ligne)).toBe(318);
  });

  test('case secrète ou colonne absente : pas de calcul', () => {
    expect(evaluerExpression('prioritaires', { ...ligne, prioritaires: null })).toBeNull();
    expect(evaluerExpression('inconnue', ligne)).toBeNull();
    expect(calculExemple('prioritaires', 'attributions', null)).toBeNull();
    expect(calculExemple('prioritaires', 'attributions', { ...ligne, attributions: 0 })).toBeNull();
  });

  test('texte en français : 318 / 984 = 32,3 %, et (396 − 300) / (984 − 382) = 15,9 %', () => {
    expect(calculExemple('prioritaires', 'attributions', ligne)).toEqual({ texte: '318 / 984 = 32,3\u202f%', colonnes: 'prioritaires / attributions' });
    const c = calculExemple('q1_hors_qpv - q1_hors_qpv_etudiants', 'hors_qpv - etudiants_hors_qpv', ligne)!;
    expect(c.texte).toBe('(396 − 300) / (984 − 382) = 15,9\u202f%');
    expect(c.colonnes).toBe('(q1_hors_qpv − q1_hors_qpv_etudiants) / (hors_qpv − etudiants_hors_qpv)');
  });
});
