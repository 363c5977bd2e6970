// What the public website says about its publisher (footer, legal notice, accessibility
// statement, data licence, reference texts): data/territoires/<id>/site.json, never code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TERRITOIRE } from './donnees.ts';

export interface Lien {
  id?: string;
  libelle: string;
  url: string;
}

export interface ConfigurationSite {
  editeur: { nom: string; adresse: string; directeur_publication: string; site: string };
  contact: Lien;
  hebergement: string;
  licence_donnees: { nom: string; url: string };
  accessibilite: {
    referentiel: string;
    etat: string;
    date_evaluation: string;
    methode: string;
    non_conformites: string[];
    voie_de_recours: string;
  };
  textes: Lien[];
}

const OBLIGATOIRES = ['editeur', 'contact', 'hebergement', 'licence_donnees', 'accessibilite', 'textes'] as const;

let cache: ConfigurationSite | null = null;

/** The territory's site.json; a missing file or field stops the build with the file named. */
export function configurationSite(territoire = TERRITOIRE, racine = process.cwd()): ConfigurationSite {
  if (cache && territoire === TERRITOIRE) return cache;
  const chemin = join(racine, 'data', 'territoires', territoire, 'site.json');
  if (!existsSync(chemin)) throw new Error(`${chemin} introuvable : éditeur, contact, licence et textes du pied de page (voir data/territoires/sicoval/site.json)`);
  const c = JSON.parse(readFileSync(chemin, 'utf8')) as ConfigurationSite;
  for (const cle of OBLIGATOIRES) if (c[cle] === undefined) throw new Error(`${chemin} : champ « ${cle} » manquant`);
  if (territoire === TERRITOIRE) cache = c;
  return c;
}

/** A reference text of the territory by id (cia, acd, cch, lec), if configured. */
export function texte(id: string): Lien | undefined {
  return configurationSite().textes.find((t) => t.id === id);
}
