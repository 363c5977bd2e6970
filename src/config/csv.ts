// Minimal RFC 4180 reader for the project's own configuration files (UTF-8, comma).
// Input exports from partners go through src/ingest instead, which reports every fault.

export function parseConfigCsv(text: string, fichier: string): Record<string, string>[] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...body] = rows.filter((r) => r.some((v) => v !== ''));
  if (!header) throw new Error(`${fichier} : fichier de configuration vide`);
  return body.map((r, i) => {
    if (r.length !== header.length) {
      throw new Error(`${fichier}, ligne ${i + 2} : ${r.length} colonnes au lieu de ${header.length} (${header.join(', ')})`);
    }
    return Object.fromEntries(header.map((h, j) => [h, r[j] ?? '']));
  });
}
