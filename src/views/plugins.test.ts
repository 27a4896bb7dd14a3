// What pages show of plugins: the entity page's tab bar, the tab pages to write, the header's links to plugins'
// pages, the scripts a page loads, and plugins' search records beside the entities'.

import { describe, expect, it } from 'vitest';
import type { PluginCard } from '../model/plugins.ts';
import type { PortalModel } from '../model/portal.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { entityTabLinks, pluginNavLinks, pluginScripts, pluginTabPages } from './plugins.ts';
import { navLinks } from './nav.ts';
import { entityRecords } from './search.ts';

const card = (plugin: string): PluginCard => ({ plugin, id: '0', title: 'T' });
const model = {
  site: { title: 'T', base: '/' },
  generatedAt: '2026-12-06T00:00:00Z',
  repos: [],
  entities: [portalEntity(entity('Component', 'a')), portalEntity(entity('Component', 'b'))],
  diagnostics: [],
  apis: {},
  docs: { sites: [], redirects: [] },
  plugins: {
    cards: {},
    scripts: { ci: '_backlot/plugins/ci.abc.js' },
    tabs: { 'component:default/a': [{ plugin: 'ci', id: 'runs', title: 'CI runs', cards: [card('ci')] }, { plugin: 'cost', id: 'month', title: 'Cost', cards: [card('cost')] }] },
    pages: [
      { plugin: 'ci', path: 'plugins/ci/', title: 'CI', cards: [], nav: 'CI' },
      { plugin: 'ci', path: 'plugins/ci/failing/', title: 'Failing', cards: [] },
    ],
    search: [{ plugin: 'ci', path: 'plugins/ci/', title: 'CI overview', content: 'Build health', kind: 'Report' }],
  },
} satisfies PortalModel;

describe('plugin views', () => {
  it('gives the entity page a tab bar, Overview first, the shown tab current; none without tabs', () => {
    expect(entityTabLinks(model, 'component:default/a')).toEqual([
      { title: 'Overview', path: 'catalog/default/component/a/', current: true },
      { title: 'CI runs', path: 'catalog/default/component/a/tab/ci/runs/', current: false },
      { title: 'Cost', path: 'catalog/default/component/a/tab/cost/month/', current: false },
    ]);
    expect(entityTabLinks(model, 'component:default/a', 'cost/month').map((l) => l.current)).toEqual([false, false, true]);
    expect(entityTabLinks(model, 'component:default/b')).toEqual([]);
    expect(pluginTabPages(model).map((p) => `${p.ref} ${p.tab.plugin}/${p.tab.id}`)).toEqual(['component:default/a ci/runs', 'component:default/a cost/month']);
  });

  it('links the pages that ask for it in the header, and loads only the scripts of the plugins a page shows', () => {
    expect(pluginNavLinks(model)).toEqual([{ id: 'plugin:ci', label: 'CI', path: 'plugins/ci/' }]);
    // In the header's nav after the portal's own sections, before Problems.
    expect(navLinks(model).map((l) => l.id)).toEqual(['home', 'catalog', 'docs', 'search', 'create', 'changes', 'plugin:ci', 'problems']);
    expect(pluginScripts(model, [card('ci'), card('ci'), card('cost')])).toEqual(['_backlot/plugins/ci.abc.js']);
  });

  it('indexes plugins’ search records after the entities, filtered by their kind', async () => {
    expect((await entityRecords(model)).slice(2)).toEqual([{ url: '/plugins/ci/', content: 'Build health.', meta: { title: 'CI overview', kind: 'Report' }, filters: { kind: ['Report'] } }]);
  });
});
