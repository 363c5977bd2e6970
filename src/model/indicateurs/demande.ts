// Demand indicators (INDICATORS.md D1-D4) as SQL over the published tables
// `demande`, `demande_delais` and `attributions`; the same text runs at build
// time (pages) and in DuckDB-WASM. D3 divides demands by the published
// attributions of the same year and place: a secret cell stays secret.
import { lit } from '../db.ts';
import type { Niveau } from './filtres.ts';
import type { DefinitionIndicateur } from './attributions.ts';
import { TRANCHES_ATTENTE } from '../regles/demandes.sql.ts';

export const INDICATEURS_DEMANDE: DefinitionIndicateur[] = [
  {
    id: 'd1',
    libelle: 'Demandeurs de logement social',
    numerateur: 'demandeurs',
    denominateur: '1',
    definition:
      "Demandes actives au 31 décembre (à la date de l'extraction pour l'année en cours), comptées dans la commune demandée en premier choix ; dont demandes de ménages reconnus prioritaires (DALO, PDALHPD, CIL).",
    source: 'Fichier partagé de la demande (SNE / Imhoweb) ; CIA, fiches territoriales',
  },
  {
    id: 'd2',
    libelle: 'Profil des demandeurs',
    numerateur: 'demandeurs de la modalité',
    denominateur: 'demandeurs',
    definition:
      'Répartition des demandes actives par âge du demandeur, composition et taille du ménage, situation professionnelle, logement actuel (origine), taille de logement demandée et motif principal.',
    source: 'Fichier partagé de la demande',
  },
  {
    id: 'd3',
    libelle: 'Pression de la demande',
    numerateur: 'demandeurs',
    denominateur: 'attributions',
    definition:
      "Demandes actives au 31 décembre / attributions de l'année. Variante « hors étudiants » : les logements étudiants sont attribués hors du fichier partagé de la demande, elle divise par les attributions à des non-étudiants ; c'est elle qui s'approche du diagnostic de la CIA.",
    source: 'CIA du Sicoval, diagnostic : environ 10 demandes pour une attribution',
  },
  {
    id: 'd4',
    libelle: "Délai moyen d'attente des demandeurs satisfaits",
    numerateur: 'somme des délais',
    denominateur: 'demandes attribuées',
    definition:
      "Demandes radiées pour attribution dans l'année : délai moyen entre le dépôt de la demande et l'attribution, en mois (30,4 jours).",
    source: 'CIA du Sicoval, diagnostic : 24 mois en moyenne',
  },
];

export interface FiltreDemande {
  niveau: Niveau;
  /** one place; all places of the level when absent */
  code?: string;
  annee?: number;
}

function filtre(f: FiltreDemande, t = ''): string {
  const p = t ? `${t}.` : '';
  const c = [`${p}niveau = ${lit(f.niveau)}`];
  if (f.code !== undefined) c.push(`${p}code = ${lit(f.code)}`);
  if (f.annee !== undefined) c.push(`${p}annee = ${lit(f.annee)}`);
  return c.join(' AND ');
}

/** Count of a yes/no variable's "oui" cell: no cell means none (0), an emptied cell is secret (NULL). */
const compteOui = (v: string) =>
  `CASE WHEN bool_or(variable = '${v}' AND modalite = 'oui') THEN max(demandeurs) FILTER (WHERE variable = '${v}' AND modalite = 'oui') ELSE 0 END`;

/**
 * D1, D3, D4 per year and place: demands (of which priority, mutation), attributions
 * of the year (all, non-students), both pressures, satisfied demands and their mean wait.
 * `secret`: the demand count is secret; `secret_delai`: the wait is.
 */
export function requeteDemande(f: FiltreDemande): string {
  return `WITH d AS (
    SELECT annee, niveau, code,
      bool_or(secret) FILTER (WHERE variable = 'prioritaire' AND modalite = '*') AS secret,
      max(demandeurs) FILTER (WHERE variable = 'prioritaire' AND modalite = '*') AS demandeurs,
      ${compteOui('prioritaire')} AS prioritaires,
      ${compteOui('mutation')} AS mutations
    FROM demande WHERE variable IN ('prioritaire', 'mutation') AND ${filtre(f)}
    GROUP BY annee, niveau, code),
  l AS (SELECT annee, niveau, code, secret AS secret_delai, attribuees, delai_moyen_mois FROM demande_delais WHERE tranche = '*' AND ${filtre(f)}),
  a AS (SELECT annee, niveau, code, attributions, attributions - etudiants AS attributions_hors_etudiants
        FROM attributions WHERE periode = 'annee' AND bailleur = '*' AND contingent = '*' AND financement = '*' AND qpv = '*' AND ${filtre(f)})
  SELECT d.annee, d.niveau, d.code, coalesce(d.secret, false) AS secret,
    d.demandeurs::INTEGER AS demandeurs, d.prioritaires::INTEGER AS prioritaires, d.mutations::INTEGER AS mutations,
    d.prioritaires::DOUBLE / nullif(d.demandeurs, 0) AS part_prioritaires,
    a.attributions::INTEGER AS attributions, a.attributions_hors_etudiants::INTEGER AS attributions_hors_etudiants,
    d.demandeurs::DOUBLE / nullif(a.attributions, 0) AS d3,
    d.demandeurs::DOUBLE / nullif(a.attributions_hors_etudiants, 0) AS d3_hors_etudiants,
    coalesce(l.secret_delai, false) AS secret_delai, l.attribuees::INTEGER AS attribuees, l.delai_moyen_mois AS d4
  FROM d
  LEFT JOIN l ON l.annee = d.annee AND l.niveau = d.niveau AND l.code = d.code
  LEFT JOIN a ON a.annee = d.annee AND a.niveau = d.niveau AND a.code = d.code
  ORDER BY d.annee, d.code`;
}

/** D2: one row per variable × modality for a place and year, with the share of all demands. */
export function requeteProfilDemande(f: FiltreDemande & { code: string; annee: number }): string {
  return `SELECT p.variable, p.modalite, p.secret, p.demandeurs,
    p.demandeurs::DOUBLE / nullif(t.demandeurs, 0) AS part
  FROM demande p JOIN demande t ON t.annee = p.annee AND t.variable = p.variable AND t.niveau = p.niveau AND t.code = p.code AND t.modalite = '*'
  WHERE p.modalite <> '*' AND ${filtre(f, 'p')}
  ORDER BY p.variable, p.demandeurs DESC NULLS LAST, p.modalite`;
}

/** D4 detail: satisfied demands per class of waiting time. */
export function requeteAttenteDemande(f: FiltreDemande & { code: string; annee: number }): string {
  return `SELECT tranche, secret, attribuees, delai_moyen_mois FROM demande_delais WHERE tranche <> '*' AND ${filtre(f)}
  ORDER BY list_position([${TRANCHES_ATTENTE.map((x) => lit(x)).join(', ')}], tranche)`;
}
