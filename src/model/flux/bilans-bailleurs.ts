// R5 — yearly bilans sent by the bailleurs to the réservataire (before 28 February N+1), optional file
// bilans_bailleurs.csv: `;`-separated, one row per réservataire × bailleur × year (docs/flux.md).
// "Mises à disposition" (dwellings offered to the réservataire) is not in the CALEOL exports: only
// this file gives it. Every row is read or rejected with its reason.
import { decouper } from './csv.ts';
import { lireNombre } from './nombres.ts';
import { decoderOctets } from '../../ingest/text/decode.ts';

export const EN_TETE_BILANS = [
  'reservataire',
  'bailleur',
  'annee',
  'mises_a_disposition',
  'attributions',
  'baux_signes',
  'prioritaires',
  'manque_justifie',
  'source',
] as const;
export type ColonneBilan = (typeof EN_TETE_BILANS)[number];

export interface BilanDeclare {
  ligne: number;
  reservataire: string;
  bailleur: string;
  annee: number;
  mises_a_disposition: number;
  attributions: number;
  baux_signes: number;
  prioritaires: number;
  /** Shortfall the bailleur justifies (not carried over); empty = 0. */
  manque_justifie: number;
  source: string;
}

export interface ErreurBilan {
  ligne: number;
  colonne?: ColonneBilan;
  valeur?: string;
  attendu: string;
}

export type LectureBilans = { ok: true; bilans: BilanDeclare[]; erreurs: ErreurBilan[] } | { ok: false; erreur: ErreurBilan };

/** "bilans_bailleurs.csv, ligne 3, colonne 5 (attributions) : valeur « deux » — attendu : …" */
export function formaterErreurBilan(fichier: string, e: ErreurBilan): string {
  const ou = [fichier, `ligne ${e.ligne}`];
  if (e.colonne !== undefined) ou.push(`colonne ${EN_TETE_BILANS.indexOf(e.colonne) + 1} (${e.colonne})`);
  const valeur = e.valeur !== undefined ? ` : valeur « ${e.valeur} »` : '';
  return `${ou.join(', ')}${valeur} — attendu : ${e.attendu}`;
}

export function lireBilansBailleurs(octets: Uint8Array): LectureBilans {
  const d = decoderOctets(octets);
  if (!d.ok) {
    return { ok: false, erreur: { ligne: 1, attendu: d.code === 'vide' ? `l’en-tête ${EN_TETE_BILANS.join(';')} (le fichier est vide)` : `un fichier texte CSV (${d.message})` } };
  }
  const { enregistrements, guillemetOuvert } = decouper(d.texte.normalize('NFC'));
  if (guillemetOuvert !== null) return { ok: false, erreur: { ligne: guillemetOuvert, attendu: 'un guillemet fermant (« " » ouvert et jamais refermé)' } };
  const lignes = enregistrements.filter((r) => r.cellules.some((c) => c.trim() !== ''));
  const [tete, ...corps] = lignes;
  const attenduTete = `l’en-tête exact (séparateur « ; ») : ${EN_TETE_BILANS.join(';')}`;
  if (tete === undefined) return { ok: false, erreur: { ligne: 1, attendu: `${attenduTete} (le fichier est vide)` } };
  const lues = tete.cellules.map((c) => c.trim());
  if (lues.length !== EN_TETE_BILANS.length || lues.some((c, k) => c !== EN_TETE_BILANS[k])) {
    const manquantes = EN_TETE_BILANS.filter((c) => !lues.includes(c));
    return {
      ok: false,
      erreur: { ligne: tete.ligne, valeur: tete.cellules.join(';'), attendu: attenduTete + (manquantes.length ? ` — colonne(s) manquante(s) : ${manquantes.join(', ')}` : ' — colonnes dans un autre ordre ou en trop') },
    };
  }
  const bilans: BilanDeclare[] = [];
  const erreurs: ErreurBilan[] = [];
  const vus = new Map<string, number>();
  for (const e of corps) {
    if (e.cellules.length !== EN_TETE_BILANS.length) {
      erreurs.push({ ligne: e.ligne, attendu: `${EN_TETE_BILANS.length} colonnes séparées par « ; », ${e.cellules.length} trouvée(s) (un « ; » dans un texte doit être entre guillemets)` });
      continue;
    }
    const avant = erreurs.length;
    const v = (c: ColonneBilan): string => (e.cellules[EN_TETE_BILANS.indexOf(c)] ?? '').trim();
    const err = (colonne: ColonneBilan, attendu: string): void => void erreurs.push({ ligne: e.ligne, colonne, valeur: v(colonne), attendu });
    const texte = (c: ColonneBilan): string => {
      if (v(c) === '') err(c, 'une valeur non vide');
      return v(c);
    };
    const entier = (c: ColonneBilan): number => {
      const n = lireNombre(v(c));
      if (n === null || !Number.isInteger(n.valeur) || n.valeur < 0) {
        err(c, 'un nombre entier de logements, positif ou nul (ex. « 3 »)');
        return 0;
      }
      return n.valeur;
    };
    const reservataire = texte('reservataire');
    const bailleur = texte('bailleur');
    const annee = Number(v('annee'));
    if (!/^\d{4}$/.test(v('annee')) || annee < 1990 || annee > 2100) err('annee', 'une année sur 4 chiffres (ex. « 2025 »)');
    const mises = entier('mises_a_disposition');
    const attributions = entier('attributions');
    const baux = entier('baux_signes');
    const prioritaires = entier('prioritaires');
    let manque = 0;
    if (v('manque_justifie') !== '') {
      const n = lireNombre(v('manque_justifie'));
      if (n === null || n.valeur < 0) err('manque_justifie', 'un nombre de logements positif ou nul (virgule ou point décimal), ou une case vide (0)');
      else manque = n.valeur;
    }
    if (erreurs.length === avant && prioritaires > attributions) {
      err('prioritaires', `au plus le nombre d’attributions (${attributions}) : les prioritaires sont comptés parmi les attributions`);
    }
    const cleLigne = `${reservataire}\u0000${bailleur}\u0000${annee}`;
    if (erreurs.length === avant && vus.has(cleLigne)) {
      err('annee', `une seule ligne par réservataire × bailleur × année (déjà donnée ligne ${vus.get(cleLigne)})`);
    }
    if (erreurs.length > avant) continue;
    vus.set(cleLigne, e.ligne);
    bilans.push({ ligne: e.ligne, reservataire, bailleur, annee, mises_a_disposition: mises, attributions, baux_signes: baux, prioritaires, manque_justifie: manque, source: v('source') });
  }
  return { ok: true, bilans, erreurs };
}
