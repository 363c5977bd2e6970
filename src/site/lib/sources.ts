// Sources as a reader knows them: "CIA du Sicoval, article 1, objectif 1" rather than the
// configuration's "CIA art.1 obj.1 (l.5128)". Line numbers of the signed texts stay in
// the configuration files (and the methodology's annex), never on a page.
export function sourceLisible(source: string, territoire: string, o: { sansSigle?: boolean } = {}): string {
  const texte = source
    .split(/\s*;\s*/)
    .map((s) =>
      s
        .replace(/\s*\((?:[^()]*\s)?l\.\s?\d[^()]*\)/g, '')
        // the project's specification files and folders are not a reader's sources
        .replace(/\b[A-Z][A-Z-]*\.md(?:\s+[A-Z]\d+[a-z]?)?/g, '')
        .replace(/\s*\((?:data|src|docs|build)\/[^)]*\)/g, '')
        .replace(/\b(?:data|src|docs)\/[\w./-]+/g, '')
        .replace(/\bl\.\s?\d{3,5}(?:\s?[-–,]\s?\d{3,5})*/g, '')
        .replace(/^CIA art\.\s?(\d+) obj\.\s?(\d+)/, `CIA du ${territoire}, article $1, objectif $2`)
        .replace(/^CIA art\.\s?(\d+)/, `CIA du ${territoire}, article $1`)
        .replace(/^CIA\b(?! du)/, `CIA du ${territoire}`)
        .replace(/^ACD( 31)?\b\s*(?=\S)/, 'accord collectif départemental, ')
        .replace(/^ACD( 31)?$/, 'accord collectif départemental')
        .replace(/^CCH L\.?\s?(\d{3})-(\d+)/, "code de la construction et de l'habitation, article L.$1-$2")
        .replace(/\s{2,}/g, ' ')
        .trim(),
    )
    .filter((s) => s !== '')
    .join(' ; ');
  // text written by a script in the browser gets no <abbr>: the acronym is spelled out there
  return o.sansSigle ? texte.replace(/^CIA du /, "Convention intercommunale d'attribution du ").replace(/ ; CIA du /g, " ; convention intercommunale d'attribution du ") : texte;
}

/** A source cut into text and links: a bare address ("intramuros.org/baziege/…/46950") becomes a link named "texte publié". */
export function morceauxSource(source: string, territoire: string): ({ texte: string } | { lien: string; texte: string })[] {
  const propre = sourceLisible(source, territoire)
    // "(fichier.csv, ligne 12)", "annexe 1 … : E , R …" leftovers of removed line numbers
    .replace(/\s*:\s*(?:[A-Za-zé]+\s*,\s*)+(?:[A-Za-zé]+(?:\s*\([^)]*\))?)?(?=\s*$|\.)/, '')
    .replace(/\s*\(\s*\)/g, '')
    .replace(/\s+([,.;])/g, '$1');
  const morceaux: ({ texte: string } | { lien: string; texte: string })[] = [];
  const adresse = /\(?\b((?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}\/[^\s),;]*)\)?/gi;
  let debut = 0;
  for (const m of propre.matchAll(adresse)) {
    if (m.index! > debut) morceaux.push({ texte: propre.slice(debut, m.index) });
    const url = m[1]!.startsWith('http') ? m[1]! : `https://${m[1]}`;
    morceaux.push({ lien: url, texte: 'texte publié' });
    debut = m.index! + m[0].length;
  }
  if (debut < propre.length) morceaux.push({ texte: propre.slice(debut) });
  return morceaux;
}
