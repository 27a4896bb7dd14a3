import { describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { buildDocs } from './build.ts';
import { createRenderer } from './markdown/render.ts';
import type { RenderCache } from './parallel.ts';

const site = (name: string) => catalogEntity(entity('Component', name, {}, { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } }), { repo: name });
const files = (title: string) => ({ 'mkdocs.yml': 'site_name: S\n', 'docs/index.md': `# ${title}\n\nText.\n`, 'docs/b.md': '# B\n' });

describe('the docs render cache (backlot dev)', () => {
  it('renders again only the sites whose inputs changed, and a kept site comes back whole', async () => {
    const real = await createRenderer();
    let rendered = 0;
    const renderer = { prepare: real.prepare, render: (r: Parameters<typeof real.render>[0]) => (rendered++, real.render(r)) };
    const cache: RenderCache = new Map();
    const entities = [site('alpha'), site('beta')];
    const run = (alpha: string, commit: string) =>
      buildDocs(
        memorySnapshot([
          { repo: repoInfo('alpha', { commit }), files: files(alpha) },
          { repo: repoInfo('beta'), files: files('Beta') },
        ]),
        entities,
        { renderer, cache },
      );
    const first = await run('Alpha', 'a'.repeat(40));
    expect(rendered).toBe(4);
    rendered = 0;
    const second = await run('Alpha two', 'b'.repeat(40));
    expect(rendered).toBe(2); // alpha's two pages; beta's come from the cache
    expect(second.sites.map((s) => s.pages[0]!.title)).toEqual(['Alpha two', 'Beta']);
    expect(second.sites[1]).toEqual(first.sites[1]); // neighbours (prev/next) and all
    expect(cache.size).toBe(2); // only this run's outputs are kept
  });
});
