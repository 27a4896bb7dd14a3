import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { ConfigError, defaultConfig, loadConfig, parseConfig } from './load.ts';
import { configSchema } from './schema.ts';

// load.ts compiles it without checking it against the meta-schema (a cost every command paid): here it is.
describe('configSchema', () => {
  it('is a valid JSON Schema', () => {
    const ajv = new Ajv({ strict: false });
    expect(ajv.validateSchema(configSchema), JSON.stringify(ajv.errors)).toBe(true);
    expect(ajv.validateSchema({ ...configSchema, type: 'map' })).toBe(false);
  });
});

function problems(text: string) {
  try {
    parseConfig(text, '/org/backlot.config.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('defaults to the demo org in content/ when there is no file', () => {
    const config = defaultConfig('/org');
    expect(config.sources).toEqual([
      { type: 'local', path: 'content', org: 'local', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' },
    ]);
    expect(config.site).toEqual({ title: 'Backlot', base: '/', outDir: '/org/dist' });
    expect(config.cacheDir).toBe('/org/.backlot-cache');
  });

  it('resolves paths against the config file and normalises the base path', () => {
    const config = parseConfig('site:\n  title: Acme\n  base: /portal\n  url: https://acme.github.io/\n  outDir: out\n', '/org/backlot.config.yaml');
    expect(config.site).toEqual({ title: 'Acme', base: '/portal/', url: 'https://acme.github.io', outDir: '/org/out' });
  });

  it('reads the portal repo and GitHub URLs for the Create pages; the repo falls back to scaffold.portalRepo', () => {
    const config = parseConfig(
      'site:\n  repo: kestrel-freight/portal\n  githubUrl: https://git.corp.example/\n  githubApiUrl: https://git.corp.example/api/v3/\n',
      '/org/backlot.config.yaml',
    );
    expect(config.site).toMatchObject({ repo: 'kestrel-freight/portal', githubUrl: 'https://git.corp.example', githubApiUrl: 'https://git.corp.example/api/v3' });
    expect(parseConfig('scaffold:\n  portalRepo: acme/portal\n', '/org/c.yaml').site.repo).toBe('acme/portal');
    expect(parseConfig('site:\n  repo: acme/own\nscaffold:\n  portalRepo: acme/portal\n', '/org/c.yaml').site.repo).toBe('acme/own');
    expect(defaultConfig('/org').site.repo).toBeUndefined();
    expect(problems('site:\n  repo: portal\n')).toEqual([
      { file: '/org/backlot.config.yaml', line: 2, column: 9, message: 'site.repo is not in the right form', hint: 'owner/name, e.g. "kestrel-freight/portal"' },
    ]);
  });

  it('keeps 180 days of history from the live site (site.url + base) unless history says otherwise', () => {
    expect(defaultConfig('/org').history).toEqual({ days: 180 });
    expect(parseConfig('site:\n  url: https://acme.github.io/\n  base: /portal\n', '/org/c.yaml').history).toEqual({ days: 180, url: 'https://acme.github.io/portal/' });
    expect(parseConfig('site:\n  url: https://acme.github.io\nhistory:\n  days: 30\n  url: https://portal.acme.internal/live\n', '/org/c.yaml').history).toEqual({
      days: 30,
      url: 'https://portal.acme.internal/live/',
    });
    expect(problems('history:\n  days: 0\n  url: portal.acme\n  dayz: 3\n')).toEqual([
      { file: '/org/backlot.config.yaml', line: 4, column: 3, message: 'unknown key "dayz" in history', hint: 'did you mean "days"?' },
      { file: '/org/backlot.config.yaml', line: 2, column: 9, message: 'history.days must be at least 1' },
      { file: '/org/backlot.config.yaml', line: 3, column: 8, message: 'history.url is not in the right form', hint: 'the live portal\'s URL, e.g. "https://acme.github.io/portal/"' },
    ]);
    expect(problems('history:\n  days: 1.5\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 9, message: 'history.days must be an integer' }]);
  });

  it('reads docs.mermaid, where diagrams are drawn, with friendly errors', () => {
    expect(defaultConfig('/org').docs).toBeUndefined();
    expect(parseConfig('docs:\n  mermaid: browser\n', '/org/c.yaml').docs).toEqual({ mermaid: 'browser' });
    expect(problems('docs:\n  mermaid: server\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 12, message: 'docs.mermaid must be "auto" or "build" or "browser"' }]);
    expect(problems('docs:\n  mermiad: build\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 3, message: 'unknown key "mermiad" in docs', hint: 'did you mean "mermaid"?' }]);
  });

  it('reads site.entityGraph, where entity pages draw their graph, with friendly errors', () => {
    expect(defaultConfig('/org').site.entityGraph).toBeUndefined();
    expect(parseConfig('site:\n  entityGraph: browser\n', '/org/c.yaml').site.entityGraph).toBe('browser');
    expect(problems('site:\n  entityGraph: svg\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 16, message: 'site.entityGraph must be "auto" or "static" or "browser"' }]);
  });

  it('reads build.shards, the runners the build workflow splits the crawl over, with friendly errors', () => {
    expect(defaultConfig('/org').build).toBeUndefined();
    expect(parseConfig('build:\n  shards: 4\n', '/org/c.yaml').build).toEqual({ shards: 4 });
    const hint = 'how many runners the crawl is split over, a whole number from 1 (no split) to 256, e.g. "shards: 4"';
    expect(problems('build:\n  shards: 0\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 11, message: 'build.shards must be at least 1', hint }]);
    expect(problems('build:\n  shards: 1000\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 11, message: 'build.shards must be at most 256', hint }]);
    expect(problems('build:\n  shards: four\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 11, message: 'build.shards must be an integer', hint }]);
    expect(problems('build:\n  shard: 4\n')).toEqual([{ file: '/org/backlot.config.yaml', line: 2, column: 3, message: 'unknown key "shard" in build', hint: 'did you mean "shards"?' }]);
  });

  it('fills Backstage discovery defaults for a github source', () => {
    const [source] = parseConfig('sources:\n  - type: github\n    org: acme\n', '/org/c.yaml').sources;
    expect(source).toMatchObject({
      type: 'github',
      orgs: ['acme'],
      apiBaseUrl: 'https://api.github.com',
      tokenEnv: 'GITHUB_TOKEN',
      catalogPath: '/catalog-info.yaml',
      filters: { allowForks: true, allowArchived: false },
    });
    const [ghes] = parseConfig('sources:\n  - type: github\n    orgs: [a, b]\n    host: git.corp.example\n', '/org/c.yaml').sources;
    expect(ghes).toMatchObject({ orgs: ['a', 'b'], apiBaseUrl: 'https://git.corp.example/api' });
  });

  it('names an unknown key, its line and the key it probably meant', () => {
    const found = problems('site:\n  title: Acme\n  bse: /portal/\n');
    expect(found).toEqual([
      { file: '/org/backlot.config.yaml', line: 3, column: 3, message: 'unknown key "bse" in site', hint: 'did you mean "base"?' },
    ]);
  });

  it('reports every problem at once, each at its own line', () => {
    const found = problems('sources:\n  - type: local\n    pth: content\n  - type: github\n    org: a\n    filters:\n      allowForks: yes\n  - type: svn\n');
    expect(found.map((p) => `${p.line}:${p.column} ${p.message}`)).toEqual([
      '2:5 sources[0] needs "path"',
      '3:5 unknown key "pth" in sources[0]',
      '7:19 sources[1].filters.allowForks must be a boolean',
      '8:11 sources[2].type must be "local" or "github"',
    ]);
  });

  it('reads diff.allowBreakingLabel, and names what is wrong with it', () => {
    expect(parseConfig('diff:\n  allowBreakingLabel: catalog-breaking-ok\n', '/org/c.yaml').diff).toEqual({ allowBreakingLabel: 'catalog-breaking-ok' });
    expect(defaultConfig('/org').diff).toBeUndefined();
    expect(problems('diff:\n  allowBreakingLabels: x\n')).toEqual([
      { file: '/org/backlot.config.yaml', line: 2, column: 3, message: 'unknown key "allowBreakingLabels" in diff', hint: 'did you mean "allowBreakingLabel"?' },
    ]);
    expect(problems('diff:\n  allowBreakingLabel: [a]\n')[0]).toMatchObject({ line: 2, column: 23, message: 'diff.allowBreakingLabel must be a string' });
    expect(problems(`diff:\n  allowBreakingLabel: ${'x'.repeat(51)}\n`)[0]).toMatchObject({ message: 'diff.allowBreakingLabel is longer than 50 characters', hint: 'GitHub labels have at most 50' });
  });

  it('requires an org for a github source', () => {
    expect(problems('sources:\n  - type: github\n')[0]).toMatchObject({ line: 2, message: 'sources[0] needs "org" (or "orgs")' });
  });

  it('reports YAML syntax errors with their position', () => {
    const [p] = problems('site:\n  title: [unclosed\n');
    expect(p!.message).toMatch(/^YAML syntax/);
    expect(p!.line).toBeGreaterThan(1);
  });

  it('reads custom kind schemas from files next to the config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-config-'));
    writeFileSync(join(dir, 'pipeline.json'), JSON.stringify({ type: 'object', required: ['spec'] }));
    writeFileSync(
      join(dir, 'backlot.config.yaml'),
      'catalog:\n  kinds:\n    - apiVersion: acme.io/v1\n      kind: Pipeline\n      schema: ./pipeline.json\n',
    );
    expect(loadConfig(undefined, dir).catalog.kinds).toEqual([
      { apiVersion: 'acme.io/v1', kind: 'Pipeline', schema: { type: 'object', required: ['spec'] } },
    ]);
  });

  it('fails clearly when an explicitly named config file is missing', () => {
    expect(() => loadConfig('nope.yaml', '/nonexistent')).toThrow(/config file not found/);
  });
});
