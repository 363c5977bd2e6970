// Interactive map (MapLibre GL), drawn only from the GeoJSON files published
// with the site: no tile server, no font server (no text layers: names and the
// legend are HTML). Without WebGL the static SVG stays, and the indicator
// select re-renders it with the same code the build used.
import { Map as CarteMl, Marker, NavigationControl, LngLatBounds, Popup, setWorkerUrl, type GeoJSONSource, type StyleSpecification, type ExpressionSpecification } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { couleur, formater, indiceClasse, rayonProportionnel, COULEUR_HORS_QPV, COULEUR_QPV, COULEUR_SANS_VALEUR, type Classe, type CommuneCarte, type IndicateurCarte } from '../../geo/classes.ts';
import { rendreCarteSvg, echapper, lignesNom, texteCible, texteQpv, MENTION_POSITION_APPROX, type Etiquette } from '../../geo/svg.ts';
import { empriseDePositions, empriseGeometrie, unionEmprises, elargir } from '../../geo/emprise.ts';
import type { CentroideCommune } from '../../geo/centroides.ts';
import type { ContoursCommunes, Emprise, PerimetresQpv, PointsLogements } from '../../geo/types.ts';

interface ConfigCarte {
  donnees: string;
  mode: 'contours' | 'symboles' | 'vide';
  fichiers: { communes: string | null; points: string | null; qpv: string | null };
  indicateurs: (IndicateurCarte & { classes: Classe[] })[];
  initial: string;
  communes: CommuneCarte[];
  centroides: CentroideCommune[];
  /** names and where they go (contours only) */
  etiquettes: Etiquette[];
  generationQpv: number | null;
  /** base address of the commune fiches (…/communes/) */
  fiches: string;
  territoire: string;
  attribution: string;
}

const LOCALE_FR: Record<string, string> = {
  'AttributionControl.ToggleAttribution': 'Afficher ou masquer les sources',
  'Map.Title': 'Carte',
  'NavigationControl.ResetBearing': 'Réorienter vers le nord',
  'NavigationControl.ZoomIn': 'Zoom avant',
  'NavigationControl.ZoomOut': 'Zoom arrière',
  'Popup.Close': 'Fermer',
};

function webglDisponible(): boolean {
  try {
    const c = document.createElement('canvas');
    return !!(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

async function charger<T>(url: string): Promise<T> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url} : ${r.status}`);
  return (await r.json()) as T;
}

function initialiser(racine: HTMLElement): void {
  const configEl = racine.querySelector<HTMLScriptElement>('script[data-config]');
  if (!configEl) return;
  const cfg = JSON.parse(configEl.textContent ?? '{}') as ConfigCarte;
  const q = <E extends Element>(sel: string) => racine.querySelector<E>(sel);
  const select = q<HTMLSelectElement>('[data-indicateur]')!;
  const etat = q<HTMLElement>('[data-etat]')!;
  const commandes = q<HTMLElement>('[data-commandes]')!;
  const parCode = new Map(cfg.communes.map((c) => [c.code, c]));
  const indicateur = () => cfg.indicateurs.find((i) => i.id === select.value) ?? cfg.indicateurs[0]!;
  if (cfg.mode === 'vide') return;
  commandes.hidden = false;
  racine.querySelectorAll<HTMLInputElement>('[data-couche]').forEach((c) => (c.closest('label')!.hidden = true));

  let contours: ContoursCommunes | null = null;
  let qpv: PerimetresQpv | null = null;
  const url = (f: string) => `${cfg.donnees}/${f}`;

  // no WebGL: keep the static map, re-render it on indicator change
  if (!webglDisponible()) {
    etat.textContent = 'Carte interactive indisponible dans ce navigateur (WebGL désactivé) : la carte ci-dessous est la version statique.';
    racine.dataset.carteStatique = '1';
    const boite = q<HTMLElement>('[data-svg]')!;
    const redessiner = async () => {
      if (cfg.fichiers.communes && !contours) contours = await charger<ContoursCommunes>(url(cfg.fichiers.communes));
      if (cfg.fichiers.qpv && !qpv) qpv = await charger<PerimetresQpv>(url(cfg.fichiers.qpv));
      const i = indicateur();
      boite.innerHTML = rendreCarteSvg({ titre: `${i.libelle} — communes de ${cfg.territoire}`, indicateur: i, classes: i.classes, communes: cfg.communes, contours, centroides: cfg.centroides, qpv, generationQpv: cfg.generationQpv, prefixe: 'carte-statique' }).svg;
    };
    select.addEventListener('change', () => void redessiner());
    return;
  }

  void (async () => {
    etat.textContent = 'Chargement de la carte interactive…';
    try {
      const [c, points, perimetres] = await Promise.all([
        cfg.fichiers.communes ? charger<ContoursCommunes>(url(cfg.fichiers.communes)) : Promise.resolve(null),
        cfg.fichiers.points ? charger<PointsLogements>(url(cfg.fichiers.points)) : Promise.resolve(null),
        cfg.fichiers.qpv ? charger<PerimetresQpv>(url(cfg.fichiers.qpv)) : Promise.resolve(null),
      ]);
      contours = c;
      qpv = perimetres;
      demarrer(racine, cfg, { contours, points, qpv }, select, indicateur, parCode);
    } catch (e) {
      etat.textContent = `La carte interactive n'a pas pu être chargée (${(e as Error).message}) : la carte ci-dessous est la version statique.`;
    }
  })();
}

function demarrer(
  racine: HTMLElement,
  cfg: ConfigCarte,
  geo: { contours: ContoursCommunes | null; points: PointsLogements | null; qpv: PerimetresQpv | null },
  select: HTMLSelectElement,
  indicateur: () => ConfigCarte['indicateurs'][number],
  parCode: Map<string, CommuneCarte>,
): void {
  const q = <E extends Element>(sel: string) => racine.querySelector<E>(sel);
  const interactive = q<HTMLElement>('[data-interactive]')!;
  const conteneur = q<HTMLElement>('[data-map]')!;
  const legende = q<HTMLElement>('[data-legende]')!;
  const info = q<HTMLElement>('[data-info]')!;
  const etat = q<HTMLElement>('[data-etat]')!;
  const symboles = cfg.mode === 'symboles';

  const emprisesCommunes = new Map<string, Emprise>();
  if (geo.contours) for (const f of geo.contours.features) { const b = empriseGeometrie(f.geometry); if (b) emprisesCommunes.set(f.properties.code, b); }
  for (const c of cfg.centroides) if (!emprisesCommunes.has(c.code)) emprisesCommunes.set(c.code, [c.position[0], c.position[1], c.position[0], c.position[1]]);
  const emprise = unionEmprises([...emprisesCommunes.values(), geo.points ? empriseDePositions(geo.points.features.map((f) => f.geometry.coordinates)) : null]) ?? [1, 43, 2, 44];

  const enQpv = geo.points?.features.some((f) => f.properties.qpv) ?? false;
  const maxLogements = Math.max(0, ...cfg.centroides.map((c) => parCode.get(c.code)?.valeurs.logements ?? c.logements));
  const donneesCommunes = () => {
    const i = indicateur();
    if (symboles) {
      return {
        type: 'FeatureCollection' as const,
        features: cfg.centroides.map((c) => {
          const v = parCode.get(c.code)?.valeurs[i.id] ?? null;
          const n = parCode.get(c.code)?.valeurs.logements ?? c.logements;
          return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: c.position }, properties: { code: c.code, couleur: couleur(v, i.classes), sans: indiceClasse(v, i.classes) < 0, rayon: rayonProportionnel(n, maxLogements, 28) } };
        }),
      };
    }
    return {
      type: 'FeatureCollection' as const,
      features: geo.contours!.features.map((f) => {
        const v = parCode.get(f.properties.code)?.valeurs[i.id] ?? null;
        return { ...f, properties: { code: f.properties.code, couleur: couleur(v, i.classes), sans: indiceClasse(v, i.classes) < 0 } };
      }),
    };
  };

  const couches: StyleSpecification['layers'] = [{ id: 'fond', type: 'background', paint: { 'background-color': '#f7f7f4' } }];
  if (symboles) {
    couches.push({
      id: 'communes', type: 'circle', source: 'communes',
      paint: { 'circle-color': ['get', 'couleur'], 'circle-radius': ['get', 'rayon'], 'circle-opacity': 0.85, 'circle-stroke-color': '#1b1b35', 'circle-stroke-width': ['case', ['get', 'sans'], 2.5, 1] },
    });
  } else {
    couches.push(
      { id: 'communes', type: 'fill', source: 'communes', paint: { 'fill-color': ['get', 'couleur'], 'fill-opacity': 0.9 } },
      { id: 'communes-sans', type: 'line', source: 'communes', filter: ['==', ['get', 'sans'], true], paint: { 'line-color': '#6b6b80', 'line-width': 2, 'line-dasharray': [2, 2] } },
      { id: 'communes-limites', type: 'line', source: 'communes', paint: { 'line-color': '#4a4a60', 'line-width': 0.8 } },
      { id: 'commune-choisie', type: 'line', source: 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'line-color': '#f2a900', 'line-width': 3 } },
    );
  }
  if (geo.qpv) {
    couches.push(
      { id: 'qpv', type: 'fill', source: 'qpv', paint: { 'fill-color': COULEUR_QPV, 'fill-opacity': 0.25 } },
      { id: 'qpv-limites', type: 'line', source: 'qpv', paint: { 'line-color': '#7c2d12', 'line-width': 2 } },
    );
  }
  if (geo.points) {
    const rayon: ExpressionSpecification = ['interpolate', ['linear'], ['zoom'], 9, ['max', 1.5, ['*', 0.6, ['sqrt', ['get', 'logements']]]], 14, ['max', 3, ['*', 1.6, ['sqrt', ['get', 'logements']]]]];
    couches.push({
      id: 'logements', type: 'circle', source: 'logements',
      paint: {
        'circle-color': ['case', ['get', 'qpv'], COULEUR_QPV, COULEUR_HORS_QPV],
        'circle-radius': rayon,
        'circle-opacity': 0.8,
        // in QPV: a thick black ring, so the distinction does not rest on colour alone
        'circle-stroke-color': ['case', ['get', 'qpv'], '#000000', '#ffffff'],
        'circle-stroke-width': ['case', ['get', 'qpv'], 1.8, 0.8],
      },
    });
  }
  if (symboles) couches.push({ id: 'commune-choisie', type: 'circle', source: 'communes', filter: ['==', ['get', 'code'], ''], paint: { 'circle-color': 'rgba(0,0,0,0)', 'circle-radius': ['+', ['get', 'rayon'], 3], 'circle-stroke-color': '#f2a900', 'circle-stroke-width': 3 } });

  const sources: StyleSpecification['sources'] = { communes: { type: 'geojson', data: donneesCommunes() } };
  if (geo.qpv) sources.qpv = { type: 'geojson', data: geo.qpv };
  if (geo.points) sources.logements = { type: 'geojson', data: geo.points };

  setWorkerUrl(workerUrl);
  interactive.hidden = false;
  const attribution = geo.contours ? cfg.attribution : `Cercles : ${MENTION_POSITION_APPROX} · ${cfg.attribution}`;
  const carte = new CarteMl({
    container: conteneur,
    style: { version: 8, sources, layers: couches },
    bounds: new LngLatBounds([emprise[0], emprise[1]], [emprise[2], emprise[3]]),
    fitBoundsOptions: { padding: 30 },
    maxBounds: elargir(emprise, 1) as [number, number, number, number],
    attributionControl: { compact: false, customAttribution: attribution },
    locale: LOCALE_FR,
    keyboard: true,
    dragRotate: false,
    pitchWithRotate: false,
  });
  carte.touchZoomRotate.disableRotation();
  carte.keyboard.disableRotation();
  carte.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  const canvas = carte.getCanvas();
  canvas.setAttribute('aria-label', `Carte interactive des communes de ${cfg.territoire} — flèches pour se déplacer, + et − pour zoomer`);
  canvas.setAttribute('aria-describedby', 'carte-aide');
  conteneur.setAttribute('role', 'region');
  conteneur.setAttribute('aria-label', 'Carte interactive');

  const majLegende = () => {
    const i = indicateur();
    const items = i.classes.map((c) => `<li${c.depuisCible ? ' class="depuis-cible"' : ''}><span class="pastille${symboles ? ' rond' : ''}" style="background:${c.couleur}"></span>${echapper(c.libelle)}</li>`);
    if (cfg.communes.some((c) => indiceClasse(c.valeurs[i.id], i.classes) < 0)) {
      items.push(`<li><span class="pastille hachures${symboles ? ' rond' : ''}" style="background-color:${COULEUR_SANS_VALEUR}"></span>non disponible (secret statistique ou aucune donnée)${symboles ? ' : cercle à bord épais' : ' : contour en tirets'}</li>`);
    }
    let html = `<p><strong>${echapper(i.libelle)}</strong>${symboles ? ` — cercles proportionnels au nombre de logements sociaux, ${echapper(MENTION_POSITION_APPROX)}` : ''}</p><ul>${items.join('')}</ul>`;
    const cible = i.classes.some((c) => c.depuisCible) ? texteCible(i) : null;
    if (cible) html += `<p class="note legende-cible" data-testid="legende-cible"><span class="trait-cible" aria-hidden="true"></span>Trait noir : ${echapper(cible)}.</p>`;
    // only what the map holds: no QPV item on a territory without QPV
    if (geo.points) {
      html += enQpv
        ? `<ul><li><span class="pastille rond" style="background:${COULEUR_HORS_QPV}"></span>logements sociaux hors QPV (point sombre)</li><li><span class="pastille rond" style="background:${COULEUR_QPV};border:2px solid #000"></span>logements sociaux en QPV (point orange cerclé de noir)</li></ul>`
        : `<ul><li><span class="pastille rond" style="background:${COULEUR_HORS_QPV}"></span>logements sociaux (un point par adresse approchée)</li></ul>`;
    }
    if (geo.qpv) html += `<ul><li><span class="pastille" style="background:rgba(194,65,12,.25);border:2px solid #7c2d12"></span>${echapper(texteQpv(cfg.generationQpv))}</li></ul>`;
    if (i.note) html += `<p class="note">${echapper(i.note)}</p>`;
    legende.innerHTML = html;
  };

  /** Name, value, count of a commune for the chosen indicator (tooltip and panel). */
  const resume = (c: CommuneCarte) => {
    const i = indicateur();
    const n = i.effectif ? c.effectifs?.[i.id] : null;
    const compte = n !== null && n !== undefined ? `<br>${echapper(formater(n, 'nombre'))} ${echapper(i.effectif!)}` : '';
    return `<strong>${echapper(c.nom)}</strong><br>${echapper(i.libelle)} : ${echapper(formater(c.valeurs[i.id] ?? null, i.format))}${compte}`;
  };
  // the panel sits over the map, so it is in view wherever the page is scrolled
  const montrer = (code: string) => {
    const c = parCode.get(code);
    if (!c) return;
    info.hidden = false;
    info.innerHTML =
      `<button type="button" class="carte-panneau-fermer" aria-label="Fermer le panneau">×</button>` +
      `<p>${resume(c)}${c.code && indicateur().id !== 'logements' ? `<br>${echapper(formater(c.valeurs.logements ?? null, 'nombre'))} logements sociaux` : ''}</p>` +
      `<p><a href="${cfg.fiches}${encodeURIComponent(c.code)}/">Fiche de ${echapper(c.nom)}</a></p>`;
    info.querySelector('button')!.addEventListener('click', () => {
      info.hidden = true;
      info.innerHTML = '';
      if (carte.getLayer('commune-choisie')) carte.setFilter('commune-choisie', ['==', ['get', 'code'], '']);
    });
    if (carte.getLayer('commune-choisie')) carte.setFilter('commune-choisie', ['==', ['get', 'code'], code]);
  };

  // hover: a tooltip with the name, the value and its count
  const infobulle = new Popup({ closeButton: false, closeOnClick: false, className: 'carte-infobulle', offset: 12, maxWidth: '280px' });
  carte.on('mousemove', 'communes', (e) => {
    const code = e.features?.[0]?.properties?.code;
    const c = typeof code === 'string' ? parCode.get(code) : undefined;
    if (!c) return;
    infobulle.setLngLat(e.lngLat).setHTML(resume(c)).addTo(carte);
  });
  carte.on('mouseleave', 'communes', () => infobulle.remove());

  // names: HTML labels (no glyph server), the ones that would cover another hidden, larger communes first
  const etiquettes = cfg.etiquettes.map((e) => {
    const el = document.createElement('div');
    el.className = 'carte-nom';
    el.dataset.code = e.code;
    el.setAttribute('aria-hidden', 'true');
    el.innerHTML = lignesNom(e.nom).map(echapper).join('<br>');
    new Marker({ element: el, anchor: 'center' }).setLngLat(e.position).addTo(carte);
    const b = emprisesCommunes.get(e.code);
    return { el, priorite: b ? (b[2] - b[0]) * (b[3] - b[1]) : 0 };
  }).sort((a, b) => b.priorite - a.priorite);
  const placerNoms = () => {
    const places: DOMRect[] = [];
    for (const e of etiquettes) {
      e.el.style.visibility = 'visible';
      const r = e.el.getBoundingClientRect();
      if (places.some((p) => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top)) e.el.style.visibility = 'hidden';
      else places.push(r);
    }
  };
  carte.on('zoomend', placerNoms);

  carte.on('load', () => {
    racine.classList.add('carte-active');
    racine.dataset.cartePrete = '1';
    etat.textContent = '';
    majLegende();
    placerNoms();
    racine.querySelectorAll<HTMLInputElement>('[data-couche]').forEach((c) => {
      c.closest('label')!.hidden = false;
      c.addEventListener('change', () => {
        const ids = c.dataset.couche === 'qpv' ? ['qpv', 'qpv-limites'] : ['logements'];
        for (const id of ids) if (carte.getLayer(id)) carte.setLayoutProperty(id, 'visibility', c.checked ? 'visible' : 'none');
      });
    });
  });
  // current view, for tests and for whoever inspects the page
  const noterVue = () => {
    racine.dataset.zoom = carte.getZoom().toFixed(2);
    racine.dataset.centre = carte.getCenter().toArray().map((v) => v.toFixed(5)).join(',');
  };
  carte.on('moveend', noterVue);
  carte.once('load', noterVue);
  carte.on('error', (e) => {
    etat.textContent = `Erreur de la carte interactive : ${e.error?.message ?? 'inconnue'}`;
  });
  carte.on('click', 'communes', (e) => {
    const code = e.features?.[0]?.properties?.code;
    if (typeof code === 'string') montrer(code);
  });
  carte.on('mouseenter', 'communes', () => (canvas.style.cursor = 'pointer'));
  carte.on('mouseleave', 'communes', () => (canvas.style.cursor = ''));

  select.addEventListener('change', () => {
    (carte.getSource('communes') as GeoJSONSource | undefined)?.setData(donneesCommunes());
    majLegende();
    info.hidden = true;
    info.textContent = '';
  });

  racine.querySelectorAll<HTMLButtonElement>('button[data-commune]').forEach((b) =>
    b.addEventListener('click', () => {
      const code = b.dataset.commune!;
      const e = emprisesCommunes.get(code);
      if (e) {
        if (e[0] === e[2] && e[1] === e[3]) carte.easeTo({ center: [e[0], e[1]], zoom: Math.max(carte.getZoom(), 12) });
        else carte.fitBounds([e[0], e[1], e[2], e[3]], { padding: 40, maxZoom: 14 });
      }
      montrer(code);
    }),
  );
}

for (const r of document.querySelectorAll<HTMLElement>('[data-carte]')) initialiser(r);
