// Cold start of the explorer's first answer with the data as Arrow IPC
// (what the product ships) or as one .duckdb file read by HTTP range requests.
import { requeteAttributions } from '../../model/indicateurs/attributions.ts';
import { attacherDuckDb, chargerArrow, demarrer, publier } from './commun.ts';

const p = new URLSearchParams(location.search);
const mode = p.get('mode') ?? 'arrow';
try {
  const t0 = performance.now();
  const m = await demarrer();
  const t1 = performance.now();
  if (mode === 'duckdb') await attacherDuckDb(m, document.body.dataset.duckdb!);
  else await chargerArrow(m, document.body.dataset.donnees!, ['attributions']);
  const t2 = performance.now();
  const lignes = await m.db.query(requeteAttributions({ niveau: 'commune', code: p.get('code') ?? '31113', annee: Number(p.get('annee') ?? 2025) }));
  const t3 = performance.now();
  // a second, different query once loaded (what a filter change costs): every year of the commune
  const lignes2 = await m.db.query(requeteAttributions({ niveau: 'commune', code: p.get('code') ?? '31113' }));
  const t4 = performance.now();
  publier({ mode, debut: t0, instanciation: t1 - t0, chargement: t2 - t1, requete: t3 - t2, requeteSuivante: t4 - t3, total: t3, lignes: lignes.length + lignes2.length });
} catch (e) {
  publier({ mode, erreur: String(e) });
}
