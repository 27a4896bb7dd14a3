// Entity pages written from a shell (./shell-pages.ts) are the pages Astro renders, byte for byte: the fixture org,
// with a repo of entities whose titles and descriptions hold every character the layout escapes, built with the
// shell and with Astro rendering every page.

import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { buildSite, fixtureModel, REPO_ROOT } from '../testing/build.ts';
import type { BuildSiteResult } from './build.ts';
import type { PortalModel } from '../../model/portal.ts';
import { SHELL_CHECKS } from './shell-pages.ts';

const work = join(REPO_ROOT, '.backlot', `shell-test-${process.pid}`);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Components with hostile titles and descriptions, and some with none (the layout shows the site's then). */
const hostile = Array.from({ length: 12 }, (_, i) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `cheese-${i}`,
    title: `Tom & Jerry's <"Cheese"> ${i} — ünïcode`,
    ...(i % 3 === 2 ? {} : { description: `Eats "cheese" & <b>more</b>, it's 'fine' (${i}) ✓` }),
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-platform' },
}));

const entityPages = (dir: string) =>
  (readdirSync(join(dir, 'catalog'), { recursive: true }) as string[])
    .map((f) => join('catalog', f))
    .filter((f) => /^catalog\/[^/]+\/[^/]+\/[^/]+\/index\.html$/.test(f) && !/^catalog\/(kind|all)\//.test(f));

describe('entity pages from the shell', () => {
  let model: PortalModel;
  let shell: BuildSiteResult;
  beforeAll(async () => {
    model = await fixtureModel({ repos: { cheese: { 'catalog-info.yaml': hostile.map((e) => stringify(e)).join('---\n') } } });
    shell = await buildSite({ outDir: join(work, 'shell'), model, pagesOnThread: true });
    await buildSite({ outDir: join(work, 'astro'), model: structuredClone(model), pagesOnThread: true, shellPages: false });
  });

  it('finds the pages under a base path too', async () => {
    const based = await fixtureModel({ base: '/portal/' });
    const result = await buildSite({ outDir: join(work, 'based'), base: '/portal/', model: based, pagesOnThread: true });
    const pages = entityPages(join(work, 'based'));
    expect(pages.length).toBeGreaterThan(10);
    expect(readFileSync(join(work, 'based', pages.at(-1)!), 'utf8')).toContain('href="/portal/catalog/');
    expect(result.written!.fromShell).toBeGreaterThan(pages.length / 2);
  });

  it('writes every entity page but the first few of each shape from the shell', () => {
    const pages = entityPages(join(work, 'shell'));
    expect(pages.length).toBeGreaterThan(hostile.length);
    // Astro renders the first pages of each shape (with a description and without: two shells), the rest come from
    // their shell: none was left to Astro by a page that is not its shell with its values.
    expect(shell.written!.fromShell).toBe(pages.length - 2 * (1 + SHELL_CHECKS));
  });

  it('writes every entity page as Astro renders it, escaping included', () => {
    const pages = entityPages(join(work, 'shell'));
    expect(entityPages(join(work, 'astro')).sort()).toEqual(pages.sort());
    const differ = pages.filter((p) => readFileSync(join(work, 'shell', p), 'utf8') !== readFileSync(join(work, 'astro', p), 'utf8'));
    expect(differ).toEqual([]);
    const page = readFileSync(join(work, 'shell', 'catalog/default/component/cheese-11/index.html'), 'utf8');
    expect(page).toContain('<title>Tom &amp; Jerry&#39;s &lt;&quot;Cheese&quot;&gt; 11 — ünïcode ·');
    const described = readFileSync(join(work, 'shell', 'catalog/default/component/cheese-10/index.html'), 'utf8');
    expect(described).toContain('<meta name="description" content="Eats &quot;cheese&quot; &amp; <b>more</b>, it\'s \'fine\' (10) ✓">');
    expect(relative(work, join(work, 'shell'))).toBe('shell');
  });
});
