// npm run check-data [-- --territoire ID --entrees DOSSIER --travail DOSSIER --max N --tout]:
// validates the exports without publishing. Prints per file rows read / loaded /
// rejected and every rejected row or cell (file, line, column, value, expected);
// exits 1 when something blocks a publication (unreadable file, missing required
// column, no RPLS file). Household-level values (demand ids…) are never printed.
// Also checks the territory's reservation conventions: every état des lieux listed
// in etats_des_lieux/index.csv (each line accounted for, located warnings),
// conventions_annexe1.csv and bilans_bailleurs.csv.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
import type { Territoire } from '../src/config/territoire.ts';
import { parseConfigCsv } from '../src/config/csv.ts';
import { ErreurEtatDesLieux, lireEtatDesLieux } from '../src/ingest/etat-des-lieux/index.ts';
import { plier } from '../src/ingest/text/normalize.ts';
import { lireConventions } from '../src/publish/conventions.ts';
import { fichierBilansDeclares } from '../src/publish/bilan-flux.ts';
import { formaterErreurBilan, lireBilansBailleurs } from '../src/model/flux/bilans-bailleurs.ts';

/** Commune (code INSEE) d'un réservataire « Commune de X » / « Mairie de X » du territoire, pour les logements dont le tableau ne dit pas la commune. */
function communeDuReservataire(t: Territoire, reservataire: string): string | undefined {
  const r = plier(reservataire).replace(/^(commune|mairie|ville) (de |d )?/u, '');
  return t.communes.find((c) => plier(c.nom) === r)?.code;
}

/** États des lieux listés dans etats_des_lieux/index.csv : chaque ligne de chaque fichier comptée, avertissements localisés. */
async function controlerEtatsDesLieux(t: Territoire, max: number, ecrire: (s: string) => void): Promise<string[]> {
  const bloquants: string[] = [];
  const dossier = join(t.dossier, 'etats_des_lieux');
  const index = join(dossier, 'index.csv');
  if (!existsSync(index)) {
    ecrire('États des lieux : aucun (etats_des_lieux/index.csv absent).\n');
    return bloquants;
  }
  let lignes: Record<string, string>[];
  try {
    lignes = parseConfigCsv(readFileSync(index, 'utf8'), index);
  } catch (e) {
    return [`${index} : ${(e as Error).message}`];
  }
  ecrire(`États des lieux (${lignes.length} listé(s) dans etats_des_lieux/index.csv) :\n`);
  const listes = new Set<string>();
  for (const [i, l] of lignes.entries()) {
    const fichier = l.fichier ?? '';
    if (fichier === '') {
      bloquants.push(`etats_des_lieux/index.csv, ligne ${i + 2}, colonne fichier : vide — attendu : le nom d'un fichier du dossier etats_des_lieux`);
      continue;
    }
    listes.add(fichier);
    const commune = communeDuReservataire(t, l.reservataire ?? '');
    try {
      const r = await lireEtatDesLieux(join(dossier, fichier), commune ? { commune } : {});
      const s = r.statistiques;
      const categories = new Map<string, number>();
      for (const x of r.logements) categories.set(x.reservataire_categorie, (categories.get(x.reservataire_categorie) ?? 0) + 1);
      ecrire(
        `  ${fichier} (${l.reservataire ?? '?'} × ${l.bailleur ?? '?'}) : ${nombre(s.lignes_lues)} lignes lues = ${nombre(s.logements)} logements ` +
          `(dont ${nombre(s.logements_avec_avertissement)} avec avertissement) + ${nombre(s.ignorees)} sautées + ${nombre(s.rejetees)} rejetées` +
          `${categories.size ? ` ; réservataires : ${[...categories].map(([c, n]) => `${c} ${n}`).join(', ')}` : ''}\n`,
      );
      if (s.logements + s.ignorees + s.rejetees !== s.lignes_lues) bloquants.push(`${fichier} : des lignes ne sont ni des logements, ni sautées, ni rejetées (erreur de l'import)`);
      const messages = [...r.avertissements_cellules.map((a) => `${a.message} — attendu : ${a.attendu}`), ...r.rejets.map((j) => `${j.message} (ligne rejetée)`), ...r.avertissements];
      for (const m of messages.slice(0, max)) ecrire(`    ${fichier}, ${m}\n`);
      if (messages.length > max) ecrire(`    … et ${nombre(messages.length - max)} autre(s) (--tout pour toutes)\n`);
    } catch (e) {
      if (!(e instanceof ErreurEtatDesLieux)) throw e;
      bloquants.push(`etats_des_lieux/${fichier} : ${e.message.replace(`${join(dossier, fichier)} : `, '')}`);
    }
  }
  for (const f of readdirSync(dossier)) {
    if (f !== 'index.csv' && !f.startsWith('.') && !listes.has(f)) ecrire(`  remarque : etats_des_lieux/${f} n'est pas listé dans index.csv : il n'est pas lu\n`);
  }
  return bloquants;
}

/** conventions_annexe1.csv (chiffres de l'annexe 1, drapeaux d'écart avec l'état des lieux) et bilans_bailleurs.csv. */
async function controlerConventions(t: Territoire, ecrire: (s: string) => void): Promise<string[]> {
  const bloquants: string[] = [];
  if (!existsSync(join(t.dossier, 'conventions_annexe1.csv'))) ecrire('Conventions : aucune (conventions_annexe1.csv absent).\n');
  else {
    const { conventions, erreurs } = await lireConventions(t);
    ecrire(`conventions_annexe1.csv : ${conventions.length} convention(s) lue(s), ${erreurs.length} ligne(s) en erreur\n`);
    if (conventions.length === 0 && erreurs.length > 0) bloquants.push(...erreurs);
    else for (const e of erreurs) ecrire(`  ${e}\n`);
    for (const c of conventions) {
      for (const d of c.drapeaux) ecrire(`  remarque : ${c.reservataire} × ${c.bailleur} (${c.annee}) : ${d.code} — ${d.message}\n`);
    }
  }
  const chemin = fichierBilansDeclares(t);
  if (!chemin) ecrire('Bilans des bailleurs : aucun (bilans_bailleurs.csv absent).\n');
  else {
    const nom = basename(chemin);
    const lecture = lireBilansBailleurs(readFileSync(chemin));
    if (!lecture.ok) bloquants.push(formaterErreurBilan(nom, lecture.erreur));
    else {
      ecrire(`${nom} : ${lecture.bilans.length} bilan(s) lu(s), ${lecture.erreurs.length} ligne(s) en erreur\n`);
      for (const e of lecture.erreurs) ecrire(`  ${formaterErreurBilan(nom, e)}\n`);
    }
  }
  return bloquants;
}

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
  out.write('\n');
  bloquants.push(...(await controlerEtatsDesLieux(t, max, (x) => out.write(x))));
  bloquants.push(...(await controlerConventions(t, (x) => out.write(x))));
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
