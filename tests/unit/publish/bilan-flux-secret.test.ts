// Attack 3 of issue 11: the réservataire page printed « attributions sur le contingent de la commune : 1 »,
// computed from the private decisions with no secret. The bilans' counts are now cells of the one secret
// (real DuckDB, the same system as every published table); what is computed from a withheld count is
// withheld with it, the later years' objectives included. Values by hand.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ouvrirDuckDb, type DbNode } from '../../../src/model/db-node.ts';
import { appliquerSecretBilanFlux, assemblerBilans, ecrireCellulesBilanFlux, type ResultatBilansFlux } from '../../../src/publish/bilan-flux.ts';
import { appliquerSecretPublication } from '../../../src/confidentialite/secret-publication.ts';
import { tablesSecret, TABLE_SECRET_FLUX } from '../../../src/confidentialite/cellules-publiees.ts';
import type { RealiseAnnee } from '../../../src/model/flux/realise.sql.ts';

let db: DbNode;
beforeAll(async () => {
  db = await ouvrirDuckDb();
});
afterAll(() => db.close());

const R = 'Commune de Baziège';
const fait = (bailleur: string, annee: number, attributions: number, baux_signes: number, prioritaires = 0): RealiseAnnee => ({ reservataire: R, bailleur, annee, attributions, baux_signes, prioritaires });

/** Flux 2 a year from 2024 (model HG) for bailleurs A and B; A: 1 lease in 2024, 7 in 2025; B: 9 then 8. */
function resultat(): ResultatBilansFlux {
  const conv = (bailleur: string) => ({ reservataire: R, bailleur, annee: 2024, modele: 'HG', fluxObjectif: 2, periodeAnnees: null, source: 'convention' });
  const r = assemblerBilans({
    conventions: [conv('A'), conv('B')],
    realise: [fait('A', 2024, 1, 1), fait('A', 2025, 7, 7, 3), fait('B', 2024, 9, 9, 4), fait('B', 2025, 8, 8, 2)],
    annees_decisions: [2024, 2025],
    declares: [],
    seuil: 11,
  });
  return { bilans: r.bilans, annees_decisions: [2024, 2025], seuil_secret: 11, fichier_declares: null, lignes_declarees: 0, erreurs: [] };
}

test('un compte de 1 sur le contingent de la commune n’est plus publié, ni ce qui s’en déduit, ni les objectifs suivants', async () => {
  const r = resultat();
  await ecrireCellulesBilanFlux(db, r, 'E');
  const flux = tablesSecret({ secret: { attributionsMin: 5, menagesOpsMin: 11 } }, false).filter((x) => x.table === TABLE_SECRET_FLUX);
  await appliquerSecretPublication(db, { secret: { attributionsMin: 5, menagesOpsMin: 11 } }, { avecDemande: false, tables: flux });
  const publie = await appliquerSecretBilanFlux(db, r);
  const [a, b] = publie.bilans;
  // A 2024: 1 attribution, 1 lease (primary); 2024 realised 1 → gap −1, carry-over 1: all withheld;
  // A 2025: its objective is 2 + the carry-over of 2024, so it is withheld too; its own counts (7) are published
  expect(a!.annees.map((x) => [x.annee, x.attributions, x.baux_signes, x.realise, x.ecart, x.report_sortant, x.taux_atteinte])).toEqual([
    [2024, null, null, null, null, null, null],
    [2025, 7, 7, 7, null, null, null],
  ]);
  expect(a!.annees.map((x) => [x.report_entrant, x.objectif])).toEqual([[0, 2], [null, null]]);
  expect(a!.annees.every((x) => x.retenu)).toBe(true);
  // B: 9 and 8 published, 2025's objective carries nothing (9 ≥ 2); only « dont prioritaires » (4, 2) is withheld
  expect(b!.annees.map((x) => [x.attributions, x.baux_signes, x.objectif, x.ecart, x.prioritaires, x.secret_prioritaires])).toEqual([
    [9, 9, 2, 7, null, true],
    [8, 8, 2, 6, null, true],
  ]);
  // the page's data hold no withheld count, nor the raw priority households
  const json = JSON.stringify(publie);
  expect(json).not.toContain('prioritairesBruts');
  expect(json).not.toMatch(/"attributions":1[,}]/);
  // the table read by the secret is gone: never written to a file
  expect(await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = '${TABLE_SECRET_FLUX}'`)).toEqual([]);
});
