// Every acronym explained where it appears: the first occurrence of each glossary
// acronym in a page's text becomes <abbr title="term : definition">. Applied to every
// built page (src/site/middleware.ts), so no page has to remember it. Text inside
// <script>, <style>, <title>, SVG charts, form options and existing <abbr> is left alone.
import type { EntreeGlossaire } from './glossaire.ts';
import { titreSigle } from './glossaire.ts';

const IGNORES = new Set(['script', 'style', 'title', 'svg', 'abbr', 'textarea', 'option', 'datalist', 'select', 'head', 'code', 'pre']);

const echapperAttribut = (s: string): string => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const echapperRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function expliquerSigles(html: string, entrees: EntreeGlossaire[]): string {
  const restants = entrees
    .filter((e): e is EntreeGlossaire & { sigle: string } => !!e.sigle)
    .map((e) => ({
      // a whole word, in capitals as printed: "PLUS" but not "plus", "QPV" but not "QPVs" or "hors-QPV2"
      motif: new RegExp(`(^|[^\\p{L}\\p{N}_])(${echapperRegex(e.sigle)})(?![\\p{L}\\p{N}_])`, 'u'),
      abbr: (sigle: string): string => `<abbr title="${echapperAttribut(titreSigle(e))}">${sigle}</abbr>`,
    }));
  const debutCorps = html.search(/<body[\s>]/i);
  if (debutCorps < 0 || restants.length === 0) return html;
  const morceaux: string[] = [html.slice(0, debutCorps)];
  const pile: string[] = [];
  // quoted attribute values may hold '>' (a JSON data attribute: "sens":">="): a tag ends at the first '>' outside quotes
  const balise = /<!--[\s\S]*?-->|<\/?([a-zA-Z][\w-]*)(?:[^>"']|"[^"]*"|'[^']*')*>/g;
  let position = debutCorps;
  let m: RegExpExecArray | null;
  balise.lastIndex = debutCorps;
  const traiterTexte = (texte: string): string => {
    if (pile.length > 0 || texte.trim() === '') return texte;
    for (let i = 0; i < restants.length; i++) {
      const r = restants[i]!;
      const t = r.motif.exec(texte);
      if (t) {
        restants.splice(i, 1);
        // the other acronyms are looked for before and after this one, never inside the inserted <abbr>
        const debut = t.index + t[1]!.length;
        const fin = debut + t[2]!.length;
        return traiterTexte(texte.slice(0, debut)) + r.abbr(t[2]!) + traiterTexte(texte.slice(fin));
      }
    }
    return texte;
  };
  while ((m = balise.exec(html))) {
    morceaux.push(traiterTexte(html.slice(position, m.index)));
    morceaux.push(m[0]);
    position = m.index + m[0].length;
    const nom = m[1]?.toLowerCase();
    if (!nom) continue;
    const fermante = m[0].startsWith('</');
    const autoFermante = m[0].endsWith('/>');
    if (IGNORES.has(nom) || pile.length > 0) {
      if (fermante) {
        const i = pile.lastIndexOf(nom);
        if (i >= 0) pile.length = i;
      } else if (!autoFermante && (IGNORES.has(nom) || nom === pile.at(-1))) pile.push(nom);
    }
  }
  morceaux.push(traiterTexte(html.slice(position)));
  return morceaux.join('');
}
