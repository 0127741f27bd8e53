/**
 * Automated accessibility checks with axe-core (Deque's engine, as used by Lighthouse and Chrome DevTools),
 * injected into a page of the real browser. Rules: WCAG 2.0/2.1 A and AA, which include colour contrast,
 * labels on every control, names on buttons and links, ARIA validity and landmarks.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** One failed rule, with the elements it failed on: readable in a test's diff. */
export interface AxeViolation {
  rule: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * The WCAG A/AA violations on `page`, or only inside the elements matching `include` (for our UI inside a
 * page we do not own, such as the Gmail stand-in). Shadow roots (open) are checked too.
 */
export async function axeViolations(page: Page, include?: string): Promise<AxeViolation[]> {
  return (await axeRun(page, include)).violations;
}

/** The violations, and how many elements each rule checked and passed (to show a check looked at something). */
export async function axeRun(page: Page, include?: string): Promise<{ violations: AxeViolation[]; passed: Record<string, number> }> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(
    async ({ include, tags }) => {
      const axe = (window as any).axe;
      const context = include ? { include: [[include]] } : document;
      const result = await axe.run(context, { runOnly: { type: 'tag', values: tags } });
      return {
        violations: result.violations.map((v: any) => ({
          rule: v.id,
          impact: v.impact,
          help: v.help,
          nodes: v.nodes.map((n: any) => `${n.target.join(' ')} — ${String(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
        })),
        passed: Object.fromEntries(result.passes.map((p: any) => [p.id, p.nodes.length])),
      };
    },
    { include, tags: TAGS },
  );
}
