// fs:delete and fs:rename never take the workspace itself: in a dry run it is the user's folder.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-fs-'));

/** A workspace holding keep.txt and dir/a.txt, and a template whose only step is `step`. */
async function runStep(step: string, values: Record<string, unknown> = {}, workspace = tmp()) {
  writeFileSync(join(workspace, 'keep.txt'), 'mine');
  mkdirSync(join(workspace, 'dir'), { recursive: true });
  writeFileSync(join(workspace, 'dir/a.txt'), 'a');
  const template = memoryTemplate({ 'templates/service/template.yaml': templateYaml(`steps:\n  - ${step}`) });
  const run = runTemplate({ template, values, workspace, dryRun: true, log: () => {} });
  return { run, workspace };
}

const survives = (workspace: string) => {
  expect(readFileSync(join(workspace, 'keep.txt'), 'utf8')).toBe('mine');
  expect(readFileSync(join(workspace, 'dir/a.txt'), 'utf8')).toBe('a');
};

describe('fs:delete', () => {
  it.each(['.', './', 'dir/..', '${{ parameters.ws }}', '${{ parameters.ws }}/'])('refuses the workspace itself, named as %j', async (path) => {
    const workspace = tmp();
    const { run } = await runStep(`{ id: rm, action: fs:delete, input: { files: ['${path}'] } }`, { ws: workspace }, workspace);
    await expect(run).rejects.toThrow(/step "rm" \(fs:delete\) failed: input "files\[0\]" ".*" is the workspace itself; name a file or folder inside it/);
    survives(workspace);
  });

  it('refuses an empty path (templating makes it no string) and a list holding one', async () => {
    const { run, workspace } = await runStep(`{ id: rm, action: fs:delete, input: { files: [''] } }`);
    await expect(run).rejects.toThrow(/input "files" must be a list of paths or globs/);
    survives(workspace);
  });

  it('checks every path before deleting any', async () => {
    const { run, workspace } = await runStep(`{ id: rm, action: fs:delete, input: { files: [keep.txt, dir/a.txt, '.'] } }`);
    await expect(run).rejects.toThrow(/input "files\[2\]" "\."/);
    survives(workspace);
  });

  it('refuses a link to the workspace, and still deletes files and folders inside it', async () => {
    const workspace = tmp();
    symlinkSync(workspace, join(workspace, 'self'));
    const { run: refused } = await runStep(`{ id: rm, action: fs:delete, input: { files: [self] } }`, {}, workspace);
    await expect(refused).rejects.toThrow(/input "files\[0\]" "self" is the workspace itself/);
    survives(workspace);
    const { run } = await runStep(`{ id: rm, action: fs:delete, input: { files: [dir, keep.txt] } }`, {}, workspace);
    await run;
    expect(readdirSync(workspace).sort()).toEqual(['self']);
  });
});

describe('fs:rename', () => {
  it.each([
    [`{ from: '.', to: moved }`, 'files[0].from'],
    [`{ from: dir/.., to: moved }`, 'files[0].from'],
    [`{ from: keep.txt, to: './' }`, 'files[0].to'],
    [`{ from: '\${{ parameters.ws }}', to: moved }`, 'files[0].from'],
  ])('refuses the workspace itself in %s', async (item, input) => {
    const workspace = tmp();
    const { run } = await runStep(`{ id: mv, action: fs:rename, input: { files: [${item}] } }`, { ws: workspace }, workspace);
    await expect(run).rejects.toThrow(`input "${input}"`);
    await expect(run).rejects.toThrow(/is the workspace itself/);
    survives(workspace);
    expect(existsSync(join(workspace, 'moved'))).toBe(false);
  });

  it('refuses moving a folder into itself or over the folder that holds it, and moves nothing', async () => {
    for (const item of [`{ from: dir, to: dir/sub }`, `{ from: dir/a.txt, to: dir, overwrite: true }`, `{ from: keep.txt, to: keep.txt, overwrite: true }`]) {
      const { run, workspace } = await runStep(`{ id: mv, action: fs:rename, input: { files: [{ from: keep.txt, to: k2.txt }, ${item}] } }`);
      await expect(run).rejects.toThrow(/the paths are the same or one holds the other/);
      survives(workspace);
      expect(existsSync(join(workspace, 'k2.txt'))).toBe(false);
    }
  });

  it('still renames inside the workspace', async () => {
    const { run, workspace } = await runStep(`{ id: mv, action: fs:rename, input: { files: [{ from: dir, to: lib/dir }, { from: keep.txt, to: lib/dir/a.txt, overwrite: true }] } }`);
    await run;
    expect(readdirSync(workspace).sort()).toEqual(['lib']);
    expect(readFileSync(join(workspace, 'lib/dir/a.txt'), 'utf8')).toBe('mine');
  });
});

describe('backlot scaffold --dry-run with fs:delete of "."', () => {
  it('fails the step naming the input, and the dry-run folder and what was rendered survive', { timeout: 30_000 }, () => {
    const repo = tmp();
    mkdirSync(join(repo, 'skeleton'));
    writeFileSync(join(repo, 'skeleton/README.md'), '# ${{ values.name }}\n');
    writeFileSync(
      join(repo, 'template.yaml'),
      templateYaml(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: '\${{ parameters.name }}' } } }
  - { id: wipe, action: fs:delete, input: { files: ['.'] } }`),
    );
    const out = join(tmp(), 'out');
    const bin = join(import.meta.dirname, '../../cli/backlot.js');
    const res = spawnSync(process.execPath, [bin, 'scaffold', '--template', join(repo, 'template.yaml'), '--values', '{"name":"svc"}', '--dry-run', out], {
      cwd: repo,
      encoding: 'utf8',
      env: { ...process.env, GITHUB_TOKEN: '', GITHUB_STEP_SUMMARY: '', NO_COLOR: '1' },
    });
    expect(res.stderr).toContain('step "wipe" (fs:delete) failed: input "files[0]" "." is the workspace itself; name a file or folder inside it');
    expect(res.status).toBe(1);
    expect(readFileSync(join(out, 'README.md'), 'utf8')).toBe('# svc\n');
  });
});
