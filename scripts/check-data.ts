// npm run check-data [-- --territoire ID --entrees DOSSIER]: validates the exports without publishing.
// Prints per file rows read / loaded / rejected and every rejected row or cell;
// exits 1 when something blocks a publication (unreadable file, missing column, no RPLS).
import { executerPipeline, dossierTravail } from '../src/pipeline.ts';
import { nombre } from '../src/lib/format-fr.ts';
import { argument, drapeau, echouer } from './cli.ts';
import { join } from 'node:path';
import { COLONNES_PERSONNELLES } from '../src/publish/qualite.ts';

try {
  const territoire = argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval';
  const entrees = argument('--entrees');
  const max = Number(argument('--max') ?? 200);
  const r = await executerPipeline(territoire, { validerSeulement: true, entrees });
  const out = process.stdout;
  out.write(`Contrôle des exports de ${r.territoire.nom} (${r.territoire.dossierEntrees})\n\n`);
  for (const b of r.entrees.bilans) {
    out.write(
      `${b.fichier} [${b.format}, ${b.encodage}, séparateur ${b.separateur}] : ${nombre(b.lignesLues)} lignes lues, ` +
        `${nombre(b.chargees)} chargées, ${nombre(b.rejetees)} rejetées, ${nombre(b.horsPerimetre)} hors territoire, ` +
        `${nombre(b.avertissements)} avertissements\n`,
    );
    if (b.colonnesIgnorees.length) out.write(`  colonnes non utilisées : ${b.colonnesIgnorees.join(', ')}\n`);
  }
  const anomalies = r.entrees.anomalies;
  if (anomalies.length) {
    out.write(`\nLignes rejetées et cellules ignorées${anomalies.length > max ? ` (${max} premières sur ${nombre(anomalies.length)})` : ''} :\n`);
    for (const a of anomalies.slice(0, drapeau('--tout') ? undefined : max)) {
      out.write(`  ${a.fichier}, ligne ${a.ligne}, colonne ${a.colonne} : « ${COLONNES_PERSONNELLES.has(a.colonne) ? '(donnée personnelle masquée)' : a.valeur} » — attendu : ${a.attendu}${a.gravite === 'rejet' ? ' (ligne rejetée)' : ''}\n`);
    }
  }
  out.write(`\nRapport complet : ${join(dossierTravail(r.territoire.id), 'qualite-detail.csv').replace(process.cwd() + '/', '')}\n`);
  const rejetees = r.entrees.bilans.reduce((s, b) => s + b.rejetees, 0);
  out.write(rejetees ? `${nombre(rejetees)} ligne(s) rejetée(s) : la publication reste possible, sans ces lignes.\n` : 'Aucune ligne rejetée.\n');
} catch (e) {
  echouer(e);
}
