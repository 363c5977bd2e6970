// CSV of every numbered table and figure of a yearly bilan (French Excel: UTF-8 with BOM, `;`,
// decimal comma, CRLF), written next to the page: /bilan/2025/tableau-3.csv.
import type { APIRoute } from 'astro';
import { anneesBilan, bilanDe } from '../../../lib/bilan-annuel.ts';
import { csvDepuisTableau } from '../../../lib/csv-tableau.ts';

export function getStaticPaths() {
  return anneesBilan().flatMap((annee) => {
    const b = bilanDe(annee);
    return [
      ...b.tableaux.map((t) => ({ params: { annee: String(annee), fichier: t.csv }, props: { colonnes: t.colonnes, lignes: t.lignes } })),
      ...b.figures.map((f) => ({ params: { annee: String(annee), fichier: f.csv }, props: { colonnes: f.colonnes, lignes: f.lignes } })),
    ];
  });
}

export const GET: APIRoute = ({ props }) => {
  const { colonnes, lignes } = props as { colonnes: string[]; lignes: string[][] };
  return new Response(csvDepuisTableau(colonnes, lignes), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
