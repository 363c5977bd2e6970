// The site's map, grouped by the questions a reader comes with: at most six top-level
// entries, each a landing page and the pages under it. The header marks the current one
// (aria-current) and every page gets a breadcrumb trail from the same map.

export interface Rubrique {
  /** the menu's words */
  libelle: string;
  /** the question it answers, said under the menu item's name for screen readers and in the title attribute */
  question: string;
  chemin: string;
  /** path prefixes belonging to this entry (the landing page's first) */
  pages: { chemin: string; libelle: string }[];
}

export const RUBRIQUES: Rubrique[] = [
  {
    libelle: 'Ma commune',
    question: 'Que se passe-t-il dans ma commune ?',
    chemin: '/communes/',
    pages: [
      { chemin: '/communes/', libelle: 'Communes' },
      { chemin: '/territoires/', libelle: "Territoires d'équilibre" },
      { chemin: '/carte/', libelle: 'Carte' },
    ],
  },
  {
    libelle: 'Attributions',
    question: 'Qui obtient un logement ?',
    chemin: '/attributions/',
    pages: [
      { chemin: '/attributions/', libelle: 'Attributions' },
      { chemin: '/bailleurs/', libelle: 'Bailleurs' },
      { chemin: '/reservataires/', libelle: 'Réservataires' },
      { chemin: '/bilan/', libelle: 'Bilan annuel' },
    ],
  },
  {
    libelle: 'Demande',
    question: 'Qui attend un logement, et combien de temps ?',
    chemin: '/demande/',
    pages: [{ chemin: '/demande/', libelle: 'Demande' }],
  },
  {
    libelle: 'Parc et occupants',
    question: 'Quels logements, et qui y vit ?',
    chemin: '/parc/',
    pages: [
      { chemin: '/parc/', libelle: 'Parc social' },
      { chemin: '/occupation/', libelle: 'Occupation' },
    ],
  },
  {
    libelle: 'Explorer',
    question: 'Croiser les chiffres soi-même',
    chemin: '/explorer/',
    pages: [{ chemin: '/explorer/', libelle: 'Explorer les attributions' }],
  },
  {
    libelle: 'Sources et données',
    question: "D'où viennent les chiffres ?",
    chemin: '/donnees/',
    pages: [
      { chemin: '/donnees/', libelle: 'Télécharger les données' },
      { chemin: '/methodologie/', libelle: 'Méthodologie' },
      { chemin: '/qualite/', libelle: 'Qualité des données' },
      { chemin: '/glossaire/', libelle: 'Glossaire' },
      { chemin: '/mentions-legales/', libelle: 'Mentions légales' },
      { chemin: '/accessibilite/', libelle: 'Accessibilité' },
    ],
  },
];

/** The path without the site's base, with a trailing slash ("/communes/31048/"). */
export function cheminRelatif(pathname: string, base: string): string {
  let p = base && pathname.startsWith(base) ? pathname.slice(base.length) : pathname;
  if (!p.startsWith('/')) p = `/${p}`;
  if (!p.endsWith('/') && !/\.[a-z0-9]+$/i.test(p)) p = `${p}/`;
  return p.replace(/index\.html$/, '');
}

/** The entry and page a path belongs to (the longest matching prefix). */
export function situer(chemin: string): { rubrique: Rubrique; page: { chemin: string; libelle: string } } | null {
  let meilleur: { rubrique: Rubrique; page: { chemin: string; libelle: string } } | null = null;
  for (const rubrique of RUBRIQUES)
    for (const page of rubrique.pages)
      if (chemin.startsWith(page.chemin) && (!meilleur || page.chemin.length > meilleur.page.chemin.length)) meilleur = { rubrique, page };
  return meilleur;
}

export interface Etape {
  libelle: string;
  /** absent for the current page */
  chemin?: string;
}

/**
 * Breadcrumbs: Accueil › entry › page › … › this page. `intermediaires` are links a page adds
 * between its section and itself (a commune's territoire d'équilibre).
 */
export function filAriane(chemin: string, titre: string, intermediaires: Etape[] = []): Etape[] {
  if (chemin === '/') return [{ libelle: 'Accueil' }];
  const fil: Etape[] = [{ libelle: 'Accueil', chemin: '/' }];
  const ici = situer(chemin);
  if (ici) {
    if (ici.rubrique.chemin !== ici.page.chemin) fil.push({ libelle: ici.rubrique.libelle, chemin: ici.rubrique.chemin });
    if (ici.page.chemin !== chemin) fil.push({ libelle: ici.page.libelle, chemin: ici.page.chemin });
  }
  fil.push(...intermediaires, { libelle: titre });
  return fil;
}
