/**
 * Lecture de fichiers délimités (CSV `;` ou `,`, TSV) selon la RFC 4180,
 * avec la tolérance qu'exigent les exports réels :
 * - fins de ligne CRLF, LF ou CR seul (anciens Mac), mélangées ;
 * - champs entre guillemets contenant délimiteurs, guillemets doublés et
 *   retours à la ligne ;
 * - texte collé après un guillemet fermant (`"abc"def`) : gardé tel quel ;
 * - guillemet jamais refermé (fichier tronqué, guillemet isolé venu d'un
 *   OCR) : l'enregistrement est relu sans interpréter les guillemets, limité à
 *   sa ligne, et marqué d'une anomalie — la suite du fichier n'est pas avalée.
 *
 * Chaque enregistrement porte son numéro de ligne source (1-based) : celui de
 * sa première ligne physique, et celui de sa dernière.
 */

export type Delimiteur = ';' | ',' | '\t';

export const DELIMITEURS: readonly Delimiteur[] = ['\t', ';', ','];

export type CodeAnomalieDelimitee = 'guillemet-non-ferme' | 'texte-apres-guillemet';

export interface AnomalieDelimitee {
  code: CodeAnomalieDelimitee;
  /** Ligne (1-based) du guillemet en cause. */
  ligne: number;
  /** Numéro (1-based) du champ en cause. */
  champ: number;
  message: string;
}

export interface Enregistrement {
  /** Ligne source (1-based) où commence l'enregistrement. */
  ligne: number;
  /** Ligne source où il se termine (différente de `ligne` si un champ contient un retour à la ligne). */
  ligneFin: number;
  champs: string[];
  anomalies?: AnomalieDelimitee[];
}

export interface OptionsLecture {
  delimiteur: Delimiteur;
  /** Interpréter les guillemets doubles (RFC 4180). Vrai par défaut. */
  guillemets?: boolean;
}

/** Nom français d'un délimiteur, pour les messages. */
export function nomDelimiteur(d: Delimiteur): string {
  return d === '\t' ? 'tabulation' : d === ';' ? 'point-virgule' : 'virgule';
}

/** Vrai si l'enregistrement ne contient que des champs vides (ou blancs). */
export function estVide(e: { champs: readonly string[] }): boolean {
  return e.champs.every((c) => c.trim() === '');
}

const QUOTE = 34; // "
const CR = 13;
const LF = 10;

interface EtatLecture {
  pos: number;
  ligne: number;
}

/** Longueur de la fin de ligne en `pos` (0 si ce n'est pas une fin de ligne). */
function finDeLigne(texte: string, pos: number): number {
  const c = texte.charCodeAt(pos);
  if (c === LF) return 1;
  if (c === CR) return texte.charCodeAt(pos + 1) === LF ? 2 : 1;
  return 0;
}

/**
 * Lit un enregistrement à partir de `etat`. Renvoie `null` si un guillemet
 * ouvert n'est jamais refermé (l'état n'est alors pas avancé).
 */
function lireUn(texte: string, etat: EtatLecture, delim: number, guillemets: boolean): Enregistrement | null {
  const debutLigne = etat.ligne;
  let pos = etat.pos;
  let ligne = etat.ligne;
  const champs: string[] = [];
  const anomalies: AnomalieDelimitee[] = [];
  const n = texte.length;

  for (;;) {
    // Début d'un champ.
    let valeur = '';
    if (guillemets && texte.charCodeAt(pos) === QUOTE) {
      const ligneGuillemet = ligne;
      pos++;
      let ferme = false;
      let morceau = pos;
      while (pos < n) {
        const c = texte.charCodeAt(pos);
        if (c === QUOTE) {
          if (texte.charCodeAt(pos + 1) === QUOTE) {
            valeur += texte.slice(morceau, pos + 1);
            pos += 2;
            morceau = pos;
            continue;
          }
          valeur += texte.slice(morceau, pos);
          pos++;
          ferme = true;
          break;
        }
        const fl = finDeLigne(texte, pos);
        if (fl > 0) {
          valeur += `${texte.slice(morceau, pos)}\n`;
          pos += fl;
          ligne++;
          morceau = pos;
          continue;
        }
        pos++;
      }
      if (!ferme) return null;
      // Après le guillemet fermant : délimiteur, fin de ligne, fin de texte… ou texte collé.
      const debutReste = pos;
      while (pos < n && texte.charCodeAt(pos) !== delim && finDeLigne(texte, pos) === 0) pos++;
      if (pos > debutReste) {
        valeur += texte.slice(debutReste, pos);
        anomalies.push({
          code: 'texte-apres-guillemet',
          ligne: ligneGuillemet,
          champ: champs.length + 1,
          message: `texte après le guillemet fermant du champ ${champs.length + 1} (ligne ${ligneGuillemet}) : conservé tel quel`,
        });
      }
    } else {
      const debut = pos;
      while (pos < n && texte.charCodeAt(pos) !== delim && finDeLigne(texte, pos) === 0) pos++;
      valeur = texte.slice(debut, pos);
    }
    champs.push(valeur);

    if (pos >= n) {
      etat.pos = pos;
      etat.ligne = ligne;
      break;
    }
    if (texte.charCodeAt(pos) === delim) {
      pos++;
      continue;
    }
    // Fin de ligne : fin d'enregistrement.
    pos += finDeLigne(texte, pos);
    etat.pos = pos;
    etat.ligne = ligne + 1;
    break;
  }
  const e: Enregistrement = { ligne: debutLigne, ligneFin: ligne, champs };
  if (anomalies.length > 0) e.anomalies = anomalies;
  return e;
}

/**
 * Itère sur les enregistrements d'un texte délimité. Un texte vide ne donne
 * aucun enregistrement ; une fin de ligne finale ne crée pas d'enregistrement
 * vide ; une ligne vide au milieu donne un enregistrement `['']`.
 */
export function* lireEnregistrements(texte: string, options: OptionsLecture): Generator<Enregistrement> {
  const delim = options.delimiteur.charCodeAt(0);
  const guillemets = options.guillemets !== false;
  const etat: EtatLecture = { pos: 0, ligne: 1 };
  while (etat.pos < texte.length) {
    const e = lireUn(texte, etat, delim, guillemets);
    if (e !== null) {
      yield e;
      continue;
    }
    // Guillemet non refermé : relire ce seul enregistrement, limité à sa ligne
    // physique, sans interpréter les guillemets.
    const ligne = etat.ligne;
    let fin = etat.pos;
    while (fin < texte.length && finDeLigne(texte, fin) === 0) fin++;
    const local: EtatLecture = { pos: 0, ligne };
    const brut = lireUn(texte.slice(etat.pos, fin), local, delim, false) ?? { ligne, ligneFin: ligne, champs: [''] };
    const champ = brut.champs.findIndex((c) => c.startsWith('"')) + 1;
    brut.anomalies = [
      ...(brut.anomalies ?? []),
      {
        code: 'guillemet-non-ferme',
        ligne,
        champ: champ > 0 ? champ : 1,
        message: `guillemet ouvert ligne ${ligne} (champ ${champ > 0 ? champ : 1}) jamais refermé : fichier tronqué ou guillemet isolé ; ligne lue sans interpréter les guillemets`,
      },
    ];
    yield brut;
    etat.pos = fin + finDeLigne(texte, fin);
    etat.ligne = ligne + 1;
  }
}

export interface DetectionDelimiteur {
  delimiteur: Delimiteur;
  /** Vrai si au moins deux lignes consécutives ont le même nombre (≥ 2) de champs. */
  certain: boolean;
  scores: Record<Delimiteur, number>;
}

/**
 * Devine le délimiteur. Pour chaque candidat, on découpe un échantillon et on
 * cherche des suites de lignes consécutives ayant le même nombre de champs
 * (≥ 2) : score = Σ longueur × (champs − 1) sur les suites d'au moins deux
 * lignes. Un tableau réel forme de telles suites ; la prose qui contient des
 * virgules, non. À égalité : tabulation, puis point-virgule, puis virgule.
 */
export function detecterDelimiteur(
  texte: string,
  options: { candidats?: readonly Delimiteur[]; echantillon?: number } = {},
): DetectionDelimiteur {
  const candidats = options.candidats ?? DELIMITEURS;
  const echantillon = texte.slice(0, options.echantillon ?? 256 * 1024);
  const scores: Record<Delimiteur, number> = { '\t': 0, ';': 0, ',': 0 };
  const maxChamps: Record<Delimiteur, number> = { '\t': 0, ';': 0, ',': 0 };
  for (const d of candidats) {
    let score = 0;
    let k = 0;
    let longueur = 0;
    const clore = (): void => {
      if (k >= 2 && longueur >= 2) score += longueur * (k - 1);
    };
    for (const e of lireEnregistrements(echantillon, { delimiteur: d })) {
      const nb = estVide(e) ? 0 : e.champs.length;
      if (nb > maxChamps[d]) maxChamps[d] = nb;
      if (nb === k) longueur++;
      else {
        clore();
        k = nb;
        longueur = 1;
      }
    }
    clore();
    scores[d] = score;
  }
  let meilleur: Delimiteur = candidats[0] ?? ';';
  for (const d of candidats) if (scores[d] > scores[meilleur]) meilleur = d;
  if (scores[meilleur] > 0) return { delimiteur: meilleur, certain: true, scores };
  // Aucune suite régulière : le candidat qui découpe le plus une même ligne.
  for (const d of candidats) if (maxChamps[d] > maxChamps[meilleur]) meilleur = d;
  return { delimiteur: meilleur, certain: false, scores };
}

export interface TexteDelimite {
  delimiteur: Delimiteur;
  delimiteurDetecte: boolean;
  enregistrements: Enregistrement[];
}

/** Lit tout un texte délimité ; le délimiteur est deviné s'il n'est pas donné. */
export function lireDelimite(texte: string, options: { delimiteur?: Delimiteur; guillemets?: boolean } = {}): TexteDelimite {
  const delimiteur = options.delimiteur ?? detecterDelimiteur(texte).delimiteur;
  const lecture: OptionsLecture = { delimiteur };
  if (options.guillemets !== undefined) lecture.guillemets = options.guillemets;
  return {
    delimiteur,
    delimiteurDetecte: options.delimiteur === undefined,
    enregistrements: [...lireEnregistrements(texte, lecture)],
  };
}
