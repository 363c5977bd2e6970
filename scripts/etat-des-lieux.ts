/**
 * npm run etat-des-lieux -- FICHIER [--json] [--departement 31] [--premiere-ligne N] [--delimiteur tab|;|,]
 *
 * Importe un tableau « état des lieux » de convention de réservation (CSV,
 * TSV ou XLSX) et affiche les logements normalisés et les lignes rejetées.
 * Avec --json : un seul objet JSON {"logements": [...], "rejets": [...],
 * "avertissements": [...]} sur la sortie standard (avertissements aussi en
 * texte sur la sortie d'erreur). Un avertissement de cellule porte fichier,
 * ligne, colonne, numero_colonne, valeur, attendu et message ; une remarque
 * générale n'a que fichier et message (les autres champs à null).
 * Code de sortie : 1 si le fichier est illisible ou sans tableau reconnu,
 * 2 si les arguments sont invalides, 0 sinon (même avec des lignes rejetées).
 */
import { ErreurEtatDesLieux, formaterResultat, lireEtatDesLieux } from '../src/ingest/etat-des-lieux/index.ts';
import type { OptionsEtatDesLieux } from '../src/ingest/etat-des-lieux/index.ts';
import type { Delimiteur } from '../src/ingest/text/delimited.ts';

const USAGE = `Usage : npm run etat-des-lieux -- FICHIER [--json] [--departement 31] [--commune 31048] [--premiere-ligne N] [--delimiteur tab|point-virgule|virgule]

  FICHIER             tableau d'état des lieux (.csv, .tsv, .txt ou .xlsx)
  --json              un seul objet JSON {"logements": [...], "rejets": [...], "avertissements": [...]} sur la sortie standard
  --departement DEP   département des communes quand le tableau ne le donne pas (ex. 31)
  --commune COMMUNE   commune de la convention (code INSEE ou nom), pour les logements dont le tableau ne dit pas la commune
  --premiere-ligne N  numéro, dans le document d'origine, de la ligne 1 du fichier (extraits)
  --delimiteur D      impose le délimiteur au lieu de le deviner`;

function erreurUsage(message: string): never {
  process.stderr.write(`etat-des-lieux : ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function lireArguments(argv: string[]): { fichier: string; json: boolean; options: OptionsEtatDesLieux } {
  let fichier: string | null = null;
  let json = false;
  const options: OptionsEtatDesLieux = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const valeur = (): string => {
      const v = argv[++i];
      if (v === undefined) erreurUsage(`l'option ${a} attend une valeur`);
      return v;
    };
    if (a === '--json') json = true;
    else if (a === '--aide' || a === '--help' || a === '-h') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else if (a === '--departement') options.departement = valeur();
    else if (a === '--commune') options.commune = valeur();
    else if (a === '--premiere-ligne') {
      const v = valeur();
      if (!/^\d+$/u.test(v) || Number(v) < 1) erreurUsage(`--premiere-ligne attend un entier positif, reçu « ${v} »`);
      options.premiereLigne = Number(v);
    } else if (a === '--delimiteur') {
      const v = valeur();
      const d: Record<string, Delimiteur> = { tab: '\t', tabulation: '\t', '\\t': '\t', ';': ';', 'point-virgule': ';', ',': ',', virgule: ',' };
      const delim = d[v];
      if (!delim) erreurUsage(`--delimiteur attend tab, point-virgule ou virgule, reçu « ${v} »`);
      options.delimiteur = delim;
    } else if (a.startsWith('--')) erreurUsage(`option inconnue « ${a} »`);
    else if (fichier === null) fichier = a;
    else erreurUsage(`un seul fichier attendu (reçu aussi « ${a} »)`);
  }
  if (fichier === null) erreurUsage('fichier manquant');
  return { fichier, json, options };
}

const { fichier, json, options } = lireArguments(process.argv.slice(2));
try {
  const resultat = await lireEtatDesLieux(fichier, options);
  if (json) {
    const avertissements = [
      ...resultat.avertissements_cellules,
      ...resultat.avertissements.map((message) => ({ fichier, ligne: null, colonne: null, numero_colonne: null, valeur: null, attendu: null, message })),
    ];
    process.stdout.write(`${JSON.stringify({ logements: resultat.logements, rejets: resultat.rejets, avertissements })}\n`);
    for (const a of resultat.avertissements_cellules) process.stderr.write(`avertissement : ${a.message}\n`);
    for (const a of resultat.avertissements) process.stderr.write(`avertissement : ${a}\n`);
    const s = resultat.statistiques;
    process.stderr.write(
      `${s.lignes_lues} ligne(s) lue(s), ${s.logements} logement(s) (dont ${s.logements_avec_avertissement} avec avertissement), ${s.ignorees} ignorée(s), ${s.rejetees} rejetée(s)\n`,
    );
  } else {
    process.stdout.write(`${formaterResultat(resultat)}\n`);
  }
  process.exitCode = 0;
} catch (e) {
  if (e instanceof ErreurEtatDesLieux) {
    process.stderr.write(`Erreur : ${e.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`Erreur inattendue en lisant ${fichier} : ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  }
}
