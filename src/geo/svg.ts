// Static SVG map, rendered at build time (readable without JavaScript or WebGL,
// printed as is) and re-rendered in browsers without WebGL. Pure string
// building: no DOM, no dependency, usable in Node and in the browser.
//
// With contours: choropleth, one <path> per commune. Without: one circle per
// commune at the centre of its social dwellings, area ∝ number of dwellings,
// coloured by the indicator. Every shape carries a <title> (name and value);
// missing values are hatched, so the legend does not rely on colour alone.
import { polygones, unionEmprises, empriseGeometrie, empriseDePositions } from './emprise.ts';
import { classer, couleur, formater, rayonProportionnel, indiceClasse, COULEUR_SANS_VALEUR, type Classe, type CommuneCarte, type IndicateurCarte } from './classes.ts';
import { pointEtiquette, type CentroideCommune } from './centroides.ts';
import type { ContoursCommunes, Emprise, PerimetresQpv, Position } from './types.ts';

export const MENTION_POSITION_APPROX = 'position approximative (centre des logements sociaux de la commune)';

export interface OptionsCarteSvg {
  titre: string;
  indicateur: IndicateurCarte;
  communes: CommuneCarte[];
  /** choropleth when given (and non-empty) */
  contours?: ContoursCommunes | null;
  /** proportional symbols otherwise */
  centroides?: CentroideCommune[];
  /** indicator id giving symbol sizes (default: 'logements') */
  taillePar?: string;
  qpv?: PerimetresQpv | null;
  /** ids inside the SVG are prefixed, so several maps can share a page */
  prefixe?: string;
  largeur?: number;
  /** classes to use (default: computed from the values and the indicator's target) */
  classes?: Classe[];
  /** generation of the QPV perimeters (2015, 2024), said in the legend */
  generationQpv?: number | null;
}

/** One name per commune, where it goes and how big: the same for the SVG and the interactive map. */
export interface Etiquette {
  code: string;
  nom: string;
  /** WGS84 position of the label */
  position: Position;
}

/** The name split on a hyphen or space near its middle when long (two short lines fit small communes). */
export function lignesNom(nom: string, max = 13): string[] {
  if (nom.length <= max) return [nom];
  const coupures = [...nom.matchAll(/[- ]/g)].map((m) => m.index!);
  if (coupures.length === 0) return [nom];
  const milieu = nom.length / 2;
  const i = coupures.reduce((a, b) => (Math.abs(b - milieu) < Math.abs(a - milieu) ? b : a));
  return [nom.slice(0, i + (nom[i] === '-' ? 1 : 0)), nom.slice(i + 1)];
}

export function etiquettesCommunes(contours: ContoursCommunes, noms: Map<string, string>): Etiquette[] {
  return contours.features.map((f) => ({ code: f.properties.code, nom: noms.get(f.properties.code) ?? f.properties.nom, position: pointEtiquette(f.geometry) }));
}

/** Text of the legend line that says what the target is and whom it is set for. */
export function texteCible(ind: IndicateurCarte): string | null {
  const c = ind.cible;
  if (!c) return null;
  const seuil = formater(c.valeur, ind.format);
  return `${seuil} : niveau de l’objectif (${c.sens === '>=' ? 'au moins' : 'au plus'} ${seuil}) fixé pour ${c.portee}${c.parCommune ? ', pour chaque commune' : ' (pas commune par commune)'} — ${c.source}`;
}

/** Legend text of the QPV perimeters, with their generation. */
export function texteQpv(generation: number | null | undefined): string {
  return `quartier prioritaire de la politique de la ville (QPV)${generation ? `, périmètres de ${generation}` : ''}`;
}

export interface CarteSvg {
  svg: string;
  mode: 'contours' | 'symboles' | 'vide';
  classes: Classe[];
  formes: number;
}

export function echapper(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

interface Projection {
  (p: Position): [number, number];
  largeur: number;
  hauteur: number;
}

/** Equirectangular projection fitted to a box (x scaled by cos(latitude): right at commune scale). */
export function projection(b: Emprise, largeur: number, marge: number, hauteurMax = largeur * 1.2): Projection {
  const k = Math.cos((((b[1] + b[3]) / 2) * Math.PI) / 180);
  const w = Math.max((b[2] - b[0]) * k, 1e-9);
  const h = Math.max(b[3] - b[1], 1e-9);
  const s = Math.min((largeur - 2 * marge) / w, (hauteurMax - 2 * marge) / h);
  const utile = w * s;
  const dx = (largeur - utile) / 2;
  const f = ((p: Position) => [dx + (p[0] - b[0]) * k * s, marge + (b[3] - p[1]) * s]) as Projection;
  f.largeur = largeur;
  f.hauteur = h * s + 2 * marge;
  return f;
}

const r1 = (v: number) => Math.round(v * 10) / 10;

function chemin(rings: Position[][], proj: Projection): string {
  return rings
    .map((r) => 'M' + r.slice(0, -1).map((p) => proj(p).map(r1).join(',')).join('L') + 'Z')
    .join('');
}

export function rendreCarteSvg(o: OptionsCarteSvg): CarteSvg {
  const largeur = o.largeur ?? 640;
  const id = (s: string) => `${o.prefixe ?? 'carte'}-${s}`;
  const ind = o.indicateur;
  const parCode = new Map(o.communes.map((c) => [c.code, c]));
  const classes = o.classes ?? classer(o.communes.map((c) => c.valeurs[ind.id] ?? null), ind.format, undefined, ind.cible?.valeur);
  const contours = o.contours && o.contours.features.length > 0 ? o.contours : null;
  const centroides = (o.centroides ?? []).filter((c) => parCode.has(c.code));
  const mode: CarteSvg['mode'] = contours ? 'contours' : centroides.length > 0 ? 'symboles' : 'vide';

  const marge = 12;
  const emprise =
    mode === 'contours'
      ? unionEmprises(contours!.features.map((f) => empriseGeometrie(f.geometry)))
      : empriseDePositions(centroides.map((c) => c.position));
  const b: Emprise = emprise ?? [0, 0, 1, 1];
  // symbols need room around the outermost centres
  const rayonMax = 26;
  const proj = projection(b, largeur, mode === 'symboles' ? marge + rayonMax : marge);

  const valeurTexte = (c: CommuneCarte | undefined) => {
    const v = formater(c?.valeurs[ind.id] ?? null, ind.format);
    const n = ind.effectif ? c?.effectifs?.[ind.id] : null;
    return n !== null && n !== undefined ? `${v} (${formater(n, 'nombre')} ${ind.effectif})` : v;
  };
  const remplissage = (v: number | null | undefined) => (indiceClasse(v, classes) < 0 ? `url(#${id('hachures')})` : couleur(v, classes));

  const formes: string[] = [];
  if (mode === 'contours') {
    for (const f of contours!.features) {
      const c = parCode.get(f.properties.code);
      const nom = c?.nom ?? f.properties.nom;
      const d = polygones(f.geometry).map((p) => chemin(p, proj)).join('');
      formes.push(
        `<path class="commune" data-code="${echapper(f.properties.code)}" d="${d}" fill="${remplissage(c?.valeurs[ind.id])}" stroke="#ffffff" stroke-width="0.8" fill-rule="evenodd"><title>${echapper(nom)} : ${echapper(valeurTexte(c))}</title></path>`,
      );
    }
  } else if (mode === 'symboles') {
    const taille = o.taillePar ?? 'logements';
    const tailleDe = (code: string) => parCode.get(code)?.valeurs[taille] ?? null;
    const max = Math.max(0, ...centroides.map((c) => tailleDe(c.code) ?? c.logements));
    // largest first, so small circles stay visible on top
    const tries = centroides.slice().sort((a, z) => (tailleDe(z.code) ?? z.logements) - (tailleDe(a.code) ?? a.logements) || a.code.localeCompare(z.code));
    for (const ce of tries) {
      const c = parCode.get(ce.code)!;
      const [x, y] = proj(ce.position);
      const n = tailleDe(ce.code) ?? ce.logements;
      const r = rayonProportionnel(n, max, rayonMax);
      formes.push(
        `<circle class="commune" data-code="${echapper(c.code)}" cx="${r1(x)}" cy="${r1(y)}" r="${r1(r)}" fill="${remplissage(c.valeurs[ind.id])}" fill-opacity="0.9" stroke="#1b1b35" stroke-width="0.8"><title>${echapper(c.nom)} : ${echapper(valeurTexte(c))} (${formater(n, 'nombre')} logements sociaux ; ${MENTION_POSITION_APPROX})</title></circle>`,
      );
    }
  }

  // names: greedy placement, larger communes first; a name that would cover another is set smaller
  const noms: string[] = [];
  if (mode === 'contours') {
    const places: [number, number, number, number][] = [];
    const chevauche = (b: [number, number, number, number]) => places.some((p) => b[0] < p[2] && b[2] > p[0] && b[1] < p[3] && b[3] > p[1]);
    const aire = (f: ContoursCommunes['features'][number]) => { const e = empriseGeometrie(f.geometry); return e ? (e[2] - e[0]) * (e[3] - e[1]) : 0; };
    const tries = contours!.features.slice().sort((a, z) => aire(z) - aire(a));
    const nomsParCode = new Map(o.communes.map((c) => [c.code, c.nom]));
    for (const e of etiquettesCommunes({ type: 'FeatureCollection', features: tries }, nomsParCode)) {
      const [x, y] = proj(e.position);
      const lignes = lignesNom(e.nom);
      let choix: { taille: number; boite: [number, number, number, number] } | null = null;
      for (const taille of [11, 10, 9, 8]) {
        const l = Math.max(...lignes.map((t) => t.length)) * taille * 0.56;
        const h = lignes.length * taille * 1.1;
        const boite: [number, number, number, number] = [x - l / 2, y - h / 2, x + l / 2, y + h / 2];
        choix = { taille, boite };
        if (!chevauche(boite)) break;
      }
      places.push(choix!.boite);
      const t = choix!.taille;
      const y0 = y - ((lignes.length - 1) * t * 1.1) / 2 + t * 0.35;
      noms.push(
        `<text class="nom" data-code="${echapper(e.code)}" x="${r1(x)}" y="${r1(y0)}" font-size="${t}" text-anchor="middle">${lignes.map((ligne, i) => `<tspan x="${r1(x)}" dy="${i === 0 ? 0 : r1(t * 1.1)}">${echapper(ligne)}</tspan>`).join('')}</text>`,
      );
    }
  }

  const qpv: string[] = [];
  if (o.qpv && mode !== 'vide') {
    for (const f of o.qpv.features) {
      const d = polygones(f.geometry).map((p) => chemin(p, proj)).join('');
      qpv.push(`<path class="qpv" d="${d}" fill="url(#${id('qpv')})" stroke="#7c2d12" stroke-width="1.2" fill-rule="evenodd"><title>Quartier prioritaire ${echapper(f.properties.nom_qp)} (${echapper(f.properties.code_qp)})</title></path>`);
    }
  }

  // legend, under the map
  const lignes: string[] = [];
  let y = proj.hauteur + 8;
  const ligne = (h: number) => {
    const y0 = y;
    y += h;
    return y0;
  };
  lignes.push(`<text x="${marge}" y="${ligne(18) + 13}" font-weight="700">${echapper(ind.libelle)}</text>`);
  for (const c of classes) {
    const y0 = ligne(20);
    if (c.depuisCible) lignes.push(`<line x1="${marge - 4}" x2="${marge + 26}" y1="${y0 + 1}" y2="${y0 + 1}" stroke="#1b1b35" stroke-width="2"/>`);
    lignes.push(`<rect x="${marge}" y="${y0 + 2}" width="22" height="14" fill="${c.couleur}" stroke="#4a4a60" stroke-width="0.5"/><text x="${marge + 30}" y="${y0 + 14}">${echapper(c.libelle)}</text>`);
  }
  const cible = classes.some((c) => c.depuisCible) ? texteCible(ind) : null;
  // long notes wrapped on words (SVG text does not wrap)
  const parLignes = (texte: string, attrs: string) => {
    const max = Math.floor((largeur - 2 * marge) / 6);
    const mots = texte.split(' ');
    let courant = '';
    const sortie: string[] = [];
    for (const m of mots) {
      if (courant && (courant + ' ' + m).length > max) {
        sortie.push(courant);
        courant = m;
      } else courant = courant ? `${courant} ${m}` : m;
    }
    if (courant) sortie.push(courant);
    for (const t of sortie) {
      const y0 = ligne(16);
      lignes.push(`<text x="${marge}" y="${y0 + 12}" ${attrs}>${echapper(t)}</text>`);
    }
  };
  if (cible) parLignes(`Trait noir : ${cible}.`, 'font-size="11" fill="#4a4a60"');
  if (o.communes.some((c) => indiceClasse(c.valeurs[ind.id], classes) < 0)) {
    const y0 = ligne(20);
    lignes.push(`<rect x="${marge}" y="${y0 + 2}" width="22" height="14" fill="url(#${id('hachures')})" stroke="#4a4a60" stroke-width="0.5"/><text x="${marge + 30}" y="${y0 + 14}">non disponible (secret statistique ou aucune donnée)</text>`);
  }
  if (qpv.length > 0) {
    const y0 = ligne(20);
    lignes.push(`<rect x="${marge}" y="${y0 + 2}" width="22" height="14" fill="url(#${id('qpv')})" stroke="#7c2d12" stroke-width="1.2"/><text x="${marge + 30}" y="${y0 + 14}">${echapper(texteQpv(o.generationQpv))}</text>`);
  }
  if (mode === 'symboles') {
    const taille = o.taillePar ?? 'logements';
    const max = Math.max(0, ...centroides.map((c) => parCode.get(c.code)?.valeurs[taille] ?? c.logements));
    const exemples = [max, max / 4].map((v) => Math.max(1, Math.round(v)));
    const y0 = ligne(2 * rayonMax + 10);
    let x = marge + rayonMax;
    for (const v of exemples) {
      const r = rayonProportionnel(v, max, rayonMax);
      lignes.push(`<circle cx="${r1(x)}" cy="${r1(y0 + 2 * rayonMax - r)}" r="${r1(r)}" fill="none" stroke="#1b1b35"/><text x="${r1(x + rayonMax + 6)}" y="${r1(y0 + 2 * rayonMax - r + 4)}">${formater(v, 'nombre')} logements</text>`);
      x += 2 * rayonMax + 110;
    }
    const y1 = ligne(18);
    lignes.push(`<text x="${marge}" y="${y1 + 13}" font-style="italic">Cercles : surface proportionnelle au nombre de logements sociaux ;</text>`);
    const y2 = ligne(18);
    lignes.push(`<text x="${marge}" y="${y2 + 13}" font-style="italic">${echapper(MENTION_POSITION_APPROX)}.</text>`);
  }
  if (mode === 'vide') {
    const y1 = ligne(18);
    lignes.push(`<text x="${marge}" y="${y1 + 13}">Aucune position publiée : la carte ne peut pas être dessinée (voir le tableau).</text>`);
  }
  if (ind.note) parLignes(ind.note, 'font-size="11" fill="#4a4a60"');
  const hauteur = Math.ceil(y + 6);

  const desc =
    mode === 'contours'
      ? `Carte des ${contours!.features.length} communes colorées selon « ${ind.libelle} » ; les valeurs figurent dans le tableau qui suit.`
      : mode === 'symboles'
        ? `Cercles proportionnels au nombre de logements sociaux de ${centroides.length} communes, colorés selon « ${ind.libelle} » ; ${MENTION_POSITION_APPROX} ; les valeurs figurent dans le tableau qui suit.`
        : 'Carte indisponible : aucune position publiée.';
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" class="carte-svg" viewBox="0 0 ${largeur} ${hauteur}" width="${largeur}" height="${hauteur}" role="img" aria-labelledby="${id('titre')} ${id('desc')}" font-family="system-ui, sans-serif" font-size="12" fill="#1b1b35" data-mode="${mode}">` +
    `<title id="${id('titre')}">${echapper(o.titre)}</title><desc id="${id('desc')}">${echapper(desc)}</desc>` +
    `<defs><pattern id="${id('hachures')}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COULEUR_SANS_VALEUR}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a8a9a" stroke-width="1.5"/></pattern>` +
    `<pattern id="${id('qpv')}" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><line x1="0" y1="0" x2="0" y2="5" stroke="#c2410c" stroke-width="1.2"/></pattern></defs>` +
    `<g class="communes">${formes.join('')}</g>` +
    (qpv.length ? `<g class="qpvs">${qpv.join('')}</g>` : '') +
    (noms.length ? `<g class="noms" fill="#1b1b35" stroke="#ffffff" stroke-width="3" stroke-linejoin="round" paint-order="stroke" font-weight="600">${noms.join('')}</g>` : '') +
    `<g class="legende">${lignes.join('')}</g></svg>`;
  return { svg, mode, classes, formes: formes.length };
}
