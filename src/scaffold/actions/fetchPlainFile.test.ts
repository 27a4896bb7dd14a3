// fetch:plain:file: one file copied as it is, from the template's repo or another crawled repo, never from outside them.

import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { Entity } from '../../model/entity.ts';
import { memorySnapshot, repoInfo } from '../../snapshot/memory.ts';
import { templateFromEntity } from '../load.ts';
import { runTemplate } from '../runner.ts';
import { templateYaml } from '../testing/template.ts';

/** The template in repo `templates` (with a workflow file full of expressions) and a `shared` repo of the same org. */
function template(steps: string) {
  const snapshot = memorySnapshot([
    { repo: repoInfo('templates'), files: { 'svc/template.yaml': templateYaml(steps), 'svc/files/ci.yml': 'token: ${{ secrets.NPM_TOKEN }}\n', 'svc/files/run.sh': '#!/bin/sh\n' }, executables: ['svc/files/run.sh'] },
    { repo: repoInfo('shared'), files: { 'manifests/catalog-info.yaml': 'kind: Component # ${{ values.name }}\n' } },
  ]);
  return templateFromEntity(parse(templateYaml(steps)) as Entity, snapshot, snapshot.repos[0]!, 'svc/template.yaml');
}

async function run(steps: string, existing: Record<string, string> = {}) {
  const workspace = mkdtempSync(join(tmpdir(), 'backlot-plainfile-'));
  for (const [path, text] of Object.entries(existing)) writeFileSync(join(workspace, path), text);
  await runTemplate({ template: template(steps), values: {}, workspace, dryRun: true, log: () => {} });
  return { workspace, read: (path: string) => readFileSync(join(workspace, path), 'utf8') };
}

describe('fetch:plain:file', () => {
  it('copies one file unrendered to targetPath, replacing what is there, keeping its executable bit', async () => {
    const { read, workspace } = await run(
      `steps:
  - { id: ci, action: fetch:plain:file, input: { url: ./files/ci.yml, targetPath: .github/workflows/ci.yml } }
  - { id: run, action: fetch:plain:file, input: { url: ./files/run.sh, targetPath: run.sh } }
  - { id: other, action: fetch:plain:file, input: { url: 'https://github.com/acme/shared/blob/main/manifests/catalog-info.yaml', targetPath: catalog-info.yaml } }`,
      { 'catalog-info.yaml': 'old' },
    );
    expect(read('.github/workflows/ci.yml')).toBe('token: ${{ secrets.NPM_TOKEN }}\n');
    expect(read('catalog-info.yaml')).toBe('kind: Component # ${{ values.name }}\n');
    expect(statSync(join(workspace, 'run.sh')).mode & 0o777).toBe(0o755);
  });

  it('refuses a folder, a file above the repo and a missing targetPath, naming the step', async () => {
    await expect(run('steps:\n  - { id: f, action: fetch:plain:file, input: { url: ./files, targetPath: x } }')).rejects.toThrow(/step "f" \(fetch:plain:file\)/);
    await expect(run('steps:\n  - { id: f, action: fetch:plain:file, input: { url: ../../../etc/passwd, targetPath: x } }')).rejects.toThrow(/step "f" \(fetch:plain:file\)/);
    await expect(run('steps:\n  - { id: f, action: fetch:plain:file, input: { url: ./files/ci.yml } }')).rejects.toThrow(/targetPath/);
  });
});
