// Headless Chromium driven by playwright-core: Debian's when installed, else the one shipped in an npm package.
import type { Page, Request } from 'playwright-core';

export { lancerChromium } from '../../src/navigateur/chromium.ts';

/** Records every request a page makes, to prove nothing leaves localhost. */
export function journalRequetes(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r: Request) => urls.push(r.url()));
  return urls;
}

export function horsLocal(urls: string[]): string[] {
  return urls.filter((u) => {
    if (u.startsWith('data:') || u.startsWith('blob:') || u === 'about:blank') return false;
    const h = new URL(u).hostname;
    return !(h === '127.0.0.1' || h === 'localhost' || h === '[::1]');
  });
}
