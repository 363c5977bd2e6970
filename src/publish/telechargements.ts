// Downloads for a French Excel: every published table (pub_<table>) as CSV
// (UTF-8 with BOM, `;`, decimal comma, CRLF, « oui »/« non », empty for NULL)
// and the data dictionary (table, column, type, French description) as CSV and
// JSON. The descriptions are written here, once; the data page reads them too.
import { COMPTES, COMPTES_DECISIONS } from '../model/catalogue/index.ts';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db, Valeur } from '../model/db.ts';
import type { Territoire } from '../config/territoire.ts';
import { csvExcel } from './qualite.ts';
import { DICTIONNAIRE_DEMANDE } from './cube-demande.ts';
import { chargerConfigFragilite, definitionCritere } from '../model/modele.ts';

const FRAGILITE = chargerConfigFragilite();

export const DOSSIER_TELECHARGEMENTS = 'telechargements';

export interface DescriptionTable {
  /** one French sentence: what a row is */
  description: string;
  colonnes: Record<string, string>;
}

const GEO = {
  niveau: 'Niveau géographique de la ligne : « epci », « territoire » (territoire d’équilibre) ou « commune ».',
  code: 'Code de la zone : SIREN de l’EPCI, numéro du territoire d’équilibre ou code INSEE de la commune.',
  parent: 'Code de la zone englobante (territoire d’équilibre d’une commune, EPCI d’un territoire) ; vide pour l’EPCI.',
};
const SECRET = 'oui si la case est couverte par le secret statistique (valeurs laissées vides), non sinon.';

/** Published tables, in the order of the data page, with a description of every column. */
export const DICTIONNAIRE: Record<string, DescriptionTable> = {
  communes: {
    description: 'Une ligne par commune du territoire : référentiel géographique et paramètres ACD.',
    colonnes: {
      code_insee: 'Code officiel géographique (INSEE) de la commune.',
      nom: 'Nom de la commune.',
      population: 'Population municipale (code officiel géographique, INSEE).',
      territoire: 'Numéro du territoire d’équilibre de la commune (CIA) ; 0 ou vide si elle n’est rattachée à aucun.',
      territoire_libelle: 'Nom du territoire d’équilibre.',
      zonage_tension: 'Zone de tension de l’Accord collectif départemental (1 = la plus tendue).',
      taux_ponderation_acd_pct: 'Taux de pondération de la commune dans le calcul des objectifs ACD, en %.',
    },
  },
  parc: {
    description: 'Parc locatif social au 1er janvier (RPLS) : nombre de logements par combinaison des caractéristiques ci-dessous.',
    colonnes: {
      millesime: 'Année du répertoire RPLS (situation au 1er janvier).',
      commune_insee: 'Code INSEE de la commune du logement.',
      territoire: 'Numéro du territoire d’équilibre de la commune.',
      bailleur: 'Bailleur social propriétaire (nom harmonisé).',
      financement: 'Financement d’origine : PLAI, PLUS, PLS, PLI, avant 1977 / autre.',
      type_logement: 'Type : collectif, individuel ou étudiant.',
      pieces: 'Nombre de pièces (T1 à T5 et plus).',
      periode_construction: 'Période de construction.',
      dpe: 'Classe du diagnostic de performance énergétique (A à G, ou non renseigné).',
      pmr: 'Accessibilité aux personnes à mobilité réduite.',
      en_qpv: 'oui si le logement est situé dans un quartier prioritaire de la politique de la ville (QPV).',
      logements: 'Nombre de logements.',
      vacants: 'Dont logements vacants au 1er janvier.',
      baux_annee_precedente: 'Dont logements dont le bail a pris effet l’année précédente (rotation).',
    },
  },
  attributions: {
    description:
      'Attributions décidées en CALEOL et baux signés, par année et zone (commune, territoire, EPCI) ; pour l’EPCI aussi en cumul à la fin de chaque trimestre, et par bailleur, par contingent ou par financement du logement et QPV, un détail à la fois ; « * » = tous. Chaque nombre est une case du secret statistique : vide quand il compte trop peu d’attributions ou permettrait d’en retrouver un autre.',
    colonnes: {
      annee: 'Année : de la décision de CALEOL pour les attributions, de la signature du bail pour les colonnes « baux… ».',
      periode: 'Période : « annee » (année entière) ou cumul depuis le 1er janvier à la fin du trimestre (T1, T2, T3).',
      ...GEO,
      bailleur: 'Bailleur social ; « * » = tous les bailleurs.',
      contingent: 'Contingent de réservation du logement attribué ; « * » = tous les contingents.',
      financement: 'Financement du logement attribué (PLAI, PLUS, PLS, PLI, Autre, Non renseigné) ; « * » = tous.',
      qpv: 'Logement attribué « en QPV » ou « hors QPV » ; « * » = tous (seule valeur pour un territoire sans QPV).',
      // every count of the cube, worded once in the indicator catalogue (src/model/catalogue/comptes.ts)
      ...Object.fromEntries(COMPTES.map((c) => [c.id, c.description])),
      secret: SECRET,
    },
  },
  occupation: {
    description:
      'Enquête sur l’occupation du parc social (OPS) : ménages par niveau de fragilité potentielle et par critère, par zone et par résidence. Cases de moins de 11 ménages répondants en secret statistique.',
    colonnes: {
      vague: 'Année de l’enquête OPS.',
      niveau: 'Niveau de la ligne : « epci », « territoire », « commune » ou « residence ».',
      code: 'Code de la zone (SIREN, numéro de territoire, code INSEE) ou de la résidence (« code INSEE · nom »).',
      parent: 'Code de la zone englobante ; vide pour l’EPCI.',
      menages: 'Ménages enquêtés (logements occupés du champ de l’enquête).',
      repondants: 'Dont ménages ayant répondu : base des parts.',
      // levels and criteria as the CIA defines them, worded once in data/config/fragilite.json
      ...Object.fromEntries(FRAGILITE.niveaux.map((n) => [`niveau_${n.niveau}`, `Ménages répondants : ${n.libelle.toLowerCase()} (${n.min === n.max ? (n.min === 0 ? 'aucun critère' : `${n.min} critères`) : `${n.min} à ${n.max} critères`}).`])),
      fragiles: ((n) => `Ménages répondants : ${n?.libelle.toLowerCase()} ou plus (${n?.min} critères ou plus).`)(FRAGILITE.niveaux.find((n) => n.niveau === FRAGILITE.residence_fragile.niveau_min)),
      ...Object.fromEntries(FRAGILITE.criteres.map((c, i) => [c.id, `Critère ${i + 1} (${c.libelle}) : ménages répondants qui le remplissent. ${definitionCritere(c)}`])),
      c1_renseigne: 'Ménages dont la résidence a un taux de vacance commerciale renseigné.',
      c9_renseigne: 'Ménages pour lesquels le critère 9 est renseigné (champ souvent absent de l’enquête).',
      secret: SECRET,
    },
  },
  objectifs_acd: {
    description: 'Objectifs de l’Accord collectif départemental : relogements de ménages prioritaires attendus de chaque bailleur, par année.',
    colonnes: {
      annee: 'Année de l’objectif.',
      bailleur: 'Bailleur social.',
      objectif_edl_prioritaires: 'Nombre d’entrées dans les lieux de ménages prioritaires attendu (indicateur ACD A).',
      source: 'Référence du document (ACD, annexe, ligne).',
    },
  },
  bailleurs: {
    description: 'Bailleurs sociaux du territoire : nom harmonisé, classe de rotation ACD et graphies reconnues dans les exports.',
    colonnes: {
      bailleur: 'Nom harmonisé du bailleur.',
      classe_rotation_acd_pct: 'Classe de taux de rotation du bailleur retenue par l’ACD, en %.',
      variantes: 'Autres graphies du nom reconnues dans les exports, séparées par « | ».',
    },
  },
  decisions: {
    description: 'Propositions examinées en CALEOL (indicateur A9) et refus, par année et bailleur (« * » = tous), niveau EPCI.',
    colonnes: {
      annee: 'Année de la décision.',
      ...GEO,
      bailleur: 'Bailleur social ; « * » = tous les bailleurs.',
      // every count worded once in the catalogue (src/model/catalogue/comptes-decisions.ts)
      ...Object.fromEntries(COMPTES_DECISIONS.map((c) => [c.id, c.description])),
      secret: SECRET,
    },
  },
  refus: {
    description: 'Refus d’attribution par motif et par public (indicateur A8), par année, niveau EPCI ; « * » = tous.',
    colonnes: {
      annee: 'Année de la décision.',
      ...GEO,
      motif: 'Motif du refus déclaré par le ménage ; « * » = tous les motifs.',
      public: 'Public : DALO, prioritaire (hors DALO), 1er quartile, autre ; « * » = tous.',
      refus: 'Nombre de refus.',
      secret: SECRET,
    },
  },
  entrees: {
    description: 'Entrées dans les lieux (baux signés, indicateur A10) par profil du ménage entrant, par année et zone ; « * » = toutes les modalités.',
    colonnes: {
      annee: 'Année de la décision.',
      variable: 'Caractéristique décrite : composition, taille du ménage, classe d’âge, typologie du logement.',
      ...GEO,
      modalite: 'Modalité de la caractéristique ; « * » = toutes.',
      entrees: 'Nombre d’entrées dans les lieux.',
      secret: SECRET,
    },
  },
  ...DICTIONNAIRE_DEMANDE,
};

export const DESCRIPTION_ABSENTE = '(colonne non décrite)';

export interface EntreeDictionnaire {
  table: string;
  colonne: string;
  type: string;
  description: string;
}

export interface FichierTelechargement {
  /** path relative to the published data folder, e.g. "telechargements/parc.csv" */
  fichier: string;
  octets: number;
  /** published table, or null for the dictionary */
  table: string | null;
  lignes: number | null;
}

/** DuckDB type → the French word shown in the dictionary. */
export function typeFrancais(duckdb: string): string {
  const t = duckdb.toUpperCase();
  if (t === 'BOOLEAN') return 'booléen (oui / non)';
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)$/.test(t)) return 'entier';
  if (/^(DOUBLE|FLOAT|REAL)$/.test(t) || t.startsWith('DECIMAL')) return 'décimal (virgule)';
  if (t === 'DATE') return 'date (AAAA-MM-JJ)';
  if (t.startsWith('TIMESTAMP')) return 'date et heure';
  return 'texte';
}

/** One CSV cell for a French Excel: decimal comma, « oui »/« non », empty for NULL. */
export function celluleCsv(v: Valeur): string {
  if (v === null) return '';
  if (typeof v === 'boolean') return v ? 'oui' : 'non';
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return '';
    // 15 significant digits: no binary noise (0.30000000000000004), no exponent for usual values
    const propre = Number.isInteger(v) ? v : Number(v.toPrecision(15));
    const s = Math.abs(propre) >= 1e21 || (propre !== 0 && Math.abs(propre) < 1e-6) ? propre.toFixed(12).replace(/0+$/, '') : String(propre);
    return s.replace('.', ',');
  }
  return v;
}

/** Tables `pub_<name>` present in the database, known ones first (in DICTIONNAIRE order), then the others. */
async function tablesPubliees(db: Db): Promise<string[]> {
  const lignes = await db.query(`SELECT table_name AS t FROM information_schema.tables WHERE table_name LIKE 'pub\\_%' ESCAPE '\\' ORDER BY table_name`);
  const presentes = lignes.map((l) => String(l.t).slice(4));
  const connues = Object.keys(DICTIONNAIRE).filter((t) => presentes.includes(t));
  return [...connues, ...presentes.filter((t) => !connues.includes(t))];
}

/**
 * Writes `dossierEtape/telechargements/`: `<table>.csv` for every published table
 * (`tables`, by default every `pub_*` table of `db`), `dictionnaire.csv` and
 * `dictionnaire.json`. Returns the files written (dictionary last).
 */
export async function publierTelechargements(db: Db, t: Pick<Territoire, 'id' | 'nom'>, dossierEtape: string, tables?: string[]): Promise<FichierTelechargement[]> {
  const dossier = join(dossierEtape, DOSSIER_TELECHARGEMENTS);
  await mkdir(dossier, { recursive: true });
  const liste = tables ?? (await tablesPubliees(db));
  const fichiers: FichierTelechargement[] = [];
  const dictionnaire: EntreeDictionnaire[] = [];
  for (const table of liste) {
    if (!/^[a-z0-9_]+$/.test(table)) throw new Error(`nom de table publiée invalide : ${table}`);
    const schema = await db.query(`DESCRIBE pub_${table}`);
    const colonnes = schema.map((c) => String(c.column_name));
    const description = DICTIONNAIRE[table];
    for (const c of schema) {
      const colonne = String(c.column_name);
      dictionnaire.push({ table, colonne, type: typeFrancais(String(c.column_type)), description: description?.colonnes[colonne] ?? DESCRIPTION_ABSENTE });
    }
    // every column in the sort key: the same rows always give the same bytes
    const lignes = await db.query(`SELECT * FROM pub_${table} ORDER BY ALL`);
    const texte = csvExcel(colonnes, lignes.map((l) => colonnes.map((c) => celluleCsv(l[c] ?? null))));
    const nom = `${table}.csv`;
    await writeFile(join(dossier, nom), texte);
    fichiers.push({ fichier: `${DOSSIER_TELECHARGEMENTS}/${nom}`, octets: Buffer.byteLength(texte), table, lignes: lignes.length });
  }
  const csv = csvExcel(['table', 'colonne', 'type', 'description'], dictionnaire.map((e) => [e.table, e.colonne, e.type, e.description]));
  const json =
    JSON.stringify(
      {
        territoire: t.id,
        nom: t.nom,
        format_csv: 'UTF-8 avec BOM, séparateur « ; », virgule décimale, fin de ligne CRLF, booléens « oui » / « non », case vide = valeur absente ou masquée',
        tables: liste.map((table) => ({
          table,
          description: DICTIONNAIRE[table]?.description ?? DESCRIPTION_ABSENTE,
          colonnes: dictionnaire.filter((e) => e.table === table).map(({ colonne, type, description }) => ({ colonne, type, description })),
        })),
      },
      null,
      2,
    ) + '\n';
  await writeFile(join(dossier, 'dictionnaire.csv'), csv);
  await writeFile(join(dossier, 'dictionnaire.json'), json);
  fichiers.push({ fichier: `${DOSSIER_TELECHARGEMENTS}/dictionnaire.csv`, octets: Buffer.byteLength(csv), table: null, lignes: dictionnaire.length });
  fichiers.push({ fichier: `${DOSSIER_TELECHARGEMENTS}/dictionnaire.json`, octets: Buffer.byteLength(json), table: null, lignes: null });
  return fichiers;
}
