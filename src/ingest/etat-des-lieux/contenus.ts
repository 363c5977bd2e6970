/**
 * Reconnaissance des colonnes par leur contenu, d'après la petite table de
 * formes de data/config/formats/etat-des-lieux-contenus.csv : 10 chiffres →
 * RPLS, T3 / Type 3 / F4 → typologie, PLAI / PLUS… → financement, jj/mm/aaaa
 * → dates de convention, etc. Le contenu confirme le libellé, le corrige
 * quand il le contredit, ou le remplace quand le libellé est inconnu.
 */
import { plier } from '../text/normalize.ts';
import { categoriserReservataire, classerFinancement } from './champs.ts';
import type { ResolveurCommunes } from './communes.ts';
import type { ConfigEtatDesLieux, RegleContenu, RoleLigne } from './config.ts';
import type { ColonneCanonique } from './types.ts';

export interface OutilsContenu {
  config: ConfigEtatDesLieux;
  /** Référentiel des communes (null : les formes @communes, @codes_insee, @codes_postaux ne reconnaissent rien). */
  communes: () => ResolveurCommunes | null;
}

/** Forme comparée aux motifs : espaces réduites ; chiffres groupés réunis (« 0030 816 617 », « 0030.816.617 »). */
function formeComparee(cellule: string): string {
  const t = cellule.replace(/[\u00A0\u202F]/gu, ' ').trim();
  if (/^\d[\d ]*$/u.test(t)) return t.replace(/ /gu, '');
  if (/^\d{1,4}(\.\d{3}){2,}$/u.test(t)) return t.replace(/\./gu, '');
  return t.replace(/\s+/gu, ' ');
}

const LETTRE = /\p{L}/u;

function regleReconnait(r: RegleContenu, forme: string, outils: OutilsContenu): boolean {
  if (r.regex) return r.regex.test(forme) || r.regex.test(plier(forme));
  switch (r.reference) {
    case '@financements': {
      const c = LETTRE.test(forme) ? classerFinancement(forme, outils.config) : null;
      return c !== null && c.valeur !== 'AUTRE';
    }
    case '@reservataires': {
      // Le contingent du bailleur (« non réservé », nom du bailleur) ne suffit pas : une colonne « Bailleur » lui ressemble.
      const c = LETTRE.test(forme) ? categoriserReservataire(forme, outils.config).valeur : 'AUTRE';
      return c !== 'AUTRE' && c !== 'NON_RENSEIGNE' && c !== 'BAILLEUR';
    }
    case '@communes': {
      const res = LETTRE.test(forme) && forme.length >= 3 && forme.length <= 60 && !/\d/u.test(forme) ? outils.communes() : null;
      return res !== null && res.resoudre(forme) !== null;
    }
    case '@codes_insee': {
      const res = /^\d[\dAB]\d{3}$/iu.test(forme) ? outils.communes() : null;
      return res !== null && res.parCodeInsee(forme) !== null;
    }
    case '@codes_postaux': {
      const res = /^\d{5}$/u.test(forme) ? outils.communes() : null;
      return res !== null && res.estCodePostal(forme);
    }
    default:
      return false;
  }
}

const caches = new WeakMap<ConfigEtatDesLieux, Map<string, readonly boolean[]>>();

/** Résultat de chaque règle de contenu pour une cellule (calculé une fois par valeur distincte). */
function reglesReconnues(cellule: string, outils: OutilsContenu): readonly boolean[] {
  let cache = caches.get(outils.config);
  if (!cache || cache.size > 100_000) {
    cache = new Map();
    caches.set(outils.config, cache);
  }
  const deja = cache.get(cellule);
  if (deja) return deja;
  const forme = formeComparee(cellule);
  const r = outils.config.contenus.map((regle) => regleReconnait(regle, forme, outils));
  cache.set(cellule, r);
  return r;
}

/**
 * Colonnes canoniques dont une cellule a la forme (dans l'ordre du fichier de
 * configuration). Les formes « confirme » (un chiffre seul pour la typologie)
 * ne servent qu'à confirmer un libellé : elles ne sont pas comptées ici.
 */
export function colonnesDuContenu(cellule: string, outils: OutilsContenu): ColonneCanonique[] {
  if (cellule === '') return [];
  const resultats = reglesReconnues(cellule, outils);
  const vues: ColonneCanonique[] = [];
  outils.config.contenus.forEach((r, i) => {
    if (r.colonne === 'tampon_page' || r.colonne === 'titre_commune' || r.confirmeSeulement) return;
    const c = r.colonne as ColonneCanonique;
    if (resultats[i] && !vues.includes(c)) vues.push(c);
  });
  return vues;
}

/** La cellule a-t-elle la forme attendue pour cette colonne ? (vrai si la colonne n'a pas de forme connue : rien à confirmer). */
export function contenuConforme(cellule: string, colonne: ColonneCanonique, outils: OutilsContenu): boolean | null {
  let avecForme = false;
  const resultats = cellule === '' ? null : reglesReconnues(cellule, outils);
  for (let i = 0; i < outils.config.contenus.length; i++) {
    if (outils.config.contenus[i]?.colonne !== colonne) continue;
    avecForme = true;
    if (resultats?.[i]) return true;
  }
  return avecForme ? false : null;
}

/** Colonnes qui ont une forme de contenu connue. */
export function colonnesAvecForme(config: ConfigEtatDesLieux): Set<ColonneCanonique> {
  return new Set(config.contenus.filter((r) => r.colonne !== 'tampon_page' && r.colonne !== 'titre_commune').map((r) => r.colonne as ColonneCanonique));
}

/** Vrai si une ligne d'une seule valeur est un tampon de page (« Publié le… », « ID : 031-… », « Page 2 »). */
export function estTamponPage(texte: string, config: ConfigEtatDesLieux): boolean {
  return role(texte, config, 'tampon_page') !== null;
}

function role(texte: string, config: ConfigEtatDesLieux, r: RoleLigne): RegExpExecArray | null {
  const t = texte.replace(/\s+/gu, ' ').trim();
  for (const regle of config.contenus) {
    if (regle.colonne !== r || !regle.regex) continue;
    const m = regle.regex.exec(t);
    if (m) return m;
  }
  return null;
}

export interface TitreCommune {
  nom: string;
  codePostal: string | null;
  /** Nombre de logements annoncé (« : 44 logements »), s'il est écrit. */
  nombre: number | null;
}

/** Ligne de titre qui donne la commune des logements qui suivent (« BAZIEGE (31450) : 44 logements »). */
export function titreCommune(texte: string, config: ConfigEtatDesLieux): TitreCommune | null {
  const m = role(texte, config, 'titre_commune');
  const nom = m?.groups?.commune?.trim();
  if (!m || !nom) return null;
  const nombre = m.groups?.nombre;
  return { nom, codePostal: m.groups?.cp ?? null, nombre: nombre ? Number(nombre) : null };
}

/** Compacte une valeur pour les messages (les cellules longues sont coupées). */
export function apercu(cellule: string): string {
  return cellule.length > 40 ? `${cellule.slice(0, 39)}…` : cellule;
}

