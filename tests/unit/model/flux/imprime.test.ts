// Every printed text quoted in FLUX.md (§ Anomaly flags) and the Baziège vectors.
import { describe, expect, test } from 'vitest';
import { lireFluxImprime, lirePartImprimee } from '../../../../src/model/flux/imprime.ts';
import type { FluxImprime, PartImprimee } from '../../../../src/model/flux/types.ts';

function flux(texte: string): FluxImprime | null {
  const l = lireFluxImprime(texte);
  if (!l.ok) throw new Error(l.attendu);
  return l.valeur;
}
function part(texte: string): PartImprimee | null {
  const l = lirePartImprimee(texte);
  if (!l.ok) throw new Error(l.attendu);
  return l.valeur;
}

describe('flux imprimé : premier nombre = flux, nombre après « => » ou « arrondi à » = valeur contractuelle', () => {
  test.each([
    ['0.265=>1', 0.265, 3, 1, null, ''],
    ['0,15 arrondi à 1', 0.15, 2, 1, null, ''],
    ['0.47 arrondi à 1', 0.47, 2, 1, null, ''],
    ['1.2 arrondi à 1', 1.2, 1, 1, null, ''],
    ['0,064 (1 logement tous les 16 ans)', 0.064, 3, null, 16, '1 logement tous les 16 ans'],
    ['0,064 soit 1 logement tous les 16 ans', 0.064, 3, null, 16, 'soit 1 logement tous les 16 ans'],
    ['0,064* *soit 1 logement tous les 16 ans', 0.064, 3, null, 16, 'soit 1 logement tous les 16 ans'],
    ['1', 1, 0, null, null, ''],
    ['0,1 soit 0 à 1 logement', 0.1, 1, null, null, 'soit 0 à 1 logement'],
    ['0.01 soit 0 logement', 0.01, 2, null, null, 'soit 0 logement'],
    ['0,15 ⇒ 1', 0.15, 2, 1, null, ''],
    ['0,15 arrondi a 1', 0.15, 2, 1, null, ''],
    ['  0,15\u00a0arrondi\u00a0à\u00a01  ', 0.15, 2, 1, null, ''],
  ])('« %s »', (texte, f, decimales, contractuel, periode, mention) => {
    expect(flux(texte)).toMatchObject({ flux: f, decimales, contractuel, periode_annees: periode, mention });
  });
  test.each(['', '   ', '-', '—', 'néant'])('« %s » = case vide', (texte) => {
    expect(flux(texte)).toBeNull();
  });
  test('absent = case vide', () => {
    expect(lireFluxImprime(undefined)).toEqual({ ok: true, valeur: null });
  });
  test.each(['environ 1', 'un logement', '0,15x', '=>1'])('« %s » illisible', (texte) => {
    const l = lireFluxImprime(texte);
    expect(l.ok).toBe(false);
    if (!l.ok) expect(l.attendu).toMatch(/commençant par un nombre/);
  });
});

describe('part imprimée', () => {
  test.each([
    ['0.044%', 0.044, 3, true, 0.00044],
    ['5,88 %', 5.88, 2, true, 0.0588],
    ['9.68%', 9.68, 2, true, 0.0968],
    ['12,50 %', 12.5, 2, true, 0.125],
    ['0,0444', 0.0444, 4, false, 0.0444],
  ])('« %s »', (texte, valeur, decimales, pourcent, fraction) => {
    expect(part(texte)).toMatchObject({ valeur, decimales, pourcent, fraction_litterale: fraction });
  });
  test('vide et illisible', () => {
    expect(part('')).toBeNull();
    expect(lirePartImprimee('4,44 pour cent').ok).toBe(false);
  });
});
