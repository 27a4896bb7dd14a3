import { describe, expect, it } from 'vitest';
import { fixtureModel } from '../testing/build.ts';
import { siteData } from '../../views/site-data.ts';
import { componentYaml } from '../../testing/entities.ts';
import { docsKeys, entityKeys, listingKey, type KeyState } from './page-keys.ts';
import { docsRoutes } from '../../views/docs.ts';
import { catalogData, pageCount } from '../../views/catalog/data.ts';
import { entityPageView } from '../../views/entity-page-view.ts';
import { hasExplorer } from '../../views/entity-page.ts';
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

  it('change with the title of a group a list names only as the way it comes through (a grandchild team)', async () => {
    // team-notes sits under team-platform under engineering: engineering's aggregated members say "via Notes Team".
    const team = (title: string) => ({
      'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-notes\n  title: ${title}\nspec:\n  type: team\n  parent: team-platform\n  children: []\n  members: [nora]\n---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: nora\nspec:\n  memberOf: [team-notes]\n`,
    });
    const before = keysOf(await fixtureModel({ repos: { notes: team('Notes Team') } }));
    const after = keysOf(await fixtureModel({ repos: { notes: team('Note Takers') } }));
    expect(after.get('group:default/engineering')).not.toBe(before.get('group:default/engineering'));
    expect(after.get('group:default/team-payments')).toBe(before.get('group:default/team-payments'));
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

describe('entity page keys kept from the last build', () => {
  // team-notes under team-platform under engineering, with nora; its component depends on a ref no entity has.
  const notesTeam = (title = 'Notes Team', component = true) => ({
    'catalog-info.yaml':
      `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-notes\n  title: ${title}\nspec:\n  type: team\n  parent: team-platform\n  children: []\n  members: [nora]\n---\n` +
      `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: nora\nspec:\n  memberOf: [team-notes]\n` +
      (component ? `---\n${componentYaml('notes', { owner: 'team-notes', extra: '  dependsOn: [component:ghost]\n' })}` : ''),
  });
  const user = (name: string, team: string) => ({ 'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: ${name}\nspec:\n  memberOf: [${team}]\n` });

  /**
   * The keys of `after` computed with the last build's state (of `before`), every kept key marked: each key is
   * either the one computed from scratch, or that one marked (kept); the refs whose keys were computed again.
   */
  // Explorer pages' keys count as `explorer:<ref>`.
  // `through`: builds between `before` and `after`, each keeping keys from the one before.
  async function rebuild(after: PortalModel, before: PortalModel, through: PortalModel[] = []): Promise<{ again: string[]; kept: number }> {
    let state: KeyState | undefined;
    for (const model of [before, ...through]) {
      const keys = entityKeys(siteData(structuredClone(model)), state); // keys are memoised per model
      for (const e of model.entities) if (hasExplorer(e.entity.kind)) keys.explorer(e.ref);
      state = JSON.parse(JSON.stringify(keys.state())) as KeyState; // as the page manifest keeps it
    }
    if (!state) throw new Error('no state');
    state.entities = state.entities.map(([at, key, full, reads]) => [at, `kept:${key}`, full, reads]);
    expect(state.explorers?.length).toBe(2);
    state.explorers = state.explorers!.map(([at, key, reads]) => [at, `kept:${key}`, reads]);
    const keys = entityKeys(siteData(after), state);
    const fresh = entityKeys(siteData(structuredClone(after)));
    const again: string[] = [];
    let kept = 0;
    const compare = (name: string, key: string, freshKey: string) => {
      if (key === freshKey) again.push(name);
      else {
        expect(key, name).toBe(`kept:${freshKey}`);
        kept++;
      }
    };
    for (const e of after.entities) {
      compare(e.ref, keys(e.ref), fresh(e.ref));
      if (hasExplorer(e.entity.kind)) compare(`explorer:${e.ref}`, keys.explorer(e.ref), fresh.explorer(e.ref));
    }
    return { again: again.sort(), kept };
  }

  it('are computed again for every entity whose lists or their entities changed, and kept for the others', async () => {
    const before = await fixtureModel({ repos: { notes: notesTeam() } });
    expect((await rebuild(structuredClone(before), before)).again).toEqual([]);
    // A user joins the grandchild team: the team and every ancestor list them (aggregated members).
    const joined = await rebuild(await fixtureModel({ repos: { notes: notesTeam(), people: user('otto', 'team-notes') } }), before);
    expect(joined.again).toEqual(expect.arrayContaining(['user:default/otto', 'group:default/team-notes', 'group:default/team-platform', 'group:default/engineering']));
    expect(joined.again).not.toContain('group:default/team-payments');
    expect(joined.kept).toBeGreaterThan(5);
    // The rename of a group two levels down: engineering's members come "via" it.
    const renamed = await rebuild(await fixtureModel({ repos: { notes: notesTeam('Note Takers') } }), before);
    expect(renamed.again).toEqual(expect.arrayContaining(['group:default/engineering', 'component:default/notes', 'user:default/nora']));
    expect(renamed.kept).toBeGreaterThan(5);
  });

  it('are computed again when a ref that found nothing finds an entity, and when an entity is removed', async () => {
    const before = await fixtureModel({ repos: { notes: notesTeam() } });
    const ghost = await rebuild(await fixtureModel({ repos: { notes: notesTeam(), ghost: { 'catalog-info.yaml': componentYaml('ghost', { owner: 'team-payments' }) } } }), before);
    expect(ghost.again).toEqual(expect.arrayContaining(['component:default/notes', 'component:default/ghost', 'group:default/team-payments']));
    expect(ghost.kept).toBeGreaterThan(0);
    // The same entity put straight into the model: notes' own data (its problems too) stays as it was, so only
    // its lookup of the ref, which found nothing, says that its depends-on card now links the entity.
    const added = structuredClone(before);
    const notes = added.entities.find((e) => e.ref === 'component:default/notes')!;
    added.entities.push({ ...structuredClone(notes), ref: 'component:default/ghost', entity: { ...structuredClone(notes.entity), metadata: { name: 'ghost' }, relations: [] } });
    expect((await rebuild(added, before)).again).toEqual(['component:default/ghost', 'component:default/notes']);
    // A child group no entity had, two levels below engineering, put straight into the model with a member: only
    // the walks that looked it up and found nothing (neither engineering's nor team-platform's relations name it) tell.
    const withChild = await fixtureModel({ repos: { notes: { 'catalog-info.yaml': notesTeam()['catalog-info.yaml'].replace('children: []', 'children: [team-ghost]') } } });
    const grown = structuredClone(withChild);
    const team = grown.entities.find((e) => e.ref === 'group:default/team-notes')!;
    const ghostTeam = { ...structuredClone(team), ref: 'group:default/team-ghost' };
    ghostTeam.entity.metadata = { name: 'team-ghost' };
    ghostTeam.entity.relations = [{ type: 'childOf', targetRef: 'group:default/team-notes' }, { type: 'hasMember', targetRef: 'user:default/gina' }];
    grown.entities.push(ghostTeam);
    const walked = await rebuild(grown, withChild);
    expect(walked.again).toEqual(expect.arrayContaining(['group:default/engineering', 'group:default/team-platform', 'group:default/team-notes', 'group:default/team-ghost']));
    expect(walked.kept).toBeGreaterThan(0);
    const removed = await rebuild(await fixtureModel({ repos: { notes: notesTeam('Notes Team', false) } }), before);
    expect(removed.again).toEqual(expect.arrayContaining(['group:default/team-notes', 'group:default/engineering']));
    expect(removed.kept).toBeGreaterThan(0);
  });

  it('of graph explorers are computed again when their walk finds other entities or data, and kept otherwise', async () => {
    const part = (description: string) => ({ 'catalog-info.yaml': componentYaml('notes', { owner: 'team-platform', extra: `  system: checkout\n  description: ${description}\n` }) });
    const before = await fixtureModel({ repos: { notes: part('Takes notes.') } });
    const after = await rebuild(await fixtureModel({ repos: { notes: part('Takes better notes.') } }), before);
    // A part of the system changed: both explorers (the system's, its domain's two steps out) show it.
    expect(after.again).toEqual(expect.arrayContaining(['explorer:system:default/checkout', 'explorer:domain:default/commerce']));
    const outside = await rebuild(await fixtureModel({ repos: { notes: notesTeam('Note Takers') } }), await fixtureModel({ repos: { notes: notesTeam() } }));
    expect(outside.again.filter((r) => r.startsWith('explorer:'))).toEqual([]);
  });

  it('are kept through several rebuilds, and stay right as refs no key reads any longer leave the table', async () => {
    const before = await fixtureModel({ repos: { notes: notesTeam() } });
    const people = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, user(`person-${i}`, 'team-notes')]));
    const crowded = await fixtureModel({ repos: { notes: notesTeam(), ...people(12) } });
    const renamed = await fixtureModel({ repos: { notes: notesTeam('Note Takers') } });
    // before → crowded (12 users join) → renamed (they leave: their refs are most of the table, which is compacted).
    const after = await rebuild(renamed, before, [crowded]);
    expect(after.again).toEqual(expect.arrayContaining(['group:default/engineering', 'group:default/team-notes', 'user:default/nora']));
    expect(after.kept).toBeGreaterThan(0);
    // The same model again, with the compacted table: every key kept.
    const again = await rebuild(structuredClone(renamed), before, [crowded, renamed]);
    expect(again).toEqual({ again: [], kept: renamed.entities.length + 2 });
    // The compacted table's indexes still name the refs each key read: its entity's relation targets among them.
    let state: KeyState | undefined;
    for (const model of [crowded, renamed]) {
      const keys = entityKeys(siteData(structuredClone(model)), state);
      state = keys.state();
    }
    expect(state!.refs.some((r) => r.startsWith('user:default/person-'))).toBe(false);
    for (const [at, , , reads] of state!.entities) {
      const item = renamed.entities.find((e) => e.ref === state!.refs[at])!;
      const read = new Set(reads!.map((i) => state!.refs[i]));
      for (const r of item.entity.relations ?? []) expect(read, `${item.ref} reads ${r.targetRef}`).toContain(r.targetRef);
    }
    // And a change after it.
    const back = await rebuild(await fixtureModel({ repos: { notes: notesTeam() } }), crowded, [renamed]);
    expect(back.again).toEqual(expect.arrayContaining(['group:default/engineering', 'group:default/team-notes', 'user:default/nora', 'component:default/notes']));
    expect(back.kept).toBeGreaterThan(0);
  });

  it('are all computed again when the site settings change', async () => {
    const before = await fixtureModel({ repos: { notes: notesTeam() } });
    const after = structuredClone(before);
    after.site.title = 'Another portal';
    expect((await rebuild(after, before)).kept).toBe(0);
  });
});


describe('catalog list page keys', () => {
  /** Every list page's key, by `kind/page`. */
  const listKeys = (model: PortalModel) => {
    const data = catalogData(model);
    return new Map([...data.byKind].flatMap(([kind, items]) => Array.from({ length: pageCount(items.length) }, (_, i) => [`${kind}/${i + 1}`, listingKey(model, data, kind, i + 1)] as const)));
  };

  it('change for the lists whose rows or linked owners changed, and all of them when the counts do', async () => {
    const model = await fixtureModel({ repos: { notes: notes('Takes notes.') } });
    const before = listKeys(model);
    expect(before.size).toBeGreaterThan(4);
    expect(listKeys(await fixtureModel({ repos: { notes: notes('Takes notes.') } }))).toEqual(before);
    // A description: the Components list only.
    const described = structuredClone(model);
    described.entities.find((e) => e.ref === 'component:default/notes')!.entity.metadata.description = 'Takes better notes.';
    expect([...listKeys(described)].filter(([k, key]) => before.get(k) !== key).map(([k]) => k)).toEqual(['component/1']);
    // The owner's title: every list with a row it owns, and the Groups list.
    const retitled = structuredClone(model);
    const team = retitled.entities.find((e) => e.ref === 'group:default/team-platform')!;
    team.entity.metadata.title = 'Platform Guild';
    const changed = [...listKeys(retitled)].filter(([k, key]) => before.get(k) !== key).map(([k]) => k);
    expect(changed).toEqual(expect.arrayContaining(['component/1', 'group/1']));
    expect(changed).not.toContain('user/1');
    // Another entity: every list (the kind picker's counts).
    const grown = listKeys(await fixtureModel({ repos: { notes: notes('Takes notes.'), more: { 'catalog-info.yaml': componentYaml('more', { owner: 'team-platform' }) } } }));
    expect([...before.keys()].every((k) => grown.get(k) !== before.get(k))).toBe(true);
  });
});

describe('docs page keys', () => {
  /** Every docs route's key, by URL. */
  const docsPageKeys = (model: PortalModel) => {
    const keyOf = docsKeys(model, siteData(model).index);
    return new Map(docsRoutes(model).map((r) => [Object.values(r.params).join('/'), keyOf(r.props)] as const));
  };

  it('change for every page of a site whose pages changed, and with the documented entity’s owner', async () => {
    const model = await fixtureModel({ repos: { notes: notes('Takes notes.') } });
    const before = docsPageKeys(model);
    const sites = model.docs?.sites ?? [];
    expect(sites.length).toBeGreaterThan(1);
    expect(docsPageKeys(await fixtureModel({ repos: { notes: notes('Takes notes.') } }))).toEqual(before);
    const changedIn = (after: Map<string, string>) => [...after].filter(([k, key]) => before.get(k) !== key).map(([k]) => k);
    const site = (name: string) => [...before.keys()].filter((k) => k.split('/')[2] === name);
    // One page of a site edited: that site's pages (their nav and neighbours show its title), no other.
    const [first] = sites;
    const edited = structuredClone(model);
    const page = edited.docs!.sites.find((s) => s.entityRef === first!.entityRef)!.pages.at(-1)!;
    page.html += '<p>More.</p>';
    expect(changedIn(docsPageKeys(edited)).sort()).toEqual(site(first!.name).sort());
    // The documented entity's owner retitled: its site's pages.
    const owner = edited.entities.find((e) => e.ref === first!.entityRef)!.entity.spec?.owner as string;
    const retitled = structuredClone(model);
    const ownerItem = retitled.entities.find((e) => e.ref.endsWith(`/${owner.replace(/^.*[:/]/, '')}`))!;
    ownerItem.entity.metadata.title = 'Someone Else';
    expect(changedIn(docsPageKeys(retitled))).toEqual(expect.arrayContaining(site(first!.name)));
  });
});
