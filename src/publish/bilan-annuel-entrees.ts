// What the team adds to the yearly bilan, read from data/territoires/<id>/bilan/:
//   communes-suivies.json          the communes the CIA names for the bilan (optional)
//   <année>/*.md                   comments, one section each (bilan-annuel-commentaires.ts)
//   <année>/premier-quartile-etat.csv   the State's quarterly first-quartile figures (optional)
// Nothing here is required: a territory without this folder gets a bilan without comments.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lireCommentaires } from './bilan-annuel-commentaires.ts';
import { SECTIONS_BILAN, type CommunesSuivies, type TrimestreEtat } from './bilan-annuel.ts';
import type { Commentaire } from './bilan-annuel-commentaires.ts';

export interface EntreesEquipe {
  commentaires: Commentaire[];
  communesSuivies: CommunesSuivies | null;
  trimestresEtat: TrimestreEtat[];
  avertissements: string[];
}

export const FICHIER_TRIMESTRES_ETAT = 'premier-quartile-etat.csv';

/** `trimestre;attributions;premier_quartile` (`;` or `,`), T1..T4 = year to date at the end of the quarter. */
export function lireTrimestresEtat(fichier: string, texte: string): { trimestres: TrimestreEtat[]; avertissements: string[] } {
  const lignes = texte.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const avertissements: string[] = [];
  const trimestres: TrimestreEtat[] = [];
  if (!lignes.length) return { trimestres, avertissements };
  const sep = lignes[0]!.includes(';') ? ';' : ',';
  const entete = lignes[0]!.split(sep).map((c) => c.trim().toLowerCase());
  const col = (nom: string) => entete.indexOf(nom);
  const [it, ia, iq] = [col('trimestre'), col('attributions'), col('premier_quartile')];
  if (it < 0 || ia < 0 || iq < 0) {
    return { trimestres, avertissements: [`${fichier}, ligne 1 : colonnes attendues « trimestre », « attributions », « premier_quartile » ; fichier ignoré.`] };
  }
  const entier = (s: string | undefined) => (s === undefined || s.trim() === '' ? null : /^\d+$/.test(s.trim()) ? Number(s.trim()) : NaN);
  lignes.slice(1).forEach((l, i) => {
    const c = l.split(sep);
    const t = (c[it] ?? '').trim().toUpperCase();
    const a = entier(c[ia]);
    const q = entier(c[iq]);
    if (!/^T[1-4]$/.test(t)) avertissements.push(`${fichier}, ligne ${i + 2}, colonne trimestre : « ${c[it] ?? ''} », attendu T1, T2, T3 ou T4 ; ligne ignorée.`);
    else if (Number.isNaN(a) || Number.isNaN(q)) avertissements.push(`${fichier}, ligne ${i + 2} : attributions et premier_quartile doivent être des nombres entiers ; ligne ignorée.`);
    else trimestres.push({ trimestre: t as TrimestreEtat['trimestre'], attributions: a, premierQuartile: q });
  });
  return { trimestres, avertissements };
}

export function lireEntreesEquipe(dossierTerritoire: string, annee: number): EntreesEquipe {
  const dossier = join(dossierTerritoire, 'bilan');
  const { commentaires, avertissements } = lireCommentaires(join(dossier, String(annee)), SECTIONS_BILAN);
  let communesSuivies: CommunesSuivies | null = null;
  const fc = join(dossier, 'communes-suivies.json');
  if (existsSync(fc)) {
    try {
      const j = JSON.parse(readFileSync(fc, 'utf8')) as Partial<CommunesSuivies>;
      if (!Array.isArray(j.communes) || typeof j.citation !== 'string') throw new Error('attendu { "citation": "…", "source": "…", "communes": ["code INSEE", …] }');
      communesSuivies = { citation: j.citation, source: String(j.source ?? ''), communes: j.communes.map(String) };
    } catch (e) {
      avertissements.push(`${fc} : ${(e as Error).message} ; communes suivies ignorées.`);
    }
  }
  let trimestresEtat: TrimestreEtat[] = [];
  const fe = join(dossier, String(annee), FICHIER_TRIMESTRES_ETAT);
  if (existsSync(fe)) {
    const r = lireTrimestresEtat(fe, readFileSync(fe, 'utf8'));
    trimestresEtat = r.trimestres;
    avertissements.push(...r.avertissements);
  }
  return { commentaires, communesSuivies, trimestresEtat, avertissements };
}
