// Small enhancements loaded on every page (external module: allowed by the CSP).
// 1. A table wider than its container scrolls inside `.tableau-defile`: that
//    container becomes focusable (tabindex="0", role="region", named after the
//    caption) so keyboard users can scroll it; only while it actually overflows.
// 2. Each chart gets a button that downloads its data table as CSV (Blob, built
//    from the table in the figure, so it follows the explorer's re-renders).
import { csvDepuisTableau, nomFichierCsv } from '../lib/csv-tableau.ts';

function ajusterDefilement(conteneur: HTMLElement): void {
  // inside a closed <details> nothing is focusable: re-evaluated on "toggle"
  const deborde = conteneur.scrollWidth > conteneur.clientWidth && !conteneur.closest('details:not([open])');
  if (deborde) {
    const legende = conteneur.querySelector('caption')?.textContent?.replace(/\s+/g, ' ').trim();
    conteneur.tabIndex = 0;
    conteneur.setAttribute('role', 'region');
    conteneur.setAttribute('aria-label', `${legende || 'Tableau'} (défilement horizontal)`);
  } else if (conteneur.hasAttribute('tabindex')) {
    conteneur.removeAttribute('tabindex');
    conteneur.removeAttribute('role');
    conteneur.removeAttribute('aria-label');
  }
}

function ajusterTout(): void {
  for (const c of document.querySelectorAll<HTMLElement>('.tableau-defile')) ajusterDefilement(c);
}

function texte(e: Element): string {
  return (e.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The figure's data table as CSV text and a file name. */
export function csvDeFigure(figure: HTMLElement): { nom: string; texte: string } | null {
  const table = figure.querySelector('[data-graphique-tableau] table');
  if (!table) return null;
  const colonnes = [...table.querySelectorAll('thead th')].map(texte);
  const lignes = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('th, td')].map(texte));
  const titre = figure.querySelector('.graphique-titre');
  return { nom: nomFichierCsv(titre ? texte(titre) : texte(table.querySelector('caption') ?? table)), texte: csvDepuisTableau(colonnes, lignes) };
}

function telecharger(nom: string, contenu: string): void {
  const url = URL.createObjectURL(new Blob([contenu], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = nom;
  a.hidden = true;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function boutonsCsv(): void {
  for (const figure of document.querySelectorAll<HTMLElement>('figure[data-graphique]')) {
    if (figure.querySelector('[data-graphique-csv]')) continue;
    const titre = figure.querySelector('.graphique-titre');
    const p = document.createElement('p');
    p.className = 'graphique-actions pas-imprime';
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'bouton-secondaire';
    b.dataset.graphiqueCsv = '';
    b.textContent = 'Télécharger les données (CSV)';
    if (titre) b.setAttribute('aria-label', `Télécharger les données (CSV) : ${texte(titre)}`);
    b.addEventListener('click', () => {
      const csv = csvDeFigure(figure);
      if (csv) telecharger(csv.nom, csv.texte);
    });
    p.appendChild(b);
    const script = figure.querySelector('script[data-graphique-json]');
    figure.insertBefore(p, script);
  }
}

boutonsCsv();
ajusterTout();
let attente = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(attente);
  attente = requestAnimationFrame(ajusterTout);
});
// a <details> opened (chart tables), tables written by the explorer, fonts…
document.addEventListener('toggle', ajusterTout, true);
new MutationObserver(() => {
  cancelAnimationFrame(attente);
  attente = requestAnimationFrame(() => {
    boutonsCsv();
    ajusterTout();
  });
}).observe(document.querySelector('main') ?? document.body, { childList: true, subtree: true });
