// Text of a PDF, page by page, read in JavaScript (pdfjs-dist) rather than with poppler's pdftotext.
import { readFileSync } from 'node:fs';

export interface TextePdf {
  pages: string[];
  nombrePages: number;
}

/** Whitespace (including French non-breaking spaces) folded to single spaces. */
export async function lireTextePdf(fichier: string): Promise<TextePdf> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(readFileSync(fichier)), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const contenu = await page.getTextContent();
    const texte = contenu.items.map((it) => ('str' in it ? it.str + (it.hasEOL ? '\n' : ' ') : '')).join('');
    pages.push(texte.replace(/[\s\u00a0\u202f]+/g, ' ').trim());
  }
  await doc.destroy();
  return { pages, nombrePages: doc.numPages };
}
