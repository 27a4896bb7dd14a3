import { describe, expect, it } from 'vitest';
import type { CatalogEntity, SourcePosition } from '../model/catalog.ts';
import { relationFields, RELATION_PAIRS } from '../model/relations.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { resolveRelations } from './resolveRelations.ts';

interface Options {
  namespace?: string;
  apiVersion?: string;
  positions?: Record<string, SourcePosition>;
  file?: string;
}

/** An entity of repo-a (templates as v1beta3), with the options these tests vary. */
function make(kind: string, name: string, spec: Record<string, unknown> = {}, options: Options = {}): CatalogEntity {
  const apiVersion = options.apiVersion ?? (kind === 'Template' ? 'scaffolder.backstage.io/v1beta3' : undefined);
  const metadata = options.namespace ? { namespace: options.namespace } : {};
  return catalogEntity(entity(kind, name, spec, metadata, apiVersion), { repo: 'repo-a', file: options.file, positions: options.positions });
}

function relationsOf(graph: ReturnType<typeof resolveRelations>, ref: string) {
  const found = graph.entities.find((e) => e.ref === ref);
  if (!found) throw new Error(`no ${ref}`);
  return found.entity.relations;
}

// §2.2 of the spec, written out independently of relationFields so the two check each other.
const TABLE: Array<[kind: string, field: string, list: boolean, targetKind: string | undefined, forward: string, reverse: string]> = [
  ['Component', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
  ['Component', 'subcomponentOf', false, 'Component', 'partOf', 'hasPart'],
  ['Component', 'providesApis', true, 'API', 'providesApi', 'apiProvidedBy'],
  ['Component', 'consumesApis', true, 'API', 'consumesApi', 'apiConsumedBy'],
  ['Component', 'dependsOn', true, undefined, 'dependsOn', 'dependencyOf'],
  ['Component', 'dependencyOf', true, undefined, 'dependencyOf', 'dependsOn'],
  ['Component', 'system', false, 'System', 'partOf', 'hasPart'],
  ['API', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
  ['API', 'system', false, 'System', 'partOf', 'hasPart'],
  ['Resource', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
  ['Resource', 'dependsOn', true, undefined, 'dependsOn', 'dependencyOf'],
  ['Resource', 'dependencyOf', true, undefined, 'dependencyOf', 'dependsOn'],
  ['Resource', 'system', false, 'System', 'partOf', 'hasPart'],
  ['User', 'memberOf', true, 'Group', 'memberOf', 'hasMember'],
  ['Group', 'parent', false, 'Group', 'childOf', 'parentOf'],
  ['Group', 'children', true, 'Group', 'parentOf', 'childOf'],
  ['Group', 'members', true, 'User', 'hasMember', 'memberOf'],
  ['System', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
  ['System', 'domain', false, 'Domain', 'partOf', 'hasPart'],
  ['Domain', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
  ['Domain', 'subdomainOf', false, 'Domain', 'partOf', 'hasPart'],
  ['Template', 'owner', false, 'Group', 'ownedBy', 'ownerOf'],
];

describe('resolveRelations: the field table', () => {
  it.each(TABLE)('%s spec.%s (list: %s) → %s', (kind, field, list, targetKind, forward, reverse) => {
    // Fields without a default kind must write one; point them at a Resource.
    const written = targetKind ? 'the-target' : 'resource:the-target';
    const target = make(targetKind ?? 'Resource', 'the-target');
    const source = make(kind, 'the-source', { [field]: list ? [written] : written });
    const graph = resolveRelations([source, target]);
    expect(graph.diagnostics).toEqual([]);
    expect(relationsOf(graph, source.ref)).toEqual([{ type: forward, targetRef: target.ref }]);
    expect(relationsOf(graph, target.ref)).toEqual([{ type: reverse, targetRef: source.ref }]);
  });

  it('has exactly the fields of the table for every kind', () => {
    const kinds = [...new Set(TABLE.map(([kind]) => kind))];
    for (const kind of kinds) {
      const fromTable = TABLE.filter(([k]) => k === kind).map(([, field, , targetKind, forward, reverse]) => ({ field, targetKind, forward, reverse }));
      const fromCode = relationFields(kind).map((f) => ({ field: f.field, targetKind: f.defaultKind, forward: f.type, reverse: f.reverse }));
      expect(fromCode).toEqual(fromTable);
    }
    expect(relationFields('Location')).toEqual([]);
    expect(relationFields('component')).toEqual([]);
    expect(relationFields('toString')).toEqual([]);
  });

  it('uses only the seven Backstage pairs, each field in its forward or reverse order', () => {
    expect(RELATION_PAIRS.map((p) => `${p.forward}/${p.reverse}`)).toEqual([
      'ownedBy/ownerOf',
      'providesApi/apiProvidedBy',
      'consumesApi/apiConsumedBy',
      'dependsOn/dependencyOf',
      'parentOf/childOf',
      'memberOf/hasMember',
      'partOf/hasPart',
    ]);
    for (const [, , , , forward, reverse] of TABLE) {
      expect(RELATION_PAIRS.some((p) => (p.forward === forward && p.reverse === reverse) || (p.forward === reverse && p.reverse === forward))).toBe(true);
    }
  });

  it('reads Template owner only for v1beta3', () => {
    const group = make('Group', 'team-a', { type: 'team', children: [] });
    const old = make('Template', 'old', { owner: 'team-a' }, { apiVersion: 'backstage.io/v1beta2' });
    const graph = resolveRelations([group, old]);
    expect(relationsOf(graph, old.ref)).toEqual([]);
    expect(relationsOf(graph, group.ref)).toEqual([]);
  });

  it('emits nothing for Location and unknown kinds', () => {
    const location = make('Location', 'loc', { target: './a.yaml', owner: 'team-a' });
    const custom = make('Widget', 'w', { owner: 'team-a' });
    const graph = resolveRelations([location, custom, make('Group', 'team-a')]);
    expect(graph.entities.map((e) => e.entity.relations)).toEqual([[], [], []]);
    expect(graph.dangling).toEqual([]);
  });
});

describe('resolveRelations: refs', () => {
  it('inherits the source entity namespace when the ref has none', () => {
    const svc = make('Component', 'svc', { owner: 'team-a', system: 'billing' }, { namespace: 'payments' });
    const team = make('Group', 'team-a', {}, { namespace: 'payments' });
    const system = make('System', 'billing', {}, { namespace: 'payments' });
    const graph = resolveRelations([svc, team, system, make('Group', 'team-a')]);
    expect(relationsOf(graph, 'component:payments/svc')).toEqual([
      { type: 'ownedBy', targetRef: 'group:payments/team-a' },
      { type: 'partOf', targetRef: 'system:payments/billing' },
    ]);
    expect(relationsOf(graph, 'group:payments/team-a')).toEqual([{ type: 'ownerOf', targetRef: 'component:payments/svc' }]);
    expect(relationsOf(graph, 'group:default/team-a')).toEqual([]);
  });

  it('honours explicit kinds and namespaces', () => {
    const svc = make('Component', 'svc', { owner: 'user:ops/jane', dependsOn: ['resource:ops/db', 'component:default/lib'] }, { namespace: 'payments' });
    const graph = resolveRelations([svc, make('User', 'jane', {}, { namespace: 'ops' }), make('Resource', 'db', {}, { namespace: 'ops' }), make('Component', 'lib')]);
    expect(relationsOf(graph, svc.ref)).toEqual([
      { type: 'dependsOn', targetRef: 'component:default/lib' },
      { type: 'dependsOn', targetRef: 'resource:ops/db' },
      { type: 'ownedBy', targetRef: 'user:ops/jane' },
    ]);
    expect(relationsOf(graph, 'user:ops/jane')).toEqual([{ type: 'ownerOf', targetRef: 'component:payments/svc' }]);
    expect(relationsOf(graph, 'resource:ops/db')).toEqual([{ type: 'dependencyOf', targetRef: 'component:payments/svc' }]);
  });

  it('matches refs case-insensitively and stores them lower-case', () => {
    const svc = make('Component', 'svc', { owner: 'Group:Default/Team-A' });
    const team = make('Group', 'Team-A');
    const graph = resolveRelations([svc, team]);
    expect(graph.diagnostics).toEqual([]);
    expect(relationsOf(graph, svc.ref)).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-a' }]);
    expect(relationsOf(graph, 'group:default/team-a')).toEqual([{ type: 'ownerOf', targetRef: 'component:default/svc' }]);
  });

  it('de-duplicates membership declared on both sides', () => {
    const jane = make('User', 'jane', { memberOf: ['team-a', 'group:default/team-a'] });
    const team = make('Group', 'team-a', { type: 'team', children: [], members: ['jane'] });
    const graph = resolveRelations([jane, team]);
    expect(relationsOf(graph, jane.ref)).toEqual([{ type: 'memberOf', targetRef: 'group:default/team-a' }]);
    expect(relationsOf(graph, team.ref)).toEqual([{ type: 'hasMember', targetRef: 'user:default/jane' }]);
  });

  it('sorts by type, then targetRef', () => {
    const svc = make('Component', 'svc', {
      owner: 'team-a',
      system: 'sys',
      providesApis: ['zeta', 'alpha'],
      consumesApis: ['beta'],
      dependsOn: ['resource:db', 'component:aaa'],
    });
    const graph = resolveRelations([svc]);
    expect(relationsOf(graph, svc.ref)).toEqual([
      { type: 'consumesApi', targetRef: 'api:default/beta' },
      { type: 'dependsOn', targetRef: 'component:default/aaa' },
      { type: 'dependsOn', targetRef: 'resource:default/db' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
      { type: 'partOf', targetRef: 'system:default/sys' },
      { type: 'providesApi', targetRef: 'api:default/alpha' },
      { type: 'providesApi', targetRef: 'api:default/zeta' },
    ]);
  });

  it('collects reverse relations from many sources on one target, sorted', () => {
    const team = make('Group', 'team-a');
    const graph = resolveRelations([make('Component', 'b', { owner: 'team-a' }), team, make('API', 'a', { owner: 'team-a' }), make('Component', 'a', { owner: 'team-a' })]);
    expect(relationsOf(graph, team.ref)).toEqual([
      { type: 'ownerOf', targetRef: 'api:default/a' },
      { type: 'ownerOf', targetRef: 'component:default/a' },
      { type: 'ownerOf', targetRef: 'component:default/b' },
    ]);
  });

  it('ignores non-string values (the validator reports them)', () => {
    const svc = make('Component', 'svc', { owner: 42, system: { name: 'x' }, providesApis: [1, 'api-a', null], dependsOn: 'nope-not-a-list-but-no-kind' });
    const graph = resolveRelations([svc, make('API', 'api-a')]);
    // A lone string in a list field is read like Backstage does ([targets].flat()), so dependsOn still needs a kind.
    expect(graph.diagnostics.map((d) => d.code)).toEqual(['invalid-ref']);
    expect(relationsOf(graph, svc.ref)).toEqual([{ type: 'providesApi', targetRef: 'api:default/api-a' }]);
  });

  it('keeps input order, gives every entity a relations array, and does not mutate the input', () => {
    const input = [make('Component', 'svc', { owner: 'team-a' }), make('Group', 'team-a'), make('Location', 'loc', { targets: [] })];
    const before = structuredClone(input);
    const graph = resolveRelations(input);
    expect(input).toEqual(before);
    expect(input.every((e) => e.entity.relations === undefined)).toBe(true);
    expect(graph.entities.map((e) => e.ref)).toEqual(input.map((e) => e.ref));
    expect(graph.entities.map((e) => e.entity.relations?.length)).toEqual([1, 1, 0]);
    expect(graph.entities[0]?.source).toEqual(input[0]?.source);
    expect(graph.entities[0]?.entity.spec).toEqual(input[0]?.entity.spec);
  });
});

describe('resolveRelations: dangling refs', () => {
  it('keeps the relation and warns at the position of the field', () => {
    const svc = make('Component', 'svc', { owner: 'team-x' }, { positions: { '/spec/owner': { line: 7, column: 10 } }, file: 'svc/catalog-info.yaml' });
    const graph = resolveRelations([svc, make('Group', 'team-a')]);
    expect(relationsOf(graph, svc.ref)).toEqual([{ type: 'ownedBy', targetRef: 'group:default/team-x' }]);
    expect(graph.dangling).toEqual([{ from: 'component:default/svc', type: 'ownedBy', targetRef: 'group:default/team-x' }]);
    expect(graph.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'dangling-ref',
        message: 'spec.owner refers to group:default/team-x, which is not in the catalog',
        hint: 'did you mean group:default/team-a?',
        repo: 'repo-a',
        file: 'svc/catalog-info.yaml',
        line: 7,
        column: 10,
        entity: 'component:default/svc',
      },
    ]);
  });

  it('points at the list item, and falls back to the entity position', () => {
    const positions = { '/spec/dependsOn/1': { line: 12, column: 7 } };
    const svc = make('Component', 'svc', { dependsOn: ['component:lib', 'resource:gone'], consumesApis: ['gone-api'] }, { positions });
    svc.source.line = 3;
    svc.source.column = 2;
    const graph = resolveRelations([svc, make('Component', 'lib')]);
    expect(graph.diagnostics.map((d) => [d.message, d.line, d.column, d.hint])).toEqual([
      ['spec.consumesApis[0] refers to api:default/gone-api, which is not in the catalog', 3, 2, undefined],
      ['spec.dependsOn[1] refers to resource:default/gone, which is not in the catalog', 12, 7, undefined],
    ]);
    expect(graph.dangling.map((d) => d.targetRef)).toEqual(['api:default/gone-api', 'resource:default/gone']);
  });

  it('explains namespace inheritance when the match is in another namespace', () => {
    const svc = make('Component', 'svc', { owner: 'team-a' }, { namespace: 'payments' });
    const graph = resolveRelations([svc, make('Group', 'team-a')]);
    expect(graph.diagnostics[0]?.message).toBe('spec.owner refers to group:payments/team-a, which is not in the catalog');
    expect(graph.diagnostics[0]?.hint).toBe(
      "did you mean group:default/team-a? A ref without a namespace uses this entity's namespace (payments).",
    );
  });

  it('suggests only refs of the same kind', () => {
    const graph = resolveRelations([make('Component', 'svc', { owner: 'team-a' }), make('User', 'team-a')]);
    expect(graph.diagnostics[0]?.hint).toBeUndefined();
  });

  it('lists a dangling target once per source and type, but warns at every place', () => {
    const svc = make('Component', 'svc', { providesApis: ['gone', 'API:gone'] });
    const graph = resolveRelations([svc]);
    expect(graph.dangling).toEqual([{ from: svc.ref, type: 'providesApi', targetRef: 'api:default/gone' }]);
    expect(graph.diagnostics).toHaveLength(2);
    expect(relationsOf(graph, svc.ref)).toEqual([{ type: 'providesApi', targetRef: 'api:default/gone' }]);
  });
});

describe('resolveRelations: invalid refs', () => {
  it('rejects dependsOn without a kind, skips that relation and keeps the entity', () => {
    const positions = { '/spec/dependsOn/0': { line: 9, column: 7 } };
    const svc = make('Component', 'svc', { owner: 'team-a', dependsOn: ['my-db', 'component:lib'] }, { positions });
    const graph = resolveRelations([svc, make('Group', 'team-a'), make('Component', 'lib')]);
    expect(graph.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'invalid-ref',
        message: 'Entity reference "my-db" had missing or empty kind (e.g. did not start with "component:" or similar)',
        hint: 'write the kind: "component:my-db" or "resource:my-db"',
        repo: 'repo-a',
        file: 'catalog-info.yaml',
        line: 9,
        column: 7,
        entity: 'component:default/svc',
      },
    ]);
    expect(graph.entities).toHaveLength(3);
    expect(relationsOf(graph, svc.ref)).toEqual([
      { type: 'dependsOn', targetRef: 'component:default/lib' },
      { type: 'ownedBy', targetRef: 'group:default/team-a' },
    ]);
    expect(graph.dangling).toEqual([]);
  });

  it('names the one kind that exists under that name', () => {
    const svc = make('Resource', 'svc', { dependencyOf: ['my-db'] }, { namespace: 'ops' });
    const graph = resolveRelations([svc, make('Resource', 'my-db', {}, { namespace: 'ops' })]);
    expect(graph.diagnostics[0]?.hint).toBe('write the kind: "resource:my-db"');
  });

  it('reports malformed refs in any field with Backstage\'s message', () => {
    const svc = make('Component', 'svc', { owner: 'group:', providesApis: [''] });
    const graph = resolveRelations([svc]);
    expect(graph.diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ['error', 'invalid-ref', 'Entity reference "group:" was not on the form [<kind>:][<namespace>/]<name>'],
      ['error', 'invalid-ref', 'Entity reference must not be empty'],
    ]);
    expect(relationsOf(graph, svc.ref)).toEqual([]);
  });
});

describe('resolveRelations: scale', () => {
  it('resolves 10,000 entities with 5 refs each', () => {
    const entities: CatalogEntity[] = [];
    for (let i = 0; i < 100; i++) entities.push(make('Group', `team-${i}`));
    for (let i = 0; i < 400; i++) entities.push(make('API', `api-${i}`, { owner: `team-${i % 100}` }));
    while (entities.length < 10_000) {
      const i = entities.length;
      entities.push(
        make('Component', `svc-${i}`, {
          owner: `team-${i % 100}`,
          providesApis: [`api-${i % 400}`],
          consumesApis: [`api-${(i * 7) % 400}`],
          dependsOn: [`component:svc-${Math.max(500, i - 1)}`, `resource:db-${i % 50}`],
        }),
      );
    }
    const graph = resolveRelations(entities);
    expect(graph.entities).toHaveLength(10_000);
    expect(graph.diagnostics.every((d) => d.code === 'dangling-ref')).toBe(true);
    expect(new Set(graph.dangling.map((d) => d.targetRef)).size).toBe(50);
    // team-0 owns every 100th component (95 of them, from svc-500) and every 100th API (4).
    expect(relationsOf(graph, 'group:default/team-0')?.filter((r) => r.type === 'ownerOf')).toHaveLength(99);
  });

  it('reports every ref of a flood, and a one-letter slip past the suggestion budget still gets its hint', () => {
    const components = Array.from({ length: 2000 }, (_, i) => make('Component', `service-${i}`));
    const flood = make('Component', 'flood', { dependsOn: Array.from({ length: 20_000 }, (_, i) => `component:missing-${i}`) });
    const slip = make('Component', 'slip', { dependsOn: ['component:service-42x'] });
    const graph = resolveRelations([...components, flood, slip], { suggestBudget: 1_000_000 });
    expect(graph.diagnostics.filter((d) => d.entity === flood.ref)).toHaveLength(20_000);
    expect(graph.dangling).toHaveLength(20_001);
    expect(graph.diagnostics.find((d) => d.entity === slip.ref)?.hint).toBe('did you mean component:default/service-42?');
  });

  it('replays the last build’s suggestions over the same entities: the same hints, budget spent alike, and none over other entities', () => {
    const components = Array.from({ length: 300 }, (_, i) => make('Component', `service-${i}`));
    // Misses one edit away (no scan), far away (a scan each: the budget runs out part way) and near nothing.
    const misses = [...Array.from({ length: 40 }, (_, i) => `component:servce-${i}`), ...Array.from({ length: 40 }, (_, i) => `component:sxrvicx-${i}`), 'component:zzzzzzzz'];
    const entities = [...components, make('Component', 'app', { dependsOn: misses })];
    const hints = (g: ReturnType<typeof resolveRelations>) => g.diagnostics.map((d) => `${d.message} ${d.hint ?? ''}`);
    for (const [first, second] of [[Infinity, Infinity], [Infinity, 400_000], [400_000, Infinity], [400_000, 400_000]] as const) {
      const cold = resolveRelations(entities, { suggestBudget: second });
      const kept = resolveRelations(entities, { suggestBudget: first, suggestions: {} }).suggestions!;
      const replayed = resolveRelations(entities, { suggestBudget: second, suggestions: { last: kept } });
      expect(hints(replayed), `${first} then ${second}`).toEqual(hints(cold));
      // What it keeps for the build after gives the same again.
      expect(hints(resolveRelations(entities, { suggestBudget: second, suggestions: { last: replayed.suggestions! } }))).toEqual(hints(cold));
    }
    // The budget cuts some scans short, so the cases above differ.
    expect(hints(resolveRelations(entities, { suggestBudget: 400_000 }))).not.toEqual(hints(resolveRelations(entities)));
    // Answers are taken from what was kept (a doctored one shows), but only for the same entities.
    const kept = resolveRelations(entities, { suggestions: {} }).suggestions!;
    kept.answers['component:default/zzzzzzzz'] = { near: 'component:default/service-7', cost: 0 };
    expect(hints(resolveRelations(entities, { suggestions: { last: kept } })).at(-1)).toContain('did you mean component:default/service-7?');
    const other = [...entities.slice(1)];
    expect(hints(resolveRelations(other, { suggestions: { last: kept } }))).toEqual(hints(resolveRelations(other)));
  });
});
