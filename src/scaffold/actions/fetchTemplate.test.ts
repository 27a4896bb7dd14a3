import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTemplateFile } from '../load.ts';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';
import { listFiles } from '../workspace.ts';
import { isSkippedPath, rawMatcher } from './fetchTemplate.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-fetch-'));

/** One fetch:template step with `input`, over a skeleton in `templates/service/skeleton/`. */
function fetchStep(input: string, skeleton: Record<string, string | Uint8Array>) {
  const files: Record<string, string | Uint8Array> = {
    'templates/service/template.yaml': templateYaml(`parameters:
  - properties:
      name: { type: string }
      docker: { type: boolean }
      evil: { type: string }
steps:
  - id: fetch
    action: fetch:template
    input:
${input.replace(/^/gm, '      ')}`),
  };
  for (const [path, data] of Object.entries(skeleton)) files[`templates/service/skeleton/${path}`] = data;
  return memoryTemplate(files);
}

async function run(template: ReturnType<typeof memoryTemplate>, values: Record<string, unknown>, workspace = tmp()) {
  await runTemplate({ template, values, workspace, dryRun: true, log: () => {} });
  const out: Record<string, string> = {};
  for (const f of await listFiles(workspace)) out[f.path] = readFileSync(f.abs, 'utf8');
  return out;
}

const VALUES = `url: ./skeleton
values:
  name: \${{ parameters.name }}
  docker: \${{ parameters.docker }}
  evil: \${{ parameters.evil }}`;

describe('fetch:template', () => {
  it('renders paths and contents, and skips files whose path renders empty', async () => {
    const template = fetchStep(VALUES, {
      'README.md': '# ${{ values.name }}\n',
      'src/${{ values.name }}.ts': 'export const name = "${{ values.name }}";\n',
      "${{ 'Dockerfile' if values.docker }}": 'FROM node\n',
      "${{ 'docker' if values.docker }}/compose.yaml": 'services: {}\n',
    });
    expect(await run(template, { name: 'payments', docker: false })).toEqual({
      'README.md': '# payments\n',
      'src/payments.ts': 'export const name = "payments";\n',
    });
    expect(Object.keys(await run(template, { name: 'payments', docker: true }))).toEqual([
      'Dockerfile',
      'README.md',
      'docker/compose.yaml',
      'src/payments.ts',
    ]);
  });

  it('refuses a rendered path that leaves the workspace', async () => {
    const root = tmp();
    const workspace = join(root, 'ws');
    const template = fetchStep(VALUES, { '${{ values.evil }}': 'pwned' });
    await expect(run(template, { evil: '../../escaped.txt' }, workspace)).rejects.toThrow(/step "fetch".*outside the workspace/s);
    expect(existsSync(join(root, 'escaped.txt'))).toBe(false);
    await expect(run(template, { evil: 'a/../../../escaped.txt' }, workspace)).rejects.toThrow(/outside the workspace/);
  });

  it('refuses a targetPath outside the workspace, absolute or relative', async () => {
    for (const target of ['/tmp/backlot-abs-target', '../sibling']) {
      const template = fetchStep(`url: ./skeleton\ntargetPath: ${target}`, { 'a.txt': 'a' });
      await expect(run(template, {})).rejects.toThrow(/outside the workspace/);
    }
    expect(existsSync('/tmp/backlot-abs-target/a.txt')).toBe(false);
  });

  it('does not follow a symlink in the workspace out of it', async () => {
    const root = tmp();
    const workspace = join(root, 'ws');
    mkdirSync(join(root, 'outside'));
    mkdirSync(workspace);
    symlinkSync(join(root, 'outside'), join(workspace, 'out'));
    const template = fetchStep(`url: ./skeleton\ntargetPath: out`, { 'a.txt': 'a' });
    await expect(run(template, {}, workspace)).rejects.toThrow(/outside the workspace/);
    const nested = fetchStep(`url: ./skeleton`, { 'out/a.txt': 'a' });
    await expect(run(nested, {}, workspace)).rejects.toThrow(/outside the workspace/);
    expect(existsSync(join(root, 'outside', 'a.txt'))).toBe(false);
  });

  it('does not read a skeleton symlink that points out of the template repo', async () => {
    const root = tmp();
    const repo = join(root, 'repo');
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(join(repo, 'skeleton'));
    writeFileSync(join(root, 'secret.txt'), 'secret');
    symlinkSync(join(root, 'secret.txt'), join(repo, 'skeleton', 'leak.txt'));
    writeFileSync(join(repo, 'template.yaml'), templateYaml('steps:\n  - action: fetch:template\n    input: { url: ./skeleton }'));
    const template = await loadTemplateFile(join(repo, 'template.yaml'));
    const workspace = tmp();
    await expect(runTemplate({ template, values: {}, workspace, dryRun: true, log: () => {} })).rejects.toThrow(/cannot read skeleton\/leak.txt/);
    expect(existsSync(join(workspace, 'leak.txt'))).toBe(false);
  });

  it('refuses a url that leaves the repo or names another repo', async () => {
    const up = fetchStep('url: ../../../../etc', { 'a.txt': 'a' });
    await expect(run(up, {})).rejects.toThrow(/leaves the repo https:\/\/github.com\/acme\/templates/);
    const other = fetchStep('url: https://github.com/evil/repo/tree/main/skeleton', { 'a.txt': 'a' });
    await expect(run(other, {})).rejects.toThrow(/is not in an organisation the portal crawls/);
    const same = fetchStep('url: https://github.com/acme/templates/tree/main/templates/service/skeleton', { 'a.txt': 'a' });
    expect(await run(same, {})).toEqual({ 'a.txt': 'a' });
  });

  it('copies copyWithoutTemplating matches raw but still renders their paths', async () => {
    const template = fetchStep(`${VALUES}\ncopyWithoutTemplating:\n  - .github/workflows/\n  - '*.raw'`, {
      '.github/workflows/ci.yml': 'on: push\nenv: { REF: "${{ github.ref }}" }\n',
      '.github/workflows/${{ values.name }}.yml': 'name: ${{ github.job }}\n',
      'keep.raw': '${{ values.name }}',
      'render.md': '${{ values.name }}',
    });
    expect(await run(template, { name: 'svc' })).toEqual({
      '.github/workflows/ci.yml': 'on: push\nenv: { REF: "${{ github.ref }}" }\n',
      '.github/workflows/svc.yml': 'name: ${{ github.job }}\n',
      'keep.raw': '${{ values.name }}',
      'render.md': 'svc',
    });
  });

  it('with templateFileExtension renders only matching files and strips the extension', async () => {
    const skeleton = { 'README.md.njk': '# ${{ values.name }}', 'ci.yml': '${{ github.ref }}', '${{ values.name }}.txt': 'x' };
    expect(await run(fetchStep(`${VALUES}\ntemplateFileExtension: true`, skeleton), { name: 'svc' })).toEqual({
      'README.md': '# svc',
      'ci.yml': '${{ github.ref }}',
      'svc.txt': 'x',
    });
    const custom = { 'a.md.tpl': '${{ values.name }}', 'b.md.njk': '${{ values.name }}' };
    expect(await run(fetchStep(`${VALUES}\ntemplateFileExtension: tpl`, custom), { name: 'svc' })).toEqual({
      'a.md': 'svc',
      'b.md.njk': '${{ values.name }}',
    });
    const both = fetchStep(`${VALUES}\ntemplateFileExtension: true\ncopyWithoutTemplating: ['*.md']`, skeleton);
    await expect(run(both, {})).rejects.toThrow(/cannot be combined/);
  });

  it('with cookiecutterCompat uses {{ cookiecutter.x }}', async () => {
    const template = fetchStep(`url: ./skeleton\ncookiecutterCompat: true\nvalues:\n  name: \${{ parameters.name }}`, {
      '{{ cookiecutter.name }}/README.md': '# {{ cookiecutter.name | upper }} {{ cookiecutter | jsonify }}',
    });
    expect(await run(template, { name: 'svc' })).toEqual({ 'svc/README.md': '# SVC {"name":"svc"}' });
  });

  it('keeps existing files unless replace is set', async () => {
    const workspace = tmp();
    writeFileSync(join(workspace, 'a.txt'), 'old');
    await run(fetchStep('url: ./skeleton', { 'a.txt': 'new' }), {}, workspace);
    expect(readFileSync(join(workspace, 'a.txt'), 'utf8')).toBe('old');
    await run(fetchStep('url: ./skeleton\nreplace: true', { 'a.txt': 'new' }), {}, workspace);
    expect(readFileSync(join(workspace, 'a.txt'), 'utf8')).toBe('new');
  });

  it('copies binary files unchanged', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 0xff]);
    const workspace = tmp();
    await run(fetchStep('url: ./skeleton', { 'logo.png': png }), {}, workspace);
    expect(new Uint8Array(readFileSync(join(workspace, 'logo.png')))).toEqual(png);
  });

  it('fails the step with the file and expression when a file does not render', async () => {
    const template = fetchStep(VALUES, { 'bad.md': 'x ${{ values.name | nope }}' });
    await expect(run(template, { name: 'a' })).rejects.toThrow(/step "fetch" \(fetch:template\) failed: cannot render file bad.md.*Unknown template filter "nope"/s);
  });
});

describe('helpers', () => {
  it('isSkippedPath follows Backstage', () => {
    expect(['', '/x', 'a//b'].map(isSkippedPath)).toEqual([true, true, true]);
    expect(isSkippedPath('a/b')).toBe(false);
  });
  it('rawMatcher treats a folder as everything under it', () => {
    const m = rawMatcher(['.github/workflows/', 'docs/*.md']);
    expect(['.github/workflows/a.yml', '.github/workflows/x/y.yml', 'docs/a.md', 'docs/x/a.md', 'a.md'].map(m)).toEqual([
      true, true, true, false, false,
    ]);
  });
});

describe('copyWithoutRender (deprecated, still honoured as in Backstage)', () => {
  const WORKFLOW = 'name: ci\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ secrets.NPM_TOKEN }}" ${{ github.sha }}\n        env: { TOKEN: "${{ secrets.DEPLOY_KEY }}" }\n';

  it('copies matched files byte for byte, their paths unrendered, and renders the rest', async () => {
    const out = await run(
      fetchStep(`${VALUES}\ncopyWithoutRender: ['.github/workflows/*', 'raw/']`, {
        '.github/workflows/ci.yml': WORKFLOW,
        'raw/${{ values.name }}.txt': '${{ values.name }}',
        'README.md': '# ${{ values.name }}',
      }),
      { name: 'orders' },
    );
    expect(out).toEqual({ '.github/workflows/ci.yml': WORKFLOW, 'raw/${{ values.name }}.txt': '${{ values.name }}', 'README.md': '# orders' });
  });

  it('warns that it is deprecated, and refuses it together with copyWithoutTemplating', async () => {
    const lines: string[] = [];
    const template = fetchStep(`${VALUES}\ncopyWithoutRender: ['*.yml']`, { 'a.yml': '${{ x }}' });
    await runTemplate({ template, values: { name: 'x' }, workspace: tmp(), dryRun: true, log: (l) => lines.push(l) });
    expect(lines.join('\n')).toMatch(/warning: \[Deprecated\] "copyWithoutRender" is deprecated/);
    await expect(run(fetchStep(`${VALUES}\ncopyWithoutRender: ['*.yml']\ncopyWithoutTemplating: ['*.yml']`, { 'a.yml': 'a' }), { name: 'x' })).rejects.toThrow(
      /"copyWithoutRender" and "copyWithoutTemplating" cannot be used at the same time/,
    );
  });
});
