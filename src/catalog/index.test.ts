import { describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo, type RepoFiles } from '../snapshot/memory.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import { readCatalog, type CatalogResult } from './index.ts';
import { componentYaml } from '../testing/entities.ts';
import { countingSnapshot, testValidate } from './testing.ts';

const PAYMENTS = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  description: Takes money.
  annotations:
    github.com/project-slug: acme/payments
spec:
  type: service
  lifecycle: production
  owner: team-payments
  dependsOn:
    - resource:payments-db
`;

function snap(repos: Record<string, RepoFiles>, over: Record<string, Partial<RepoInfo>> = {}): Snapshot {
  return memorySnapshot(Object.entries(repos).map(([name, files]) => ({ repo: repoInfo(name, over[name]), files })));
}

function read(snapshot: Snapshot, catalogPath = '/catalog-info.yaml'): Promise<CatalogResult> {
  return readCatalog(snapshot, { catalogPath: () => catalogPath, validate: testValidate });
}

const refs = (r: CatalogResult) => r.entities.map((e) => e.ref);
const brief = (r: CatalogResult) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.repo}/${d.file}:${d.line}:${d.column}`);

function location(name: string, targets: string[], extra = ''): string {
  return `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}\nspec:\n${extra}  targets:\n${targets.map((t) => `    - ${t}\n`).join('')}`;
}

describe('readCatalog: files and documents', () => {
  it('reads a root catalog file into an entity with ref, positions and computed annotations', async () => {
    const r = await read(snap({ payments: { 'catalog-info.yaml': PAYMENTS } }));
    expect(r.diagnostics).toEqual([]);
    expect(r.files).toEqual([{ repo: 'payments', path: 'catalog-info.yaml', documents: 1 }]);
    const [e] = r.entities;
    expect(e!.ref).toBe('component:default/payments-api');
    expect(e!.entity.metadata.namespace).toBe('default');
    expect(e!.source).toMatchObject({ repo: 'payments', file: 'catalog-info.yaml', line: 1, column: 1 });
    expect(e!.source.positions['/spec/owner']).toEqual({ line: 11, column: 10 });
    expect(e!.source.positions['/spec/dependsOn/0']).toEqual({ line: 13, column: 7 });
    expect(e!.entity.metadata.annotations).toEqual({
      'github.com/project-slug': 'acme/payments',
      'backstage.io/managed-by-location': 'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      'backstage.io/managed-by-origin-location': 'url:https://github.com/acme/payments/blob/main/catalog-info.yaml',
      'backstage.io/view-url': 'https://github.com/acme/payments/blob/main/catalog-info.yaml',
      'backstage.io/edit-url': 'https://github.com/acme/payments/edit/main/catalog-info.yaml',
      'backstage.io/source-location': 'url:https://github.com/acme/payments/tree/main/',
    });
  });

  it('keeps documents 1 and 3 when document 2 has a syntax error', async () => {
    const file = `${componentYaml('first')}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: second
  description: broken: here
---
${componentYaml('third')}`;
    const r = await read(snap({ svc: { 'catalog-info.yaml': file } }));
    expect(refs(r)).toEqual(['component:default/first', 'component:default/third']);
    expect(r.files).toEqual([{ repo: 'svc', path: 'catalog-info.yaml', documents: 3 }]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ severity: 'error', code: 'yaml-syntax', repo: 'svc', file: 'catalog-info.yaml', line: 14, column: 16 });
    expect(r.diagnostics[0]!.message).toMatch(/nested mappings are not allowed/i);
    expect(r.diagnostics[0]!.hint).toMatch(/quote/);
  });

  it('keeps documents 1, 3 and 4 when document 2 has an unclosed quote, and reports the quote', async () => {
    const file = `${componentYaml('first')}---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: "second
spec:
  type: service
---
${componentYaml('third')}---
${componentYaml('fourth')}`;
    const r = await read(snap({ svc: { 'catalog-info.yaml': file } }));
    expect(refs(r)).toEqual(['component:default/first', 'component:default/third', 'component:default/fourth']);
    expect(brief(r)).toEqual(['error yaml-syntax svc/catalog-info.yaml:13:9']);
    expect(r.diagnostics[0]!.message).toBe('YAML syntax error: the double quote (") opened here is never closed');
    expect(r.entities[2]!.source).toMatchObject({ line: 26, column: 1 });
  });

  it('ignores empty documents and reports a document that is not a mapping', async () => {
    const file = `---\n# nothing here\n---\n${componentYaml('only')}---\n- just\n- a list\n---\n`;
    const r = await read(snap({ svc: { 'catalog-info.yaml': file } }));
    expect(refs(r)).toEqual(['component:default/only']);
    expect(brief(r)).toEqual(['error not-an-object svc/catalog-info.yaml:13:1']);
    expect(r.diagnostics[0]!.message).toBe('Expected an object at the document root, got an array');
    expect(r.files[0]!.documents).toBe(2);
  });

  it('reports skipped and unreadable catalog files without failing the build', async () => {
    const binary = new Uint8Array([0x61, 0, 0x62]);
    const inner = snap({ bin: { 'catalog-info.yaml': binary }, ok: { 'catalog-info.yaml': componentYaml('fine') }, bad: { 'catalog-info.yaml': 'x' } });
    const snapshot: Snapshot = {
      ...inner,
      repos: inner.repos,
      async read(files) {
        const got = await inner.read(files);
        return got.map((c) => (c.repo === 'bad' ? { repo: c.repo, path: c.path, kind: 'error', message: 'HTTP 502' } : c));
      },
    };
    const r = await read(snapshot);
    expect(refs(r)).toEqual(['component:default/fine']);
    expect(brief(r)).toEqual(['error read-error bad/catalog-info.yaml:0:0', 'error file-skipped bin/catalog-info.yaml:0:0']);
    expect(r.diagnostics[0]!.message).toContain('HTTP 502');
  });

  it('turns a failing snapshot.read into diagnostics', async () => {
    const inner = snap({ a: { 'catalog-info.yaml': componentYaml('a') } });
    const r = await read({ ...inner, repos: inner.repos, read: async () => Promise.reject(new Error('network down')) });
    expect(r.entities).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([['read-error', 'Catalog file could not be read: network down']]);
  });

  it('contributes nothing and reports nothing for a repo without a catalog file', async () => {
    const r = await read(snap({ empty: { 'README.md': '# hi' }, svc: { 'catalog-info.yaml': componentYaml('svc') } }));
    expect(refs(r)).toEqual(['component:default/svc']);
    expect(r.diagnostics).toEqual([]);
  });

  it('matches a catalogPath glob against the repo listing, and reads a plain path without listing', async () => {
    const files = {
      'catalog-info.yaml': componentYaml('root'),
      'services/a/catalog-info.yaml': componentYaml('a'),
      'services/b/catalog-info.yaml': componentYaml('b'),
      'services/b/other.yaml': componentYaml('not-me'),
    };
    const globbed = countingSnapshot(snap({ mono: files }));
    const r = await read(globbed, '**/catalog-info.yaml');
    expect(refs(r)).toEqual(['component:default/root', 'component:default/a', 'component:default/b']);
    expect(globbed.lists).toEqual(['mono']);

    const plain = countingSnapshot(snap({ mono: files }));
    const p = await read(plain, '/services/a/catalog-info.yaml');
    expect(refs(p)).toEqual(['component:default/a']);
    expect(plain.lists).toEqual([]);
    expect(p.entities[0]!.entity.metadata.annotations?.['backstage.io/source-location']).toBe(
      'url:https://github.com/acme/mono/tree/main/services/a/',
    );
  });

  it('orders entities by repo, file and document, and sorts diagnostics', async () => {
    const r = await read(
      snap({
        zeta: { 'catalog-info.yaml': componentYaml('z1') },
        alpha: { 'catalog-info.yaml': `${componentYaml('a2')}---\n${componentYaml('a1')}---\nkind: [` },
      }),
    );
    expect(refs(r)).toEqual(['component:default/a2', 'component:default/a1', 'component:default/z1']);
    expect(r.diagnostics.map((d) => d.repo)).toEqual(['alpha']);
  });
});

describe('readCatalog: validation positions', () => {
  it('pins each issue to its node, its key, or the nearest existing parent', async () => {
    const file = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: labelled
  labels:
    Bad Key: x
spec:
  type: service
  owner:
    team: a
relations: []
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ownerless
spec:
  type: service
`;
    const r = await read(snap({ svc: { 'catalog-info.yaml': file } }));
    expect(r.entities).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.entity])).toEqual([
      ['schema', 6, 5, 'component:default/labelled'], // the label's key
      ['schema', 10, 5, 'component:default/labelled'], // spec.owner's value node
      ['foreign-root-field', 11, 1, 'component:default/labelled'], // the key `relations`
      ['schema', 18, 3, 'component:default/ownerless'], // missing owner: the spec map
    ]);
    expect(r.diagnostics[1]!.hint).toBe('Quote it.');
    expect(r.diagnostics[3]!.message).toBe("/spec must have required property 'owner'");
  });

  it('defaults the namespace before validation and lower-cases the ref', async () => {
    const seen: unknown[] = [];
    const r = await readCatalog(snap({ svc: { 'catalog-info.yaml': componentYaml('Payments-API').replace('kind: Component', 'kind: component') } }), {
      catalogPath: () => 'catalog-info.yaml',
      validate: (e) => {
        seen.push(structuredClone(e));
        return [];
      },
    });
    expect((seen[0] as { metadata: { namespace: string } }).metadata.namespace).toBe('default');
    expect(refs(r)).toEqual(['component:default/payments-api']);
    expect(r.entities[0]!.entity.metadata.name).toBe('Payments-API');
  });
});

describe('readCatalog: placeholders', () => {
  const api = (definition: string, name = 'pets') =>
    `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    ${definition}\n`;

  it('embeds $text, $json and $yaml at any depth, arrays included, relative and from the root', async () => {
    const file = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: svc
  links:
    - $json: ./links/first.json
spec:
  type: service
  lifecycle: production
  owner: team-a
  config:
    nested:
      - plain
      - $yaml: /shared/config.yaml
  notes:
    $text: ../NOTES.md
`;
    const r = await read(
      snap({
        svc: {
          'svc/catalog-info.yaml': file,
          'svc/links/first.json': '{"url": "https://example.com", "title": "Site"}',
          'shared/config.yaml': 'replicas: 3\nregions: [eu, us]\n',
          'NOTES.md': '# Notes\n',
        },
      }),
      'svc/catalog-info.yaml',
    );
    expect(r.diagnostics).toEqual([]);
    const e = r.entities[0]!;
    expect(e.entity.metadata.links).toEqual([{ url: 'https://example.com', title: 'Site' }]);
    expect(e.entity.spec).toMatchObject({ config: { nested: ['plain', { replicas: 3, regions: ['eu', 'us'] }] }, notes: '# Notes\n' });
    // Nodes inside a placeholder have no place in the catalog file any more.
    expect(e.source.positions['/spec/notes']).toEqual({ line: 16, column: 5 });
    expect(e.source.positions['/spec/notes/$text']).toBeUndefined();
  });

  it('accepts an absolute URL into the same repo and refuses one into another repo', async () => {
    const r = await read(
      snap({
        pets: {
          'catalog-info.yaml': `${api('$text: https://github.com/acme/pets/blob/main/openapi.yaml', 'ok')}---\n${api('$text: https://github.com/acme/other/blob/main/openapi.yaml', 'foreign')}`,
          'openapi.yaml': 'openapi: 3.0.0\n',
        },
        other: { 'openapi.yaml': 'openapi: 3.0.0\n' },
      }),
    );
    expect(refs(r)).toEqual(['api:default/ok']);
    expect(r.entities[0]!.entity.spec?.definition).toBe('openapi: 3.0.0\n');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ code: 'placeholder', line: 21, column: 5, entity: 'api:default/foreign' });
    expect(r.diagnostics[0]!.message).toContain('Placeholder may only reference files from the same repository as the entity');
  });

  it('rejects paths that escape the repo without ever reading them', async () => {
    const counting = countingSnapshot(
      snap({
        pets: {
          'catalog-info.yaml': [
            api('$text: ../../etc/passwd', 'one'),
            api('$text: /../x', 'two'),
            api('$text: https://evil.example.com/x.yaml', 'three'),
            api('$text: 42', 'four'),
          ].join('---\n'),
        },
      }),
    );
    const r = await read(counting);
    expect(r.entities).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.entity])).toEqual([
      ['placeholder', 'api:default/one'],
      ['placeholder', 'api:default/two'],
      ['placeholder', 'api:default/three'],
      ['placeholder', 'api:default/four'],
    ]);
    expect(r.diagnostics[0]!.message).toContain('leaves the repository');
    expect(r.diagnostics[3]!.message).toContain('must be a non-empty string');
    expect(counting.reads.flat().map((f) => f.path)).toEqual(['catalog-info.yaml']);
  });

  it('reports a missing file, bad JSON and a $yaml file with two documents; siblings stay', async () => {
    const file = [
      api('$text: ./missing.yaml', 'missing'),
      api('$json: ./bad.json', 'badjson'),
      api('$yaml: ./two.yaml', 'twodocs'),
      api('$text: ./good.yaml', 'good'),
    ].join('---\n');
    const r = await read(snap({ pets: { 'catalog-info.yaml': file, 'bad.json': '{ nope', 'two.yaml': 'a: 1\n---\nb: 2\n', 'good.yaml': 'x' } }));
    expect(refs(r)).toEqual(['api:default/good']);
    expect(r.diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`)).toEqual(['placeholder:10:5', 'placeholder:21:5', 'placeholder:32:5']);
    expect(r.diagnostics[0]!.message).toContain('not found');
    expect(r.diagnostics[1]!.message).toContain('not valid JSON');
    expect(r.diagnostics[2]!.message).toContain('expected to find exactly one document in the file, found 2');
  });

  it('leaves objects with extra keys or unknown $ keys unchanged', async () => {
    const file = componentYaml('svc', { extra: `  schema:\n    $ref: ./x.json\n  mixed:\n    $text: ./x.md\n    other: 1\n` });
    const counting = countingSnapshot(snap({ svc: { 'catalog-info.yaml': file } }));
    const r = await read(counting);
    expect(r.entities[0]!.entity.spec).toMatchObject({ schema: { $ref: './x.json' }, mixed: { $text: './x.md', other: 1 } });
    expect(counting.reads).toHaveLength(1);
  });
});

describe('readCatalog: locations', () => {
  it('follows relative, cross-repo and glob targets; marks entities with their origin', async () => {
    const r = await read(
      snap({
        platform: {
          'catalog-info.yaml': location('root', ['./catalog/all.yaml', 'https://github.com/acme/shared/blob/main/teams.yaml']),
          'catalog/all.yaml': location('all', ['./services/*.yaml']),
          'catalog/services/a.yaml': componentYaml('a'),
          'catalog/services/b.yaml': componentYaml('b'),
        },
        shared: { 'teams.yaml': componentYaml('teams') },
      }),
    );
    expect(r.diagnostics).toEqual([]);
    expect(refs(r)).toEqual([
      'location:default/root',
      'location:default/all',
      'component:default/a',
      'component:default/b',
      'component:default/teams',
    ]);
    const teams = r.entities.find((e) => e.ref === 'component:default/teams')!;
    expect(teams.source).toMatchObject({ repo: 'shared', file: 'teams.yaml' });
    expect(teams.entity.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': 'url:https://github.com/acme/shared/blob/main/teams.yaml',
      'backstage.io/managed-by-origin-location': 'url:https://github.com/acme/platform/blob/main/catalog-info.yaml',
    });
    expect(r.files.map((f) => `${f.repo}/${f.path}`)).toEqual([
      'platform/catalog-info.yaml',
      'platform/catalog/all.yaml',
      'platform/catalog/services/a.yaml',
      'platform/catalog/services/b.yaml',
      'shared/teams.yaml',
    ]);
  });

  it('is silent about a missing optional target and reports a missing required one at the target', async () => {
    const r = await read(
      snap({
        svc: {
          'catalog-info.yaml': `${location('opt', ['./nope.yaml'], '  presence: optional\n')}---\n${location('req', ['./gone.yaml', './none/*.yaml'])}`,
        },
      }),
    );
    expect(refs(r)).toEqual(['location:default/opt', 'location:default/req']);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.entity])).toEqual([
      ['location-target-missing', 16, 7, 'location:default/req'],
      ['location-target-missing', 17, 7, 'location:default/req'],
    ]);
    expect(r.diagnostics[0]!.message).toContain('svc/gone.yaml');
  });

  it('reports a missing file at every Location that requires it', async () => {
    const r = await read(
      snap({ svc: { 'catalog-info.yaml': `${location('x', ['./gone.yaml'])}---\n${location('y', ['./gone.yaml'])}---\n${location('z', ['./gone.yaml'], '  presence: optional\n')}` } }),
    );
    expect(r.diagnostics.map((d) => [d.code, d.line, d.entity])).toEqual([
      ['location-target-missing', 7, 'location:default/x'],
      ['location-target-missing', 15, 'location:default/y'],
    ]);
  });

  it('warns about a cycle, naming the chain, and reads each file once', async () => {
    const counting = countingSnapshot(
      snap({
        svc: {
          'catalog-info.yaml': location('a', ['./b.yaml']),
          'b.yaml': location('b', ['./catalog-info.yaml', './c.yaml']),
          'c.yaml': location('c', ['./b.yaml']),
        },
      }),
    );
    const r = await read(counting);
    expect(refs(r)).toEqual(['location:default/b', 'location:default/c', 'location:default/a']);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.file, d.line])).toEqual([
      ['warning', 'location-cycle', 'b.yaml', 7],
      ['warning', 'location-cycle', 'c.yaml', 7],
    ]);
    expect(r.diagnostics[0]!.message).toContain('svc/catalog-info.yaml → svc/b.yaml → svc/catalog-info.yaml');
    expect(r.diagnostics[1]!.message).toContain('svc/b.yaml → svc/c.yaml → svc/b.yaml');
    const paths = counting.reads.flat().map((f) => f.path);
    expect(paths.sort()).toEqual(['b.yaml', 'c.yaml', 'catalog-info.yaml']);
  });

  it('reads a file reached by two Locations once, without a cycle warning', async () => {
    const counting = countingSnapshot(
      snap({
        svc: {
          'catalog-info.yaml': `${location('x', ['./shared.yaml'])}---\n${location('y', ['./shared.yaml'])}`,
          'shared.yaml': componentYaml('shared'),
        },
      }),
    );
    const r = await read(counting);
    expect(r.diagnostics).toEqual([]);
    expect(refs(r)).toContain('component:default/shared');
    expect(counting.reads.flat().filter((f) => f.path === 'shared.yaml')).toHaveLength(1);
  });

  it('refuses targets that escape the repo and warns about URLs outside the build', async () => {
    const counting = countingSnapshot(
      snap({
        svc: { 'catalog-info.yaml': location('x', ['../../etc/passwd', 'https://github.com/elsewhere/repo/blob/main/x.yaml']) },
      }),
    );
    const r = await read(counting);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['error', 'location-target-invalid', 7],
      ['warning', 'location-target-outside', 8],
    ]);
    expect(counting.reads.flat().map((f) => f.path)).toEqual(['catalog-info.yaml']);
  });
});

describe('readCatalog: locations, edge cases', () => {
  it('follows a Location whose targets come from a placeholder, one round later', async () => {
    const counting = countingSnapshot(
      snap({
        svc: {
          'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: gen\nspec:\n  targets:\n    $json: ./targets.json\n`,
          'targets.json': '["./a.yaml"]',
          'a.yaml': componentYaml('a'),
        },
      }),
    );
    const r = await read(counting);
    expect(r.diagnostics).toEqual([]);
    expect(refs(r)).toEqual(['component:default/a', 'location:default/gen']);
    expect(counting.reads.map((batch) => batch.map((f) => f.path))).toEqual([['catalog-info.yaml'], ['targets.json'], ['a.yaml']]);
  });

  it('does not let a glob target match its own Location file', async () => {
    const r = await read(snap({ svc: { 'catalog-info.yaml': location('all', ['./*.yaml']), 'a.yaml': componentYaml('a') } }));
    expect(r.diagnostics).toEqual([]);
    expect(refs(r)).toEqual(['component:default/a', 'location:default/all']);
  });

  it('does not follow an invalid Location, nor a type it cannot read', async () => {
    const r = await read(
      snap({
        svc: {
          'catalog-info.yaml': `${location('x', ['./a.yaml']).replace('metadata:\n  name: x\n', 'metadata:\n  title: no name\n')}---\n${location('y', ['acme'], '  type: github-org\n')}`,
          'a.yaml': componentYaml('a'),
        },
      }),
    );
    expect(refs(r)).toEqual(['location:default/y']);
    expect(r.diagnostics.map((d) => [d.severity, d.code, d.line])).toEqual([
      ['error', 'schema', 4], // missing metadata.name: the metadata map
      ['warning', 'location-type-unsupported', 14],
    ]);
  });

  it('reads a file used both as a placeholder and as a catalog file once', async () => {
    const shared = componentYaml('shared');
    const counting = countingSnapshot(
      snap({
        svc: {
          'catalog-info.yaml': `${location('all', ['./shared.yaml'])}---\n${componentYaml('svc', { extra: '  notes:\n    $text: ./shared.yaml\n' })}`,
          'shared.yaml': shared,
        },
      }),
    );
    const r = await read(counting);
    expect(r.diagnostics).toEqual([]);
    expect(r.entities.find((e) => e.ref === 'component:default/svc')!.entity.spec?.notes).toBe(shared);
    expect(refs(r)).toContain('component:default/shared');
    expect(counting.reads.map((batch) => batch.map((f) => f.path))).toEqual([['catalog-info.yaml'], ['shared.yaml']]);
  });
});

describe('readCatalog: duplicates', () => {
  it('drops every copy of a ref defined in two files or repos, naming the others', async () => {
    const r = await read(
      snap({
        one: { 'catalog-info.yaml': `${componentYaml('Payments')}---\n${componentYaml('unique')}` },
        two: { 'catalog-info.yaml': componentYaml('payments') },
        three: { 'catalog-info.yaml': `# the same again\n${componentYaml('PAYMENTS')}` },
      }),
    );
    expect(refs(r)).toEqual(['component:default/unique']);
    expect(r.diagnostics.map((d) => `${d.code} ${d.repo}:${d.line}:${d.column}`)).toEqual([
      'duplicate-entity one:4:9',
      'duplicate-entity three:5:9',
      'duplicate-entity two:4:9',
    ]);
    expect(r.diagnostics[0]!.message).toBe(
      'Entity component:default/payments is defined more than once; also in three/catalog-info.yaml:5, two/catalog-info.yaml:4',
    );
  });
});

describe('readCatalog: computed annotations', () => {
  it('lets the author win and leaves out edit-url when the branch is a commit', async () => {
    const commit = 'a'.repeat(40);
    const file = componentYaml('svc', { extra: `  x: 1\n` }).replace('  name: svc\n', "  name: svc\n  annotations:\n    backstage.io/source-location: 'url:https://github.com/acme/code/tree/main/'\n");
    const r = await read(
      snap({ svc: { 'deploy/catalog-info.yaml': file } }, { svc: { defaultBranch: commit, host: 'ghe.acme.dev', url: 'https://ghe.acme.dev/acme/svc' } }),
      'deploy/catalog-info.yaml',
    );
    expect(r.entities[0]!.entity.metadata.annotations).toEqual({
      'backstage.io/source-location': 'url:https://github.com/acme/code/tree/main/',
      'backstage.io/managed-by-location': `url:https://ghe.acme.dev/acme/svc/blob/${commit}/deploy/catalog-info.yaml`,
      'backstage.io/managed-by-origin-location': `url:https://ghe.acme.dev/acme/svc/blob/${commit}/deploy/catalog-info.yaml`,
      'backstage.io/view-url': `https://ghe.acme.dev/acme/svc/blob/${commit}/deploy/catalog-info.yaml`,
    });
  });
});

describe('readCatalog: batching', () => {
  function org(perRepo: number) {
    const repos: Record<string, RepoFiles> = {};
    for (let i = 0; i < 4; i++) {
      const files: RepoFiles = {
        'catalog-info.yaml': location(`root-${i}`, ['./catalog/all.yaml']),
        'catalog/all.yaml': location(`all-${i}`, Array.from({ length: perRepo }, (_, j) => `./c${j}.yaml`)),
      };
      for (let j = 0; j < perRepo; j++) {
        files[`catalog/c${j}.yaml`] = componentYaml(`c-${i}-${j}`, { extra: `  notes:\n    $text: ./notes-${j}.md\n` });
        files[`catalog/notes-${j}.md`] = `notes ${j}`;
      }
      repos[`repo-${i}`] = files;
    }
    return countingSnapshot(snap(repos));
  }

  it('needs one read per level of Location nesting plus one for placeholders, however many files', async () => {
    const small = org(2);
    const large = org(40);
    const a = await read(small);
    const b = await read(large);
    expect(a.entities).toHaveLength(4 * (2 + 2));
    expect(b.entities).toHaveLength(4 * (40 + 2));
    expect(b.diagnostics).toEqual([]);
    // roots, all.yaml, components, placeholder files
    expect(small.reads).toHaveLength(4);
    expect(large.reads).toHaveLength(4);
    expect(large.reads[2]).toHaveLength(4 * 40);
  });
});

describe('one item that fails costs that item only', () => {
  it('leaves out an entity nested too deeply (a deep $json file) with an error, and keeps the rest', async () => {
    const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    const result = await read(
      snap({
        json: { 'catalog-info.yaml': `${componentYaml('deep-json', { extra: '  x:\n    $json: ./deep.json\n' })}---\n${componentYaml('after')}`, 'deep.json': deep },
        good: { 'catalog-info.yaml': componentYaml('good') },
      }),
    );
    expect(refs(result)).toEqual(['component:default/good', 'component:default/after']);
    expect(brief(result)).toEqual(['error catalog-failed json/catalog-info.yaml:1:1']);
    expect(result.diagnostics[0]!.message).toContain('component:default/deep-json nests more than 200 levels deep');
  });

  it('turns an exception while reading one document into an error at that document, and reads the other files', async () => {
    const throwing = (value: unknown) => {
      if ((value as { metadata?: { name?: string } }).metadata?.name === 'boom') throw new RangeError('Maximum call stack size exceeded');
      return testValidate(value);
    };
    const result = await readCatalog(
      snap({ bad: { 'catalog-info.yaml': `${componentYaml('boom')}---\n${componentYaml('after')}` }, good: { 'catalog-info.yaml': componentYaml('good') } }),
      { catalogPath: () => '/catalog-info.yaml', validate: throwing },
    );
    expect(refs(result)).toEqual(['component:default/after', 'component:default/good']);
    expect(brief(result)).toEqual(['error catalog-failed bad/catalog-info.yaml:1:1']);
    expect(result.diagnostics[0]!.message).toBe('Catalog file could not be processed: Maximum call stack size exceeded');
  });
});
