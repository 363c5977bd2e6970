// Applied to every page at build time: acronyms explained where they first appear (src/site/lib/sigles.ts).
import { defineMiddleware } from 'astro:middleware';
import { glossaire } from './lib/glossaire.ts';
import { expliquerSigles } from './lib/sigles.ts';

export const onRequest = defineMiddleware(async (_contexte, suite) => {
  const reponse = await suite();
  const type = reponse.headers.get('content-type') ?? '';
  if (type && !type.includes('text/html')) return reponse;
  const html = await reponse.text();
  if (!/^\s*<!doctype html/i.test(html)) return new Response(html, reponse);
  return new Response(expliquerSigles(html, glossaire()), { status: reponse.status, headers: reponse.headers });
});
