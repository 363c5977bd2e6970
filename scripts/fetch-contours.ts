// npm run fetch-contours [-- --territoire ID] [--communes FICHIER --source-communes TEXTE]
//                        [--qpv FICHIER --generation-qpv ANNEE --source-qpv TEXTE] [--sans-qpv] [--departement 31]
// Writes the outlines a territory ships with (data/territoires/<id>/contours-communes.geojson,
// qpv-<génération>.geojson, contours.json, README-contours.md): only its communes, simplified.
// From a local public file (--communes, --qpv), or else downloaded: IGN Admin Express COG CARTO
// (Géoplateforme WFS) and, for a territory with QPV, the ANCT QPV 2024 perimeters (data.gouv.fr).
// Offline without files, it fails with a French message. See docs/cartes.md.
import { basename } from 'node:path';
import { chargerTerritoire } from '../src/config/territoire.ts';
import { contoursTelecharges, qpvTelecharges } from '../src/publish/geo.ts';
import { telechargerCommunes, telechargerQpv, urlCommunesIgn } from '../src/geo/telechargement.ts';
import { lireFichierContoursCommunes, lireFichierPerimetresQpv } from '../src/geo/contours.ts';
import { deriverContoursCommunes, deriverQpv, ecrireContoursTerritoire, LICENCE_OUVERTE, type SourceContours } from '../src/geo/contours-territoire.ts';
import { argument, drapeau, echouer } from './cli.ts';

try {
  const t = chargerTerritoire(argument('--territoire') ?? process.env.OBS_TERRITOIRE ?? 'sicoval');
  const dep = argument('--departement') ?? t.departement;
  const codes = t.communes.map((c) => c.code);
  const aujourdhui = new Date().toISOString().slice(0, 10);

  // communes: a given file, or the IGN download (kept in data/geo/, not versioned)
  let fichierCommunes = argument('--communes');
  let sourceCommunes: SourceContours;
  if (fichierCommunes) {
    sourceCommunes = { source: argument('--source-communes') ?? 'IGN — Admin Express', licence: LICENCE_OUVERTE, origine: basename(fichierCommunes) };
  } else {
    const b = await telechargerCommunes(dep, codes, contoursTelecharges(dep), { url: process.env.OBS_URL_COMMUNES });
    fichierCommunes = b.fichier;
    sourceCommunes = { source: argument('--source-communes') ?? 'IGN — Admin Express COG CARTO', licence: LICENCE_OUVERTE, origine: `Géoplateforme IGN, service WFS (${process.env.OBS_URL_COMMUNES ? 'adresse donnée' : new URL(urlCommunesIgn(dep)).host}), téléchargé le ${aujourdhui}` };
  }
  const { contours, manquantes, positions } = deriverContoursCommunes(lireFichierContoursCommunes(fichierCommunes), codes);
  if (contours.features.length === 0) throw new Error(`${fichierCommunes} ne contient aucune des ${codes.length} communes du territoire ${t.nom}.`);
  if (manquantes.length) console.warn(`⚠ ${manquantes.length} commune(s) sans contour dans ${basename(fichierCommunes)} : ${manquantes.join(', ')} (millésime différent du COG ?)`);

  // QPV: only for a territory that has some
  let qpv: Parameters<typeof ecrireContoursTerritoire>[3] = null;
  if (t.aDesQpv && !drapeau('--sans-qpv')) {
    let fichierQpv = argument('--qpv');
    let origine: string;
    if (fichierQpv) origine = basename(fichierQpv);
    else {
      const b = await telechargerQpv(qpvTelecharges(), { url: process.env.OBS_URL_QPV });
      fichierQpv = b.fichier;
      origine = `data.gouv.fr, jeu « Quartiers prioritaires de la politique de la ville », téléchargé le ${aujourdhui}`;
    }
    const generation = Number(argument('--generation-qpv') ?? /(20\d\d)/.exec(basename(fichierQpv))?.[1] ?? 2024);
    if (!Number.isInteger(generation) || generation < 2014) throw new Error(`--generation-qpv : année attendue (2015, 2024…), lu « ${argument('--generation-qpv')} »`);
    const perimetres = deriverQpv(lireFichierPerimetresQpv(fichierQpv), codes, contours);
    if (perimetres.features.length === 0) console.warn(`⚠ aucun QPV du territoire dans ${basename(fichierQpv)}`);
    else qpv = { perimetres, generation, source: { source: argument('--source-qpv') ?? `ANCT — QPV ${generation}`, licence: LICENCE_OUVERTE, origine } };
  }

  const commande = `npm run fetch-contours -- ${process.argv.slice(2).map((a) => (/^\//.test(a) ? `…/${basename(a)}` : /\s/.test(a) ? `"${a}"` : a)).join(' ')}`.trim();
  const r = ecrireContoursTerritoire(t.dossier, t.nom, { contours, source: sourceCommunes }, qpv, commande);
  console.log(`✔ ${contours.features.length}/${codes.length} communes du territoire ${t.nom} (${positions.avant} → ${positions.apres} sommets)`);
  if (qpv) console.log(`✔ ${qpv.perimetres.features.length} quartier(s) prioritaire(s), génération ${qpv.generation}`);
  for (const f of r.fichiers) console.log(`  ${t.dossier}/${f.nom} : ${Math.round(f.octets / 1024)} Ko`);
  console.log('Les prochaines constructions (npm run build) utiliseront ces contours.');
} catch (e) {
  echouer(e);
}
