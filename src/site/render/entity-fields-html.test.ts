import { describe, expect, it } from 'vitest';
import { repoInfo } from '../../snapshot/memory.ts';
import { entityFieldsHtml } from './entity-fields-html.ts';
import { entity, portalEntities } from '../../testing/entities.ts';
import { indexEntities } from '../../views/entities.ts';

describe('entityFieldsHtml', () => {
  const index = indexEntities(portalEntities([
    entity('Group', 'team', { type: 'team' }, { title: 'The <Team>' }),
    entity('System', 'sys', { owner: 'team' }),
    entity(
      'Component',
      'svc',
      { type: 'service & co', lifecycle: 'production', owner: 'team', system: 'sys', subcomponentOf: 'gone' },
      { tags: ['a<b'], labels: { tier: '"1"' } },
    ),
    entity('Location', 'loc', { target: 'https://x.example/a?b=1&c=2', targets: ['./x<y>.yaml'] }),
    entity('Component', 'raw', { type: 'service', lifecycle: 'production', owner: '' }),
  ]));
  const repo = repoInfo('payments', { owner: 'northwind' });

  it('lists the fields with links to owner and system, and the source', () => {
    const html = entityFieldsHtml(index.get('component:default/svc')!, index, repo, '/p/');
    expect(html).toContain('<dt>Owner</dt><dd><a href="/p/catalog/default/group/team/" title="group:default/team">The &lt;Team&gt;</a></dd>');
    expect(html).toContain('<dt>System</dt><dd><a href="/p/catalog/default/system/sys/">sys</a></dd>');
    expect(html).toContain('<dt>Parent component</dt><dd><span class="missing" title="component:default/gone is not in the catalog">gone <span class="badge">not in the catalog</span></span></dd>');
    expect(html).toContain('<dt>Type</dt><dd>service &amp; co</dd>');
    // No kind (the badge says it), default namespace or usual apiVersion, as Backstage's About card.
    expect(html).not.toMatch(/<dt>(Kind|Namespace|API version)<\/dt>/);
    expect(html).toContain('<li>a&lt;b</li>');
    expect(html).toContain('<li><code>tier: &quot;1&quot;</code></li>');
    expect(html).toContain(`<dt>Source</dt><dd><a href="${repo.url}">northwind/payments</a><span class="meta"> · <a class="mono" href="${repo.url}/blob/main/catalog-info.yaml#L1">catalog-info.yaml:1:1</a></span></dd></dl>`);
    expect(html.startsWith('<dl class="fields"><dt>Owner</dt>')).toBe(true);
  });

  it('links URL targets of a Location and shows other targets as code', () => {
    const html = entityFieldsHtml(index.get('location:default/loc')!, index, undefined, '/');
    expect(html).toContain('<dt>Targets</dt><dd><ul class="plain"><li><a href="https://x.example/a?b=1&amp;c=2">https://x.example/a?b=1&amp;c=2</a></li><li><code>./x&lt;y&gt;.yaml</code></li></ul></dd>');
    expect(html).toContain('<dt>Source</dt><dd><strong>org</strong><span class="meta"> · <code>catalog-info.yaml:1:1</code></span></dd>');
    expect(html).not.toContain('<dt>Owner</dt>');
  });

  it('shows a namespace other than default and an unusual apiVersion', () => {
    const [item] = indexEntities(portalEntities([entity('Component', 'svc', { type: 'service', owner: 't' }, { namespace: 'ops' })])).values();
    item!.entity.apiVersion = 'example.com/v2';
    const html = entityFieldsHtml(item!, index, repo, '/');
    expect(html).toContain('<dt>Namespace</dt><dd>ops</dd>');
    expect(html.endsWith('<dt>API version</dt><dd><code>example.com/v2</code></dd></dl>')).toBe(true);
  });
});
