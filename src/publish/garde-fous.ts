// What stops a publication: a broken export must not replace a good site.
// - most of a file's rows rejected (data/config/garde-fous.json, rejets_max_pct);
// - far fewer rows, or fewer years, of one kind of export than the previous
//   publication (its manifeste.json), unless the build is told to accept it
//   (--accepter-baisse, recorded in the new manifest).
// Truncated files and duplicated decisions are caught by the import itself
// (src/ingest/importer.ts, src/ingest/entrees.ts).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { GardeFous } from '../config/garde-fous.ts';
import type { BilanFichier } from '../ingest/importer.ts';
import { nombre } from '../lib/format-fr.ts';

export type FormatEntree = 'rpls' | 'ops' | 'attributions' | 'demandes';
/** Loaded rows and years of one kind of export: what the next publication is compared with. */
export interface ResumeFormat {
  format: FormatEntree;
  lignes_chargees: number;
  annees: number[];
  /** attributions: the month (YYYY-MM) of the exports' last decision or lease, not after the run's day — the ACD's 31 March freeze */
  jusqu_au?: string | null;
}

const LIBELLES: Record<FormatEntree, string> = {
  rpls: 'RPLS (logements)',
  ops: 'OPS (occupation)',
  attributions: 'décisions de CALEOL',
  demandes: 'demandes de logement',
};
const NOMS: Record<FormatEntree, RegExp> = {
  rpls: /^rpls/i,
  ops: /^ops/i,
  attributions: /^(attributions|caleol)/i,
  demandes: /^(demandes?|sne|imhoweb)/i,
};

/** Files whose share of rejected rows (among the territory's rows) is above the threshold. */
export function controlerRejets(bilans: BilanFichier[], cfg: GardeFous): string[] {
  const motifs: string[] = [];
  for (const b of bilans) {
    const duTerritoire = b.lignesLues - b.horsPerimetre;
    if (duTerritoire <= 0 || b.rejetees === 0) continue;
    const part = (100 * b.rejetees) / duTerritoire;
    if (part > cfg.rejetsMaxPct) {
      motifs.push(
        `${b.fichier} : ${nombre(b.rejetees)} ligne(s) rejetée(s) sur ${nombre(duTerritoire)} (${nombre(Math.round(part))} %, au-delà du seuil de ${nombre(cfg.rejetsMaxPct)} %) — ` +
          `export cassé, mauvais format ou lignes en double ? Le détail est dans le rapport de qualité (npm run check-data)`,
      );
    }
  }
  return motifs;
}

interface ManifestePrecedent {
  donnees_synthetiques?: boolean;
  entrees?: { fichier: string; chargees: number }[];
  entrees_par_format?: ResumeFormat[];
}

/** The previous publication's manifest in `dossier`, or null (first publication, unreadable manifest). */
export function lireManifestePrecedent(dossier: string): ManifestePrecedent | null {
  const f = join(dossier, 'manifeste.json');
  if (!existsSync(f)) return null;
  try {
    return JSON.parse(readFileSync(f, 'utf8')) as ManifestePrecedent;
  } catch {
    return null;
  }
}

/** Per kind of export of a manifest; an older manifest (without `entrees_par_format`) gives rows only, from its file names. */
function resumesPrecedents(m: ManifestePrecedent): ResumeFormat[] {
  if (m.entrees_par_format) return m.entrees_par_format;
  const r: ResumeFormat[] = [];
  for (const format of Object.keys(NOMS) as FormatEntree[]) {
    const fichiers = (m.entrees ?? []).filter((e) => NOMS[format].test(e.fichier));
    if (fichiers.length) r.push({ format, lignes_chargees: fichiers.reduce((s, e) => s + (e.chargees ?? 0), 0), annees: [] });
  }
  return r;
}

/**
 * Losses against the previous publication: a kind of export gone, far fewer rows, years lost.
 * Synthetic data replaced by real exports are not compared (the previous numbers were not real).
 */
export function controlerBaisse(actuel: ResumeFormat[], precedent: ManifestePrecedent | null, synthetique: boolean, cfg: GardeFous): string[] {
  if (!precedent || (precedent.donnees_synthetiques && !synthetique)) return [];
  const motifs: string[] = [];
  for (const p of resumesPrecedents(precedent)) {
    if (p.lignes_chargees <= 0) continue;
    const a = actuel.find((x) => x.format === p.format) ?? { format: p.format, lignes_chargees: 0, annees: [] };
    const baisse = (100 * (p.lignes_chargees - a.lignes_chargees)) / p.lignes_chargees;
    if (baisse > cfg.baisseLignesMaxPct) {
      motifs.push(
        `${LIBELLES[p.format]} : ${nombre(a.lignes_chargees)} ligne(s) chargée(s) contre ${nombre(p.lignes_chargees)} à la publication précédente ` +
          `(baisse de ${nombre(Math.round(baisse))} %, au-delà du seuil de ${nombre(cfg.baisseLignesMaxPct)} %)`,
      );
    }
    if (p.annees.length && a.annees.length + cfg.anneesEnMoinsMax < p.annees.length) {
      const perdues = p.annees.filter((x) => !a.annees.includes(x));
      motifs.push(
        `${LIBELLES[p.format]} : ${a.annees.length} année(s) (${a.annees.join(', ') || 'aucune'}) contre ${p.annees.length} à la publication précédente (${p.annees.join(', ')}) ; ` +
          `années disparues : ${perdues.join(', ')}`,
      );
    }
  }
  return motifs;
}
