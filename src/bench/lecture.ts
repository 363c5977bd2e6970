// Reading-stage benchmark: the Sicoval's synthetic exports replicated N times
// (every row inside the territory, so every cell is checked: the national
// worst case), read by lireEntrees into an in-memory DuckDB. Prints rows/s,
// duration and peak RSS; --garder keeps the replicated inputs for a next run.
//   ./node_modules/.bin/node src/bench/lecture.ts [--facteur 150] [--dossier DIR] [--garder] [--seulement rpls] [--threads N]
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chargerTerritoire } from '../config/territoire.ts';
import { lireEntrees } from '../ingest/entrees.ts';
import { ouvrirDuckDb } from '../model/db-node.ts';

const { values: args } = parseArgs({
  options: {
    facteur: { type: 'string', default: '150' },
    dossier: { type: 'string' },
    garder: { type: 'boolean', default: false },
    seulement: { type: 'string' },
    threads: { type: 'string' },
  },
});
const facteur = Number(args.facteur);
const t = chargerTerritoire('sicoval');
const dossier = args.dossier ?? mkdtempSync(join(tmpdir(), 'obs-lecture-'));
const entrees = join(dossier, 'entrees');

/**
 * Header once, then the data rows `facteur` times (bytes kept as written). In RPLS the
 * dwelling id gets the copy's number, so that copies are not rejected as duplicates.
 */
async function repliquer(source: string, cible: string): Promise<void> {
  const texte = readFileSync(source, 'latin1');
  const fin = texte.indexOf('\n') + 1;
  const w = createWriteStream(cible, { encoding: 'latin1' });
  w.write(texte.slice(0, fin));
  const corps = texte.slice(fin).endsWith('\n') ? texte.slice(fin) : texte.slice(fin) + '\n';
  const sep = texte.slice(0, fin).includes(';') ? ';' : ',';
  const kId = texte.slice(0, fin).trim().split(sep).indexOf('IDENT_REP');
  const lignes = corps.split('\n');
  for (let k = 0; k < facteur; k++) {
    const copie =
      kId < 0 || k === 0
        ? corps
        : lignes
            .map((l) => {
              if (l === '' || l.includes('"')) return l;
              const v = l.split(sep);
              if (v[kId]) v[kId] += `C${k}`;
              return v.join(sep);
            })
            .join('\n');
    if (!w.write(copie)) await once(w, 'drain');
  }
  w.end();
  await once(w, 'close');
}

if (!existsSync(entrees)) {
  mkdirSync(entrees, { recursive: true });
  for (const nom of readdirSync(t.dossierEntrees)) {
    if (!/\.(csv|txt|tsv)$/i.test(nom)) continue;
    await repliquer(join(t.dossierEntrees, nom), join(entrees, nom));
  }
}
if (args.seulement) {
  for (const nom of readdirSync(entrees)) if (!nom.startsWith(args.seulement)) rmSync(join(entrees, nom));
}

let pic = process.memoryUsage().rss;
const sonde = setInterval(() => (pic = Math.max(pic, process.memoryUsage().rss)), 50);
const db = await ouvrirDuckDb();
const t0 = performance.now();
const r = await lireEntrees({ ...t, dossierEntrees: entrees }, join(dossier, 'travail'), db, args.threads === undefined ? {} : { threads: Number(args.threads) });
const duree = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage();
clearInterval(sonde);
pic = Math.max(pic, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
const lues = r.bilans.reduce((s, b) => s + b.lignesLues, 0);
for (const b of r.bilans) {
  console.log(`${b.fichier.padEnd(30)} lues ${b.lignesLues} chargées ${b.chargees} rejetées ${b.rejetees} hors ${b.horsPerimetre} avertissements ${b.avertissements}`);
}
console.log(`anomalies gardées : ${r.anomalies.length}`);
console.log(
  `${lues} lignes en ${duree.toFixed(1)} s → ${Math.round(lues / duree)} lignes/s ; ` +
    `CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s (processus entier) ; RSS max ${Math.round(pic / 2 ** 20)} Mo`,
);
if (!args.garder) rmSync(dossier, { recursive: true, force: true });
else console.log(`entrées gardées dans ${dossier}`);
