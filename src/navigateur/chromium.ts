// The project's own headless browser, for end-to-end tests, the bench and the printed bilan.
// Debian's Chromium when installed; otherwise the Chromium shipped inside the npm package
// @sparticuz/chromium (unpacked offline into the temp folder on first use), so nothing needs apt.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a closed network: no background connections, no first-run or component updates. */
const ARGS_COMMUNS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
];

export interface NavigateurTrouve {
  chemin: string;
  origine: 'variable CHROMIUM_PATH' | 'Chromium du système' | 'paquet npm @sparticuz/chromium';
  args: string[];
}

const SYSTEME = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export async function trouverChromium(): Promise<NavigateurTrouve> {
  const env = process.env.CHROMIUM_PATH;
  if (env) {
    if (!existsSync(env)) throw new Error(`CHROMIUM_PATH désigne ${env}, qui n'existe pas`);
    return { chemin: env, origine: 'variable CHROMIUM_PATH', args: [...ARGS_COMMUNS, '--disable-gpu'] };
  }
  const systeme = SYSTEME.find((p) => existsSync(p));
  if (systeme) return { chemin: systeme, origine: 'Chromium du système', args: [...ARGS_COMMUNS, '--disable-gpu'] };
  const { default: sparticuz } = await import('@sparticuz/chromium');
  const chemin = await sparticuz.executablePath();
  // Its defaults target serverless hosts (--single-process, --no-zygote…); keep only what a test run
  // needs, plus WebGL through the bundled SwiftShader so the map renders. --disable-gpu turns off GPU
  // compositing of every page (SwiftShader emulating a GPU on the CPU) but keeps SwiftShader's WebGL:
  // the e2e project alone on 2 cores, 155 s → 131 s.
  return {
    chemin,
    origine: 'paquet npm @sparticuz/chromium',
    args: [...ARGS_COMMUNS, '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  };
}

export async function lancerChromium(): Promise<Browser> {
  const n = await trouverChromium();
  return chromium.launch({ executablePath: n.chemin, headless: true, args: n.args });
}
