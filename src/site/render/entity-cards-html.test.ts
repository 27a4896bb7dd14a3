import { describe, expect, it } from 'vitest';
import type { ApiDefinition } from '../../model/apis.ts';
import { entity, portalEntities } from '../../testing/entities.ts';
import { indexEntities } from '../../views/entities.ts';
import { apiSummaryHtml, attribute, linksCardHtml, relationGroupsHtml } from './entity-cards-html.ts';

describe('attribute', () => {
  it('writes attributes as Astro does: none for undefined, bare when empty, & and " escaped', () => {
    expect(attribute('href', undefined)).toBe('');
    expect(attribute('download', '')).toBe(' download');
    expect(attribute('data-count', 3)).toBe(' data-count="3"');
    expect(attribute('href', `https://x.example/?a=1&b="<x>'`)).toBe(` href="https://x.example/?a=1&amp;b=&quot;<x>'"`);
  });
});

describe('entity cards', () => {
  it('says why a definition cannot be read, its message escaped', () => {
    const broken = { format: 'broken', fileName: 'a"b.yaml', error: { message: '<b>bad</b> & worse', line: 3, column: 7 } } as unknown as ApiDefinition;
    const html = apiSummaryHtml(broken, '/d/', '/raw');
    expect(html).toContain('<p><strong>The definition cannot be read.</strong> &lt;b&gt;bad&lt;/b&gt; &amp; worse (line 3, column 7)</p>');
    expect(html).toContain('<a href="/raw" download="a&quot;b.yaml" data-action="download">Download a&quot;b.yaml</a>');
    expect(html).toContain('Show the raw definition');
  });

  it('groups relations by type with a link past the limit, and links by type with icons', () => {
    const index = indexEntities(portalEntities([entity('Component', 'a'), entity('Component', 'b'), entity('Component', 'c')]));
    const targets = ['a', 'b', 'c'].map((n) => ({ ref: `component:default/${n}`, target: index.get(`component:default/${n}`) }));
    const html = relationGroupsHtml([{ type: 'dependsOn', label: 'Depends on', targets }], 2, '/all/', '/');
    expect(html).toMatch(/^<ul class="relations"><li data-relation="dependsOn"><h3>Depends on <span class="count">3<\/span><\/h3><ul class="plain">(<li>.*?<\/li>){2}<\/ul><p class="more">and 1 more &#8212; <a href="\/all\/">see all 3<\/a><\/p><\/li><\/ul>$/);
    expect(relationGroupsHtml([], 2, undefined, '/')).toBe('<p class="muted">No relations.</p>');
    const links = linksCardHtml([{ url: 'https://a.example', title: 'Runbook', type: 'runbook' }, { url: 'https://b.example', type: '<x>' }]);
    expect(links).toContain('<h3>&lt;x&gt;</h3><ul class="plain links"><li><a href="https://b.example">https://b.example</a></li></ul>');
    expect(links).toContain('<li data-icon="docs"><a href="https://a.example">Runbook</a></li>');
  });
});
