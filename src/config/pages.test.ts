// site.pages: the folder of the platform team's own MDX pages.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, loadConfig } from './load.ts';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'backlot-config-pages-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function load(text: string) {
  writeFileSync(join(root, 'backlot.config.yaml'), text);
  return loadConfig(undefined, root);
}

function problem(text: string) {
  try {
    load(text);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

describe('site.pages', () => {
  it('resolves the configured folder against the config file', () => {
    mkdirSync(join(root, 'portal-pages'));
    expect(load('site:\n  pages: portal-pages\n').site.pages).toBe(join(root, 'portal-pages'));
  });

  it('defaults to pages/ beside the config when it exists, else none', () => {
    expect(defaultConfig(root).site.pages).toBeUndefined();
    expect(load('site:\n  title: Acme\n').site.pages).toBeUndefined();
    mkdirSync(join(root, 'pages'));
    expect(defaultConfig(root).site.pages).toBe(join(root, 'pages'));
    expect(load('site:\n  title: Acme\n').site.pages).toBe(join(root, 'pages'));
  });

  it('is an error naming the key and its line when the folder does not exist', () => {
    expect(problem('site:\n  title: Acme\n  pages: guides\n')).toEqual([
      { file: join(root, 'backlot.config.yaml'), line: 3, column: 10, message: 'site.pages: no folder guides', hint: "the folder of the platform team's own .mdx pages, relative to this file" },
    ]);
  });

  it('is an error when it overlaps crawled repos or the crawl cache: own pages are compiled', () => {
    mkdirSync(join(root, 'content/docs-repo/pages'), { recursive: true });
    const [inside] = problem('site:\n  pages: content/docs-repo/pages\nsources:\n  - type: local\n    path: content\n');
    expect(inside).toMatchObject({ line: 2, column: 10, message: 'site.pages: content/docs-repo/pages overlaps the repos of sources[0] (content)' });
    expect(inside!.hint).toMatch(/must not come from crawled repos/);
    const [outside] = problem('site:\n  pages: .\nsources:\n  - type: local\n    path: content\n');
    expect(outside!.message).toBe('site.pages: . overlaps the repos of sources[0] (content)');
    mkdirSync(join(root, 'cache/pages'), { recursive: true });
    expect(problem('site:\n  pages: cache/pages\ncacheDir: cache\n')[0]!.message).toBe('site.pages: cache/pages overlaps the crawl cache (cacheDir)');
  });

  it('leaves an unconfigured pages/ alone when it is a crawled repo', () => {
    mkdirSync(join(root, 'pages'));
    expect(load('sources:\n  - type: local\n    path: .\n').site.pages).toBeUndefined();
  });

  it('catches a misspelt key with a suggestion', () => {
    expect(problem('site:\n  page: pages\n')[0]).toMatchObject({ message: 'unknown key "page" in site', hint: 'did you mean "pages"?' });
  });
});
