// Signed leases through the whole pipeline, on a small hand-made export in a temp folder:
// ten dwellings a year (five copies each, for the secrecy threshold) where the rank-1 candidate refuses and the rank-2 candidate signs,
// in 2024 (the Sicoval's threshold is published: arrêté of 13 May 2024, 8 895 €/UC) and in
// 2025 (no threshold published yet). Expected values computed by hand below.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { executerPipeline, type ResultatPipeline } from '../../src/pipeline.ts';
import { ouvrirDuckDb, type DbNode } from '../../src/model/db-node.ts';
import { lit } from '../../src/model/db.ts';
import { FIXTURES } from '../helpers/racine.ts';

const ENTETE =
  'num_unique;bailleur;date_caleol;decision;rang;ident_rep;commune;qpv_code;typologie;financement;reservataire_contingent;reservataire_nom;refus_demandeur;motif_refus;date_bail;mutation;public_prioritaire;categorie_prioritaire;dalo;relogement_anru_orcod;ressources_mensuelles;nb_adultes;nb_enfants_moins_14;nb_personnes_14_plus;etudiant;age_demandeur;composition;situation_pro';

/**
 * Rank-2 candidates (who sign), per year, dwellings 1-10 (one adult, UC = 1; 8 895 € / 12 = 741,25 €/month):
 *   1-6 : 600 €/month = 7 200 €/UC → 1st quartile; 1-2 are students; 1-4 are priority households
 *   7   : 1 000 € (12 000 €/UC) but relogement ANRU → counted in the 1st-quartile numerator
 *   8-10: 1 000 € → above the threshold
 * Rank-1 candidates: 600 €, not priority, refuse, no lease.
 * 2024's dwelling 10 is decided on 15/12/2024 and its lease signed on 10/01/2025: a 2025 lease.
 * In 2025, one more: a priority household signs for the student residence the RPLS lists at Castanet
 * (0030000004, type E) — outside the ACD's perimeter (student-dedicated stock, l.6471).
 */
function lignes(annee: number, k: number): string[] {
  const l: string[] = [];
  for (let i = 1; i <= 10; i++) {
    const id = (n: number) => `0312${k}${annee}${String(i).padStart(3, '0')}${n}X`;
    const caleol = annee === 2024 && i === 10 ? '15/12/2024' : `${String(i).padStart(2, '0')}/03/${annee}`;
    const bail = annee === 2024 && i === 10 ? '10/01/2025' : `${String(i).padStart(2, '0')}/05/${annee}`;
    const logement = `0${k}${annee}${String(i).padStart(4, '0')}`;
    l.push(`${id(1)};Promologis;${caleol};attribution_rang;1;${logement};31048;;T2;PLUS;non_reserve;;oui;localisation;;non;non;;non;non;600;1;0;1;non;30;personne seule;CDD`);
    const prioritaire = i <= 4 ? 'oui' : 'non';
    const ressources = i <= 6 ? 600 : 1000;
    const etudiant = i <= 2 ? 'oui' : 'non';
    const anru = i === 7 ? 'oui' : 'non';
    l.push(`${id(2)};Promologis;${caleol};attribution_rang;2;${logement};31048;;T2;PLUS;non_reserve;;non;;${bail};non;${prioritaire};${prioritaire === 'oui' ? 'PDALHPD' : ''};non;${anru};${ressources};1;0;1;${etudiant};25;personne seule;CDD`);
  }
  return l;
}

let r: ResultatPipeline;
let db: DbNode;
const ligne = (annee: number, bailleur = '*') =>
  db.query(`SELECT * FROM attributions WHERE niveau = 'epci' AND bailleur = ${lit(bailleur)} AND contingent = '*' AND financement = '*' AND qpv = '*' AND periode = 'annee' AND annee = ${annee}`).then((x) => x[0]!);

beforeAll(async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'obs-baux-'));
  const entrees = join(tmp, 'entrees');
  mkdirSync(entrees);
  for (const f of ['rpls_2025.csv', 'ops_2024.csv']) copyFileSync(join(FIXTURES, 'mini', f), join(entrees, f));
  // five copies of the ten dwellings (and of the student lease): every published count reaches the secrecy threshold (5)
  const k5 = [0, 1, 2, 3, 4];
  const etudiant = (k: number) => `03124202599${k}X;Promologis;05/06/2025;attribution;1;0030000004;31113;;T1;PLUS;non_reserve;;non;;01/07/2025;non;oui;PDALHPD;non;non;600;1;0;1;oui;20;personne seule;étudiant`;
  writeFileSync(join(entrees, 'attributions_2024_2025.csv'), [ENTETE, ...k5.flatMap((k) => [...lignes(2024, k), ...lignes(2025, k), etudiant(k)])].join('\n') + '\n');
  const sortie = join(tmp, 'data');
  r = await executerPipeline('sicoval', { entrees, sortie, travail: join(tmp, 'travail'), pages: join(tmp, 'pages.json') });
  db = await ouvrirDuckDb();
  await db.exec(`CREATE VIEW attributions AS SELECT * FROM read_parquet(${lit(join(sortie, 'attributions.parquet'))})`);
});
afterAll(() => db?.close());

describe('rang 1 refuse, rang 2 signe', () => {
  test('les attributions sont les décisions de rang 1 (refusées), les baux ceux du rang 2, datés par leur signature', async () => {
    const a = await ligne(2024);
    expect(a).toMatchObject({ attributions: 50, refus: 50, edl: 0, baux: 45, baux_prioritaires: 20 });
    const b = await ligne(2025);
    // + the January 2025 lease, + the student residence (a lease, but outside the ACD's perimeter)
    expect(b).toMatchObject({ attributions: 55, refus: 50, edl: 5, baux: 60, baux_prioritaires: 20, attributions_acd: 50, prioritaires_acd: 0, prioritaires: 5 });
  });

  test('1er quartile légal 2024 : baux hors QPV sous le seuil 2024 ou relogés ANRU = 7 sur 9 ; hors étudiants 5 sur 7', async () => {
    const a = await ligne(2024);
    expect(a).toMatchObject({ baux_hors_qpv: 45, q1_baux_hors_qpv: 35, q1_baux_hors_qpv_etudiants: 10, baux_hors_qpv_etudiants: 10, baux_hors_qpv_seuil_inconnu: 0 });
    const p = r.pages.epci.attributions.find((l) => l.annee === 2024 && l.periode === 'annee')!;
    expect(p.a5).toBeCloseTo(7 / 9, 12);
    expect(p.a5_hors_etudiants).toBeCloseTo(5 / 7, 12);
    expect(p.a5_decisions).toBeCloseTo(50 / 50, 12); // the refused rank-1 decisions, all under the threshold
  });

  test('2025 sans seuil publié : non calculé, jamais avec le seuil 2024', async () => {
    const b = await ligne(2025);
    expect(b).toMatchObject({ baux_hors_qpv: 60, baux_hors_qpv_seuil_inconnu: 60, q1_inconnu: 55 });
    expect(b.q1_baux_hors_qpv).toBe(5); // only the ANRU relogements, counted whatever the threshold — the rate stays « non calculé »
    const p = r.pages.epci.attributions.find((l) => l.annee === 2025 && l.periode === 'annee')!;
    expect(p.a5).toBeNull();
    expect(p.a5_hors_etudiants).toBeNull();
    expect(p.a5_decisions).toBeNull();
  });

  test('ACD indicateur A 2025 de Promologis = 20 baux de ménages prioritaires signés par des candidats de rang 2 (objectif 20 : atteint par A), résidence étudiante exclue', () => {
    const e = r.pages.acd.evaluation.find((l) => l.bailleur === 'Promologis' && l.annee === 2025)!;
    // without the rank-2 leases A would be 0; B = 0 sur 50 (the rank-1 candidates are not priority households)
    expect(e).toMatchObject({ objectif: 20, attributions: 50, a: 20, a_atteint: true, b: 0, b_atteint: false, objectif_atteint: true });
  });
});
