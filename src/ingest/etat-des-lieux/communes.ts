/**
 * Nom de commune → code INSEE, à partir du Code officiel géographique livré par
 * @etalab/decoupage-administratif. Le référentiel (≈ 35 000 communes) n'est
 * chargé qu'au premier besoin, puis indexé une fois par processus.
 *
 * Variantes admises : casse, accents, tirets (« BAZIEGE », « Baziège »),
 * « St » / « Ste », article rejeté (« Faget (Le) »), et une faute de frappe ou
 * d'OCR (« Bazège ») à condition qu'un département (ou code postal) restreigne
 * la recherche et que le plus proche candidat soit unique.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distanceEdition, plier } from '../text/normalize.ts';

export interface CommuneRef {
  code: string;
  nom: string;
  departement: string;
  codesPostaux: readonly string[];
}

export interface CommuneTrouvee {
  code: string;
  nom: string;
  /** Vrai si trouvée à une faute près (signalée en avertissement). */
  approchee: boolean;
}

export interface IndicesCommune {
  departement?: string | null;
  codePostal?: string | null;
}

/** Forme de comparaison d'un nom de commune. */
export function plierCommune(nom: string): string {
  let p = plier(nom);
  const article = /^(.*) (le|la|les|l)$/u.exec(p);
  if (article && nom.includes('(')) p = `${article[2]} ${article[1]}`;
  return p
    .replace(/(^| )st( |$)/gu, '$1saint$2')
    .replace(/(^| )ste( |$)/gu, '$1sainte$2')
    .replace(/ /gu, '');
}

/** Département(s) possibles d'un code postal (Corse : 2A ou 2B ; outre-mer : 3 chiffres). */
export function departementsDuCodePostal(cp: string): string[] {
  const c = cp.trim();
  if (!/^\d{5}$/u.test(c)) return [];
  if (c.startsWith('97') || c.startsWith('98')) return [c.slice(0, 3)];
  if (c.startsWith('20')) return ['2A', '2B'];
  return [c.slice(0, 2)];
}

/** Normalise un code de département (« 31 », « 031 », « 2a »). */
export function normaliserDepartement(dep: string): string | null {
  const d = dep.trim().toUpperCase();
  if (/^0?\d{2}$/u.test(d)) return d.slice(-2);
  if (/^0?2[AB]$/u.test(d)) return d.slice(-2);
  if (/^97\d$/u.test(d)) return d;
  return null;
}

export class ResolveurCommunes {
  private readonly parNom = new Map<string, CommuneRef[]>();
  private readonly parDepartement = new Map<string, Array<{ pli: string; commune: CommuneRef }>>();
  private readonly parCode = new Map<string, CommuneRef>();
  private readonly cache = new Map<string, CommuneTrouvee | null>();
  private readonly codesPostaux = new Set<string>();

  constructor(communes: readonly CommuneRef[]) {
    for (const c of communes) {
      const pli = plierCommune(c.nom);
      const liste = this.parNom.get(pli);
      if (liste) liste.push(c);
      else this.parNom.set(pli, [c]);
      const dep = this.parDepartement.get(c.departement);
      if (dep) dep.push({ pli, commune: c });
      else this.parDepartement.set(c.departement, [{ pli, commune: c }]);
      this.parCode.set(c.code, c);
      for (const cp of c.codesPostaux) this.codesPostaux.add(cp);
    }
  }

  /** Vrai si le code est le code postal d'au moins une commune. */
  estCodePostal(code: string): boolean {
    return this.codesPostaux.has(code.trim());
  }

  /** Commune d'après son code INSEE, si elle existe. */
  parCodeInsee(code: string): CommuneRef | null {
    return this.parCode.get(code.trim().toUpperCase()) ?? null;
  }

  /** Résout un nom (ou un code INSEE) ; null si inconnu ou ambigu. */
  resoudre(nom: string, indices: IndicesCommune = {}): CommuneTrouvee | null {
    const cle = `${nom}\u0000${indices.departement ?? ''}\u0000${indices.codePostal ?? ''}`;
    if (this.cache.has(cle)) return this.cache.get(cle) ?? null;
    const r = this.calculer(nom, indices);
    this.cache.set(cle, r);
    return r;
  }

  private calculer(nom: string, indices: IndicesCommune): CommuneTrouvee | null {
    const brut = nom.trim();
    if (/^\d[\dAB]\d{3}$/iu.test(brut)) {
      const c = this.parCodeInsee(brut);
      return c ? { code: c.code, nom: c.nom, approchee: false } : null;
    }
    const pli = plierCommune(brut);
    if (pli === '') return null;
    const cp = indices.codePostal && /^\d{5}$/u.test(indices.codePostal.trim()) ? indices.codePostal.trim() : null;
    const deps = new Set<string>();
    const depIndique = indices.departement ? normaliserDepartement(indices.departement) : null;
    if (depIndique) deps.add(depIndique);
    else if (cp) for (const d of departementsDuCodePostal(cp)) deps.add(d);

    const filtrer = (liste: readonly CommuneRef[]): CommuneRef[] => {
      let l = deps.size > 0 ? liste.filter((c) => deps.has(c.departement)) : [...liste];
      if (cp && l.length > 1) {
        const parCp = l.filter((c) => c.codesPostaux.includes(cp));
        if (parCp.length > 0) l = parCp;
      }
      return l;
    };

    const exactes = filtrer(this.parNom.get(pli) ?? []);
    if (exactes.length === 1) {
      const c = exactes[0] as CommuneRef;
      return { code: c.code, nom: c.nom, approchee: false };
    }
    if (exactes.length > 1 || deps.size === 0) return null;

    // Une faute près, dans le(s) département(s) indiqué(s) seulement.
    const max = pli.length >= 10 ? 2 : 1;
    let meilleure = max + 1;
    let candidats: CommuneRef[] = [];
    for (const d of deps) {
      for (const { pli: autre, commune } of this.parDepartement.get(d) ?? []) {
        const dist = distanceEdition(pli, autre, max);
        if (dist < meilleure) {
          meilleure = dist;
          candidats = [commune];
        } else if (dist === meilleure) candidats.push(commune);
      }
    }
    if (meilleure <= max) {
      const uniques = filtrer(candidats);
      if (uniques.length === 1) {
        const c = uniques[0] as CommuneRef;
        return { code: c.code, nom: c.nom, approchee: true };
      }
    }
    return null;
  }
}

interface CommuneCog {
  code?: unknown;
  nom?: unknown;
  departement?: unknown;
  type?: unknown;
  codesPostaux?: unknown;
}

let resolveurDefaut: ResolveurCommunes | null = null;

/** Communes actuelles et arrondissements municipaux du COG (@etalab/decoupage-administratif). */
export function chargerCommunesCog(): CommuneRef[] {
  const require = createRequire(import.meta.url);
  const chemin = require.resolve('@etalab/decoupage-administratif/data/communes.json');
  const donnees = JSON.parse(readFileSync(chemin, 'utf8')) as unknown;
  if (!Array.isArray(donnees)) throw new Error(`${chemin} : liste de communes attendue`);
  const communes: CommuneRef[] = [];
  for (const c of donnees as CommuneCog[]) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    if (typeof c.code !== 'string' || typeof c.nom !== 'string' || typeof c.departement !== 'string') continue;
    const codesPostaux = Array.isArray(c.codesPostaux) ? c.codesPostaux.filter((x): x is string => typeof x === 'string') : [];
    communes.push({ code: c.code, nom: c.nom, departement: c.departement, codesPostaux });
  }
  return communes;
}

/** Résolveur partagé, construit au premier appel (≈ 0,2 s). */
export function resolveurCommunes(): ResolveurCommunes {
  resolveurDefaut ??= new ResolveurCommunes(chargerCommunesCog());
  return resolveurDefaut;
}
