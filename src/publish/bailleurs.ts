// Published table `bailleurs`: each bailleur of the territory configuration
// (data/territoires/<id>/bailleurs.csv) with its ACD rotation class, read by the
// ACD capacity simulator (src/model/acd/capacite.ts) at build time and in the browser.
import type { Territoire } from '../config/territoire.ts';
import { lit, type Db } from '../model/db.ts';

export async function publierBailleurs(db: Db, t: Territoire): Promise<{ lignes: number }> {
  await db.exec(`CREATE OR REPLACE TABLE pub_bailleurs (bailleur VARCHAR, classe_rotation_acd_pct INTEGER, variantes VARCHAR)`);
  if (t.bailleurs.length) {
    await db.exec(`INSERT INTO pub_bailleurs VALUES ${t.bailleurs
      .map((b) => `(${lit(b.nom)}, ${lit(Math.round(b.classeRotationPct))}, ${lit(b.variantes.join('|'))})`)
      .join(', ')}`);
  }
  const [n] = await db.query(`SELECT count(*)::INTEGER AS n FROM pub_bailleurs`);
  return { lignes: Number(n?.n) };
}
