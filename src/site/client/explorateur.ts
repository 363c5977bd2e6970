// The explorer: filters answered by DuckDB-WASM with the indicator SQL of
// src/model/indicateurs (the SQL the build ran for the static pages).
// The filter state lives in the URL, so a view can be shared as a link.
import type { Db, Ligne } from '../../model/db.ts';
import { requeteAttributions, INDICATEURS_ATTRIBUTIONS, type FiltreAttributions } from '../../model/indicateurs/attributions.ts';
import { nombre, pourcent } from '../../lib/format-fr.ts';

const form = document.querySelector<HTMLFormElement>('form[data-explorateur]')!;
const sortie = document.querySelector<HTMLElement>('[data-resultat]')!;
const etat = document.querySelector<HTMLElement>('[data-progression]')!;
// short sentence read by screen readers when an answer arrives (the table itself is not live: too long to hear)
const annonce = document.querySelector<HTMLElement>('[data-annonce]');
const baseDonnees = form.dataset.donnees!;
// a territory without QPV has no in-QPV indicator to show
const INDICATEURS = INDICATEURS_ATTRIBUTIONS.filter((i) => i.id !== 'a5q' || form.dataset.qpv === 'oui');
let db: Promise<Db> | null = null;

function lireFiltres(): FiltreAttributions {
  const f = new FormData(form);
  const zone = String(f.get('zone') || 'epci:');
  const [niveau, code] = zone.split(':') as [FiltreAttributions['niveau'], string];
  return {
    niveau,
    code: code || form.dataset.siren!,
    annee: f.get('annee') ? Number(f.get('annee')) : undefined,
    periode: (String(f.get('periode') || 'annee') as FiltreAttributions['periode']),
    bailleur: String(f.get('bailleur') || '*'),
    contingent: String(f.get('contingent') || '*'),
    financement: String(f.get('financement') || '*'),
    qpv: String(f.get('qpv') || '*'),
  };
}

/** Financing and QPV are published crossed with place and period only (src/publish/cubes.ts). */
function croisementIndisponible(f: FiltreAttributions): boolean {
  const parLogement = (f.financement ?? '*') !== '*' || (f.qpv ?? '*') !== '*';
  const parAttribution = (f.bailleur ?? '*') !== '*' || (f.contingent ?? '*') !== '*';
  return parLogement && parAttribution;
}

function ecrireUrl(): void {
  const p = new URLSearchParams();
  for (const [k, v] of new FormData(form)) if (v) p.set(k, String(v));
  history.replaceState(null, '', `${location.pathname}?${p}`);
}

function lireUrl(): void {
  const p = new URLSearchParams(location.search);
  // links from a fiche: ?niveau=commune&code=31048
  if (p.get('niveau') && p.get('code')) p.set('zone', `${p.get('niveau')}:${p.get('code')}`);
  for (const [k, v] of p) {
    const champ = form.elements.namedItem(k);
    if (champ instanceof HTMLSelectElement && [...champ.options].some((o) => o.value === v)) champ.value = v;
  }
}

/** "Baziège, 2024, tous bailleurs" from the selected options. */
function libelleSelection(): string {
  const parties: string[] = [];
  for (const nom of ['zone', 'annee', 'periode', 'bailleur', 'contingent', 'financement', 'qpv']) {
    const champ = form.elements.namedItem(nom);
    if (champ instanceof HTMLSelectElement) {
      const o = champ.selectedOptions[0];
      if (!o || (nom === 'periode' && o.value === 'annee') || ((nom === 'financement' || nom === 'qpv') && o.value === '*')) continue;
      parties.push(nom === 'annee' && !o.value ? 'toutes années' : nom === 'bailleur' && o.value === '*' ? 'tous bailleurs' : nom === 'contingent' && o.value === '*' ? 'tous contingents' : nom === 'financement' ? `logements ${o.text}` : o.text);
    }
  }
  return parties.join(', ');
}

function annoncer(lignes: Ligne[]): void {
  if (!annonce) return;
  const n = (l: Ligne, k: string) => (typeof l[k] === 'number' ? (l[k] as number) : null);
  const a1 = INDICATEURS_ATTRIBUTIONS.find((i) => i.id === 'a1');
  const derniere = lignes.at(-1);
  let phrase = `Résultat pour ${libelleSelection()} : `;
  if (!derniere) phrase += 'aucune attribution.';
  else if (derniere.secret && n(derniere, 'attributions') === null) phrase += `${lignes.length} ligne${lignes.length > 1 ? 's' : ''} ; secret statistique pour ${derniere.annee}.`;
  else phrase += `${lignes.length} ligne${lignes.length > 1 ? 's' : ''} ; en ${derniere.annee}, ${nombre(n(derniere, 'attributions'))} attributions${a1 ? `, ${pourcent(n(derniere, a1.id))} à des ménages prioritaires` : ''}. Tableau ci-dessous.`;
  // emptied then filled, so that the same sentence is announced again
  annonce.textContent = '';
  setTimeout(() => {
    annonce.textContent = phrase;
  }, 50);
}

/** Redraws the selection's chart with the same chart module as the build (loaded on first use). */
async function redessiner(lignes: Ligne[]): Promise<void> {
  const [{ figures, rendre }, { serieIndicateur }] = await Promise.all([import('./graphiques.ts'), import('../charts/adaptateurs.ts')]);
  const [figure] = figures(document, 'evolutionAvecCible');
  if (figure) rendre(figure, serieIndicateur(lignes, 'a1'));
}

function afficher(lignes: Ligne[]): void {
  annoncer(lignes);
  void redessiner(lignes);
  if (lignes.length === 0) {
    sortie.innerHTML = '<p data-testid="reponse">Aucune attribution pour cette sélection.</p>';
    return;
  }
  const n = (l: Ligne, k: string) => (typeof l[k] === 'number' ? (l[k] as number) : null);
  const corps = lignes
    .map((l) =>
      l.secret && n(l, 'attributions') === null
        ? `<tr><th scope="row">${l.annee}</th><td colspan="${INDICATEURS.length + 1}">Secret statistique (moins de 5 attributions ou case qui en révélerait une autre)</td></tr>`
        : `<tr><th scope="row">${l.annee}</th><td class="n">${nombre(n(l, 'attributions'))}</td>${INDICATEURS.map(
            (i) => `<td class="n">${pourcent(n(l, i.id))}</td>`,
          ).join('')}</tr>`,
    )
    .join('');
  sortie.innerHTML = `<div class="tableau-defile"><table data-testid="reponse"><caption>Résultat de la sélection</caption>
    <thead><tr><th scope="col">Année</th><th scope="col" class="n">Attributions</th>${INDICATEURS.map(
      (i) => `<th scope="col" class="n">${i.libelle}</th>`,
    ).join('')}</tr></thead><tbody>${corps}</tbody></table></div>`;
}

async function repondre(): Promise<void> {
  ecrireUrl();
  const filtres = lireFiltres();
  if (croisementIndisponible(filtres)) {
    const phrase = 'Croisement non disponible : le financement et le QPV ne se combinent pas avec un bailleur ou un contingent. Choisissez « Tous » pour l’un des deux.';
    sortie.innerHTML = `<p data-testid="reponse" class="avertissement">${phrase}</p>`;
    if (annonce) annonce.textContent = phrase;
    return;
  }
  etat.hidden = false;
  try {
    if (!db) {
      db = import('./db-wasm.ts').then((m) =>
        m.ouvrirDuckDbWasm(baseDonnees, ['attributions'], (msg) => {
          etat.textContent = msg;
        }),
      );
    }
    const base = await db;
    etat.textContent = 'Calcul…';
    afficher(await base.query(requeteAttributions(filtres)));
    etat.textContent = '';
    etat.hidden = true;
  } catch (e) {
    db = null;
    etat.textContent = `Le moteur de requêtes n'a pas pu démarrer (${e instanceof Error ? e.message : e}). Les chiffres des fiches restent consultables sans lui.`;
  }
}

lireUrl();
form.addEventListener('change', () => void repondre());
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void repondre();
});
if (new URLSearchParams(location.search).size > 0) void repondre();
