// The same words everywhere for a number that is not shown.
/** A count or share withheld so that no household can be recognised. */
export const SECRET = 'secret statistique';
/** Nothing recorded (no attribution, no demand, no survey answer). */
export const SANS_DONNEE = 'aucune donnée';
/** One sentence for everything a section withholds: "Non publiés pour qu'aucun ménage ne soit reconnaissable (secret statistique) : a ; b." */
export function phraseRetenus(parties: string[]): string {
  return `Non publiés, pour qu'aucun ménage ne puisse être reconnu (${SECRET}) : ${parties.join(' ; ')}.`;
}
