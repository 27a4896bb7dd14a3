import { describe, expect, it } from 'vitest';
import { entityTabsHtml } from './entity-tabs-html.ts';

describe('entityTabsHtml', () => {
  it('links every tab, marks the current one and escapes titles', () => {
    const html = entityTabsHtml(
      [
        { title: 'Overview', path: 'catalog/default/component/a/', current: false },
        { title: '<GitHub>', path: 'catalog/default/component/a/tab/github/github/', current: true },
      ],
      (p) => `/base/${p}`,
    );
    expect(html).toBe(
      '<nav class="entity-tabs" aria-label="Entity pages" data-pagefind-ignore><ul><li><a href="/base/catalog/default/component/a/">Overview</a></li><li><a href="/base/catalog/default/component/a/tab/github/github/" aria-current="page">&lt;GitHub&gt;</a></li></ul></nav>',
    );
  });

  it('is empty without tabs', () => {
    expect(entityTabsHtml([], (p) => p)).toBe('');
  });
});
