// npm run generate -- [--territoire sicoval] [--graine N] [--sortie DIR]
// Writes the synthetic RPLS, OPS and attribution files of a territory.
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { genererEntrees } from '../src/generate/generer.ts';
import { verifierIdTerritoire } from '../src/config/territoire.ts';

const racine = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const nombre = (n: number, decimales = 0): string =>
  n.toLocaleString('fr-FR', { minimumFractionDigits: decimales, maximumFractionDigits: decimales });
const pct = (num: number, den: number): string => (den === 0 ? '—' : `${nombre((100 * num) / den, 1)} %`);

let args;
try {
  args = parseArgs({
    options: {
      territoire: { type: 'string', default: 'sicoval' },
      graine: { type: 'string' },
      sortie: { type: 'string' },
      aide: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (e) {
  console.error(`Erreur : ${(e as Error).message}`);
  process.exit(2);
}
if (args.aide) {
  console.log('Usage : npm run generate -- [--territoire sicoval] [--graine N] [--sortie DOSSIER]');
  process.exit(0);
}
const graine = args.graine === undefined ? undefined : Number(args.graine);
if (graine !== undefined && !Number.isInteger(graine)) {
  console.error(`Erreur : --graine attend un entier (reçu « ${args.graine} »)`);
  process.exit(2);
}

try {
  // only a folder of data/territoires/: the id also names the folder the files are written to
  const territoire = verifierIdTerritoire(args.territoire ?? 'sicoval');
  const r = await genererEntrees({
    racine,
    territoire,
    graine,
    sortie: args.sortie === undefined ? undefined : resolve(args.sortie),
  });
  console.log(`Données synthétiques « ${r.territoire} » (graine ${r.graine}) → ${relative(process.cwd(), r.sortie) || '.'}`);
  for (const f of r.fichiers)
    console.log(`  ${f.nom.padEnd(32)} ${nombre(f.lignes).padStart(8)} lignes  ${nombre(f.ms / 1000, 2).padStart(6)} s`);
  for (const [annee, b] of r.bilans) {
    const horsEtudiants = b.attributions - b.etudiants;
    const q1 = b.q1Etudiants + b.q1HorsEtudiants;
    console.log(
      `  attributions ${annee} : ${nombre(b.attributions)} (${nombre(b.candidats)} candidats), étudiants ${pct(b.etudiants, b.attributions)}, ` +
        `prioritaires ${pct(b.prioritaires, b.attributions)}, 1er quartile ${pct(q1, b.attributions)} ` +
        `(hors étudiants ${pct(b.q1HorsEtudiants, horsEtudiants)}, dont étudiants ${pct(b.q1Etudiants, q1)}), ` +
        `mutations ${pct(b.mutations, b.attributions)}, refus ${pct(b.refus, b.attributions)}, baux ${pct(b.baux, b.attributions)}`,
    );
    const objectifs = r.objectifsAcd.filter((o) => o.annee === annee);
    if (objectifs.length > 0) {
      const detail = objectifs.map((o) => `${o.bailleur} ${b.edlPrioritaires.get(o.bailleur) ?? 0}/${o.objectif}`).join(', ');
      console.log(`    EDL prioritaires / objectif ACD ${annee} : ${detail}`);
    }
  }
  console.log(`Terminé en ${nombre(r.ms / 1000, 2)} s.`);
} catch (e) {
  console.error(`Erreur : ${(e as Error).message}`);
  process.exit(1);
}
