// Own pages that cannot be built stop `backlot build` before it starts, with exit 2 and a message naming them.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, 'backlot.js');
const GOOD = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-a }\nspec: { type: team, children: [] }\n';

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function folder(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'backlot-own-pages-cli-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function build(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [BIN, 'build', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: res.status, out: res.stdout + res.stderr };
}

describe('backlot build with own pages', () => {
  it('refuses a pages folder inside the crawled repos, naming the key and line', () => {
    const cwd = folder({ 'backlot.config.yaml': 'site:\n  pages: content/wiki/pages\n', 'content/wiki/catalog-info.yaml': GOOD, 'content/wiki/pages/evil.mdx': '# x' });
    const res = build([], cwd);
    expect(res.code).toBe(2);
    expect(res.out).toMatch(/backlot\.config\.yaml:2:10 +site\.pages: content\/wiki\/pages overlaps the repos of sources\[0\] \(content\)\n +hint: own pages are compiled at build time/);
  });

  it('refuses to build a PATH whose repos hold the pages folder', () => {
    const cwd = folder({ 'pages/index.mdx': '# Home', 'svc/catalog-info.yaml': GOOD });
    const res = build(['.'], cwd);
    expect(res.code).toBe(2);
    expect(res.out).toContain('the own pages folder pages overlaps ., whose sub-folders are crawled as repos');
  });

  it('stops on a page where the portal has its own, naming the file', () => {
    const cwd = folder({ 'pages/search/tips.mdx': '# Tips', 'content/svc/catalog-info.yaml': GOOD });
    const res = build([], cwd);
    expect(res.code).toBe(2);
    expect(res.out).toContain('own pages (pages/): search/tips.mdx: /search/ belongs to the portal itself; put the page in another folder');
  });
});
