// npm run fetch-contours [-- --territoire ID] [-- --sans-qpv]
// Downloads the official contours the maps use when available (see docs/cartes.md):
//   data/geo/communes-<département>.geojson  IGN Admin Express COG CARTO, Géoplateforme WFS
//   data/geo/qpv-2024.geojson                ANCT, QPV 2024 perimeters (data.gouv.fr)
// Addresses can be replaced with OBS_URL_COMMUNES / OBS_URL_QPV (mirror, other vintage).
// Offline, it fails with a French message; the build goes on without contours.
import { chargerTerritoire } from '../src/config/territoire.ts';
import { contoursTelecharges, qpvTelecharges } from '../src/publish/geo.ts';
import { telechargerCommunes, telechargerQpv } from '../src/geo/telechargement.ts';
import { argument, drapeau, echouer } from './cli.ts';

try {
  const t = chargerTerritoire(argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval');
  const dep = argument('--departement') ?? t.departement;
  const codes = t.communes.map((c) => c.code);
  const erreurs: string[] = [];
  try {
    const b = await telechargerCommunes(dep, codes, contoursTelecharges(dep), { url: process.env.OBS_URL_COMMUNES });
    console.log(`✔ ${b.fichier} : ${b.entites} communes, dont ${b.duTerritoire}/${codes.length} du territoire ${t.nom}`);
  } catch (e) {
    erreurs.push((e as Error).message);
  }
  if (!drapeau('--sans-qpv')) {
    try {
      const b = await telechargerQpv(qpvTelecharges(), { url: process.env.OBS_URL_QPV });
      console.log(`✔ ${b.fichier} : ${b.entites} quartiers prioritaires`);
    } catch (e) {
      erreurs.push((e as Error).message);
    }
  }
  if (erreurs.length) throw new Error(erreurs.join('\n\n'));
  console.log('Les prochaines constructions (npm run build) utiliseront ces contours.');
} catch (e) {
  echouer(e);
}
