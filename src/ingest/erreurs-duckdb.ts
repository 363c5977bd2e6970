// DuckDB's own error messages quote the value that failed ("Could not cast value
// 1e300…") and, for a CSV, the whole row ("Original Line: …"): a household's
// row in a terminal, a CI log or an issue. They are never shown as they are:
// a load error becomes file, line, column and what was expected; any other
// error keeps its wording with every quoted string and number replaced by « … ».

const TYPES: Record<string, string> = {
  INTEGER: 'un nombre entier (à 10 chiffres au plus)',
  BIGINT: 'un nombre entier',
  DOUBLE: 'un nombre',
  DATE: 'une date',
  BOOLEAN: 'oui ou non',
  VARCHAR: 'un texte',
};

/** The message of a DuckDB error without the values it quotes. */
export function messageSansValeurs(message: string): string {
  const premiere = message.split('\n')[0] ?? '';
  return premiere
    .replace(/"[^"]*"|'[^']*'/g, '«…»')
    .replace(/(^|[^A-Za-z0-9_(,])[-+]?\d[\d.,]*(e[-+]?\d+)?/gi, '$1…')
    .replace(/(Original Line|LINE \d+):.*/gi, '$1: …');
}

/**
 * A failed load of one clean CSV (first column: the line of the partner's file), in French:
 * « attributions_2025.csv, ligne 12, colonne ressources_mensuelles : attendu un nombre ».
 */
export function messageChargement(fichier: string, e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  const ligne = /Original Line:\s*(\d+),/.exec(m)?.[1];
  const colonne = /converting column "([^"]+)"/.exec(m)?.[1];
  const type = /to '([A-Z]+)'/.exec(m)?.[1];
  if (ligne && colonne) {
    return `${fichier}, ligne ${ligne}, colonne ${colonne} : valeur refusée au chargement, attendu ${TYPES[type ?? ''] ?? `le type ${type ?? 'déclaré'}`} — la valeur n'est pas affichée (donnée possiblement personnelle) ; aucune ligne de ce fichier n'a été chargée`;
  }
  return `${fichier} : chargement impossible (${messageSansValeurs(m)}) ; aucune ligne de ce fichier n'a été chargée`;
}
