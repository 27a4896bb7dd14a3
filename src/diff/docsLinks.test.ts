import { describe, expect, it } from 'vitest';
import type { DocsPage, DocsSite } from '../model/docs.ts';
import { indexDocsLinks } from './docsLinks.ts';
import { diffCatalogs, formatDiff } from './index.ts';
import { catalogOf, type Draft } from './testing.ts';

function site(entityRef: string, pages: Array<[title: string, html: string]>): DocsSite {
  const [kind, rest] = entityRef.split(':') as [string, string];
  const [namespace, name] = rest.split('/') as [string, string];
  const url = `/portal/docs/${namespace}/${kind}/${name}/`;
  return {
    entityRef, namespace, kind, name, url, siteName: name, repo: name, rootDir: '', docsDir: 'docs', nav: [], assets: [],
    pages: pages.map(([title, html], i): DocsPage => ({
      path: i ? `p${i}/` : '', url: i ? `${url}p${i}/` : url, title, html, headings: [], sourcePath: `docs/p${i}.md`, hasMermaid: false, hasCode: false,
    })),
  };
}

describe('docs pages that link to entities', () => {
  it('finds links to entity and docs pages under the base, as paths or URLs of the site, once per page', () => {
    const sites = [
      site('component:default/handbook', [
        ['Start', '<p><a href="/portal/catalog/default/api/orders-api/">Orders</a> and <a href="/portal/catalog/default/api/orders-api/#x">again</a></p>'],
        ['Guide', '<a class="x" href="https://acme.github.io/portal/docs/default/Component/Billing/setup/?a=1&amp;b=2">billing</a>'],
        // Another site, another base, the kind list, its own entity: none of them count.
        ['Other', '<a href="https://elsewhere.example/portal/catalog/default/api/orders-api/">x</a><a href="/catalog/default/api/orders-api/">x</a>' +
          '<a href="/portal/catalog/kind/api/">APIs</a><a href="/portal/docs/default/component/handbook/p1/">self</a>'],
      ]),
      site('component:default/billing', [['Billing', '<a href="/portal/catalog/default/api/orders-api">Orders API</a>']]),
    ];
    const index = indexDocsLinks(sites, '/portal/', 'https://acme.github.io');
    expect(Object.fromEntries([...index].map(([ref, pages]) => [ref, pages.map((p) => `${p.entity} ${p.title} ${p.url}`)]))).toEqual({
      'api:default/orders-api': ['component:default/handbook Start /portal/docs/default/component/handbook/', 'component:default/billing Billing /portal/docs/default/component/billing/'],
      'component:default/billing': ['component:default/handbook Guide /portal/docs/default/component/handbook/p1/'],
    });
    // Without the site's URL, only paths count.
    expect([...indexDocsLinks(sites, '/portal/').keys()]).toEqual(['api:default/orders-api']);
  });

  it('a removed entity’s impact lists the docs pages linking to it with their owners, and whom to tell', async () => {
    const org: Draft[] = [
      { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
      { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
      { kind: 'API', name: 'orders-api', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.3\n' } },
      { kind: 'Component', name: 'handbook', spec: { type: 'documentation', lifecycle: 'production', owner: 'team-b' } },
      { kind: 'Component', name: 'orders', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } },
    ];
    const docs = indexDocsLinks(
      [
        site('component:default/handbook', [['Ordering <things>', '<a href="/portal/catalog/default/api/orders-api/">Orders</a>']]),
        site('component:default/orders', [['Orders', '<a href="/portal/docs/default/api/orders-api/">API docs</a>']]),
      ],
      '/portal/',
    );
    const diff = await diffCatalogs(catalogOf(org), catalogOf(org.filter((d) => d.name !== 'orders-api')), { docs });
    const impact = diff.impacts.find((i) => i.ref === 'api:default/orders-api')!;
    expect(impact.docs).toEqual([
      { title: 'Ordering <things>', url: '/portal/docs/default/component/handbook/', entity: 'component:default/handbook', owner: 'group:default/team-b', otherOwner: true },
      { title: 'Orders', url: '/portal/docs/default/component/orders/', entity: 'component:default/orders', owner: 'group:default/team-a', otherOwner: false },
    ]);
    // A broken link is news, not a failure: only entities count for the exit code.
    expect(diff.summary.breakingOtherOwner).toBe(0);
    const md = formatDiff(diff, 'markdown');
    expect(md).toContain('| group:team-b | docs "Ordering \\<things\\>" |');
    expect(md).toContain('  - affects 2:\n    - docs page "Ordering \\<things\\>" (/portal/docs/default/component/handbook/) of component:handbook links to it, owner group:team-b ⚠ another owner');
    expect(formatDiff(diff, 'text')).toContain('    docs page "Orders" (/portal/docs/default/component/orders/) of component:orders links to it, owner group:team-a\n');
  });

  it('bounds the docs pages per change like the entities, and says it was cut', async () => {
    const org: Draft[] = [{ kind: 'Component', name: 'gone', spec: { type: 'service', lifecycle: 'production', owner: 'team-a' } }];
    const pages = Array.from({ length: 5 }, (_, i): [string, string] => [`Page ${i}`, '<a href="/catalog/default/component/gone/">gone</a>']);
    const diff = await diffCatalogs(catalogOf(org), [], { docs: indexDocsLinks([site('component:default/handbook', pages)], '/'), limit: 3 });
    expect(diff.impacts[0]!.docs!.map((d) => d.title)).toEqual(['Page 0', 'Page 1', 'Page 2']);
    expect(diff.impacts[0]!.truncated).toBe(true);
  });
});
