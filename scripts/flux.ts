// npm run flux -- FICHIER [--json]
// Recomputes the reservation flux of each convention × year of an Annexe 1 CSV (FLUX.md, docs/flux.md).
// Exit code: 0 all rows computed; 1 at least one row rejected; 2 unusable file or bad usage.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { evaluerConvention } from '../src/model/flux/convention.ts';
import { EN_TETE, formaterErreur, lireCsvFlux } from '../src/model/flux/csv.ts';
import { tableau, versJson } from '../src/model/flux/sortie.ts';
import type { ResultatLigne } from '../src/model/flux/sortie.ts';

const USAGE = `Usage : npm run flux -- FICHIER.csv [--json]

Calcule le flux annuel de réservation de chaque convention (annexe 1) du fichier.
  FICHIER.csv  séparateur « ; », en-tête :
               ${EN_TETE.join(';')}
  --json       écrit un tableau JSON sur la sortie standard (erreurs sur la sortie d'erreur)
Code de sortie : 0 = tout calculé ; 1 = au moins une ligne rejetée ; 2 = fichier inutilisable.`;

function main(argv: string[]): number {
  const options = argv.filter((a) => a.startsWith('-'));
  const fichiers = argv.filter((a) => !a.startsWith('-'));
  if (options.includes('--help') || options.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const inconnues = options.filter((o) => o !== '--json');
  if (inconnues.length > 0 || fichiers.length !== 1) {
    const quoi = inconnues.length > 0 ? `option inconnue : ${inconnues.join(' ')}` : 'indiquer exactement un fichier CSV';
    process.stderr.write(`flux : ${quoi}\n\n${USAGE}\n`);
    return 2;
  }
  const json = options.includes('--json');
  const chemin = fichiers[0] ?? '';
  const nom = basename(chemin);

  let octets: Uint8Array;
  try {
    octets = readFileSync(chemin);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const raison = code === 'ENOENT' ? 'fichier introuvable' : code === 'EISDIR' ? 'c’est un dossier' : String(code ?? e);
    process.stderr.write(`flux : ${chemin} : ${raison}\n`);
    return 2;
  }

  const lecture = lireCsvFlux(octets);
  if (!lecture.ok) {
    process.stderr.write(`flux : ${formaterErreur(nom, lecture.erreur)}\n`);
    return 2;
  }

  const resultats: ResultatLigne[] = [];
  const erreurs = lecture.erreurs.map((e) => formaterErreur(nom, e));
  for (const { ligne, convention } of lecture.conventions) {
    try {
      resultats.push({ ligne, resultat: evaluerConvention(convention) });
    } catch (e) {
      erreurs.push(`${nom}, ligne ${ligne} — ${(e as Error).message}`);
    }
  }
  const rejetees = new Set([...lecture.erreurs.map((e) => e.ligne)]).size + (erreurs.length - lecture.erreurs.length);

  if (json) {
    process.stdout.write(`${JSON.stringify(resultats.map((r) => versJson(r.resultat, r.ligne)), null, 2)}\n`);
  } else {
    const n = resultats.length;
    const entete = `Flux de réservation — ${nom} (${n} convention${n > 1 ? 's' : ''} calculée${n > 1 ? 's' : ''}` +
      `${lecture.encodage === 'utf-8' ? '' : `, encodage ${lecture.encodage}`})`;
    process.stdout.write(`${entete}\n\n${n > 0 ? `${tableau(resultats)}\n` : ''}`);
  }
  if (erreurs.length > 0) {
    const s = rejetees > 1 ? 's' : '';
    process.stderr.write(`flux : ${rejetees} ligne${s} rejetée${s} :\n${erreurs.map((e) => `  ${e}`).join('\n')}\n`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
