// The statistical secret as one system of linear equations over every published count
// (docs/secret-statistique.md). A cell is a count: a measure of a row of a published table,
// or an implicit count that nobody publishes but anyone can derive as a difference
// (a quarter alone = T2 − T1, the households of a cell without a property = total − measure).
// An equation says that a total is the sum of its parts: a commune's cells add up to their
// territoire's, a bailleur's to the « * » row, quarters to the year, a measure and its
// complement to the row's total, the same count published in two tables.
//
//  1. primary: a count of 1 to threshold − 1 is sensitive; a published sensitive count is hidden;
//  2. secondary: an equation whose unknowns are a single cell would give its value away:
//     another cell of the equation is hidden (the smallest that gives the cell room enough);
//  3. the audit (audit-secret.ts) bounds every sensitive cell by linear programming over the
//     whole system; a cell still too narrowly bounded gets one more neighbour hidden, and again.

export type Libelle = string | (() => string);

const texte = (l: Libelle): string => (typeof l === 'string' ? l : l());

export class SystemeSecret {
  readonly valeur: number[] = [];
  readonly seuil: number[] = [];
  /** false: an implicit count (never published, always unknown to the reader) */
  readonly publiee: boolean[] = [];
  readonly masque: boolean[] = [];
  /** hidden for what goes with it (a row whose totals are all hidden, a twin measure): never shown again */
  readonly verrou: boolean[] = [];
  /** what hiding the cell costs the reader, per unit (a row's total or the EPCI's figure costs more than a commune's detail) */
  readonly poids: number[] = [];
  private readonly libelles: Libelle[] = [];
  /** equation e: Σ coef[k]·x[cellule[k]] = 0 for k in [debut[e], debut[e + 1]) */
  readonly eqDebut: number[] = [0];
  readonly eqCellule: number[] = [];
  readonly eqCoef: number[] = [];
  private readonly eqLibelles: Libelle[] = [];
  /** equations of each cell, CSR: those of cell i are adjListe[adjDebut[i] .. adjDebut[i + 1]) (typed arrays: a national system has millions of cells) */
  private adjacence: { debut: Int32Array; liste: Int32Array } | null = null;

  get nbCellules(): number {
    return this.valeur.length;
  }
  get nbEquations(): number {
    return this.eqDebut.length - 1;
  }

  ajouterCellule(valeur: number, seuil: number, publiee: boolean, libelle: Libelle, poids = 1): number {
    this.valeur.push(valeur);
    this.poids.push(poids);
    this.seuil.push(seuil);
    this.publiee.push(publiee);
    this.masque.push(!publiee || sensible(valeur, seuil));
    this.verrou.push(false);
    this.libelles.push(libelle);
    this.adjacence = null;
    return this.valeur.length - 1;
  }

  /** total = Σ parties. Parts that are absent (no row: a count of 0 everyone can see) are simply left out. */
  ajouterSomme(total: number, parties: readonly number[], libelle: Libelle): void {
    if (parties.length === 1 && parties[0] === total) return;
    this.eqCellule.push(total);
    this.eqCoef.push(1);
    for (const p of parties) {
      this.eqCellule.push(p);
      this.eqCoef.push(-1);
    }
    this.eqDebut.push(this.eqCellule.length);
    this.eqLibelles.push(libelle);
    this.adjacence = null;
  }

  /** Σ coef · cell = 0: a relation that is not a plain sum (the units in neither of two counts). */
  ajouterEquation(termes: readonly [cellule: number, coef: number][], libelle: Libelle): void {
    for (const [c, a] of termes) {
      this.eqCellule.push(c);
      this.eqCoef.push(a);
    }
    this.eqDebut.push(this.eqCellule.length);
    this.eqLibelles.push(libelle);
    this.adjacence = null;
  }

  /** Equations each cell appears in. */
  equationsDe(i: number): Int32Array {
    if (!this.adjacence) {
      const debut = new Int32Array(this.nbCellules + 1);
      for (const c of this.eqCellule) debut[c + 1]!++;
      for (let c = 0; c < this.nbCellules; c++) debut[c + 1]! += debut[c]!;
      const liste = new Int32Array(this.eqCellule.length);
      const pos = debut.slice(0, this.nbCellules);
      for (let e = 0; e < this.nbEquations; e++) for (let k = this.eqDebut[e]!; k < this.eqDebut[e + 1]!; k++) liste[pos[this.eqCellule[k]!]!++] = e;
      this.adjacence = { debut, liste };
    }
    return this.adjacence.liste.subarray(this.adjacence.debut[i]!, this.adjacence.debut[i + 1]!);
  }

  sensible(i: number): boolean {
    return sensible(this.valeur[i]!, this.seuil[i]!);
  }
  /**
   * How wide the range a reader can narrow the cell to must stay: its threshold for a sensitive cell; 1 for any
   * other hidden published cell (a hidden figure that the published ones give back exactly is not hidden: the
   * secondary cells protect the small ones only while they stay unknown); 0 (not checked) for an implicit count.
   */
  exigence(i: number): number {
    if (this.sensible(i)) return this.seuil[i]!;
    return this.publiee[i] && this.masque[i] ? 1 : 0;
  }
  libelle(i: number): string {
    return texte(this.libelles[i]!);
  }
  libelleEquation(e: number): string {
    const termes: string[] = [];
    for (let k = this.eqDebut[e]!; k < this.eqDebut[e + 1]!; k++) {
      const c = this.eqCellule[k]!;
      const signe = this.eqCoef[k]! < 0 ? '− ' : k === this.eqDebut[e] ? '' : '+ ';
      termes.push(`${signe}${this.libelle(c)}${this.masque[c] ? ' (masquée)' : ` (= ${this.valeur[c]})`}`);
    }
    return `${texte(this.eqLibelles[e]!)} : ${termes[0]} ${termes.length > 1 ? termes.slice(1).join(' ') : ''} = 0`;
  }
}

/** A count of 1 to threshold − 1 units (0 is no one: publishing it reveals no one). */
export function sensible(valeur: number, seuil: number): boolean {
  return valeur > 0 && valeur < seuil;
}

/** A candidate to hide: rang 0 gives enough room, 1 some; then the cheaper. */
export interface Voisin {
  cellule: number;
  rang: number;
  cout: number;
}

export const meilleurVoisin = (a: Voisin, b: Voisin): Voisin => (b.cellule < 0 ? a : a.cellule < 0 || b.rang < a.rang || (b.rang === a.rang && b.cout < a.cout) ? b : a);

/**
 * The visible cell of equation e to hide for u: among the non-zero cells that give u a range
 * of at least its threshold (already hidden + c ≥ threshold), the cheapest (value × weight:
 * a small detail rather than a row's total); else the largest one; -1 if none. A zero is
 * never hidden to protect another cell: the reader often knows it is 0 (no QPV on the
 * territory, no student residence in the commune), and an unknown that is known protects nothing.
 */
export function voisinAMasquer(s: SystemeSecret, e: number, u: number, dejaCache = s.valeur[u]!, poidsMax = Infinity): Voisin {
  const besoin = s.seuil[u]! - dejaCache;
  let assez = -1;
  let plusGrand = -1;
  const cout = (c: number) => s.valeur[c]! * s.poids[c]!;
  for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
    const c = s.eqCellule[k]!;
    const v = s.valeur[c]!;
    if (s.masque[c] || v <= 0 || s.poids[c]! > poidsMax) continue;
    if (v >= besoin && (assez < 0 || cout(c) < cout(assez))) assez = c;
    if (plusGrand < 0 || v > s.valeur[plusGrand]! || (v === s.valeur[plusGrand]! && s.poids[c]! < s.poids[plusGrand]!)) plusGrand = c;
  }
  if (assez >= 0) return { cellule: assez, rang: 0, cout: cout(assez) };
  return { cellule: plusGrand, rang: 1, cout: plusGrand >= 0 ? cout(plusGrand) : 0 };
}

/**
 * Weight from which a cell is hidden to protect another only when no lighter cell can: the
 * counts the commission signs (a bailleur's, the EPCI's) (weights: secret-publication.ts).
 */
export const POIDS_PROTEGE = 400;
/** The EPCI's own totals (attributions and leases of the year or quarter, no detail): hidden only when nothing else can protect. */
export const POIDS_SOMMET = 10 * POIDS_PROTEGE;

/** Hides the cell voisinAMasquer chooses (a protected one, then an EPCI total, last); returns it, or -1 if none is left. */
export function masquerVoisin(s: SystemeSecret, e: number, u: number, dejaCache = s.valeur[u]!): number {
  let { cellule } = voisinAMasquer(s, e, u, dejaCache, POIDS_PROTEGE - 1);
  if (cellule < 0) cellule = voisinAMasquer(s, e, u, dejaCache, POIDS_SOMMET - 1).cellule;
  if (cellule < 0) cellule = voisinAMasquer(s, e, u, dejaCache).cellule;
  if (cellule >= 0) s.masque[cellule] = true;
  return cellule;
}

/**
 * Secondary suppression to a fixpoint: no equation may have a single unknown cell that is
 * sensitive or a hidden published cell (its value would follow from the others).
 * `depart`: equations to examine first (all of them by default). Returns the cells hidden.
 */
export function secretSecondaire(s: SystemeSecret, depart?: Iterable<number>): number {
  const file: number[] = depart ? [...depart] : Array.from({ length: s.nbEquations }, (_, e) => e);
  const enFile = new Uint8Array(s.nbEquations);
  for (const e of file) enFile[e] = 1;
  let masquees = 0;
  while (file.length > 0) {
    const e = file.pop()!;
    enFile[e] = 0;
    // unknowns of the equation; Σ of the values of its unknown parts; is the total unknown
    let inconnues = 0;
    let u = -1;
    let sensibleInconnue = -1;
    let sommeParties = 0;
    let totalInconnu = false;
    for (let k = s.eqDebut[e]!; k < s.eqDebut[e + 1]!; k++) {
      const c = s.eqCellule[k]!;
      if (!s.masque[c]) continue;
      inconnues++;
      u = c;
      if (s.sensible(c) && (sensibleInconnue < 0 || s.seuil[c]! > s.seuil[sensibleInconnue]!)) sensibleInconnue = c;
      if (s.eqCoef[k]! > 0) totalInconnu = true;
      else sommeParties += s.valeur[c]!;
    }
    let cible = -1;
    if (inconnues === 1 && (s.sensible(u) || s.publiee[u])) cible = u;
    // hidden parts of a visible total add up to less than the threshold: they only protect one another within that sum
    else if (sensibleInconnue >= 0 && !totalInconnu && sommeParties < s.seuil[sensibleInconnue]!) cible = sensibleInconnue;
    if (cible < 0) continue;
    const c = masquerVoisin(s, e, cible, totalInconnu ? 0 : sommeParties);
    if (c < 0) continue;
    masquees++;
    for (const f of s.equationsDe(c)) {
      if (!enFile[f]) {
        enFile[f] = 1;
        file.push(f);
      }
    }
  }
  return masquees;
}

export interface Comptes {
  cellules: number;
  publiees: number;
  /** published cells of 1 to threshold − 1 */
  primaires: number;
  /** published cells hidden although not sensitive */
  secondaires: number;
  /** implicit counts (differences nobody publishes) */
  implicites: number;
  implicitesSensibles: number;
  equations: number;
}

export function compter(s: SystemeSecret): Comptes {
  const c: Comptes = { cellules: s.nbCellules, publiees: 0, primaires: 0, secondaires: 0, implicites: 0, implicitesSensibles: 0, equations: s.nbEquations };
  for (let i = 0; i < s.nbCellules; i++) {
    if (s.publiee[i]) {
      c.publiees++;
      if (s.sensible(i)) c.primaires++;
      else if (s.masque[i]) c.secondaires++;
    } else {
      c.implicites++;
      if (s.sensible(i)) c.implicitesSensibles++;
    }
  }
  return c;
}
