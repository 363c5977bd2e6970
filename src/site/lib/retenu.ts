// Under the cell-by-cell secret each count of a row is withheld on its own: an empty count in a
// published row is withheld (counts are never empty otherwise), whether or not the row's `secret`
// flag is set (that flag says all the row's totals are withheld, attributions and leases alike).
import type { Ligne } from '../../model/db.ts';

export const retenu = (l: Ligne | null | undefined, compte = 'attributions'): boolean => !!l && l[compte] === null;
