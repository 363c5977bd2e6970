// One partner file through one import format: header mapping, typed cells,
// domain checks, and a clean CSV for DuckDB. Every row read ends up loaded,
// rejected (with file, line, column, value, what was expected) or outside the
// territory — the three counts add up to the rows read, and this is checked.
import { createWriteStream } from 'node:fs';
import { basename } from 'node:path';
import { once } from 'node:events';
import { lireEnregistrements, sonderFichier, ErreurFichier, type Encodage } from './lecteur-delimite.ts';
import { lireCellule, type ValeurCellule } from './types-colonnes.ts';
import { plierEntete, type Format } from './format.ts';

export interface Anomalie {
  fichier: string;
  ligne: number;
  colonne: string;
  valeur: string;
  attendu: string;
  gravite: 'rejet' | 'avertissement';
}

export interface BilanFichier {
  fichier: string;
  format: string;
  encodage: Encodage;
  separateur: string;
  variante: string;
  colonnesIgnorees: string[];
  lignesLues: number;
  chargees: number;
  rejetees: number;
  horsPerimetre: number;
  avertissements: number;
}

export type Ligne = Record<string, ValeurCellule>;
export type Controle =
  | { statut: 'ok' }
  | { statut: 'hors_perimetre' }
  | { statut: 'rejet'; colonne: string; valeur: string; attendu: string };

export interface OptionsImport {
  /** Domain check after typing (commune in the territory…). */
  controler?: (l: Ligne) => Controle;
  /** Rewrites a typed row before writing (pseudonymisation…). */
  transformer?: (l: Ligne) => void;
  /** Detailed anomalies kept per file (counts stay exact beyond). */
  maxAnomalies?: number;
}

function csvCellule(v: ValeurCellule): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const NOMS_SEPARATEUR: Record<string, string> = { ';': 'point-virgule', ',': 'virgule', '\t': 'tabulation' };

export async function importerFichier(
  chemin: string,
  format: Format,
  sortieCsv: string,
  anomalies: Anomalie[],
  options: OptionsImport = {},
): Promise<BilanFichier> {
  const fichier = basename(chemin);
  const max = options.maxAnomalies ?? 5000;
  let gardees = 0;
  const noter = (a: Omit<Anomalie, 'fichier'>) => {
    if (gardees++ < max) anomalies.push({ fichier, ...a });
  };

  const infos = await sonderFichier(chemin);
  if (infos.vide) throw new ErreurFichier(`${fichier} : fichier vide — un en-tête de colonnes puis une ligne par enregistrement sont attendus`);

  const bilan: BilanFichier = {
    fichier,
    format: format.id,
    encodage: infos.encodage,
    separateur: NOMS_SEPARATEUR[infos.separateur] ?? infos.separateur,
    variante: '',
    colonnesIgnorees: [],
    lignesLues: 0,
    chargees: 0,
    rejetees: 0,
    horsPerimetre: 0,
    avertissements: 0,
  };

  const sortie = createWriteStream(sortieCsv, { encoding: 'utf8' });
  const ecrire = async (s: string) => {
    if (!sortie.write(s)) await once(sortie, 'drain');
  };
  await ecrire(['ligne', ...format.colonnes.map((c) => c.colonne)].join(',') + '\n');

  let indices: (number | undefined)[] = [];
  let largeur = 0;
  let entete = true;
  try {
    for await (const { ligne, valeurs } of lireEnregistrements(chemin, infos)) {
      if (entete) {
        entete = false;
        const plies = valeurs.map(plierEntete);
        indices = format.colonnes.map((c) => {
          for (const s of c.synonymes) {
            const i = plies.indexOf(plierEntete(s));
            if (i >= 0) return i;
          }
          return undefined;
        });
        const manquantes = format.colonnes.filter((c, i) => c.obligatoire && indices[i] === undefined);
        if (manquantes.length) {
          throw new ErreurFichier(
            `${fichier}, ligne ${ligne} : colonne(s) obligatoire(s) absente(s) de l'en-tête : ` +
              manquantes.map((c) => `${c.colonne} (acceptés : ${c.synonymes.join(', ')})`).join(' ; ') +
              ` — en-tête lu : ${valeurs.slice(0, 12).join(' | ')}${valeurs.length > 12 ? ' …' : ''}`,
          );
        }
        const utilises = new Set(indices.filter((i): i is number => i !== undefined));
        bilan.colonnesIgnorees = valeurs.filter((_, i) => !utilises.has(i));
        bilan.variante = format.colonnes
          .map((c, i) => (indices[i] !== undefined ? valeurs[indices[i]!] : null))
          .filter((x): x is string => x !== null)
          .slice(0, 3)
          .join(', ');
        largeur = valeurs.length;
        continue;
      }
      bilan.lignesLues++;
      if (valeurs.length !== largeur) {
        bilan.rejetees++;
        noter({ ligne, colonne: '(ligne entière)', valeur: valeurs.slice(0, 4).join(' | '), attendu: `${largeur} champs comme l'en-tête, ${valeurs.length} lus`, gravite: 'rejet' });
        continue;
      }
      const l: Ligne = {};
      let rejet = false;
      for (let k = 0; k < format.colonnes.length; k++) {
        const c = format.colonnes[k]!;
        const i = indices[k];
        const brut = i === undefined ? '' : (valeurs[i] ?? '').trim();
        if (brut === '') {
          if (c.obligatoire) {
            rejet = true;
            noter({ ligne, colonne: c.colonne, valeur: '', attendu: `une valeur (colonne obligatoire : ${c.description})`, gravite: 'rejet' });
          }
          l[c.colonne] = null;
          continue;
        }
        const r = lireCellule(c.type, brut);
        if (r.ok) l[c.colonne] = r.valeur;
        else if (c.obligatoire) {
          rejet = true;
          noter({ ligne, colonne: c.colonne, valeur: brut, attendu: r.attendu, gravite: 'rejet' });
        } else {
          // an optional cell that cannot be read is emptied, the row is kept, the fault reported
          l[c.colonne] = null;
          bilan.avertissements++;
          noter({ ligne, colonne: c.colonne, valeur: brut, attendu: `${r.attendu} (valeur ignorée, ligne conservée)`, gravite: 'avertissement' });
        }
      }
      if (rejet) {
        bilan.rejetees++;
        continue;
      }
      const controle = options.controler?.(l) ?? { statut: 'ok' };
      if (controle.statut === 'hors_perimetre') {
        bilan.horsPerimetre++;
        continue;
      }
      if (controle.statut === 'rejet') {
        bilan.rejetees++;
        noter({ ligne, colonne: controle.colonne, valeur: controle.valeur, attendu: controle.attendu, gravite: 'rejet' });
        continue;
      }
      options.transformer?.(l);
      bilan.chargees++;
      await ecrire([ligne, ...format.colonnes.map((c) => csvCellule(l[c.colonne] ?? null))].join(',') + '\n');
    }
    if (entete) throw new ErreurFichier(`${fichier} : fichier vide — un en-tête de colonnes est attendu`);
  } finally {
    sortie.end();
    await once(sortie, 'close');
  }
  if (bilan.chargees + bilan.rejetees + bilan.horsPerimetre !== bilan.lignesLues) {
    throw new Error(`${fichier} : ${bilan.lignesLues} lignes lues ≠ ${bilan.chargees} chargées + ${bilan.rejetees} rejetées + ${bilan.horsPerimetre} hors territoire`);
  }
  return bilan;
}
