// Model BdR — Bouches-du-Rhône "assiette" conventions (FLUX.md § Model BdR, letters a..j).
import { arrondiDemiLoin, nettoyer } from './nombres.ts';
import type { CalculBdR, EntreeBdR } from './types.ts';

/**
 * c = a − b (assiette); e = c × d (yearly flux of the bailleur); h = e − f − g (dwellings to share);
 * j = h × i (réservataire's yearly flux). All raw: nothing is rounded. `j_e_arrondi` is the variant of
 * documents that round e before subtracting f (FLUX.md: keep raw and printed values, flag differences).
 */
export function calculerBdR(entree: EntreeBdR): CalculBdR {
  const { a, b, d, f, g, i } = entree;
  const c = nettoyer(a - b);
  const e = nettoyer(c * d);
  const h = nettoyer(e - f - g);
  const j = nettoyer(h * i);
  const j_e_arrondi = nettoyer((arrondiDemiLoin(e) - f - g) * i);
  return { modele: 'BdR', c, e, h, j, j_e_arrondi, part: nettoyer(i), flux_brut: j };
}
