// npm run check-data [-- --territoire ID --entrees DOSSIER --travail DOSSIER --max N --tout]:
// validates the exports without publishing. Prints per file rows read / loaded /
// rejected and every rejected row or cell (file, line, column, value, expected);
// exits 1 when something blocks a publication (unreadable file, missing required
// column, no RPLS file). Household-level values (demand ids…) are never printed.
import { join } from 'node:path';
import { chargerTerritoire } from '../src/config/territoire.ts';
import { ouvrirDuckDb } from '../src/model/db-node.ts';
import { dossierTravail } from '../src/pipeline.ts';
import { lireEntrees, ErreurEntrees, type ResultatEntrees } from '../src/ingest/entrees.ts';
import { libelleEncodageFichier } from '../src/ingest/lecteur-delimite.ts';
import { csvAnomalies, valeurAffichable } from '../src/publish/qualite.ts';
import { writeFileAtomic } from '../src/lib/atomic.ts';
import { nombre } from '../src/lib/format-fr.ts';
import { argument, drapeau, echouer, territoireDemande } from './cli.ts';
import { creerDossierPrive, supprimerDossierPrive } from '../src/lib/prive.ts';
import { controlerRejets } from '../src/publish/garde-fous.ts';
import { chargerGardeFous } from '../src/config/garde-fous.ts';

try {
  const t0 = chargerTerritoire(territoireDemande());
  const entrees = argument('--entrees');
  const t = entrees ? { ...t0, dossierEntrees: entrees } : t0;
  const travail = argument('--travail') ?? dossierTravail(t.id);
  const max = drapeau('--tout') ? Infinity : Number(argument('--max') ?? 200);
  const out = process.stdout;
  const bloquants: string[] = [];
  let r: ResultatEntrees;
  const db = await ouvrirDuckDb();
  const prive = creerDossierPrive(travail);
  try {
    r = await lireEntrees(t, prive, db);
  } catch (e) {
    if (!(e instanceof ErreurEntrees)) throw e;
    r = e.resultat;
    bloquants.push(...e.erreurs);
  } finally {
    db.close();
    supprimerDossierPrive(prive);
  }
  if (r.fichiers.rpls.length === 0) bloquants.push(`aucun export RPLS (rpls_AAAA.csv) dans ${t.dossierEntrees}`);
  bloquants.push(...controlerRejets(r.bilans, chargerGardeFous()));

  out.write(`Contrôle des exports de ${t.nom} (${t.dossierEntrees})\n\n`);
  const tous = [...r.fichiers.rpls, ...r.fichiers.ops, ...r.fichiers.attributions];
  if (!tous.length) out.write('Aucun fichier rpls_*, ops_*, attributions_* ou caleol_* (.csv, .txt, .tsv) trouvé.\n');
  for (const b of r.bilans) {
    out.write(
      `${b.fichier} [${b.format} : ${b.variante} ; ${libelleEncodageFichier(b.encodage)}, séparateur ${b.separateur}] : ` +
        `${nombre(b.lignesLues)} lignes lues, ${nombre(b.chargees)} chargées, ${nombre(b.rejetees)} rejetées, ` +
        `${nombre(b.horsPerimetre)} hors territoire, ${nombre(b.avertissements)} cellules ignorées\n`,
    );
    if (b.colonnesIgnorees.length) out.write(`  colonnes non utilisées : ${b.colonnesIgnorees.join(', ')}\n`);
    for (const m of b.remarques) out.write(`  remarque : ${m}\n`);
  }
  if (bloquants.length) {
    out.write(`\nFichiers illisibles (la publication est bloquée) :\n`);
    for (const e of bloquants) out.write(`  ✖ ${e}\n`);
  }
  const anomalies = r.anomalies;
  if (anomalies.length) {
    out.write(`\nLignes rejetées et cellules ignorées${anomalies.length > max ? ` (${max} premières sur ${nombre(anomalies.length)} ; --tout pour toutes)` : ''} :\n`);
    for (const a of anomalies.slice(0, max)) {
      const entete = a.entete ? ` (en-tête « ${a.entete} »)` : '';
      const detail = a.detail ? ` — ${a.detail}` : '';
      out.write(
        `  ${a.fichier}, ligne ${a.ligne}, colonne ${a.colonne}${entete} : « ${valeurAffichable(a)} » — attendu : ${a.attendu}${detail}` +
          `${a.gravite === 'rejet' ? ' (ligne rejetée)' : ''}\n`,
      );
    }
  }
  const detail = join(travail, 'qualite-detail.csv');
  await writeFileAtomic(detail, csvAnomalies(anomalies, false));
  out.write(`\nRapport complet : ${detail.replace(process.cwd() + '/', '')}\n`);
  const rejetees = r.bilans.reduce((s, b) => s + b.rejetees, 0);
  if (bloquants.length) {
    process.stderr.write(`\n✖ ${bloquants.length} problème(s) bloquant(s) : corrigez ou retirez ces fichiers avant de publier.\n`);
    process.exit(1);
  }
  out.write(rejetees ? `${nombre(rejetees)} ligne(s) rejetée(s) : la publication reste possible, sans ces lignes.\n` : 'Aucune ligne rejetée.\n');
} catch (e) {
  echouer(e);
}
