import { describe, expect, it } from 'vitest';
import type { PortalModel } from '../model/portal.ts';
import { startGraphs } from './build/graphs.ts';
import { handOver, pageData, received } from './handover.ts';

const model = (title: string): PortalModel => ({ site: { title, base: '/' }, generatedAt: '', repos: [], entities: [], diagnostics: [], apis: {}, docs: { sites: [], redirects: [] } });

describe('the hand-over from the build to the pages', () => {
  it('gives the pages the model handed over, until it is taken back', async () => {
    expect(() => received()).toThrow(/No model was handed to the pages/);
    const one = model('One');
    const graphs = startGraphs(one);
    const withdraw = handOver({ model: one, graphs });
    expect(received().model).toBe(one);
    expect(pageData().model.site.title).toBe('One');
    expect(pageData()).toBe(pageData()); // derived once per model
    withdraw();
    await graphs.finish();
    expect(() => received()).toThrow(/No model/);
  });

  it('refuses a second build in the same process while one renders, and the next build sees its own model', async () => {
    const first = { model: model('First'), graphs: startGraphs(model('First')) };
    const withdraw = handOver(first);
    expect(() => handOver({ model: model('Other'), graphs: first.graphs })).toThrow(/already rendering/);
    withdraw();
    const second = { model: model('Second'), graphs: first.graphs };
    const withdrawSecond = handOver(second);
    expect(pageData().model.site.title).toBe('Second');
    withdrawSecond();
    await first.graphs.finish();
  });
});
