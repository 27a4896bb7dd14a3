import { describe, expect, it } from 'vitest';
import type { PortalModel } from '../model/portal.ts';
import { startGraphs } from './build/graphs.ts';
import { handOver, inShare, pageData, pageEntityView, pageForms, received, replaceHandover } from './handover.ts';
import { templateForms } from '../views/create/page-data.ts';
import { PageReuse } from './build/reuse.ts';
import { entityKeys } from './build/page-keys.ts';
import { siteData } from '../views/site-data.ts';
import { entity, portalEntities } from '../testing/entities.ts';

const model = (title: string): PortalModel => ({ site: { title, base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] } });
const forms = templateForms(model('No templates'));

describe('the hand-over from the build to the pages', () => {
  it('gives the pages the model handed over, until it is taken back', async () => {
    expect(() => received()).toThrow(/No model was handed to the pages/);
    const one = model('One');
    const graphs = startGraphs();
    const withdraw = handOver({ model: one, graphs, forms });
    expect(received().model).toBe(one);
    expect(pageData().model.site.title).toBe('One');
    expect(pageData()).toBe(pageData()); // derived once per model
    withdraw();
    await graphs.finish();
    expect(() => received()).toThrow(/No model/);
  });

  it('refuses a second build in the same process while one renders, and the next build sees its own model', async () => {
    const first = { model: model('First'), graphs: startGraphs(), forms };
    const withdraw = handOver(first);
    expect(() => handOver({ model: model('Other'), graphs: first.graphs, forms })).toThrow(/already rendering/);
    withdraw();
    const second = { model: model('Second'), graphs: first.graphs, forms };
    const withdrawSecond = handOver(second);
    expect(pageData().model.site.title).toBe('Second');
    withdrawSecond();
    await first.graphs.finish();
  });

  it('lets `backlot dev` replace the model: pages derive from the new one', async () => {
    const graphs = startGraphs();
    expect(() => replaceHandover({ model: model('Nothing'), graphs, forms })).toThrow(/No model was handed over/);
    const before = { model: model('Before'), graphs, forms };
    const withdraw = handOver(before);
    expect(pageData().model.site.title).toBe('Before');
    const after = { model: model('After'), graphs, forms };
    expect(replaceHandover(after)).toBe(before);
    expect(pageData().model.site.title).toBe('After');
    withdraw(); // the first hand-over's withdrawal no longer takes the new one back
    expect(received()).toBe(after);
    replaceHandover(before);
    withdraw();
    await graphs.finish();
  });

  it('gives the pages the forms handed over', async () => {
    const one = model('One');
    const graphs = startGraphs();
    const own = templateForms(one);
    const withdraw = handOver({ model: one, graphs, forms: own });
    expect(pageForms()).toBe(own);
    withdraw();
    await graphs.finish();
  });

  it('keys a rebuild’s pages: a known page at once, a new one from its page’s view after the hand-over is taken back', async () => {
    const entities = portalEntities([entity('Group', 'team', { type: 'team', children: [] }), entity('Component', 'app', { type: 'service', owner: 'team' })]);
    const one = { ...model('One'), entities };
    const keyOf = entityKeys(siteData(structuredClone(one))); // the same data in another model: keys computed alone
    const [team, app] = entities.map((e) => keyOf(e.ref));
    const paths = entities.map((item) => ({ params: { name: item.entity.metadata.name }, props: { item } }));
    const reuse = new PageReuse({ version: 'v', previous: { 'e/team/index.html': team! } });
    const graphs = startGraphs();
    const withdraw = handOver({ model: one, graphs, forms, reuse });
    const kept = inShare(paths, { route: 'e/[name]', entity: (p) => p.props.item.ref });
    expect(kept.map((p) => p.params.name)).toEqual(['app']); // team's key is the last build's: copied, not rendered
    const view = pageEntityView(entities[1]!); // the page renders, and its view gives its key
    expect(view.own.title).toBe('app');
    withdraw();
    await graphs.finish();
    expect(reuse.keys).toEqual({ 'e/team/index.html': team, 'e/app/index.html': app });
  });
});
