import { describe, expect, it } from 'vitest';
import type { PortalModel } from '../../model/portal.ts';
import { entity, portalEntities } from '../../testing/entities.ts';
import { entityPageView } from '../../views/entity-page-view.ts';
import { siteData } from '../../views/site-data.ts';
import { entityPageHtml } from './entity-page-html.ts';
import { MEMBER_LIMIT } from '../../views/entity-page.ts';

// Crawled text that would run or break out of an attribute if it reached the page unescaped.
const EVIL = `"><script>alert('x')</script><img src=x onerror=alert(1)>&`;
const ESCAPED_TEXT = '&quot;&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&amp;';
const ESCAPED_ATTRIBUTE = `&quot;><script>alert('x')</script><img src=x onerror=alert(1)>&amp;`;

const REPO = { name: 'org', url: 'https://github.com/acme/org', owner: 'acme', defaultBranch: 'main', commit: 'abc' };

function model(entities: PortalModel['entities'], diagnostics: PortalModel['diagnostics'] = []): PortalModel {
  return {
    site: { title: 't', base: '/', entityGraph: 'browser' },
    generatedAt: '',
    repos: [REPO],
    entities,
    diagnostics,
    apis: {},
    docs: { sites: [], redirects: [] },
  } as unknown as PortalModel;
}

function render(entities: PortalModel['entities'], ref: string, diagnostics: PortalModel['diagnostics'] = [], base = '/'): string {
  const m = model(entities, diagnostics);
  const data = siteData(m);
  const item = data.index.get(ref)!;
  return entityPageHtml(entityPageView(item, data), { index: data.index, base, pluginCards: '' });
}

/**
 * No element or attribute the crawled text tried to add: with every quoted attribute value blanked (a value
 * cannot hold a `"`: attributes escape it), what is left is the page's own markup.
 */
function expectInert(html: string): void {
  const tags = html.replace(AVATAR_SCRIPT, '').replace(/="[^"]*"/g, '=""').match(/<[a-z][^>]*>/gi) ?? [];
  expect(tags.length).toBeGreaterThan(20);
  expect(tags.filter((tag) => /^<(script|img src=""[^>]*on)|\son\w+=/i.test(tag))).toEqual([]);
}

// The group page's own script, which hides a profile picture that does not load.
const AVATAR_SCRIPT = /<script type="module">\n {4}for \(const img of document\.querySelectorAll\('img\[data-avatar\]'\)\)[^]*?<\/script>/;

describe('entityPageHtml', () => {
  const entities = portalEntities([
    entity('Group', 'team', { type: 'team', profile: { displayName: EVIL, email: `a"b@x.example`, picture: 'https://x.example/p.png?a=1&b=2' }, members: ['ann'] }, { title: EVIL }),
    entity('User', 'ann', { profile: { displayName: 'Ann' }, memberOf: ['team'] }),
    entity(
      'Component',
      'svc',
      { type: EVIL, lifecycle: 'production', owner: 'team', providesApis: ['pay'], dependsOn: [`resource:gone-${EVIL}`] },
      {
        title: EVIL,
        description: EVIL,
        tags: [EVIL],
        annotations: { 'acme.io/x': EVIL, 'backstage.io/view-url': `https://github.com/acme/org/blob/main/a.yaml?x="${EVIL}` },
        links: [
          { url: `https://grafana.example/d/1?a=1&b="${EVIL}`, title: EVIL, type: 'dashboard' },
          { url: 'javascript:alert(1)', title: 'Bad' },
        ],
      },
    ),
    entity('API', 'pay', { type: 'openapi', owner: 'team', definition: '{}' }),
  ]);

  it('escapes crawled titles, names, descriptions, fields and annotations as text', () => {
    const html = render(entities, 'component:default/svc');
    expectInert(html);
    expect(html).toContain(`<h1>${ESCAPED_TEXT}</h1>`);
    expect(html).toContain(`<dt>acme.io/x</dt><dd>${ESCAPED_TEXT}</dd>`);
    expect(html).toContain(`<dt>Type</dt><dd>${ESCAPED_TEXT}</dd>`);
    // The description is Markdown rendered and sanitised: its text stays text.
    expect(html).toMatch(/<div class="lead markdown" data-description>.*&lt;script&gt;/);
  });

  it('escapes crawled links in attributes and keeps only http(s) links', () => {
    const html = render(entities, 'component:default/svc');
    expect(html).toContain(`<li data-icon="dashboard"><a href="https://grafana.example/d/1?a=1&amp;b=&quot;${ESCAPED_ATTRIBUTE}">${ESCAPED_TEXT}</a></li>`);
    expect(html).toContain(`<a href="https://github.com/acme/org/blob/main/a.yaml?x=&quot;${ESCAPED_ATTRIBUTE}" data-action="view">View source</a>`);
    expect(html).not.toContain('javascript:');
    // A dangling ref is shown as text, its attribute escaped.
    expect(html).toContain('<span class="missing" data-missing="resource:gone-&quot;><script>');
  });

  it('escapes a group profile: name, email and picture', () => {
    const html = render(entities, 'group:default/team');
    expectInert(html);
    expect(html).toMatch(AVATAR_SCRIPT);
    expect(html).toContain(`<p class="profile-name">${ESCAPED_TEXT}</p>`);
    expect(html).toContain('<a href="mailto:a&quot;b@x.example">a&quot;b@x.example</a>');
    expect(html).toContain('<img src="https://x.example/p.png?a=1&amp;b=2" alt=""');
    // A picture that would end its attribute is no picture (entityProfile): the initials show.
    const odd = portalEntities([entity('Group', 'odd', { type: 'team', profile: { picture: 'https://x.example/p.png" onload="alert(1)' } })]);
    expect(render(odd, 'group:default/odd')).not.toContain('<img');
    expect(html).toContain(`<button class="star labelled" data-star="group:default/team" hidden>Star</button>`);
  });

  it('renders the view: cards with entries, the empty ones in one line, members, the graph and the quiet line', () => {
    const html = render(entities, 'component:default/svc', [], '/p/');
    expect(html).toMatch(/^<article class="entity-page" data-kind="component"><p class="crumbs"><a href="\/p\/catalog\/">Catalog<\/a>/);
    expect(html).toContain('<section class="card rel-card" data-card="provided-apis">');
    expect(html).toContain('<span data-card="consumed-apis">Consumes no APIs.</span>');
    expect(html).toContain('<div class="graph-view" data-graph="component:default/svc" data-max="12" data-label=');
    expect(html).toContain('<p class="meta" data-quiet>No problems. No changes recorded.</p>'); // annotations listed
    expect(html.endsWith('</p></article>')).toBe(true);
    const team = render(entities, 'group:default/team');
    expect(team).toContain('<ul class="plain" data-members="direct"><li><a href="/catalog/default/user/ann/">Ann</a></li></ul>');
    expect(team).toContain('<h2 id="owned">Owned entities <span class="count">2</span></h2>');
  });

  it('writes its own punctuation past Latin-1 as character references: a page of Latin-1 text stays one byte a character', () => {
    // A group with more members than its card lists ("and 1 more — see all") and a component (its crumbs "Catalog › Component").
    const users = Array.from({ length: MEMBER_LIMIT + 1 }, (_, i) => entity('User', `u${i}`, { profile: { displayName: `Zoë ${i}` }, memberOf: ['big'] }));
    const crowd = portalEntities([entity('Group', 'big', { type: 'team', children: [] }), entity('Component', 'c', { type: 'service', owner: 'big' }), ...users]);
    const group = render(crowd, 'group:default/big');
    expect(group).toContain(' more &#8212; <a');
    expect(render(crowd, 'component:default/c')).toContain('Catalog</a> &#8250; <a');
    for (const html of [group, render(crowd, 'component:default/c')]) expect(html.match(/[^\u0000-\u00ff]/g)).toBeNull();
  });

  it('lists problems linked into their repo, their text escaped', () => {
    const problem = { severity: 'error' as const, code: 'bad-field', message: EVIL, hint: EVIL, repo: 'org', file: 'catalog-info.yaml', line: 3, column: 5, entity: 'component:default/svc' };
    const html = render(entities, 'component:default/svc', [problem]);
    expectInert(html);
    expect(html).toContain('<a class="badge error" href="#problems">1 problem</a>');
    expect(html).toContain('<a class="mono" href="https://github.com/acme/org/blob/main/catalog-info.yaml#L3">catalog-info.yaml:3:5</a>');
    expect(html).toContain(`<span class="diag-message">${ESCAPED_TEXT}</span>`);
    expect(html).toContain(`<p class="diag-hint">Hint: ${ESCAPED_TEXT}</p>`);
    expect(html).toContain('<p class="meta" data-quiet>No changes recorded.</p>');
  });
});
