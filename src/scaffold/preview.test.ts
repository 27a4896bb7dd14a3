// The Create page's preview: built from the snapshot at build time, run in memory as the browser runs it, and the
// same files as `backlot scaffold --dry-run` writes to disk.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Entity } from '../model/entity.ts';
import { MAX_PREVIEW_BYTES, type TemplatePreviewData } from '../model/templatePreview.ts';
import { memorySnapshot, repoInfo, type RepoFiles } from '../snapshot/memory.ts';
import { defaultConfig } from '../config/load.ts';
import { runPipeline } from '../pipeline/index.ts';
import { templateFromEntity } from './load.ts';
import { runPreview } from './preview.ts';
import { templatePreviews } from './previewData.ts';
import { runTemplate } from './runner.ts';
import { templateYaml } from './testing/template.ts';
import { listFiles } from './workspace.ts';

const FILE = 'templates/svc/template.yaml';

function org(steps: string, skeleton: RepoFiles = {}) {
  const snapshot = memorySnapshot([
    {
      repo: repoInfo('templates'),
      files: {
        [FILE]: templateYaml(steps),
        'templates/svc/skeleton/README.md': '# ${{ values.name }}\n\nOwned by ${{ values.owner }}.\n',
        'templates/svc/skeleton/${{ values.name }}/index.js': 'export const name = "${{ values.name }}";\n',
        'templates/svc/skeleton/gradlew': '#!/bin/sh\n',
        'templates/svc/skeleton/catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: \'${{ values.name }}\' }\n',
        'templates/svc/skeleton/logo.png': new Uint8Array([137, 80, 78, 71, 0, 1, 2]),
        ...skeleton,
      },
      executables: ['templates/svc/skeleton/gradlew'],
    },
    { repo: repoInfo('shared'), files: { 'ci/build.yml': 'run: ${{ secrets.X }}\n', 'other/x.txt': 'x' } },
  ]);
  const entity = parse(templateYaml(steps)) as Entity;
  const catalog: CatalogEntity[] = [{ ref: 'template:default/service', entity, source: { repo: 'templates', file: FILE, line: 1, column: 1, positions: {} } }];
  return { snapshot, entity, catalog };
}

async function previewData(steps: string, skeleton?: RepoFiles): Promise<TemplatePreviewData> {
  const { snapshot, catalog } = org(steps, skeleton);
  const preview = (await templatePreviews(catalog, snapshot))['template:default/service']!;
  if (!('data' in preview)) throw new Error(preview.unavailable);
  // What the browser gets: JSON.
  return JSON.parse(JSON.stringify(preview.data)) as TemplatePreviewData;
}

const STEPS = `parameters:
  - properties: { name: { type: string }, owner: { type: string } }
    required: [name]
steps:
  - id: fetch
    name: Render the skeleton
    action: fetch:template
    input: { url: ./skeleton, values: { name: '\${{ parameters.name }}', owner: '\${{ parameters.owner }}' } }
  - { id: ci, action: fetch:plain, input: { url: 'https://github.com/acme/shared/tree/main/ci', targetPath: .github/workflows } }
  - { id: mv, action: fs:rename, input: { files: [{ from: README.md, to: docs/README.md }] } }
  - { id: publish, name: Publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=\${{ parameters.name }}' } }
  - { id: register, action: catalog:register, input: { repoContentsUrl: '\${{ steps.publish.output.repoContentsUrl }}' } }
output:
  links:
    - { title: Repository, url: '\${{ steps.publish.output.remoteUrl }}' }
    - { title: In the catalog, entityRef: '\${{ steps.register.output.entityRef }}' }`;

describe('the Create page preview', () => {
  it('carries only the files the fetch steps name, and renders them as the dry run on disk does', async () => {
    const data = await previewData(STEPS);
    expect(data.repos.map((r) => [r.repo.name, Object.keys(r.text).sort(), r.binary, r.executables])).toEqual([
      ['templates', ['templates/svc/skeleton/${{ values.name }}/index.js', 'templates/svc/skeleton/README.md', 'templates/svc/skeleton/catalog-info.yaml', 'templates/svc/skeleton/gradlew'], { 'templates/svc/skeleton/logo.png': 7 }, ['templates/svc/skeleton/gradlew']],
      ['shared', ['ci/build.yml'], {}, []],
    ]);
    const values = { name: 'orders', owner: 'team-a' };
    const preview = await runPreview(data, values);
    expect(preview.error).toBeUndefined();
    expect(preview.files.map((f) => [f.path, f.text ?? `(${f.size} bytes)`, f.executable])).toEqual([
      ['.github/workflows/build.yml', 'run: ${{ secrets.X }}\n', false],
      ['catalog-info.yaml', "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: 'orders' }\n", false],
      ['docs/README.md', '# orders\n\nOwned by team-a.\n', false],
      ['gradlew', '#!/bin/sh\n', true],
      ['logo.png', '(7 bytes)', false],
      ['orders/index.js', 'export const name = "orders";\n', false],
    ]);
    expect(preview.steps.map((s) => [s.id, s.status])).toEqual([['fetch', 'done'], ['ci', 'done'], ['mv', 'done'], ['publish', 'simulated'], ['register', 'simulated']]);
    expect(preview.steps[0]!.log).toEqual(['wrote 5 files from templates/svc/skeleton into ./']);
    expect(preview.steps[3]!.would).toEqual(['create private repo acme/orders on github.com and push 6 files to main']);
    expect(preview.steps[4]!.would).toEqual(['register https://github.com/acme/orders/blob/main/catalog-info.yaml: ask the portal to rebuild, whose crawl then finds it']);
    expect(preview.output?.links).toEqual([{ title: 'Repository', url: 'https://github.com/acme/orders.git' }, { title: 'In the catalog', entityRef: 'component:default/orders' }]);

    // The same template, values and files through `backlot scaffold --dry-run` (one implementation of the steps).
    const { snapshot, entity } = org(STEPS);
    const workspace = mkdtempSync(join(tmpdir(), 'backlot-preview-'));
    await runTemplate({ template: templateFromEntity(entity, snapshot, snapshot.repos[0]!, FILE), values, workspace, dryRun: true, log: () => {} });
    const disk = await listFiles(workspace);
    expect(disk.map((f) => f.path)).toEqual(preview.files.map((f) => f.path));
    for (const f of preview.files.filter((f) => f.text !== undefined)) expect(readFileSync(join(workspace, f.path), 'utf8')).toBe(f.text);
  });

  it("runs fetch:plain:file and Roadie's utils actions in memory, as on disk", async () => {
    const steps = `parameters:
  - properties: { name: { type: string } }
steps:
  - { id: file, action: fetch:plain:file, input: { url: 'https://github.com/acme/shared/blob/main/ci/build.yml', targetPath: ci.yml } }
  - { id: pkg, action: roadiehq:utils:fs:write, input: { path: package.json, content: '{"name": "x", "scripts": {"test": "vitest"}}' } }
  - { id: merge, action: roadiehq:utils:merge, input: { path: package.json, content: { name: '\${{ parameters.name }}' } } }
  - { id: read, action: roadiehq:utils:fs:parse, input: { path: package.json, parser: json } }
  - { id: pick, action: roadiehq:utils:jsonata, input: { data: '\${{ steps.read.output.content }}', expression: 'scripts.test' } }
output:
  text:
    - { title: Test command, content: '\${{ steps.pick.output.result }}' }`;
    const preview = await runPreview(await previewData(steps), { name: 'orders' });
    expect(preview.error).toBeUndefined();
    expect(preview.files.map((f) => [f.path, f.text])).toEqual([
      ['ci.yml', 'run: ${{ secrets.X }}\n'],
      ['package.json', '{\n  "name": "orders",\n  "scripts": {\n    "test": "vitest"\n  }\n}'],
    ]);
    expect(preview.output?.text).toEqual([{ title: 'Test command', content: 'vitest' }]);

    const { snapshot, entity } = org(steps);
    const workspace = mkdtempSync(join(tmpdir(), 'backlot-preview-'));
    await runTemplate({ template: templateFromEntity(entity, snapshot, snapshot.repos[0]!, FILE), values: { name: 'orders' }, workspace, dryRun: true, log: () => {} });
    for (const f of preview.files) expect(readFileSync(join(workspace, f.path), 'utf8')).toBe(f.text);
  });

  it('names the failed step, keeps what earlier steps made, and leaves the rest not run', async () => {
    const data = await previewData(STEPS.replace('from: README.md', 'from: NOPE.md'));
    const preview = await runPreview(data, { name: 'orders' });
    expect(preview.error).toEqual({ step: 'mv', message: 'step "mv" (fs:rename) failed: cannot rename "NOPE.md": it does not exist' });
    expect(preview.steps.map((s) => s.status)).toEqual(['done', 'done', 'failed', 'not run', 'not run']);
    expect(preview.files.map((f) => f.path)).toContain('README.md');
    // Values that do not fit the parameters stop it before any step, as in a real run.
    const bad = await runPreview(data, { owner: 'x' });
    expect(bad.error?.message).toMatch(/the values do not match the parameters of template:default\/service/);
    expect(bad.error?.step).toBeUndefined();
  });

  it('says which fetches it cannot carry: a computed url, a repo not crawled; a skeleton too big gets no preview', async () => {
    const data = await previewData(`steps:
  - { id: a, action: fetch:template, input: { url: '\${{ parameters.where }}' } }
  - { id: b, action: fetch:plain, input: { url: 'https://github.com/elsewhere/x/tree/main/y' } }`);
    expect(data.missing).toEqual([
      'step "a" (fetch:template): its url is computed when the template runs, so the preview has none of its files',
      expect.stringMatching(/^step "b" \(fetch:plain\): "https:\/\/github.com\/elsewhere\/x\/tree\/main\/y" is not in an organisation the portal crawls/),
    ]);
    expect((await runPreview(data, { where: './skeleton' })).error?.step).toBe('a');
    const remote = await previewData(`steps:\n  - { id: c, action: fetch:plain, input: { url: 'https://github.com/acme/not-crawled/tree/main/y' } }`);
    expect(remote.missing).toEqual(['step "c" (fetch:plain): https://github.com/acme/not-crawled is not crawled; a run reads it from GitHub with its token, a preview cannot']);
    expect((await runPreview(remote, {})).error?.message).toMatch(/step "c" \(fetch:plain\) failed: .* needs a token .*: a preview has no token: it reads only the repos the build crawled/);

    const { snapshot, catalog } = org(STEPS, { 'templates/svc/skeleton/big.txt': 'x'.repeat(MAX_PREVIEW_BYTES) });
    expect((await templatePreviews(catalog, snapshot))['template:default/service']).toEqual({ unavailable: expect.stringMatching(/^its skeleton is more than 1,024 KB of text/) });
  });

  it('is read by a site build\'s pipeline only (validate and scaffold do not read skeletons)', async () => {
    const { snapshot } = org(STEPS);
    const options = { catalogPath: () => `/${FILE}` };
    const built = await runPipeline(defaultConfig('/org'), snapshot, { ...options, previews: true });
    expect(Object.keys(built.model.templatePreviews ?? {})).toEqual(['template:default/service']);
    expect((await runPipeline(defaultConfig('/org'), snapshot, options)).model.templatePreviews).toBeUndefined();
  });

  it('runs in memory only: nothing can leave the workspace', async () => {
    const data = await previewData(`steps:
  - { id: a, action: fetch:template, input: { url: ./skeleton, targetPath: ../outside } }`);
    const preview = await runPreview(data, {});
    expect(preview.error).toEqual({ step: 'a', message: 'step "a" (fetch:template) failed: path "../outside" is outside the workspace; relative paths may not leave it' });
    expect(preview.files).toEqual([]);
  });
});
