import { describe, expect, it } from 'vitest';
import { docsHits, type DocsResultData } from './docs-search.ts';

const at = (weight: number) => ({ weight, balanced_score: weight * 10 });

describe('docsHits', () => {
  it('links each page to its best-matching section, the page title without the site name', () => {
    const results: DocsResultData[] = [
      {
        url: '/docs/default/component/a/guide/setup/',
        excerpt: 'page excerpt',
        meta: { title: 'Setup – Handbook' },
        sub_results: [
          { title: 'Setup – Handbook', url: '/docs/default/component/a/guide/setup/', excerpt: 'top', weighted_locations: [at(1)] },
          { title: 'Install', url: '/docs/default/component/a/guide/setup/#install', excerpt: 'run <mark>npm</mark>', weighted_locations: [at(1), at(2)] },
          { title: 'Secrets', url: '/docs/default/component/a/guide/setup/#secrets', excerpt: 'sec', weighted_locations: [at(1)] },
          { title: 'Other', url: '/docs/default/component/a/guide/setup/#other', excerpt: 'o', weighted_locations: [at(0.5)] },
        ],
      },
      { url: '/docs/default/component/a/', excerpt: 'home', meta: { title: 'Handbook' } },
    ];
    expect(docsHits(results, 'Handbook')).toEqual([
      {
        title: 'Setup › Install',
        url: '/docs/default/component/a/guide/setup/#install',
        excerpt: 'run <mark>npm</mark>',
        more: [
          { title: 'Setup – Handbook', url: '/docs/default/component/a/guide/setup/', excerpt: 'top' },
          { title: 'Secrets', url: '/docs/default/component/a/guide/setup/#secrets', excerpt: 'sec' },
        ],
      },
      { title: 'Handbook', url: '/docs/default/component/a/', excerpt: 'home', more: [] },
    ]);
  });

  it('keeps the page when the words are above its first heading', () => {
    const [hit] = docsHits([{ url: '/d/', excerpt: 'e', meta: { title: 'Home – H' }, sub_results: [{ title: 'Home – H', url: '/d/', excerpt: 'x', weighted_locations: [at(1)] }] }], 'H');
    expect(hit).toMatchObject({ title: 'Home', url: '/d/', excerpt: 'x' });
  });
});
