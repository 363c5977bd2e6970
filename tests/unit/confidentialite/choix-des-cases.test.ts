// Which visible cell the secret hides to protect another: the cheapest for the reader (value ×
// weight), never a zero, the EPCI's total last. Small systems, values and choices computed by hand.
import { expect, test } from 'vitest';
import { POIDS_PROTEGE, SystemeSecret, secretSecondaire } from '../../../src/confidentialite/systeme-secret.ts';
import { protegerSysteme } from '../../../src/confidentialite/audit-secret.ts';

/** cells [name, value, weight], published unless the name starts with '~' (implicit difference); threshold 5 */
function systeme(cellules: [string, number, number][]) {
  const s = new SystemeSecret();
  const id: Record<string, number> = {};
  for (const [nom, v, poids] of cellules) id[nom] = s.ajouterCellule(v, 5, !nom.startsWith('~'), nom, poids);
  const somme = (total: string, parties: string[]) => s.ajouterSomme(id[total]!, parties.map((p) => id[p]!), `${total} = ${parties.join(' + ')}`);
  const masquees = () => Object.keys(id).filter((n) => !n.startsWith('~') && s.masque[id[n]!]).sort();
  return { s, somme, masquees };
}

test('secret secondaire : le plus léger pour le lecteur qui donne assez de marge, pas le plus petit', () => {
  // total 100 = a 3 (primary) + x 6 (a figure the commission signs: weight 20) + y 8 + z 83. Hidden parts 3 < 5:
  // one more of at least 2 — x costs 6 × 20 = 120, y 8 × 1 = 8: y is hidden although x is smaller.
  const x = systeme([['total', 100, 20], ['a', 3, 1], ['x', 6, 20], ['y', 8, 1], ['z', 83, 1]]);
  x.somme('total', ['a', 'x', 'y', 'z']);
  expect(secretSecondaire(x.s)).toBe(1);
  expect(x.masquees()).toEqual(['a', 'y']);
});

test('secret secondaire : un complément sensible fait masquer la mesure, pas le total protégé de l’EPCI', () => {
  // attributions 914 (EPCI total) = plafond connu 911 + ~inconnu 3 (implicit, sensitive): 911 × 20 < 914 × 400
  const x = systeme([['attributions', 914, POIDS_PROTEGE], ['plafond_connu', 911, 20], ['~inconnu', 3, 1]]);
  x.somme('attributions', ['plafond_connu', '~inconnu']);
  expect(secretSecondaire(x.s)).toBe(1);
  expect(x.masquees()).toEqual(['plafond_connu']);
});

test('secret secondaire : un zéro n’est jamais masqué pour en protéger un autre (le lecteur le sait souvent nul)', () => {
  // total 10 = a 3 (primary) + z 0 + b 7: hidden parts 3 < 5 → b (7) is hidden, never z
  const x = systeme([['total', 10, 20], ['a', 3, 1], ['z', 0, 1], ['b', 7, 1]]);
  x.somme('total', ['a', 'z', 'b']);
  secretSecondaire(x.s);
  expect(x.masquees()).toEqual(['a', 'b']);
});

test('audit : la borne qui épingle une case est souvent à un pas ; on masque ce détail plutôt que le total', async () => {
  // A territoire's row: attributions A 8, prioritaires P 5, of which ACD scope Q 5.
  //   A = P + ~C (C = 3 non-priority: implicit, sensitive)   P = Q + ~D (D = 0: implicit)
  // Secondary: C alone in its equation → P hidden (5 × 20 < 8 × 80). Then P ≥ Q = 5 and P ≤ A = 8, so
  // C ∈ [0, 3]: 3 < 5, a leak. Its own equation offers A (8 × 80 = 640); one step further, P's equation
  // offers Q (5 × 4 = 20, × 2 for the distance): Q is hidden, P ∈ [0, 8], C ∈ [0, 8]; A stays published.
  const x = systeme([['A', 8, 80], ['P', 5, 20], ['Q', 5, 4], ['~C', 3, 1], ['~D', 0, 1]]);
  x.somme('A', ['P', '~C']);
  x.somme('P', ['Q', '~D']);
  const p = await protegerSysteme(x.s);
  expect(x.masquees()).toEqual(['P', 'Q']);
  expect(p.ajoutsAudit).toBe(1);
  expect(p.audit.fuites).toEqual([]);
});

test('audit : une fuite est réparée dans une équation qui l’épingle, pas au plus près', async () => {
  // The EPCI's total T 65 = bailleurs B1 3 + B2 12 + B3 50 (weights 400: totals the commission signs). B1 is
  // primary; secondary hides B2 (the smallest of them). B2 = its ACD detail d 12 + ~r 0 (implicit), so B2 ≥ 12
  // and B1 = 65 − 50 − B2 ≤ 3: B1 ∈ [0, 3], a leak. B1 also appears in W 23 = B1 + Z 20 (Z hidden): that equation
  // does not bind (Z absorbs any move of B1) but offers W (23 × 1), the cheapest cell near B1 — hiding it frees
  // nothing. What binds B1 is T's equation (only protected cells) and B2 = d + ~r, through B2's lower bound (interval
  // propagation finds it before any linear program, and says which equations set the bounds): d (12 × 20) is
  // hidden, and B1 ∈ [0, 15].
  const x = systeme([
    ['T', 65, POIDS_PROTEGE], ['B1', 3, POIDS_PROTEGE], ['B2', 12, POIDS_PROTEGE], ['B3', 50, POIDS_PROTEGE],
    ['d', 12, 20], ['~r', 0, 1], ['Z', 20, 1], ['W', 23, 1],
  ]);
  x.somme('T', ['B1', 'B2', 'B3']);
  x.somme('B2', ['d', '~r']);
  x.somme('W', ['B1', 'Z']);
  x.s.masque[6] = true; // Z
  const p = await protegerSysteme(x.s);
  expect(p.audit.fuites).toEqual([]);
  expect(x.masquees()).toEqual(['B1', 'B2', 'Z', 'd']);
  expect(p.ajoutsAudit).toBe(1);
  // repaired before the linear programs, which then find nothing
  expect(p.tours).toBe(1);
});
