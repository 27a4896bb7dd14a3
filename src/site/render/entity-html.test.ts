import { describe, expect, it } from 'vitest';
import { entityHref, graphPlaceholderHtml, refLinkHtml, relationCardHtml, emptyCardsHtml, relationsGraphHtml, targetItemsHtml, targetLinkHtml } from './entity-html.ts';
import { relationCards } from '../../views/relations.ts';
import type { GraphLayout } from '../../views/graph-layout.ts';
import { entity, portalEntities } from '../../testing/entities.ts';
import { indexEntities } from '../../views/entities.ts';

const EVIL = `<img src=x onerror="alert('x')">&`;

describe('targetLinkHtml', () => {
  const index = indexEntities(portalEntities([
    entity('Component', 'svc', { type: 'service', owner: 'team' }, { title: EVIL }),
    entity('Group', 'team', { type: 'team', profile: { displayName: 'The "Team"' } }),
    entity('Resource', 'db', { owner: 'team' }),
  ]));

  it('links to the entity page with its display name, kind and type, and a note', () => {
    const team = index.get('group:default/team')!;
    expect(targetLinkHtml(team.ref, team, '/portal/')).toBe('<a href="/portal/catalog/default/group/team/">The &quot;Team&quot;</a><span class="meta"> team</span>');
    expect(targetLinkHtml(team.ref, team, '/', { showKind: true, note: 'via A & B' })).toBe(
      '<a href="/catalog/default/group/team/">The &quot;Team&quot;</a><span class="meta"> Group · team · via A &amp; B</span>',
    );
    const db = index.get('resource:default/db')!;
    expect(targetLinkHtml(db.ref, db, '/')).toBe('<a href="/catalog/default/resource/db/">db</a>');
    expect(targetLinkHtml(db.ref, db, '/', { showKind: true })).toBe('<a href="/catalog/default/resource/db/">db</a><span class="meta"> Resource</span>');
    expect(targetLinkHtml(db.ref, db, '/', { note: 'via A' })).toBe('<a href="/catalog/default/resource/db/">db</a><span class="meta"> · via A</span>');
  });

  it('escapes crawled titles and refs', () => {
    const svc = index.get('component:default/svc')!;
    const html = targetLinkHtml(svc.ref, svc, '/');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;&amp;</a>');
    expect(html).not.toContain('<img');
    const missing = targetLinkHtml(`component:default/"><script>`, undefined, '/');
    expect(missing).toBe('<span class="missing" data-missing="component:default/&quot;><script>">component:&quot;&gt;&lt;script&gt; <span class="badge">not in the catalog</span></span>');
  });

  it('shows an unparseable ref as written', () => {
    expect(targetLinkHtml('no-kind', undefined, '/')).toBe('<span class="missing" data-missing="no-kind">no-kind <span class="badge">not in the catalog</span></span>');
  });

  it('lists entries as <li>s', () => {
    const db = index.get('resource:default/db')!;
    expect(targetItemsHtml([{ ref: db.ref, target: db }, { ref: 'api:default/gone' }], '/', true)).toBe(
      '<li><a href="/catalog/default/resource/db/">db</a><span class="meta"> Resource</span></li>' +
        '<li><span class="missing" data-missing="api:default/gone">api:gone <span class="badge">not in the catalog</span></span></li>',
    );
    expect(targetItemsHtml([], '/')).toBe('');
  });
});

describe('refLinkHtml', () => {
  const index = indexEntities(portalEntities([entity('Group', 'team', { type: 'team' }, { title: 'A & B' }), entity('System', 'sys', { owner: 'team' })]));

  it('links by ref, titled with the ref when it shows a title other than the name, or marks a missing ref without the default kind', () => {
    expect(refLinkHtml('group:default/team', index, '/')).toBe('<a href="/catalog/default/group/team/" title="group:default/team">A &amp; B</a>');
    expect(refLinkHtml('system:default/sys', index, '/')).toBe('<a href="/catalog/default/system/sys/">sys</a>');
    expect(refLinkHtml('Group:default/Team', index, '/')).toContain('href="/catalog/default/group/team/"');
    expect(refLinkHtml('group:default/gone', index, '/', 'group', 'not in catalog')).toBe(
      '<span class="missing" title="group:default/gone is not in the catalog">gone <span class="badge">not in catalog</span></span>',
    );
    expect(refLinkHtml('group:ops/gone"', index, '/')).toBe(
      '<span class="missing" title="group:ops/gone&quot; is not in the catalog">group:ops/gone&quot; <span class="badge">not in the catalog</span></span>',
    );
  });
});

describe('relationsGraphHtml', () => {
  const index = indexEntities(portalEntities([entity('Component', 'svc', { type: 'service', owner: 'team' })]));
  const layout: GraphLayout = {
    width: 400,
    height: 100,
    nodes: [
      { id: 'component:default/svc', kind: 'Component', title: 'svc', entity: index.get('component:default/svc')!, center: true, x: 4, y: 8 },
      { id: 'group:default/team', kind: 'Group', title: 'A very long team title, cut short', missing: true, x: 200, y: 8 },
      { id: 'thing:default/x', kind: 'constructor', title: '<b>', x: 0, y: 60 },
    ],
    edges: [{ from: 'group:default/team', to: 'component:default/svc', label: 'owner <of>', path: 'M1 2L3 4', labelX: 100, labelY: 10 }],
  };

  it('draws nodes, edges and labels, linking catalog nodes and escaping text', () => {
    const html = relationsGraphHtml(layout, 'svc & friends', '/p/', true);
    expect(html.startsWith('<div class="graph-box scroll"> <svg class="graph" viewBox="0 0 400 100" width="400" height="100" role="group" aria-label="svc &amp; friends">')).toBe(true);
    // The arrow and the label anchor are set once, on their groups.
    expect(html).toContain('<g class="edges" aria-hidden="true" marker-end="url(#graph-arrow)"><path d="M1 2L3 4"/></g>');
    expect(html).toContain('<g class="edge-labels" aria-hidden="true" text-anchor="middle"><text x="100" y="14">owner &lt;of&gt;</text></g>');
    // A title shown whole needs no tooltip; the box's size and corners are CSS.
    expect(html).toContain(
      '<a href="/p/catalog/default/component/svc/"><g class="node k-component center" transform="translate(4 8)"><rect/><text x="12" y="17" class="nk">Component</text><text x="12" y="34" class="nt">svc</text></g></a>',
    );
    // Not in the catalog: no link, marked, the title cut to 22 characters.
    expect(html).toContain(
      '<g class="node k-group missing" transform="translate(200 8)"><title>group:default/team (not in the catalog)</title><rect/><text x="12" y="17" class="nk">Group · not in catalog</text><text x="12" y="34" class="nt">A very long team titl&#8230;</text></g>',
    );
    // Unknown kinds (even ones named like Object's own properties) get the generic outline.
    expect(html).toContain('<g class="node k-other" transform="translate(0 60)"><rect/><text x="12" y="17" class="nk">constructor</text><text x="12" y="34" class="nt">&lt;b&gt;</text></g>');
    expect(relationsGraphHtml(layout, 'x', '/')).toMatch(/^<div class="graph-box"> /);
  });
});

describe('relationCardHtml', () => {
  const index = indexEntities(portalEntities([
    entity('System', 'sys', { owner: 't' }),
    ...Array.from({ length: 3 }, (_, i) => entity('Component', `c${i}`, { type: 'service', owner: 't', system: 'sys' })),
    entity('API', 'api', { type: 'openapi', owner: 't', system: 'sys', definition: 'x' }),
  ]));
  const { cards } = relationCards(index.get('system:default/sys')!.entity, index);
  const card = (id: string) => cards.find((c) => c.id === id)!;

  it('lists the first entries and links the full list beyond them', () => {
    const html = relationCardHtml(card('components'), 2, '/all/?a=1&b="2"', '/');
    expect(html.startsWith('<section class="card rel-card" data-card="components"><h3>Components <span class="count">3</span></h3><ul class="plain"><li>')).toBe(true);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html.endsWith('</ul><p class="more">and 1 more &#8212; <a href="/all/?a=1&amp;b=&quot;2&quot;">see all 3</a></p></section>')).toBe(true);
  });

  it('shows the empty text of an empty card', () => {
    expect(relationCardHtml(card('resources'), 20, '/all/', '/')).toContain('<h3>Resources <span class="count">0</span></h3><p class="muted">No resources.</p></section>');
  });

  it('says the empty cards in one line, each by its id', () => {
    expect(emptyCardsHtml([card('resources')])).toBe('<p class="meta" data-empty-cards><span data-card="resources">No resources.</span></p>');
    expect(emptyCardsHtml([])).toBe('');
  });
});

describe('entityHref', () => {
  it('is the entity page under the base, lower-cased', () => {
    const [item] = indexEntities(portalEntities([entity('Component', 'Svc-A', { type: 'service', owner: 't' }, { namespace: 'Ops' })])).values();
    expect(entityHref(item!, '/')).toBe('/catalog/ops/component/svc-a/');
    expect(entityHref(item!, '/portal/')).toBe('/portal/catalog/ops/component/svc-a/');
    expect(entityHref(item!, '/')).toBe('/catalog/ops/component/svc-a/');
  });
});

describe('graphPlaceholderHtml', () => {
  const options = { center: 'component:default/svc', depth: 1, dataHref: '/portal/catalog/graph.json', omitted: 0 };

  it("leaves the site's graph file, the base and the script's defaults to the script, and says anything else", () => {
    const html = graphPlaceholderHtml('svc & co', '/portal/', options);
    expect(html.startsWith('<div class="graph-view" data-graph="component:default/svc" data-label="svc &amp; co"><div class="graph-box">')).toBe(true);
    expect(html).not.toMatch(/data-(src|base)=/);
    const other = graphPlaceholderHtml('svc', '/portal/', { ...options, depth: 2, fullDepth: 3, omitted: 4, maxNodes: 12, dataHref: '/other/graph.json' });
    expect(other).toContain(' data-depth="2" data-full-depth="3" data-src="/other/graph.json" data-omitted="4" data-max="12" data-label="svc">');
  });
});
