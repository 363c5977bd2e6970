// The naive commune fiche: DuckDB-WASM started on page open, every table
// downloaded, and every number of the fiche computed in the browser with the
// indicator SQL (the queries src/publish/pages.ts runs at build time for a commune).
import { requeteAttributions } from '../../model/indicateurs/attributions.ts';
import { requeteOccupation } from '../../model/indicateurs/occupation.ts';
import { requeteParcPar, requeteParcSynthese, type DimensionParc } from '../../model/indicateurs/parc.ts';
import { nombre } from '../../lib/format-fr.ts';
import type { Db } from '../../model/db.ts';
import { chargerArrow, demarrer, publier } from './commun.ts';

const DIMENSIONS: DimensionParc[] = ['financement', 'type_logement', 'pieces', 'periode_construction', 'dpe', 'pmr', 'bailleur', 'commune_insee', 'en_qpv'];

async function zone(db: Db, niveau: 'commune' | 'epci', code: string, filtreParc: Record<string, string>, millesime: number, annee: number, vague: number, bailleurs: string[], contingents: string[], premier?: (logements: number) => void): Promise<number> {
  let n = 0;
  const q = async (sql: string) => {
    n++;
    return db.query(sql);
  };
  const [parc] = await q(requeteParcSynthese({ ...filtreParc, millesime }));
  premier?.(Number(parc?.logements ?? 0));
  for (const d of DIMENSIONS) await q(requeteParcPar(d, { ...filtreParc, millesime }));
  for (const periode of ['T1', 'T2', 'T3', 'annee'] as const) await q(requeteAttributions({ niveau, code, annee, periode }));
  for (const contingent of contingents) await q(requeteAttributions({ niveau, code, annee, contingent }));
  for (const bailleur of bailleurs) await q(requeteAttributions({ niveau, code, annee, bailleur }));
  await q(requeteOccupation({ niveau, code, vague }));
  if (niveau === 'commune') await q(requeteOccupation({ niveau: 'residence', parent: code, vague }));
  await q(requeteAttributions({ niveau, code }));
  return n;
}

try {
  const ds = document.body.dataset;
  const code = ds.commune!;
  const t0 = performance.now();
  const m = await demarrer();
  const t1 = performance.now();
  await chargerArrow(m, ds.donnees!, ['communes', 'parc', 'attributions', 'occupation', 'objectifs_acd']);
  const t2 = performance.now();
  const un = async (sql: string) => (await m.db.query(sql))[0] ?? {};
  const millesime = Number((await un(`SELECT max(millesime) AS m FROM parc`)).m);
  const annee = Number((await un(`SELECT max(annee) AS a FROM attributions`)).a);
  const vague = Number((await un(`SELECT max(vague) AS v FROM occupation`)).v);
  const distincts = async (col: string) => (await m.db.query(`SELECT DISTINCT ${col} AS v FROM attributions WHERE ${col} <> '*' ORDER BY 1`)).map((r) => String(r.v));
  const bailleurs = await distincts('bailleur');
  const contingents = await distincts('contingent');
  let premier = 0;
  let requetes = await zone(m.db, 'commune', code, { commune_insee: code }, millesime, annee, vague, bailleurs, contingents, (logements) => {
    const el = document.querySelector('[data-testid=bref-parc] [data-valeur]');
    if (el) el.textContent = nombre(logements);
    premier = performance.now();
  });
  // the fiche compares every figure with the EPCI
  requetes += await zone(m.db, 'epci', ds.siren!, {}, millesime, annee, vague, [], []);
  const t3 = performance.now();
  publier({ debut: t0, instanciation: t1 - t0, chargement: t2 - t1, premierChiffre: premier, tousLesChiffres: t3, requetes });
} catch (e) {
  publier({ erreur: String(e) });
}
