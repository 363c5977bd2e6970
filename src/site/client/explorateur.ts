// The explorer: filters answered by DuckDB-WASM with the indicator SQL of
// src/model/indicateurs (the SQL the build ran for the static pages), on every change.
// The engine starts loading when the page opens. The filter state lives in the URL,
// so a view can be shared as a link.
import type { Db, Ligne } from '../../model/db.ts';
import { requeteAttributions, INDICATEURS_ATTRIBUTIONS, type FiltreAttributions } from '../../model/indicateurs/attributions.ts';
import { cibleApplicable, decider, indicateur, termes, type NiveauPage, type ObjectifChiffre } from '../../model/catalogue/index.ts';
import { croisementPublie, croisementsEnClair } from '../../model/catalogue/croisements.ts';
import { retenu } from '../lib/retenu.ts';
import { evaluerExpression } from '../lib/calcul.ts';
import { nombre, pourcent } from '../../lib/format-fr.ts';
import { lancerWorker } from './worker-duckdb.ts';

const form = document.querySelector<HTMLFormElement>('form[data-explorateur]')!;
const sortie = document.querySelector<HTMLElement>('[data-resultat]')!;
const etat = document.querySelector<HTMLElement>('[data-progression]')!;
// short sentence read by screen readers when an answer arrives (the table itself is not live: too long to hear)
const annonce = document.querySelector<HTMLElement>('[data-annonce]');
const baseDonnees = form.dataset.donnees!;
// a territory without QPV has no in-QPV indicator to show
const INDICATEURS = INDICATEURS_ATTRIBUTIONS.filter((i) => !indicateur(i.id).qpvSeulement || form.dataset.qpv === 'oui');
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

/** The territory's targets, by indicator id (from the page); where they apply: the catalogue. */
const CIBLES = JSON.parse(form.dataset.cibles ?? '{}') as Record<string, ObjectifChiffre>;
const PETITS_EFFECTIFS = Number(form.dataset.petitsEffectifs ?? 20);
const NOM_EPCI = form.dataset.nomEpci ?? 'EPCI';

/** The level of the selection, in the catalogue's terms (a target applies at some levels only). */
function niveauSelection(f: FiltreAttributions): NiveauPage | null {
  if ((f.financement ?? '*') !== '*' || (f.qpv ?? '*') !== '*') return null;
  const bailleur = (f.bailleur ?? '*') !== '*', contingent = (f.contingent ?? '*') !== '*';
  if (f.niveau !== 'epci') return f.niveau === 'commune' ? 'commune' : 'territoire';
  if (bailleur && contingent) return null;
  return bailleur ? 'bailleur' : contingent ? 'reservataire' : 'epci';
}

const n = (l: Ligne | undefined, k: string) => (l && typeof l[k] === 'number' ? (l[k] as number) : null);
const masque = (l: Ligne | undefined) => retenu(l);

function annoncer(lignes: Ligne[]): void {
  if (!annonce) return;
  const a1 = INDICATEURS_ATTRIBUTIONS.find((i) => i.id === 'a1');
  const derniere = lignes.at(-1);
  let phrase = `Résultat pour ${libelleSelection()} : `;
  if (!derniere) phrase += 'aucune attribution.';
  else if (masque(derniere)) phrase += `secret statistique pour ${derniere.annee}.`;
  else phrase += `en ${derniere.annee}, ${nombre(n(derniere, 'attributions'))} attributions${a1 ? `, ${pourcent(n(derniere, a1.id))} à des ménages prioritaires` : ''}. Tableau ci-dessous.`;
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

const echapper = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/**
 * Indicators in rows, years in columns; the EPCI's value for the last year beside
 * (same filters) when a part of it is selected; the target where it applies.
 */
function afficher(filtres: FiltreAttributions, lignes: Ligne[], epci: Ligne | undefined): void {
  annoncer(lignes);
  void redessiner(lignes);
  if (lignes.length === 0) {
    sortie.innerHTML = '<p data-testid="reponse">Aucune attribution pour cette sélection.</p>';
    return;
  }
  const derniere = lignes.at(-1)!;
  const avecEpci = filtres.niveau !== 'epci' && epci !== undefined;
  const niveau = niveauSelection(filtres);
  const applicable = (id: string) => niveau !== null && !!CIBLES[id] && cibleApplicable(indicateur(id), niveau);
  const avecCibles = INDICATEURS.some((i) => applicable(i.id));
  const SECRET = '<span class="secret">secret statistique</span>';
  // a share is withheld when its numerator or its denominator is (each count is a cell of the secret)
  const partRetenue = (l: Ligne | undefined, id: string) => {
    if (!l || id === 'attributions' || n(l, id) !== null) return false;
    const i = indicateur(id);
    return evaluerExpression(i.numerateur, l) === null || evaluerExpression(i.denominateur, l) === null;
  };
  const cellule = (l: Ligne | undefined, id: string, format: (v: number | null) => string) => (masque(l) || partRetenue(l, id) ? SECRET : format(n(l, id)));
  const lignesTableau = [
    { id: 'attributions', libelle: 'Attributions (nombre)', format: (v: number | null) => nombre(v) },
    ...INDICATEURS.map((i) => ({ id: i.id, libelle: i.libelle, format: (v: number | null) => pourcent(v) })),
  ];
  const entetes =
    `<th scope="col">Indicateur</th>` +
    lignes.map((l) => `<th scope="col" class="n">${l.annee}</th>`).join('') +
    (avecCibles ? `<th scope="col">Objectif</th>` : '') +
    (avecEpci ? `<th scope="col" class="n">${echapper(NOM_EPCI)} (${derniere.annee})</th>` : '');
  const corps = lignesTableau
    .map((r) => {
      let objectif = '';
      if (avecCibles) {
        const c = CIBLES[r.id];
        if (!c || !applicable(r.id)) objectif = '<td></td>';
        else {
          // the one verdict rule (src/model/catalogue/cibles.ts): no verdict on a small number
          const i = indicateur(r.id);
          const somme = (expr: string) => {
            const signes = [1, ...[...expr.matchAll(/\s([+-])\s/g)].map((m) => (m[1] === '-' ? -1 : 1))];
            const v = termes(expr).map((t) => n(derniere, t));
            return v.some((x) => x === null) ? null : v.reduce<number>((s, x, k) => s + signes[k]! * x!, 0);
          };
          const dec = decider(i, niveau!, c, n(derniere, r.id), somme(i.denominateur), PETITS_EFFECTIFS);
          const verdict = dec.atteint === null ? '' : dec.atteint ? ' <span class="atteint">✔ atteint</span>' : ' <span class="non-atteint">✘ non atteint</span>';
          objectif = `<td>${c.sens === '>=' ? 'au moins' : 'au plus'} ${pourcent(c.cible)}${verdict}<br><small>${echapper(c.source)}</small></td>`;
        }
      }
      return (
        `<tr><th scope="row">${echapper(r.libelle)}</th>` +
        lignes.map((l) => `<td class="n">${cellule(l, r.id, r.format)}</td>`).join('') +
        objectif +
        (avecEpci ? `<td class="n">${cellule(epci, r.id, r.format)}</td>` : '') +
        `</tr>`
      );
    })
    .join('');
  const note = lignes.some(masque) || masque(epci) ? '<p class="note">Secret statistique : moins de 5 attributions, ou case qui en révélerait une autre.</p>' : '';
  sortie.innerHTML = `<div class="tableau-defile"><table data-testid="reponse"><caption>Résultat : ${echapper(libelleSelection())}</caption>
    <thead><tr>${entetes}</tr></thead><tbody>${corps}</tbody></table></div>${note}`;
}

/** The engine starts downloading and compiling as soon as the page opens (while the reader chooses). */
function moteur(): Promise<Db> {
  if (!db) {
    performance.mark('explorateur:moteur-debut');
    // the worker (and the engine's download and compilation in it) starts before db-wasm.ts is loaded
    const worker = lancerWorker();
    db = import('./db-wasm.ts').then((m) =>
      m.ouvrirDuckDbWasm(worker, baseDonnees, ['attributions'], (msg) => {
        etat.textContent = msg;
      }),
    );
    db.then(
      () => performance.mark('explorateur:moteur-pret'),
      () => {},
    );
  }
  return db;
}

let derniereDemande = 0;
async function repondre(): Promise<void> {
  ecrireUrl();
  const filtres = lireFiltres();
  const demande = ++derniereDemande;
  if (!croisementPublie(filtres, form.dataset.qpv === 'oui')) {
    const phrase = `Croisement non disponible. ${croisementsEnClair(form.dataset.qpv === 'oui')}`;
    sortie.innerHTML = `<p data-testid="reponse" class="avertissement">${phrase}</p>`;
    if (annonce) annonce.textContent = phrase;
    return;
  }
  etat.hidden = false;
  try {
    const base = await moteur();
    etat.textContent = 'Calcul…';
    const [lignes, epci] = await Promise.all([
      base.query(requeteAttributions(filtres)),
      filtres.niveau === 'epci' ? Promise.resolve([]) : base.query(requeteAttributions({ ...filtres, niveau: 'epci', code: form.dataset.siren! })),
    ]);
    // a later change has been answered meanwhile: keep its answer
    if (demande !== derniereDemande) return;
    const derniereAnnee = lignes.at(-1)?.annee;
    afficher(filtres, lignes, epci.find((l) => l.annee === derniereAnnee));
    performance.mark('explorateur:reponse');
    etat.textContent = '';
    etat.hidden = true;
  } catch (e) {
    db = null;
    etat.textContent = `Le moteur de requêtes n'a pas pu démarrer (${e instanceof Error ? e.message : e}). Les chiffres des fiches restent consultables sans lui.`;
  }
}

lireUrl();
// filters apply on change; Enter in the form answers too (no button needed)
form.addEventListener('change', () => void repondre());
form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  void repondre();
});
// first answer for the selection in the address (or the whole EPCI) as soon as the engine is ready
void repondre();
