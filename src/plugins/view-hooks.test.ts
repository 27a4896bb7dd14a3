// The view hook's tabs, facets, pages and search records, and cards naming a component the plugin ships: plain
// data in the model for the entities the plugin declares; a hook that throws or returns what it must not costs
// only that part, as a diagnostic naming the plugin (and the entity), and the other plugins' parts are there.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { definePlugin } from './index.ts';
import { runPlugins } from './run.ts';
import { loaded } from './testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-plugin-views-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;

const entities = [
  portalEntity(entity('Component', 'a', {}, { annotations: { 'acme.io/ci': 'passing' } }), { repo: 'r', line: 3 }),
  portalEntity(entity('Component', 'b', {}, { annotations: { 'acme.io/ci': 'failing' } }), { repo: 'r', line: 9 }),
  portalEntity(entity('Component', 'c'), { repo: 'r', line: 12 }),
  portalEntity(entity('Group', 'team-a'), { repo: 'r' }),
];
const run = (plugins: Parameters<typeof runPlugins>[0]['plugins'], env: NodeJS.ProcessEnv = {}) =>
  runPlugins({ plugins, snapshot: memorySnapshot([{ repo: repoInfo('r'), files: {} }]), entities, cacheDir: join(tmp, `c${++n}`), env });

describe('view hooks: tabs, facets, pages, search records, components', () => {
  it('adds tabs, facets, pages and search records as plain data for the entities the plugin declares', async () => {
    const ci = definePlugin({
      name: 'ci',
      view: {
        annotations: ['acme.io/ci'],
        tabs: (item) => ({ id: 'Runs', title: 'CI runs', cards: [{ title: 'Latest', text: item.entity.metadata.annotations!['acme.io/ci'], component: 'badge', props: { state: 'x', fn: () => 1 } }] }),
        facets: [{ id: 'state', title: 'CI', kinds: ['component'], values: (item) => [item.entity.metadata.annotations!['acme.io/ci']!, ' ', 'x'.repeat(100)] }],
        pages: ({ entities: all }) => [
          { path: '', title: 'CI overview', text: `${all.length} entities`, cards: [{ title: 'Failing', rows: [{ label: 'b', value: 'failing', entity: 'component:default/b' }] }], nav: 'CI' },
          { path: 'failing/', title: 'Failing', cards: [] },
        ],
        search: () => [{ path: 'plugins/ci/', title: 'CI overview', content: 'Build health of every component' }],
      },
      components: { badge: new URL('./Badge.astro', import.meta.url) },
    });
    const result = await run([{ ...loaded(ci), componentFiles: { badge: '/portal/Badge.astro' } }]);
    expect(result.diagnostics).toEqual([]);
    expect(result.output.tabs).toEqual({
      'component:default/a': [{ plugin: 'ci', id: 'runs', title: 'CI runs', cards: [{ plugin: 'ci', id: '0', title: 'Latest', text: 'passing', component: 'badge', props: { state: 'x' } }] }],
      'component:default/b': [{ plugin: 'ci', id: 'runs', title: 'CI runs', cards: [{ plugin: 'ci', id: '0', title: 'Latest', text: 'failing', component: 'badge', props: { state: 'x' } }] }],
    });
    expect(result.output.facets).toEqual([{ key: 'ci.state', title: 'CI', kinds: ['component'], values: { 'component:default/a': ['passing', 'x'.repeat(80)], 'component:default/b': ['failing', 'x'.repeat(80)] } }]);
    expect(result.output.pages).toEqual([
      { plugin: 'ci', path: 'plugins/ci/', title: 'CI overview', text: '4 entities', cards: [{ plugin: 'ci', id: '0', title: 'Failing', rows: [{ label: 'b', value: 'failing', entity: 'component:default/b' }] }], nav: 'CI' },
      { plugin: 'ci', path: 'plugins/ci/failing/', title: 'Failing', cards: [] },
    ]);
    expect(result.output.search).toEqual([{ plugin: 'ci', path: 'plugins/ci/', title: 'CI overview', content: 'Build health of every component', kind: 'Plugin' }]);
    expect(result.report.plugins[0]).toMatchObject({ hooks: ['view', 'components'], tabs: 2, pages: 2, search: 1 });
  });

  it('costs a plugin only the part that throws or is malformed, naming the plugin and the entity; the others go on', async () => {
    const broken = definePlugin({
      name: 'broken',
      view: {
        kinds: ['Component'],
        tabs: (item) => {
          if (item.entity.metadata.name === 'b') throw new Error('no runs for b');
          return item.entity.metadata.name === 'c' ? { id: 'bad id', title: 'X', cards: [] } : { id: 'ok', title: 'OK', cards: [{ title: 'Card', component: 'missing' }, { title: 'Fine' }] };
        },
        facets: [{ id: 'f', title: 'F', values: (item) => { if (item.entity.metadata.name === 'a') throw new Error('facet down'); return 'v'; } }],
        pages: () => { throw new Error('pages down'); },
        search: () => [{ path: 'javascript:alert(1)', title: 'X', content: 'x' }],
      },
    });
    const fine = definePlugin({ name: 'fine', view: { tabs: () => ({ id: 'about', title: 'About', cards: [] }), pages: () => [{ path: '', title: 'Fine', cards: [] }] } });
    const result = await run([loaded(broken), loaded(fine)]);
    expect(result.diagnostics.map((d) => [d.message, d.entity ?? '', d.line])).toEqual([
      ['plugin "broken": facet f threw for component:default/a: facet down', 'component:default/a', 3],
      ['plugin "broken": card in tab ok for component:default/a: component "missing" is not one of the plugin\'s components', 'component:default/a', 3],
      ['plugin "broken": tabs hook threw for component:default/b: no runs for b', 'component:default/b', 9],
      ['plugin "broken": tab "bad id" for component:default/c: needs an "id" (letters, digits, "-", "_") and a "title"', 'component:default/c', 12],
      ['plugin "broken": pages hook threw: pages down', '', 0],
      ['plugin "broken": search record "javascript:alert(1)": needs a "path" of a portal page, a "title" and a "content"', '', 0],
    ]);
    expect(result.output.tabs?.['component:default/a']?.map((t) => `${t.plugin}/${t.id}:${t.cards.map((c) => c.title).join()}`)).toEqual(['broken/ok:Fine', 'fine/about:']);
    expect(result.output.tabs?.['group:default/team-a']?.map((t) => t.plugin)).toEqual(['fine']);
    expect(result.output.facets?.[0]?.values).toEqual({ 'component:default/b': ['v'], 'component:default/c': ['v'] });
    expect(result.output.pages?.map((p) => p.path)).toEqual(['plugins/fine/']);
  });

  it('copies a plugin’s browser script when only its tabs or pages show its cards', async () => {
    const script = join(tmp, 'live.js');
    writeFileSync(script, 'console.log(1);\n');
    const inTab = definePlugin({ name: 'in-tab', view: { kinds: ['Group'], tabs: () => ({ id: 'live', title: 'Live', cards: [{ title: 'Now' }] }) } });
    const onPage = definePlugin({ name: 'on-page', view: { pages: () => [{ path: '', title: 'Live', cards: [{ title: 'Now' }] }] } });
    const nowhere = definePlugin({ name: 'nowhere', view: { pages: () => [{ path: '', title: 'Empty', cards: [] }] } });
    const result = await run([loaded(inTab, { browserFile: script }), loaded(onPage, { browserFile: script }), loaded(nowhere, { browserFile: script })]);
    expect(Object.keys(result.output.scripts)).toEqual(['in-tab', 'on-page']);
    expect(result.output.scripts['in-tab']).toMatch(/^_backlot\/plugins\/in-tab\.[0-9a-f]{10}\.js$/);
  });

  it('drops a tab, page or search record holding a token the plugin reads', async () => {
    const leaky = definePlugin({
      name: 'leaky',
      view: {
        tabs: (_, ctx) => ({ id: 't', title: 'T', cards: [{ title: 'Token', text: `key ${ctx.env.PD_TOKEN}` }] }),
        facets: [{ id: 'f', title: 'F', values: (_, ctx) => ctx.env.PD_TOKEN }],
        pages: (ctx) => [{ path: '', title: 'P', text: String(ctx.env.PD_TOKEN), cards: [] }],
        search: (ctx) => [{ path: 'plugins/leaky/', title: 'S', content: String(ctx.env.PD_TOKEN) }],
      },
    });
    const token = 'pd-secret-0123456789';
    const result = await run([loaded(leaky, { env: ['PD_TOKEN'] })], { PD_TOKEN: token });
    expect(JSON.stringify(result.output)).not.toContain(token);
    expect(JSON.stringify(result.diagnostics)).not.toContain(token);
    expect(result.output.pages ?? []).toEqual([]);
    expect(result.output.search ?? []).toEqual([]);
    expect(result.output.tabs?.['component:default/a']?.[0]?.cards).toEqual([]);
    expect(result.diagnostics.length).toBeGreaterThanOrEqual(4 + 2);
  });
});
