// The observatory team's own words in the yearly bilan: Markdown files in
// data/territoires/<id>/bilan/<année>/*.md, each attached to one section of the bilan
// by its front-matter (`section: 3` or `section: bailleurs`) or its file name
// (`3-bailleurs.md`, `bailleurs.md`). A section without comment shows nothing; a
// missing folder is no error; a file that names no known section is kept aside with a
// warning (never a build failure: the bilan must still be printed).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SectionConnue {
  numero: number;
  id: string;
}

export interface Commentaire {
  /** id of the section it belongs to */
  section: string;
  fichier: string;
  /** optional front-matter fields */
  titre: string | null;
  auteur: string | null;
  date: string | null;
  /** the Markdown rendered to safe HTML (paragraphs, lists, emphasis, links) */
  html: string;
}

export interface LectureCommentaires {
  commentaires: Commentaire[];
  avertissements: string[];
}

/** `---\ncle: valeur\n---\ncorps` → fields and body (no front-matter: no fields). */
export function lireEnteteMarkdown(texte: string): { champs: Record<string, string>; corps: string } {
  const t = texte.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const m = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(t);
  if (!m) return { champs: {}, corps: t };
  const champs: Record<string, string> = {};
  for (const ligne of m[1]!.split('\n')) {
    const c = /^\s*([\p{L}_][\p{L}\p{N}_-]*)\s*:\s*(.*?)\s*$/u.exec(ligne);
    if (c) champs[c[1]!.toLowerCase()] = c[2]!.replace(/^(["'])(.*)\1$/, '$2');
  }
  return { champs, corps: t.slice(m[0].length) };
}

function normaliser(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** The section a value names: its number ("3") or its id ("bailleurs", any case or accents). */
export function sectionDe(valeur: string, sections: readonly SectionConnue[]): SectionConnue | null {
  const v = normaliser(valeur);
  if (/^\d+$/.test(v)) return sections.find((s) => s.numero === Number(v)) ?? null;
  return sections.find((s) => normaliser(s.id) === v) ?? null;
}

/** Section named by a file name: "3-bailleurs.md", "03_commentaire.md", "bailleurs.md", "bailleurs-2.md". */
export function sectionDuNomDeFichier(fichier: string, sections: readonly SectionConnue[]): SectionConnue | null {
  const base = fichier.replace(/\.md$/i, '');
  const n = /^(\d+)(?:[-_ .]|$)/.exec(base);
  if (n) return sectionDe(n[1]!, sections);
  const mot = /^([\p{L}]+)/u.exec(base);
  return mot ? sectionDe(mot[1]!, sections) : null;
}

const ECHAPPEMENTS: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const echapper = (s: string) => s.replace(/[&<>"']/g, (c) => ECHAPPEMENTS[c]!);

/** Inline Markdown on escaped text: **gras**, *italique* / _italique_, [lien](https://…) (http(s) and relative links only). */
function enLigne(texte: string): string {
  let s = echapper(texte);
  s = s.replace(/\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/g, (_m, libelle: string, url: string) =>
    /^(https?:\/\/|\/|#|\.\.?\/)/.test(url) && !/^\/\//.test(url) ? `<a href="${url}">${libelle}</a>` : libelle,
  );
  s = s.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/(^|[^\p{L}\p{N}*])\*(?!\s)(.+?)\*(?![\p{L}\p{N}])/gu, '$1<em>$2</em>');
  s = s.replace(/(^|[^\p{L}\p{N}_])_(?!\s)(.+?)_(?![\p{L}\p{N}])/gu, '$1<em>$2</em>');
  return s;
}

/**
 * The small Markdown the team writes: paragraphs (blank line), "- " or "* " lists,
 * "1. " numbered lists, "#…" titles (rendered as a paragraph title, the bilan's
 * headings stay the bilan's), emphasis and links. Raw HTML is shown as text.
 */
export function markdownEnHtml(md: string): string {
  const blocs: string[] = [];
  let paragraphe: string[] = [];
  let liste: { type: 'ul' | 'ol'; items: string[] } | null = null;
  const fermer = () => {
    if (paragraphe.length) blocs.push(`<p>${enLigne(paragraphe.join(' '))}</p>`);
    paragraphe = [];
    if (liste) blocs.push(`<${liste.type}>${liste.items.map((i) => `<li>${enLigne(i)}</li>`).join('')}</${liste.type}>`);
    liste = null;
  };
  for (const brute of md.replace(/\r\n?/g, '\n').split('\n')) {
    const ligne = brute.trim();
    if (ligne === '') {
      fermer();
      continue;
    }
    const titre = /^#{1,6}\s+(.*)$/.exec(ligne);
    const puce = /^[-*+]\s+(.*)$/.exec(ligne);
    const numero = /^\d+[.)]\s+(.*)$/.exec(ligne);
    if (titre) {
      fermer();
      blocs.push(`<p class="commentaire-titre"><strong>${enLigne(titre[1]!)}</strong></p>`);
    } else if (puce || numero) {
      const type = puce ? 'ul' : 'ol';
      if (paragraphe.length || (liste && liste.type !== type)) fermer();
      liste ??= { type, items: [] };
      liste.items.push((puce ?? numero)![1]!);
    } else if (liste && /^\s{2,}/.test(brute)) {
      liste.items[liste.items.length - 1] += ` ${ligne}`;
    } else {
      if (liste) fermer();
      paragraphe.push(ligne);
    }
  }
  fermer();
  return blocs.join('\n');
}

/** Parses one comment file; null + a warning when it names no known section or is empty. */
export function lireCommentaire(fichier: string, texte: string, sections: readonly SectionConnue[]): { commentaire: Commentaire | null; avertissement: string | null } {
  const { champs, corps } = lireEnteteMarkdown(texte);
  const section = champs.section !== undefined ? sectionDe(champs.section, sections) : sectionDuNomDeFichier(fichier, sections);
  const connues = sections.map((s) => `${s.numero} ou « ${s.id} »`).join(', ');
  if (!section) {
    const raison = champs.section !== undefined ? `la section « ${champs.section} » n'existe pas` : 'ni son en-tête (section: …) ni son nom ne désignent une section';
    return { commentaire: null, avertissement: `${fichier} : commentaire ignoré, ${raison} (sections : ${connues}).` };
  }
  const html = markdownEnHtml(corps);
  if (html === '') return { commentaire: null, avertissement: `${fichier} : commentaire vide, ignoré.` };
  return {
    commentaire: { section: section.id, fichier, titre: champs.titre || null, auteur: champs.auteur || null, date: champs.date || null, html },
    avertissement: null,
  };
}

/** Comments of a year: every *.md of `dossier` (absent folder = no comment), in file-name order. */
export function lireCommentaires(dossier: string, sections: readonly SectionConnue[]): LectureCommentaires {
  const resultat: LectureCommentaires = { commentaires: [], avertissements: [] };
  if (!existsSync(dossier)) return resultat;
  const fichiers = readdirSync(dossier).filter((f) => /\.md$/i.test(f) && !/^readme\.md$/i.test(f)).sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
  for (const f of fichiers) {
    const { commentaire, avertissement } = lireCommentaire(f, readFileSync(join(dossier, f), 'utf8'), sections);
    if (commentaire) resultat.commentaires.push(commentaire);
    if (avertissement) resultat.avertissements.push(avertissement);
  }
  return resultat;
}
