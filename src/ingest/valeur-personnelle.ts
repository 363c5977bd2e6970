// The value of a personal cell (household or demand column, listed in
// data/config/formats/*-colonnes.csv, column `personnelle`) is never written
// anywhere outside the import, not even in an error: a report shows its kind
// ("texte de 24 caractères", "nombre négatif", "date invalide"), which is
// enough to find the cell at the line given, in the partner's own file.

/** The kind of a raw value, never the value itself. `type`: the column's type (data/config/formats). */
export function decrireValeur(brut: string, type = ''): string {
  const v = brut.trim();
  if (v === '') return '(vide)';
  const nom = type.split(':')[0];
  const compact = v.replace(/[\s\u00a0\u202f]/g, '');
  if (/^[-+]?\d[\d.,]*(e[-+]?\d+)?$/i.test(compact) || /^[-+]?[.,]\d+$/.test(compact)) {
    if (compact.startsWith('-')) return 'nombre négatif';
    if (/e/i.test(compact)) return 'nombre en notation scientifique';
    const chiffres = compact.replace(/\D/g, '').length;
    return `nombre${/[.,]/.test(compact) ? ' décimal' : ''} de ${chiffres} chiffre${chiffres > 1 ? 's' : ''}`;
  }
  if (nom === 'date' || nom === 'mois' || /^\d{1,4}[/.-]\d{1,2}([/.-]\d{1,4})?$/.test(compact)) return 'date invalide';
  const n = [...v].length;
  return `texte de ${n} caractère${n > 1 ? 's' : ''}`;
}
