// Worker thread entry: imports one file after another as the main thread asks
// (importerFichier with the options of options-import.ts, the same as in the
// main thread) and answers with the file's report and anomalies, or its error.
import { parentPort } from 'node:worker_threads';
import { ErreurFichier } from './lecteur-delimite.ts';
import { importerTache, type ReponseImport, type TacheImport } from './import-parallele.ts';

parentPort!.on('message', async (t: TacheImport) => {
  const { bilan, anomalies, erreur } = await importerTache(t);
  const reponse: ReponseImport = bilan
    ? { ok: true, bilan, anomalies }
    : {
        ok: false,
        fichier: erreur instanceof ErreurFichier,
        message: erreur?.message ?? 'erreur inconnue',
        ligne: erreur instanceof ErreurFichier ? erreur.ligne : undefined,
        pile: erreur?.stack,
        anomalies,
      };
  parentPort!.postMessage(reponse);
});
