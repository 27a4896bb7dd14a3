import { describe, expect, it } from 'vitest';
import { fixtureModel } from '../testing/build.ts';
import { siteData } from '../../views/site-data.ts';
import { componentYaml } from '../../testing/entities.ts';
import { entityKeys } from './page-keys.ts';
import { entityPageView } from '../../views/entity-page-view.ts';
import type { PortalModel } from '../../model/portal.ts';

const keysOf = (model: PortalModel) => {
  const keyOf = entityKeys(siteData(model));
  return new Map(model.entities.map((e) => [e.ref, keyOf(e.ref)]));
};

const notes = (description: string) => ({ 'catalog-info.yaml': componentYaml('notes', { owner: 'team-platform', extra: `  description: ${description}\n` }) });

describe('entity page keys', () => {
  it('are the same for the same data, and change for an entity and every entity whose pages show it', async () => {
    const before = keysOf(await fixtureModel({ repos: { notes: notes('Takes notes.') } }));
    expect(keysOf(await fixtureModel({ repos: { notes: notes('Takes notes.') } }))).toEqual(before);
    const after = keysOf(await fixtureModel({ repos: { notes: notes('Takes better notes.') } }));
    const changed = [...after].filter(([ref, key]) => before.get(ref) !== key).map(([ref]) => ref).sort();
    // The component, its owner (its cards), the owner's parent and members (owned "with child groups" and "with
    // their groups"); not the other team, its members or the payments side.
    expect(changed).toEqual(expect.arrayContaining(['component:default/notes', 'group:default/team-platform', 'group:default/engineering']));
    expect(changed).not.toContain('group:default/team-payments');
    expect(changed).not.toContain('component:default/payments-service');
    expect(changed).not.toContain('api:default/payments-api');
  });

  it('do not change with a repo’s head commit, which no page shows', async () => {
    const model = await fixtureModel({ repos: { notes: notes('Takes notes.') } });
    const before = keysOf(model);
    const pushed = structuredClone(model);
    for (const repo of pushed.repos) repo.commit = `${repo.commit}-pushed`;
    expect(keysOf(pushed)).toEqual(before);
    const renamed = structuredClone(model); // another model: keys are memoised per model
    renamed.site.title = 'Another portal';
    const retitled = keysOf(renamed);
    expect([...retitled].every(([ref, key]) => before.get(ref) !== key)).toBe(true);
  });

  it('hash what the page graph draws without walking it (its nodes are the entity’s relation targets), and how it is drawn', async () => {
    const model = await fixtureModel({ repos: { notes: notes('Takes notes.') } });
    const data = siteData(model);
    let drawn = 0;
    for (const item of model.entities) {
      const targets = new Set([item.ref, ...(item.entity.relations ?? []).map((r) => r.targetRef)]);
      const { graph } = entityPageView(item, data);
      for (const node of graph.nodes) expect(targets, `${item.ref} draws ${node.id}`).toContain(node.id);
      drawn += graph.nodes.length > 1 ? 1 : 0;
    }
    expect(drawn).toBeGreaterThan(5);
    const before = keysOf(model);
    const inBrowser = structuredClone(model);
    inBrowser.site.entityGraph = 'browser';
    const after = keysOf(inBrowser);
    expect(model.entities.every((e) => after.get(e.ref) !== before.get(e.ref))).toBe(true);
  });

  it('of graph explorers change with what their walk reaches, two steps out too, and only with that', async () => {
    const explorers = (model: PortalModel) => {
      const keys = entityKeys(siteData(model));
      return ['system:default/checkout', 'domain:default/commerce'].map((ref) => keys.explorer(ref));
    };
    const part = (system: string, description: string) => ({ 'catalog-info.yaml': componentYaml('notes', { owner: 'team-platform', extra: `${system}  description: ${description}\n` }) });
    const before = explorers(await fixtureModel({ repos: { notes: part('  system: checkout\n', 'Takes notes.') } }));
    expect(new Set(before).size).toBe(2);
    expect(explorers(await fixtureModel({ repos: { notes: part('  system: checkout\n', 'Takes notes.') } }))).toEqual(before);
    // A part of the system (one step from it, two from its domain) changed: both explorers show it.
    const after = explorers(await fixtureModel({ repos: { notes: part('  system: checkout\n', 'Takes better notes.') } }));
    expect(after.map((key, i) => key === before[i])).toEqual([false, false]);
    // Outside the system: neither changes.
    const outside = explorers(await fixtureModel({ repos: { notes: part('', 'Takes notes.') } }));
    expect(explorers(await fixtureModel({ repos: { notes: part('', 'Takes better notes.') } }))).toEqual(outside);
  });

  it('are the same from the view the entity page renders as computed alone', async () => {
    const model = await fixtureModel({ repos: { notes: notes('Takes notes.') } });
    const alone = keysOf(model);
    const copy = structuredClone(model); // keys are memoised per model
    const data = siteData(copy);
    const keys = entityKeys(data);
    for (const item of copy.entities) expect(keys.ofView(entityPageView(item, data, { take: true }))).toBe(alone.get(item.ref));
  });
});
