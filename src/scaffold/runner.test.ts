import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runTemplate } from './runner.ts';
import { memoryTemplate, templateYaml } from './testing/template.ts';
import { ScaffoldError, type StepEvent } from './types.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-run-'));

function template(spec: string, skeleton: Record<string, string> = {}) {
  const files: Record<string, string> = { 'templates/service/template.yaml': templateYaml(spec) };
  for (const [path, text] of Object.entries(skeleton)) files[`templates/service/${path}`] = text;
  return memoryTemplate(files);
}

async function run(t: ReturnType<typeof template>, values: unknown = {}) {
  const lines: string[] = [];
  const workspace = tmp();
  const result = await runTemplate({ template: t, values, workspace, dryRun: true, log: (l) => lines.push(l), taskId: 'task-1' });
  return { result, lines, workspace };
}

describe('runTemplate', () => {
  it('runs a step once per item of each, collecting outputs into lists', async () => {
    const t = template(`steps:
  - id: files
    each: \${{ parameters.names }}
    action: catalog:write
    input:
      filePath: \${{ each.value }}.yaml
      entity: { apiVersion: backstage.io/v1alpha1, kind: Component, metadata: { name: '\${{ each.value }}' }, spec: { n: '\${{ each.key }}' } }
  - id: map
    each: { a: 1, b: 2 }
    action: debug:log
    input: { message: '\${{ each.key }}=\${{ each.value }}' }`);
    const { lines, workspace } = await run(t, { names: ['one', 'two'] });
    expect(parse(readFileSync(join(workspace, 'one.yaml'), 'utf8')).spec).toEqual({ n: '0' });
    expect(parse(readFileSync(join(workspace, 'two.yaml'), 'utf8')).metadata.name).toBe('two');
    expect(lines.filter((l) => l.startsWith('[map]   '))).toEqual(['[map]   a=1', '[map]   b=2']);
  });

  it('rejects each that renders to a single value', async () => {
    const t = template(`steps:\n  - id: bad\n    each: \${{ parameters.name }}\n    action: debug:log`);
    await expect(run(t, { name: 'x' })).rejects.toThrow(/step "bad".*"each" must render to a list or an object/);
  });

  it('skips a step whose if is falsy, typed or rendered', async () => {
    const t = template(`steps:
  - { id: a, action: debug:log, if: '\${{ parameters.on }}', input: { message: A } }
  - { id: b, action: debug:log, if: false, input: { message: B } }
  - { id: c, action: debug:log, if: '\${{ parameters.list }}', input: { message: C } }
  - { id: d, action: debug:log, if: "\${{ parameters.name == 'x' }}", input: { message: D } }`);
    const { result, lines } = await run(t, { on: false, list: [], name: 'x' });
    expect(result.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['a:skipped', 'b:skipped', 'c:skipped', 'd:done']);
    expect(lines).toContain('[d]   D');
    expect(lines.some((l) => l.endsWith('  A'))).toBe(false);
  });

  it("passes a step's outputs to later steps and to the output", async () => {
    const t = template(`steps:
  - id: publish
    action: publish:github
    input: { repoUrl: 'github.com?owner=acme&repo=\${{ parameters.name }}' }
  - id: log
    action: debug:log
    input: { message: 'pushed to \${{ steps.publish.output.remoteUrl }}' }
output:
  links:
    - { title: Repository, url: '\${{ steps.publish.output.remoteUrl }}' }
    - { title: Hidden, url: 'https://x', if: '\${{ parameters.name == "nope" }}' }
  text:
    - { title: Next, content: 'Run **make** in \${{ parameters.name }}' }
  other: \${{ parameters.name }}`, { 'skeleton/a.txt': 'a' });
    const withFile = { ...t, spec: { ...t.spec, steps: [{ action: 'fetch:plain', id: 'f', input: { url: './skeleton' } }, ...t.spec.steps] } };
    const { result, lines } = await run(withFile, { name: 'svc' });
    expect(lines).toContain('[log]   pushed to https://github.com/acme/svc.git');
    expect(result.output).toEqual({
      links: [{ title: 'Repository', url: 'https://github.com/acme/svc.git' }],
      text: [{ title: 'Next', content: 'Run **make** in svc' }],
      values: { other: 'svc' },
    });
  });

  it('stops before any step when an action or a filter is unknown', async () => {
    const t = template(`steps:
  - { id: first, action: debug:log, input: { message: hi } }
  - { id: second, action: publish:gitlab }
  - { id: third, action: debug:log, input: { message: '\${{ parameters.name | shout }}' } }`);
    let error: unknown;
    const lines: string[] = [];
    try {
      await runTemplate({ template: t, values: {}, workspace: tmp(), dryRun: true, log: (l) => lines.push(l) });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ScaffoldError);
    expect((error as Error).message).toMatch(/step "second": unknown action "publish:gitlab"; Backlot runs .*fetch:template/);
    expect((error as Error).message).toContain('unknown filter shout');
    expect(lines).toEqual([]);
  });

  it('runs a reused step id as Backstage does: both steps, the later output wins, each its own line in the step log', async () => {
    const t = template(`steps:
  - { id: a, action: fs:read, input: { path: one.txt } }
  - { id: a, action: fs:read, input: { path: two.txt } }
  - { id: b, action: debug:log, input: { message: '\${{ steps.a.output.content }}' } }`);
    const workspace = mkdtempSync(join(tmpdir(), 'backlot-runner-'));
    writeFileSync(join(workspace, 'one.txt'), 'first');
    writeFileSync(join(workspace, 'two.txt'), 'second');
    const lines: string[] = [];
    const events: StepEvent[] = [];
    await runTemplate({ template: t, values: {}, workspace, dryRun: true, log: (l) => lines.push(l), onStep: (e) => events.push(e) });
    expect(lines[0]).toBe('warning: step id "a" is used twice: both steps run, and steps.a.output is the later one\'s; give each step its own id to read the earlier output');
    expect(lines).toContain('[b]   second');
    expect(events.filter((e) => e.type === 'end').map((e) => e.type === 'end' && `${e.id} ${e.status}`)).toEqual(['a done', 'a#2 done', 'b done']);
  });

  it('validates the values against every parameter page, fills defaults', async () => {
    const t = template(`parameters:
  - required: [name]
    properties:
      name: { type: string, pattern: '^[a-z-]+$', ui:autofocus: true }
  - properties:
      port: { type: integer, default: 8080 }
      tier: { type: string, enum: [gold, silver] }
steps:
  - { id: log, action: debug:log, input: { message: '\${{ parameters.name }}:\${{ parameters.port }}' } }`);
    await expect(run(t, {})).rejects.toThrow(/name is required/);
    await expect(run(t, { name: 'Bad Name' })).rejects.toThrow(/name must match pattern/);
    await expect(run(t, { name: 'ok', tier: 'bronze' })).rejects.toThrow(/tier must be equal to one of the allowed values/);
    await expect(run(t, [])).rejects.toThrow(/must be a JSON object/);
    const { lines } = await run(t, { name: 'ok' });
    expect(lines).toContain('[log]   ok:8080');
  });

  it('names the step and expression when an input fails to render, and leaves no ${{ }} behind', async () => {
    const t = template(`steps:\n  - { id: write, action: catalog:write, input: { entity: { name: '\${{ parameters.x.y.z() }}' } } }`);
    await expect(run(t, {})).rejects.toThrow(/step "write" \(catalog:write\) failed: cannot render input\.entity\.name "\$\{\{ parameters\.x\.y\.z\(\) \}\}"/);
  });

  it('in a dry run describes GitHub actions instead of calling GitHub', async () => {
    const t = template(`steps:
  - { id: fetch, action: fetch:plain, input: { url: ./skeleton } }
  - id: publish
    action: publish:github
    input: { repoUrl: 'github.com?owner=acme&repo=svc', repoVisibility: public, topics: [a], description: Svc }
  - id: dispatch
    action: github:actions:dispatch
    input: { repoUrl: 'github.com?owner=acme&repo=svc', workflowId: ci.yml, branchOrTagName: main, workflowInputs: { a: 1 } }
  - id: register
    action: catalog:register
    input: { repoContentsUrl: '\${{ steps.publish.output.repoContentsUrl }}', optional: true }
output:
  links:
    - { title: Catalog, entityRef: '\${{ steps.register.output.entityRef }}' }`, {
      'skeleton/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc\nspec: {}\n',
    });
    const { result } = await run(t);
    expect(result.effects.map((e) => [e.step, e.summary])).toEqual([
      ['publish', 'create public repo acme/svc on github.com and push 1 file to main, then protect it'],
      ['dispatch', 'run workflow ci.yml of acme/svc on main'],
      ['register', 'ask the portal repo (set scaffold.portalRepo or GITHUB_REPOSITORY) to rebuild (repository_dispatch "backlot-rebuild")'],
    ]);
    expect(result.effects[2]!.details).toEqual({
      catalogInfoUrl: 'https://github.com/acme/svc/blob/main/catalog-info.yaml',
      template: 'template:default/service',
      entityRef: 'component:default/svc',
    });
    expect(result.effects[1]!.details.inputs).toEqual({ a: '1' });
    expect(result.output.links).toEqual([{ title: 'Catalog', entityRef: 'component:default/svc' }]);
  });

  it('refuses more than 25 workflow inputs', async () => {
    const inputs = Object.fromEntries(Array.from({ length: 26 }, (_, i) => [`k${i}`, 'v']));
    const t = template(`steps:
  - id: dispatch
    action: github:actions:dispatch
    input: { repoUrl: 'github.com?owner=a&repo=b', workflowId: x.yml, branchOrTagName: main, workflowInputs: ${JSON.stringify(inputs)} }`);
    await expect(run(t)).rejects.toThrow(/26 keys; GitHub accepts at most 25/);
  });

  it('catalog:write marks the entity with its template; fs:rename and fs:delete stay in the workspace', async () => {
    const t = template(`steps:
  - id: write
    action: catalog:write
    input: { entity: { apiVersion: backstage.io/v1alpha1, kind: Component, metadata: { name: svc }, spec: { type: service } } }
  - { id: mv, action: fs:rename, input: { files: [{ from: catalog-info.yaml, to: meta/catalog-info.yaml }] } }
  - { id: rm, action: fs:delete, input: { files: ['**/*.tmp'] } }`);
    const { workspace } = await run(t);
    const entity = parse(readFileSync(join(workspace, 'meta/catalog-info.yaml'), 'utf8'));
    expect(entity.metadata.annotations).toEqual({ 'backstage.io/source-template': 'template:default/service' });
    for (const bad of [`{ files: [{ from: meta, to: ../../x }] }`, `{ files: [/etc] }`]) {
      const action = bad.includes('from') ? 'fs:rename' : 'fs:delete';
      await expect(run(template(`steps:\n  - { id: x, action: ${action}, input: ${bad} }`))).rejects.toThrow(/outside the workspace/);
    }
    expect(existsSync('/etc')).toBe(true);
  });

  it('exposes user and context.task to expressions', async () => {
    const t = template(`steps:\n  - { id: who, action: debug:log, input: { message: '\${{ user.ref }} \${{ context.task.id }}' } }`);
    const { lines } = await run(t);
    expect(lines).toContain('[who]   user:default/guest task-1');
  });
});
