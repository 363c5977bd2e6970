/**
 * Configuration de l'import des états des lieux : synonymes de colonnes et
 * vocabulaires (réservataires, financements, programmes), lus dans
 * data/config/formats/. Un nouveau format de bailleur = de nouvelles lignes
 * dans ces fichiers, pas du code (voir docs/etat-des-lieux.md).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decoderOctets } from '../text/decode.ts';
import { estVide, lireEnregistrements } from '../text/delimited.ts';
import { compacter, plier } from '../text/normalize.ts';
import { CATEGORIES_RESERVATAIRE, COLONNES_CANONIQUES } from './types.ts';
import type { CategorieReservataire, ColonneCanonique } from './types.ts';

export const DOSSIER_FORMATS_DEFAUT = resolve(import.meta.dirname, '..', '..', '..', 'data', 'config', 'formats');

export const FICHIERS_CONFIG = {
  colonnes: 'etat-des-lieux-colonnes.csv',
  reservataires: 'reservataires.csv',
  financements: 'financements.csv',
  programmes: 'etat-des-lieux-programmes.csv',
  contenus: 'etat-des-lieux-contenus.csv',
} as const;

/** Références aux vocabulaires et au référentiel des communes, utilisables comme motif de contenu. */
export const REFERENCES_CONTENU = ['@financements', '@reservataires', '@communes', '@codes_insee', '@codes_postaux'] as const;
export type ReferenceContenu = (typeof REFERENCES_CONTENU)[number];

/** Rôles de contenu qui ne sont pas des colonnes : lignes sautées ou titres qui donnent la commune. */
export const ROLES_LIGNE = ['tampon_page', 'titre_commune'] as const;
export type RoleLigne = (typeof ROLES_LIGNE)[number];

export interface RegleContenu {
  colonne: ColonneCanonique | RoleLigne;
  /** Expression régulière (insensible à la casse), ou référence à un vocabulaire. */
  regex: RegExp | null;
  reference: ReferenceContenu | null;
  /** Vrai (usage « confirme ») : la forme confirme un libellé mais ne suffit pas à reconnaître une colonne sans libellé. */
  confirmeSeulement: boolean;
  source: string;
}

export interface RegleColonne {
  colonne: ColonneCanonique;
  /** Synonymes pliés (voir `plier`), dans l'ordre du fichier. */
  synonymes: string[];
  plusieurs: boolean;
}

export type ModeLibelle = 'exact' | 'mots' | 'debut' | 'regex';

export interface RegleLibelle<V extends string> {
  mode: ModeLibelle;
  /** Motif normalisé (plié pour les réservataires, compacté pour les financements) ou source de la regex. */
  motif: string;
  regex: RegExp | null;
  valeur: V;
  /** Ligne du fichier de configuration (pour les messages). */
  source: string;
}

export interface ConfigEtatDesLieux {
  dossier: string;
  colonnes: RegleColonne[];
  reservataires: RegleLibelle<CategorieReservataire>[];
  financements: RegleLibelle<string>[];
  programmes: Array<{ regex: RegExp; source: string }>;
  /** Formes de contenu qui font reconnaître une colonne (data/config/formats/etat-des-lieux-contenus.csv). */
  contenus: RegleContenu[];
}

/** Lit un CSV de configuration (virgule, RFC 4180, UTF-8) en objets indexés par l'en-tête. */
function lireCsvConfig(chemin: string): Array<{ ligne: number; valeurs: Record<string, string> }> {
  let octets: Uint8Array;
  try {
    octets = readFileSync(chemin);
  } catch (e) {
    throw new Error(`${chemin} : fichier de configuration illisible (${(e as Error).message})`);
  }
  const decode = decoderOctets(octets);
  if (!decode.ok) throw new Error(`${chemin} : ${decode.message}`);
  const lignes = [...lireEnregistrements(decode.texte, { delimiteur: ',' })].filter((e) => !estVide(e));
  const [entete, ...corps] = lignes;
  if (!entete) throw new Error(`${chemin} : fichier de configuration vide`);
  const noms = entete.champs.map((c) => c.trim());
  return corps.map((e) => {
    if (e.champs.length !== noms.length) {
      throw new Error(
        `${chemin}, ligne ${e.ligne} : ${e.champs.length} champs au lieu de ${noms.length} (${noms.join(', ')}) — mettez entre guillemets un champ qui contient une virgule`,
      );
    }
    return { ligne: e.ligne, valeurs: Object.fromEntries(noms.map((n, i) => [n, (e.champs[i] ?? '').trim()])) };
  });
}

function exiger(chemin: string, ligne: number, valeurs: Record<string, string>, nom: string): string {
  const v = valeurs[nom];
  if (v === undefined || v === '') throw new Error(`${chemin}, ligne ${ligne} : colonne « ${nom} » vide ou absente`);
  return v;
}

function compilerRegex(chemin: string, ligne: number, motif: string, drapeaux = 'u'): RegExp {
  try {
    return new RegExp(motif, drapeaux);
  } catch (e) {
    throw new Error(`${chemin}, ligne ${ligne} : expression régulière invalide « ${motif} » (${(e as Error).message})`);
  }
}

function lireRegles<V extends string>(
  chemin: string,
  colonneValeur: string,
  valeursPermises: readonly string[] | null,
  normaliser: (s: string) => string,
): RegleLibelle<V>[] {
  return lireCsvConfig(chemin).map(({ ligne, valeurs }) => {
    const mode = exiger(chemin, ligne, valeurs, 'mode');
    if (mode !== 'exact' && mode !== 'mots' && mode !== 'debut' && mode !== 'regex') {
      throw new Error(`${chemin}, ligne ${ligne} : mode « ${mode} » inconnu (exact, mots, debut ou regex attendu)`);
    }
    const brut = exiger(chemin, ligne, valeurs, 'motif');
    const valeur = exiger(chemin, ligne, valeurs, colonneValeur);
    if (valeursPermises && !valeursPermises.includes(valeur)) {
      throw new Error(`${chemin}, ligne ${ligne} : ${colonneValeur} « ${valeur} » inconnue (${valeursPermises.join(', ')} attendu)`);
    }
    return {
      mode,
      motif: mode === 'regex' ? brut : normaliser(brut),
      regex: mode === 'regex' ? compilerRegex(chemin, ligne, brut) : null,
      valeur: valeur as V,
      source: `${chemin}, ligne ${ligne}`,
    };
  });
}

const cache = new Map<string, ConfigEtatDesLieux>();

/** Charge (une fois par dossier) la configuration de l'import. Lève une Error en français si un fichier est invalide. */
export function chargerConfig(dossier: string = DOSSIER_FORMATS_DEFAUT): ConfigEtatDesLieux {
  const deja = cache.get(dossier);
  if (deja) return deja;

  const cheminColonnes = join(dossier, FICHIERS_CONFIG.colonnes);
  const colonnes: RegleColonne[] = lireCsvConfig(cheminColonnes).map(({ ligne, valeurs }) => {
    const colonne = exiger(cheminColonnes, ligne, valeurs, 'colonne');
    if (!(COLONNES_CANONIQUES as readonly string[]).includes(colonne)) {
      throw new Error(`${cheminColonnes}, ligne ${ligne} : colonne canonique « ${colonne} » inconnue (${COLONNES_CANONIQUES.join(', ')} attendu)`);
    }
    const synonymes = exiger(cheminColonnes, ligne, valeurs, 'synonymes')
      .split('|')
      .map(plier)
      .filter((s) => s !== '');
    const plusieurs = plier(valeurs.plusieurs ?? 'non');
    if (plusieurs !== 'oui' && plusieurs !== 'non') {
      throw new Error(`${cheminColonnes}, ligne ${ligne} : « plusieurs » vaut « ${valeurs.plusieurs ?? ''} » (oui ou non attendu)`);
    }
    return { colonne: colonne as ColonneCanonique, synonymes: [...new Set(synonymes)], plusieurs: plusieurs === 'oui' };
  });

  const cheminProgrammes = join(dossier, FICHIERS_CONFIG.programmes);
  const programmes = lireCsvConfig(cheminProgrammes).map(({ ligne, valeurs }) => {
    const motif = exiger(cheminProgrammes, ligne, valeurs, 'motif');
    const regex = compilerRegex(cheminProgrammes, ligne, motif);
    if (!/\((?!\?)/u.test(motif)) {
      throw new Error(`${cheminProgrammes}, ligne ${ligne} : le motif « ${motif} » doit contenir un groupe capturant (le programme)`);
    }
    return { regex, source: `${cheminProgrammes}, ligne ${ligne}` };
  });

  const cheminContenus = join(dossier, FICHIERS_CONFIG.contenus);
  const roles: readonly string[] = [...COLONNES_CANONIQUES, ...ROLES_LIGNE];
  const contenus: RegleContenu[] = lireCsvConfig(cheminContenus).map(({ ligne, valeurs }) => {
    const colonne = exiger(cheminContenus, ligne, valeurs, 'colonne');
    if (!roles.includes(colonne)) {
      throw new Error(`${cheminContenus}, ligne ${ligne} : colonne « ${colonne} » inconnue (${roles.join(', ')} attendu)`);
    }
    const motif = exiger(cheminContenus, ligne, valeurs, 'motif');
    const source = `${cheminContenus}, ligne ${ligne}`;
    const usage = plier(valeurs.usage ?? '') || 'reconnait';
    if (usage !== 'reconnait' && usage !== 'confirme') {
      throw new Error(`${cheminContenus}, ligne ${ligne} : usage « ${valeurs.usage ?? ''} » inconnu (reconnait ou confirme attendu)`);
    }
    const confirmeSeulement = usage === 'confirme';
    if (motif.startsWith('@')) {
      if (!(REFERENCES_CONTENU as readonly string[]).includes(motif)) {
        throw new Error(`${cheminContenus}, ligne ${ligne} : référence « ${motif} » inconnue (${REFERENCES_CONTENU.join(', ')} attendu)`);
      }
      return { colonne: colonne as RegleContenu['colonne'], regex: null, reference: motif as ReferenceContenu, confirmeSeulement, source };
    }
    return { colonne: colonne as RegleContenu['colonne'], regex: compilerRegex(cheminContenus, ligne, motif, 'iu'), reference: null, confirmeSeulement, source };
  });

  const config: ConfigEtatDesLieux = {
    dossier,
    colonnes,
    reservataires: lireRegles<CategorieReservataire>(
      join(dossier, FICHIERS_CONFIG.reservataires),
      'categorie',
      CATEGORIES_RESERVATAIRE,
      plier,
    ),
    financements: lireRegles<string>(join(dossier, FICHIERS_CONFIG.financements), 'classe', null, compacter),
    programmes,
    contenus,
  };
  cache.set(dossier, config);
  return config;
}
