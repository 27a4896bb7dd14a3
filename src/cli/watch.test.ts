import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ignoredPath, watchFolders, type Change } from './watch.ts';

let stop: (() => void) | undefined;
afterEach(() => stop?.());

describe('watchFolders', () => {
  it('reports an editor’s save deep in a repo once, as one batch, and leaves out .git and scratch files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'backlot-watch-'));
    mkdirSync(join(root, 'shipments', 'docs', 'guide'), { recursive: true });
    mkdirSync(join(root, 'shipments', '.git'));
    const batches: Change[][] = [];
    const got = new Promise<void>((resolve) => {
      const w = watchFolders([root], (changes) => {
        batches.push(changes);
        resolve();
      });
      stop = () => w.close();
    });
    // As vim saves: a scratch file, then the new text written beside the file and renamed over it.
    writeFileSync(join(root, 'shipments', 'docs', 'guide', '4913'), '');
    writeFileSync(join(root, 'shipments', '.git', 'index'), 'x');
    writeFileSync(join(root, 'shipments', 'docs', 'guide', 'setup.md.tmp'), '# Setup');
    renameSync(join(root, 'shipments', 'docs', 'guide', 'setup.md.tmp'), join(root, 'shipments', 'docs', 'guide', 'setup.md'));
    await got;
    await new Promise((r) => setTimeout(r, 250)); // no second batch for the same save
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((c) => c.path)).toEqual(['shipments/docs/guide/setup.md']);
    rmSync(root, { recursive: true, force: true });
  });

  it('keeps seeing a file replaced by every save, and the files of a folder copied in', async () => {
    const root = mkdtempSync(join(tmpdir(), 'backlot-watch-'));
    mkdirSync(join(root, 'shipments'));
    const file = join(root, 'shipments', 'catalog-info.yaml');
    writeFileSync(file, 'v0');
    let wake: (changes: Change[]) => void = () => {};
    const w = watchFolders([root], (changes) => wake(changes), 50);
    stop = () => w.close();
    const next = () => new Promise<string[]>((resolve) => (wake = (changes) => resolve(changes.map((c) => c.path).sort())));
    for (const v of ['v1', 'v2', 'v3']) {
      const got = next();
      writeFileSync(`${file}.new`, v); // the safe write: a new file renamed over the old
      renameSync(`${file}.new`, file);
      expect(await got).toEqual(['shipments/catalog-info.yaml', 'shipments/catalog-info.yaml.new']);
    }
    const copied = next();
    const incoming = mkdtempSync(join(tmpdir(), 'backlot-incoming-'));
    mkdirSync(join(incoming, 'docs', 'guide'), { recursive: true });
    writeFileSync(join(incoming, 'docs', 'guide', 'setup.md'), '# Setup');
    writeFileSync(join(incoming, 'catalog-info.yaml'), 'kind: Component');
    renameSync(incoming, join(root, 'labels')); // a repo moved in whole: its files were never seen one by one
    expect(await copied).toEqual(['labels', 'labels/catalog-info.yaml', 'labels/docs/guide/setup.md']);
    const edited = next();
    writeFileSync(join(root, 'labels', 'docs', 'guide', 'setup.md'), '# Set-up');
    expect(await edited).toEqual(['labels/docs/guide/setup.md']);
    rmSync(root, { recursive: true, force: true });
  });

  it('knows the folders and files that never matter', () => {
    expect(ignoredPath('a/node_modules/x/index.js')).toBe(true);
    expect(ignoredPath('a/.git/HEAD')).toBe(true);
    expect(ignoredPath('a/docs/.index.md.swp')).toBe(true);
    expect(ignoredPath('a/docs/index.md~')).toBe(true);
    expect(ignoredPath('a/docs/index.md')).toBe(false);
    expect(ignoredPath('a/.github/workflows/ci.yaml')).toBe(false);
  });
});
