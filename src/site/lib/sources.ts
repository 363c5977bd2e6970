// Sources as a reader knows them: "CIA du Sicoval, article 1, objectif 1" rather than the
// configuration's "CIA art.1 obj.1 (l.5128)". Line numbers of the signed texts stay in
// the configuration files (and the methodology's annex), never on a page.
export function sourceLisible(source: string, territoire: string): string {
  return source
    .split(/\s*;\s*/)
    .map((s) =>
      s
        .replace(/\s*\((?:[^()]*\s)?l\.\s?\d[^()]*\)/g, '')
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
}
