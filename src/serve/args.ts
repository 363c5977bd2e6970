/** Command-line options of `npm run serve` (French flag names). */
import { parseArgs } from 'node:util';

export interface ServeArgs {
  dossier: string;
  port: number;
  hote: string;
  journal: boolean;
  aide: boolean;
}

export const DEFAULT_SERVE_ARGS: Readonly<ServeArgs> = {
  dossier: 'dist',
  port: 4321,
  hote: '127.0.0.1',
  journal: false,
  aide: false,
};

export const SERVE_USAGE = `Usage : npm run serve [-- --dossier dist --port 4321 --hote 127.0.0.1 --journal]

  --dossier <chemin>  dossier du site construit (défaut : dist)
  --port <n>          port d'écoute, 0 = port libre au hasard (défaut : 4321)
  --hote <adresse>    interface d'écoute (défaut : 127.0.0.1, accessible de cette machine seulement ;
                      0.0.0.0 pour l'ouvrir au réseau local)
  --journal           affiche une ligne par requête
  --aide              affiche cette aide`;

/** Throws an Error with a French message on invalid input. */
export function parseServeArgs(argv: readonly string[]): ServeArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        dossier: { type: 'string' },
        port: { type: 'string' },
        hote: { type: 'string' },
        journal: { type: 'boolean' },
        aide: { type: 'boolean', short: 'h' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(`option invalide (${detail})\n\n${SERVE_USAGE}`, { cause: error });
  }
  const port = values.port === undefined ? DEFAULT_SERVE_ARGS.port : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || values.port?.trim() === '') {
    throw new Error(`port invalide : « ${values.port ?? ''} » (entier entre 0 et 65535 attendu)`);
  }
  const dossier = values.dossier ?? DEFAULT_SERVE_ARGS.dossier;
  if (dossier.trim() === '') throw new Error('--dossier ne peut pas être vide');
  const hote = values.hote ?? DEFAULT_SERVE_ARGS.hote;
  if (hote.trim() === '') throw new Error('--hote ne peut pas être vide');
  return {
    dossier,
    port,
    hote,
    journal: values.journal ?? false,
    aide: (values.aide ?? false) || (values.help ?? false),
  };
}
