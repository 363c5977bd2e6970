// Writes the three synthetic input files of a territory, commune by commune:
// only one commune's dwellings are in memory, rows are streamed to disk.
import { mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { writeFileAtomic } from '../lib/atomic.ts';
import { empreinte } from '../lib/empreinte.ts';
import { performance } from 'node:perf_hooks';
import { COLONNES_ATTRIBUTIONS, GenerateurAttributions, type BilanAnnee } from './attributions.ts';
import { FichierCsv } from './csv.ts';
import { COLONNES_DEMANDES, GenerateurDemandes, type BilanDemandes } from './demandes.ts';
import { ID_NATIONAL } from './national.ts';
import { COLONNES_OPS, lignesOpsCommune } from './ops.ts';
import { genererParcCommune, type ContexteParc } from './parc.ts';
import { planifierParc } from './plan.ts';
import { Alea, brouilleur } from './random.ts';
import { chargerReferences } from './references.ts';
import { COLONNES_RPLS, ligneRpls } from './rpls.ts';
import { chargerTerritoire } from './territoire.ts';

export interface OptionsGeneration {
  /** Repository root (holds data/). */
  racine: string;
  territoire: string;
  graine?: number;
  /** Output folder; default data/territoires/<id>/entrees/. */
  sortie?: string;
  /**
   * Also write the demand extract (src/generate/demandes.ts). Default: yes, except for the national
   * benchmark territory, which measures the pipeline on France's RPLS size without it.
   */
  demandes?: boolean;
}

export interface FichierEcrit {
  nom: string;
  chemin: string;
  lignes: number;
  /** Time spent drawing and writing this file's rows. */
  ms: number;
}

export interface ResultatGeneration {
  territoire: string;
  graine: number;
  sortie: string;
  fichiers: FichierEcrit[];
  ms: number;
  bilans: Map<number, BilanAnnee>;
  objectifsAcd: { annee: number; bailleur: string; objectif: number }[];
  /** demand extract: active demands at 31 December and satisfied demands, per year (null: not generated) */
  demandes: BilanDemandes | null;
}

export function nomsFichiers(millesimeRpls: number, vagueOps: number, annees: number[]): { rpls: string; ops: string; attributions: string } {
  const premiere = Math.min(...annees);
  const derniere = Math.max(...annees);
  return {
    rpls: `rpls_${millesimeRpls}.csv`,
    ops: `ops_${vagueOps}.csv`,
    attributions: premiere === derniere ? `attributions_${premiere}.csv` : `attributions_${premiere}_${derniere}.csv`,
  };
}

export async function genererEntrees(options: OptionsGeneration): Promise<ResultatGeneration> {
  const debut = performance.now();
  const territoire = chargerTerritoire(options.racine, options.territoire);
  const s = territoire.synthese;
  const graine = options.graine ?? s.graine;
  const sortie = resolve(options.sortie ?? join(territoire.dossier, 'entrees'));
  mkdirSync(sortie, { recursive: true });

  const references = chargerReferences(territoire);
  const plans = planifierParc(territoire, references);

  // Generated IDENT_REP: a seeded bijection of a counter, skipping the real ids of the reference rows.
  // Each pass gets a fresh context so both passes draw the very same stock.
  const reels = new Set(references.map((r) => r.identRep).filter(Boolean));
  const contexte = (): ContexteParc => {
    const brouiller = brouilleur(new Alea(graine, 'ident-rep'), 8);
    let compteur = 0;
    return {
      territoire,
      graine,
      millesime: s.millesime_rpls,
      nouvelIdentifiant: (): string => {
        for (;;) {
          const id = `00${brouiller(compteur++)}`;
          if (!reels.has(id)) return id;
        }
      },
      rotationParBailleur: new Map(territoire.bailleurs.map((b) => [b.nom, b.rotationPct])),
    };
  };
  const generateurAttributions = new GenerateurAttributions(territoire, graine, s.millesime_rpls);

  // Pass 1 counts the commission passages (cheap, nothing kept but counts).
  const tComptage = performance.now();
  const ctxComptage = contexte();
  for (const plan of plans) generateurAttributions.compterCommune(genererParcCommune(ctxComptage, plan));
  const dureeComptage = performance.now() - tComptage;
  const ctx = contexte();

  const noms = nomsFichiers(s.millesime_rpls, s.vague_ops, s.annees_attributions);
  const rpls = FichierCsv.ouvrir(join(sortie, noms.rpls), COLONNES_RPLS);
  const ops = FichierCsv.ouvrir(join(sortie, noms.ops), COLONNES_OPS);
  const attributions = FichierCsv.ouvrir(join(sortie, noms.attributions), COLONNES_ATTRIBUTIONS);
  const temps = { rpls: 0, ops: 0, attributions: dureeComptage };

  try {
    for (const plan of plans) {
      let t0 = performance.now();
      const programmes = genererParcCommune(ctx, plan);
      for (const p of programmes) for (const l of p.logements) await rpls.ecrire(ligneRpls(territoire, l, s.millesime_rpls));
      let t1 = performance.now();
      temps.rpls += t1 - t0;
      t0 = t1;
      for (const ligne of lignesOpsCommune(territoire, graine, programmes, s.vague_ops)) await ops.ecrire(ligne);
      t1 = performance.now();
      temps.ops += t1 - t0;
      t0 = t1;
      for (const ligne of generateurAttributions.lignesCommune(programmes)) await attributions.ecrire(ligne);
      temps.attributions += performance.now() - t0;
    }
    const t0 = performance.now();
    await Promise.all([rpls.fermer(), ops.fermer(), attributions.fermer()]);
    const fermeture = (performance.now() - t0) / 3;
    temps.rpls += fermeture;
    temps.ops += fermeture;
    temps.attributions += fermeture;
  } catch (e) {
    await Promise.all([rpls.abandonner(), ops.abandonner(), attributions.abandonner()]);
    throw e;
  }

  // demand extract, drawn from the decisions just written (src/generate/demandes.ts)
  const tDemandes = performance.now();
  const generateurDemandes = new GenerateurDemandes(territoire, graine);
  let demandes: FichierCsv | null = null;
  let bilanDemandes: BilanDemandes | null = null;
  if (options.demandes ?? territoire.id !== ID_NATIONAL) {
    demandes = FichierCsv.ouvrir(join(sortie, generateurDemandes.nomFichier()), COLONNES_DEMANDES);
    try {
      bilanDemandes = await generateurDemandes.ecrire(attributions.chemin, demandes);
      await demandes.fermer();
    } catch (e) {
      await demandes.abandonner();
      throw e;
    }
  }
  const msDemandes = performance.now() - tDemandes;

  // marker read by the pipeline: pages say "données synthétiques" only while these exact files are the inputs
  const generes = [rpls, ops, attributions, ...(demandes ? [demandes] : [])].map((f) => ({ nom: basename(f.chemin), sha256: empreinte(f.chemin) }));
  await writeFileAtomic(join(sortie, 'SYNTHETIQUE.json'), JSON.stringify({ generateur: 'npm run generate', territoire: territoire.id, graine, fichiers: generes }, null, 2) + '\n');

  return {
    territoire: territoire.id,
    graine,
    sortie,
    fichiers: [
      { nom: noms.rpls, chemin: rpls.chemin, lignes: rpls.lignes, ms: temps.rpls },
      { nom: noms.ops, chemin: ops.chemin, lignes: ops.lignes, ms: temps.ops },
      { nom: noms.attributions, chemin: attributions.chemin, lignes: attributions.lignes, ms: temps.attributions },
      ...(demandes ? [{ nom: generateurDemandes.nomFichier(), chemin: demandes.chemin, lignes: demandes.lignes, ms: msDemandes }] : []),
    ],
    ms: performance.now() - debut,
    bilans: generateurAttributions.bilans,
    objectifsAcd: territoire.objectifsAcd,
    demandes: bilanDemandes,
  };
}
