// axe-core (node_modules/axe-core) in the real browser: serious and critical violations of WCAG 2.1 AA.
// The page's context needs `bypassCSP: true` (axe is injected as an inline script).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const REGLES = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

interface Violation { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }

export async function axeGraves(p: Page): Promise<string[]> {
  if (!(await p.evaluate(() => 'axe' in window))) await p.addScriptTag({ content: AXE });
  const violations = (await p.evaluate(async (regles) => {
    // resultTypes: only violations get their full node details (passes and the rest are still evaluated): ≈ 20 % faster
    const r = await (window as unknown as { axe: { run(c: Document, o: object): Promise<{ violations: unknown[] }> } }).axe.run(document, { runOnly: { type: 'tag', values: regles }, resultTypes: ['violations'] });
    return r.violations;
  }, REGLES)) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) : ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}
