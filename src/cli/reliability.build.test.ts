// The live site is replaced only by a complete build: real `backlot build` processes interrupted at several
// moments, killed, run twice at once into one folder, and run on an empty folder.

import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, scratchFolder } from '../site/build/files.ts';
import { readCatalogFile } from './diff.ts';

const BIN = join(REPO_ROOT, 'src/cli/backlot.js');
// Inside the repo: Astro keeps its prerender chunks under the cwd (as the demo test does).
const work = join(REPO_ROOT, '.backlot', `reliability-test-${process.pid}`);
const org = join(work, 'org');
const outDir = join(work, 'dist');
const config = join(work, 'backlot.config.yaml');

function write(path: string, text: string): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

function writeOrg(): void {
  write(join(org, 'payments/catalog-info.yaml'), [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: payments',
    '  annotations: { backstage.io/techdocs-ref: "dir:." }',
    'spec: { type: service, lifecycle: production, owner: group:payments-team, providesApis: [payments-api] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: API',
    'metadata: { name: payments-api }',
    'spec: { type: openapi, lifecycle: production, owner: group:payments-team, definition: "openapi: 3.0.0\\ninfo: { title: Payments, version: 1.0.0 }\\npaths: {}\\n" }',
    '',
  ].join('\n'));
  write(join(org, 'payments/mkdocs.yml'), 'site_name: Payments\nnav:\n  - Home: index.md\n');
  write(join(org, 'payments/docs/index.md'), '# Payments\n\nHow money moves.\n');
  write(join(org, 'people/catalog-info.yaml'), [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Group',
    'metadata: { name: payments-team }',
    'spec: { type: team, children: [], members: [ada] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: User',
    'metadata: { name: ada }',
    'spec: { memberOf: [payments-team] }',
    '',
  ].join('\n'));
  write(config, `site:\n  title: Reliability\n  outDir: dist\nsources:\n  - type: local\n    path: org\n    org: acme\n`);
}

interface Run {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

/** Starts a build; `interrupt` may decide when to send a signal, from what is on disk. */
function build(args: string[] = [], interrupt?: { when: () => boolean; signal: NodeJS.Signals }): Promise<Run> {
  const child = spawn(process.execPath, [BIN, 'build', '--config', config, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  let timer: NodeJS.Timeout | undefined;
  if (interrupt) {
    timer = setInterval(() => {
      if (interrupt.when()) {
        clearInterval(timer);
        child.kill(interrupt.signal);
      }
    }, 5);
  }
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      // The site child exits when its parent is gone; give it that moment before looking at the folder.
      setTimeout(() => resolve({ code, signal, stdout, stderr }), 200);
    }),
  );
}

/** Every file of the site with a hash of its content. */
function siteFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), createHash('sha1').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(dir);
  return files;
}

const sameFiles = (a: Map<string, string>, b: Map<string, string>) => a.size === b.size && [...a].every(([f, h]) => b.get(f) === h);

/** The site's file names, less the search index's, whose names hash what is indexed. */
const pages = (site: Map<string, string>) => [...site.keys()].filter((f) => !/^pagefind\/.*_[0-9a-f]{7,}\./.test(f)).sort();

/** This build's work folder beside dist/, and what is in it so far. */
function workFolder(): string | undefined {
  const name = readdirSync(work).find((n) => n.startsWith('.dist.build-'));
  return name && join(work, name);
}
const has = (...path: string[]) => () => {
  const w = workFolder();
  return !!w && existsSync(join(w, ...path));
};

let previous: Map<string, string>;

beforeAll(async () => {
  rmSync(work, { recursive: true, force: true });
  writeOrg();
  const first = await build();
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  previous = siteFiles(outDir);
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an interrupted or crashed build', () => {
  it('wrote a whole site to begin with', () => {
    for (const file of ['index.html', 'api/catalog/entities.json', 'catalog/default/component/payments/index.html', 'pagefind/pagefind.js', 'docs/default/component/payments/index.html']) {
      expect(previous.has(file), file).toBe(true);
    }
  });

  // Moments read from the build's own work folder: while the pipeline runs, once the API files are being written,
  // once Astro has written pages (into the site child's scratch folder for dist/, moved into the work folder when
  // Astro is done), and once the search index has been moved into the site (just before the swap).
  const LAST = 'with the search index in place';
  const moments: Array<[string, () => boolean, NodeJS.Signals]> = [
    ['as soon as it starts', has(), 'SIGINT'],
    ['while the static API is written', has('api'), 'SIGINT'],
    ['while Astro writes pages', () => existsSync(join(scratchFolder(outDir), 'catalog')), 'SIGTERM'],
    [LAST, has('site', 'pagefind'), 'SIGINT'],
    ['killed outright while Astro writes pages', () => existsSync(join(scratchFolder(outDir), 'catalog')), 'SIGKILL'],
  ];
  for (const [moment, when, signal] of moments) {
    it(`leaves ${moment === LAST ? 'a whole site (the previous, or this build once swapped in)' : 'the previous site whole'} when stopped ${moment} (${signal})`, async () => {
      rmSync(scratchFolder(outDir), { recursive: true, force: true }); // what a stopped build left: not this build's pages
      const run = await build([], { when, signal });
      const site = siteFiles(outDir);
      if (moment === LAST && !sameFiles(site, previous)) {
        // The index is moved in just before the swap: a signal the test's 5 ms poll sent only after the swap (on a
        // quiet machine) found this build complete, and its site is whole: every page, none half-written.
        expect(pages(site)).toEqual(pages(previous));
        expect(readdirSync(work).filter((n) => n.startsWith('.dist.build-'))).toEqual([]);
        previous = site;
      } else {
        // Killed by the signal, or (a signal that came while the build was finishing) failed with the reason.
        if (run.signal !== signal) expect(`${run.code} ${run.stderr}`).toMatch(/^1 .*interrupted/s);
        expect(site).toEqual(previous);
      }
      // The lock is given back at once; the work folder too, unless a process it started still wrote into it
      // after (the next build deletes what is left: tested below).
      if (signal !== 'SIGKILL') expect(readdirSync(work)).not.toContain('.dist.lock');
    });
  }

  it('cleans what a killed build left at the next start, and the next build replaces the site', async () => {
    expect(readdirSync(work).filter((n) => n.startsWith('.dist.')).length).toBeGreaterThan(0); // from SIGKILL above
    writeFileSync(join(org, 'payments/docs/index.md'), '# Payments\n\nHow money moves, now.\n');
    const run = await build();
    expect(run.code).toBe(0);
    // Nothing of the killed builds; the site it replaced set aside whole (the next build deletes it).
    expect(readdirSync(work).filter((n) => n.startsWith('.dist.'))).toEqual([expect.stringMatching(/^\.dist\.previous-/)]);
    const next = siteFiles(outDir);
    expect(pages(next)).toEqual(pages(previous));
    expect(readFileSync(join(outDir, 'docs/default/component/payments/index.html'), 'utf8')).toContain('now.');
    previous = next;
  });
});

describe('two builds into one folder at once', () => {
  it('run one after the other: the second waits for the first, and the site is one whole build', async () => {
    const [a, b] = await Promise.all([build(), build()]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(`${a.stderr}${b.stderr}`).toBe('');
    expect(`${a.stdout}\n${b.stdout}`).toMatch(/Waiting for the build in process \d+ .* to finish writing dist\//);
    const site = siteFiles(outDir);
    expect(pages(site)).toEqual(pages(previous));
    expect(await readCatalogFile(join(outDir, 'api/catalog/entities.json'))).toHaveLength(4);
    // Only the site the second build replaced is left: it deleted what the first and the build before set aside.
    expect(readdirSync(work).filter((n) => n.startsWith('.dist.'))).toEqual([expect.stringMatching(/^\.dist\.previous-/)]);
    previous = site;
  });
});

describe('an empty build', () => {
  it('is refused with exit code 2 and leaves the site as it was', async () => {
    const empty = join(work, 'empty');
    mkdirSync(empty, { recursive: true });
    const before = statSync(join(outDir, 'index.html')).mtimeMs;
    const run = spawnSync(process.execPath, [BIN, 'build', '--config', config, empty], { cwd: work, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no repos in .*empty/);
    expect(siteFiles(outDir)).toEqual(previous);
    expect(statSync(join(outDir, 'index.html')).mtimeMs).toBe(before);
    // The refused build still deleted the site the last one set aside, before it exited.
    expect(readdirSync(work).filter((n) => n.startsWith('.dist.'))).toEqual([]);
  });
});
