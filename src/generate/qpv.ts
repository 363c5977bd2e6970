// QPV placement: for EPCIs with QPVs (synthese.json `qpv` block), some of a
// commune's family programmes are moved inside the perimeter of its QPVs.
// Drawn from a stream of its own, after the commune's stock is complete, so the
// stock itself (and every territory without a `qpv` block) is unchanged.
import { lambert93, pointDansDisque } from './geo.ts';
import type { Programme } from './modele.ts';
import { Alea } from './random.ts';
import type { QuartierQpv } from './synthese.ts';
import type { Commune, Territoire } from './territoire.ts';

/** QPVs configured for a commune, in the order of synthese.json. */
export function quartiersDeCommune(territoire: Territoire, code: string): QuartierQpv[] {
  return (territoire.synthese.qpv?.quartiers ?? []).filter((q) => q.commune === code);
}

/**
 * Chooses whole collective family programmes, older ones first (QPV stock is
 * mostly 1960s-1980s collective housing), until each QPV holds about its
 * configured number of dwellings (± half a programme), then places them around
 * one of the QPV's interior points. Returns the dwellings placed per QPV code.
 */
export function placerProgrammesEnQpv(
  territoire: Territoire,
  graine: number,
  commune: Commune,
  programmes: Programme[],
): Map<string, number> {
  const places = new Map<string, number>();
  const quartiers = quartiersDeCommune(territoire, commune.code);
  if (quartiers.length === 0) return places;
  const alea = new Alea(graine, 'qpv', commune.code);
  const candidats = programmes
    .filter((p) => p.type === 'C')
    .map((p) => ({ p, cle: p.annee + alea.reel(0, 25) }))
    .sort((a, b) => a.cle - b.cle)
    .map((c) => c.p);
  const pris = new Set<Programme>();

  for (const q of quartiers) {
    let total = 0;
    for (const p of candidats) {
      if (total >= q.logements) break;
      if (pris.has(p)) continue;
      const n = p.logements.length;
      if (total + n / 2 > q.logements) continue;
      pris.add(p);
      total += n;
      const point = q.points[alea.entier(0, q.points.length - 1)];
      if (!point) throw new Error(`synthese.json : QPV ${q.code} sans point`);
      const [x, y] = pointDansDisque(alea, lambert93(point[0], point[1]), q.rayon_m);
      const dx = x - p.x;
      const dy = y - p.y;
      p.x = x;
      p.y = y;
      for (const l of p.logements) {
        l.x += dx;
        l.y += dy;
      }
      p.qpv = { code: q.code, libelle: q.libelle };
    }
    if (q.logements > 0 && total < q.logements / 2)
      throw new Error(
        `commune ${commune.code} : ${total} logements collectifs placés dans le QPV ${q.code} pour ${q.logements} demandés (parc collectif insuffisant)`,
      );
    places.set(q.code, total);
  }
  return places;
}
