// One page cannot take down the org: hostile docs pages (each overflowed the stack of `build` and `validate`
// before the depth guards) in one repo, through the real CLI; the rest of the org builds and the problems name
// the repo and the file.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.ts';
import { REPO_ROOT } from '../site/build/files.ts';

// Inside the repo: Astro keeps its prerender chunks under the cwd, so the output stays inside it too.
const work = join(REPO_ROOT, '.backlot', `isolate-test-${process.pid}`);
const org = join(work, 'org');
const outDir = join(work, 'dist');

const HOSTILE: Record<string, string> = {
  divs: `# Divs\n\n${'<div>'.repeat(2000)}deep text${'</div>'.repeat(2000)}\n`,
  quotes: `# Quotes\n\n${'>'.repeat(2000)} deep text\n`,
  stars: `# Stars\n\n${'*'.repeat(10000)}deep text${'*'.repeat(10000)}\n`,
  details: `# Details\n\n${'<details>'.repeat(3000)}deep text${'</details>'.repeat(3000)}\n`,
};

function component(name: string): string {
  return [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    '    backstage.io/techdocs-ref: dir:.',
    'spec:',
    '  type: service',
    '  lifecycle: production',
    '  owner: team-a',
    '',
  ].join('\n');
}

// A picker filter value with a `toString` key: String() on it throws while the form is generated.
const TEMPLATE = [
  'apiVersion: scaffolder.backstage.io/v1beta3',
  'kind: Template',
  'metadata:',
  '  name: broken-form',
  'spec:',
  '  type: service',
  '  owner: team-a',
  '  parameters:',
  '    - title: Owner',
  '      properties:',
  '        owner:',
  '          type: string',
  '          ui:field: EntityPicker',
  '          ui:options:',
  '            catalogFilter:',
  '              kind: [{ toString: x }]',
  '  steps:',
  '    - id: log',
  '      action: debug:log',
  '      input: { message: hi }',
  '',
].join('\n');

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function cli(args: string[]) {
  const res = spawnSync(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

let build: ReturnType<typeof cli>;
let validate: ReturnType<typeof cli>;

beforeAll(() => {
  rmSync(work, { recursive: true, force: true });
  write(join(org, 'good/catalog-info.yaml'), `${component('good-service')}---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n`);
  write(join(org, 'good/mkdocs.yml'), 'site_name: Good\n');
  write(join(org, 'good/docs/index.md'), '# Good\n\nAll fine here.\n');
  write(join(org, 'hostile/catalog-info.yaml'), component('hostile-service'));
  write(join(org, 'hostile/mkdocs.yml'), 'site_name: Hostile\n');
  write(join(org, 'hostile/docs/index.md'), '# Hostile\n\nThe index is fine.\n');
  for (const [name, text] of Object.entries(HOSTILE)) write(join(org, `hostile/docs/${name}.md`), text);
  // Data that would overflow later stages or make a page's code throw: each costs its own item only.
  const deepSpec = `${'{"a":'.repeat(180)}1${'}'.repeat(180)}`;
  write(join(org, 'data/catalog-info.yaml'), [
    component('deep-spec').replace('  owner: team-a\n', `  owner: team-a\n  x: ${deepSpec}\n`),
    component('too-deep').replace('  owner: team-a\n', '  owner: team-a\n  x:\n    $json: ./deep.json\n'),
    TEMPLATE,
  ].join('---\n'));
  write(join(org, 'data/deep.json'), `${'['.repeat(20_000)}${']'.repeat(20_000)}`);
  write(join(work, 'backlot.config.yaml'), `site:\n  title: Isolation\n  outDir: ${JSON.stringify(outDir)}\nsources:\n  - type: local\n    path: ${JSON.stringify(org)}\n    org: acme\n`);
  validate = cli(['validate', '--format', 'json', '--config', join(work, 'backlot.config.yaml')]);
  build = cli(['build', '--config', join(work, 'backlot.config.yaml')]);
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const tooDeep = (diagnostics: Diagnostic[]) =>
  diagnostics
    .filter((d) => d.code === 'docs-too-deep')
    .map((d) => `${d.severity} ${d.repo}/${d.file}:${d.line}`)
    .sort();
const expected = Object.keys(HOSTILE).map((name) => `warning hostile/docs/${name}.md:3`).sort();

describe('hostile docs pages in one repo', () => {
  it('validate reports each page by repo, file and line, and does not crash', () => {
    expect(validate.stderr).not.toMatch(/Maximum call stack/);
    // 1, as for any error: the entity nested 20,000 levels deep is one, the template whose form throws another.
    expect(validate.code).toBe(1);
    const diagnostics = JSON.parse(validate.stdout) as Diagnostic[];
    expect(tooDeep(diagnostics)).toEqual(expected);
    expect(diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.entity}`).sort()).toEqual([
      'catalog-failed component:default/too-deep',
      'render-failed template:default/broken-form',
    ]);
    const form = diagnostics.find((d) => d.code === 'render-failed')!;
    expect(form.message).toMatch(/form of template:default\/broken-form could not be built from spec\.parameters: Cannot convert object to primitive value/);
    expect(form.line).toBeGreaterThan(0);
  });

  it('build succeeds: the rest of the org is built, each hostile page too, with its text', () => {
    expect(build.stderr).not.toMatch(/Maximum call stack/);
    expect(build.stdout).toMatch(/^ {2}problems {2}2 errors/m);
    expect(existsSync(join(outDir, 'index.html'))).toBe(true);
    expect(readFileSync(join(outDir, 'docs/default/component/good-service/index.html'), 'utf8')).toContain('All fine here.');
    expect(existsSync(join(outDir, 'catalog/default/component/hostile-service/index.html'))).toBe(true);
    for (const name of Object.keys(HOSTILE)) {
      expect(readFileSync(join(outDir, `docs/default/component/hostile-service/${name}/index.html`), 'utf8')).toContain('deep text');
    }
    const diagnostics = JSON.parse(readFileSync(join(outDir, 'api/catalog/diagnostics.json'), 'utf8')) as Diagnostic[];
    expect(tooDeep(diagnostics)).toEqual(expected);
  });

  it('an entity nested 180 levels deep gets its page; one nested 20,000 levels is left out; a form that cannot be built says why', () => {
    expect(existsSync(join(outDir, 'catalog/default/component/deep-spec/index.html'))).toBe(true);
    expect(existsSync(join(outDir, 'catalog/default/component/too-deep'))).toBe(false);
    const create = readFileSync(join(outDir, 'create/default/broken-form/index.html'), 'utf8');
    expect(create).toContain('could not be rendered');
    expect(create).toContain('Cannot convert object to primitive value');
    expect(create).not.toContain('data-create-wizard');
  });
});
