// axe-core on a page in a test: injected into the loaded page once and run with only violations in detail.
// @axe-core/playwright's AxeBuilder injected it into every frame and returned every pass with all its nodes: 2-4 s
// a page on the busy 2-core machine, this 0.2-0.7 s (measured in portal.browser.test.ts).

import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeFindings {
  violations: axe.Result[];
  /** How many rules passed: proof that axe did check the page. */
  passes: number;
}

/** axe's findings on the page as it is now; `include` limits them to a part (a CSS selector), `tags` to rule tags. */
export async function runAxe(page: Page, options: { include?: string; tags?: string[] } = {}): Promise<AxeFindings> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  return page.evaluate(async ({ include, tags }) => {
    const result = await (window as unknown as { axe: typeof axe }).axe.run(include ? { include: [[include]] } : document, { resultTypes: ['violations'], ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}) });
    return { violations: result.violations, passes: result.passes.length };
  }, { include: options.include ?? null, tags: options.tags ?? null });
}

/** The serious and critical violations, each as `rule: up to three targets`. */
export function serious(findings: AxeFindings): string[] {
  return findings.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}
