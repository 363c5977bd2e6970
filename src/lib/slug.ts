// One spelling-insensitive key for names (bailleurs, réservataires, URLs): no accents, lower case,
// runs of other characters as one "-". src/model/flux/realise.sql.ts has its SQL twin.
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
