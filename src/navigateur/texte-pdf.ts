// Text of a PDF, page by page, read in JavaScript (pdfjs-dist) rather than with poppler's pdftotext.
import { readFileSync } from 'node:fs';

export interface TextePdf {
  pages: string[];
  nombrePages: number;
  /** each page's size in points (A4 portrait: 595,3 × 841,9) */
  formats: { largeur: number; hauteur: number }[];
}

/** A PDF file, or its bytes (page.pdf()'s buffer); whitespace (including French non-breaking spaces) folded to single spaces. */
export async function lireTextePdf(source: string | Uint8Array): Promise<TextePdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // pdf.js may transfer (detach) the buffer it is given: always hand it a copy
  const data = typeof source === 'string' ? new Uint8Array(readFileSync(source)) : new Uint8Array(source);
  const doc = await pdfjs.getDocument({ data, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  const formats: TextePdf['formats'] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    formats.push({ largeur: width, hauteur: height });
    const contenu = await page.getTextContent();
    // Chromium writes a ligature (ff, fi, ffi…) as its own text run: runs that touch on the same line
    // are one word ("chi" + "ff" + "res"); a gap, a new line or an end of line is a space
    let texte = '';
    let fin: { x: number; y: number; taille: number } | null = null;
    for (const it of contenu.items) {
      if (!('str' in it)) continue;
      const [taille = 1, , , , x = 0, y = 0] = it.transform as number[];
      const colle = fin !== null && Math.abs(y - fin.y) < fin.taille / 2 && Math.abs(x - fin.x) < fin.taille * 0.15;
      texte += (colle ? '' : ' ') + it.str.normalize('NFKC');
      fin = it.hasEOL ? null : { x: x + it.width, y, taille: Math.abs(taille) || 1 };
    }
    pages.push(texte.replace(/[\s\u00a0\u202f]+/g, ' ').trim());
  }
  await doc.destroy();
  return { pages, nombrePages: doc.numPages, formats };
}
