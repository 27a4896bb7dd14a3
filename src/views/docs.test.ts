import { describe, expect, it } from 'vitest';
import type { DocsPage, DocsSite } from '../model/docs.ts';
import type { PortalModel } from '../model/portal.ts';
import { docsIndex, docsRoutes, docsSubject, docsUrlOf, navHolds, sortedSites, tocHeadings } from './docs.ts';
import { indexEntities } from './entities.ts';

const page = (path: string, headings: DocsPage['headings'] = []): DocsPage => ({
  path,
  url: `/docs/default/component/svc/${path}`,
  title: path || 'Home',
  html: '<h1>x</h1>',
  headings,
  sourcePath: `docs/${path || 'index'}.md`,
  hasMermaid: false,
  hasCode: false,
});

const site = (name: string, siteName: string, pages: DocsPage[]): DocsSite => ({
  entityRef: `component:default/${name}`,
  namespace: 'default',
  kind: 'component',
  name,
  url: `/docs/default/component/${name}/`,
  siteName,
  repo: name,
  rootDir: '',
  docsDir: 'docs',
  nav: [],
  pages,
  assets: [],
});

const model = (docs: PortalModel['docs']): PortalModel => ({ site: { title: 'T', base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [], apis: {}, docs });

describe('docs lib', () => {
  const svc = site('svc', 'Service', [page(''), page('guide/setup/')]);
  const m = model({
    sites: [svc, site('alpha', 'alpha docs', [page('')])],
    redirects: [
      { entityRef: 'component:default/relay', from: '/docs/default/component/relay/', to: '/docs/default/component/svc/guide/setup/' },
      { entityRef: 'component:default/svc', from: '/docs/default/component/svc/', to: '/docs/default/component/alpha/' },
    ],
  });

  it('finds an entity’s docs, its own or the ones it points at', () => {
    const index = docsIndex(m);
    expect(docsUrlOf(index, 'Component:default/SVC')).toBe('/docs/default/component/svc/');
    expect(docsUrlOf(index, 'component:default/relay')).toBe('/docs/default/component/svc/guide/setup/');
    expect(docsUrlOf(index, 'component:default/none')).toBeUndefined();
    expect(docsUrlOf(docsIndex(model({ sites: [], redirects: [] })), 'component:default/svc')).toBeUndefined();
  });

  it('makes a route per page and a redirect per techdocs-entity, never over a real page', () => {
    expect(docsRoutes(m).map((r) => [r.params.name, r.params.page, r.props.type])).toEqual([
      ['svc', undefined, 'page'],
      ['svc', 'guide/setup', 'page'],
      ['alpha', undefined, 'page'],
      ['relay', undefined, 'redirect'],
    ]);
  });

  it('tells which nav entries hold the current page', () => {
    const section = { type: 'section' as const, title: 'Guide', children: [{ type: 'page' as const, title: 'Setup', path: 'guide/setup/', url: '' }] };
    expect(navHolds(section, 'guide/setup/')).toBe(true);
    expect(navHolds(section, '')).toBe(false);
    expect(navHolds({ type: 'link', title: 'x', url: 'https://x' }, '')).toBe(false);
  });

  it('keeps h2 and h3 in the table of contents and sorts sites by name', () => {
    const p = page('', [
      { depth: 2, id: 'a', text: 'A' },
      { depth: 3, id: 'b', text: 'B' },
      { depth: 4, id: 'c', text: 'C' },
    ]);
    expect(tocHeadings(p).map((h) => h.id)).toEqual(['a', 'b']);
    expect(sortedSites(docsIndex(m)).map((s) => s.siteName)).toEqual(['alpha docs', 'Service']);
  });
});

describe('docsSubject', () => {
  // The owner as the graph resolved it: the ownedBy relation.
  const item = (ref: string, metadata: Record<string, unknown>, owner?: string) => {
    const [kind, rest] = ref.split(':') as [string, string];
    const relations = owner ? [{ type: 'ownedBy', targetRef: owner }] : [];
    return { ref, entity: { apiVersion: 'backstage.io/v1alpha1', kind: kind === 'group' ? 'Group' : 'Component', metadata: { name: rest.split('/')[1]!, ...metadata }, spec: {}, relations }, source: { repo: 'r', file: 'f', line: 1, column: 1 } };
  };
  it('names the documented entity and links its owner when both are in the catalog; says the owner as written otherwise', () => {
    const svc = site('svc', 'Svc', [page('')]);
    const index = indexEntities([item('component:default/svc', { title: 'The Service' }, 'group:default/team-a'), item('group:default/team-a', { title: 'Team A' })]);
    expect(docsSubject(svc, index)).toEqual({ ref: 'component:default/svc', title: 'The Service', kind: 'Component', owner: 'group:default/team-a', ownerLink: { ref: 'group:default/team-a', title: 'Team A' } });
    const orphan = indexEntities([item('component:default/svc', {}, 'group:default/team-gone')]);
    expect(docsSubject(svc, orphan)).toMatchObject({ title: 'svc', owner: 'group:default/team-gone', ownerText: expect.stringContaining('team-gone') });
    expect(docsSubject(svc, indexEntities([]))).toEqual({ title: 'svc', kind: 'component' });
  });
});
