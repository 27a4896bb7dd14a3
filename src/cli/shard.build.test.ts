// `backlot crawl --shard i/N` on three machines' worth of processes, pages rendered from their folders in two
// shards (`backlot build --snapshots … --shard i/2`) and merged (`--pages`) give the same site as one `backlot
// build` of the org, file for file: real CLI processes, the GitHub emulator over HTTP, a generated org of 40 repos.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../scripts/emulator/server.ts';
import type { EmulatorRepo } from '../../scripts/emulator/repos.ts';
import { REPO_ROOT } from '../site/build/files.ts';
import { shardOf } from '../snapshot/shard.ts';
import { formatBuildTime } from '../views/format.ts';

const BIN = join(REPO_ROOT, 'src/cli/backlot.js');
// Inside the repo: Astro keeps its prerender chunks under the cwd (as the demo test does).
const work = join(REPO_ROOT, '.backlot', `shard-test-${process.pid}`);
const TOKEN = `ghs_shardTest${process.pid}`;
const TEAMS = 4;
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 31, 21, 196, 137]);

/** 40 repos: people, a platform repo, 37 services (APIs, docs with an image, a Location, one dangling ref) and an archived one. */
function generatedOrg(): EmulatorRepo[] {
  const doc = (lines: string[]) => lines.join('\n') + '\n';
  const people = doc([
    ...Array.from({ length: TEAMS }, (_, t) => `---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: team-${t} }\nspec: { type: team, children: [], parent: ${t === 0 ? 'engineering' : 'team-0'} }`),
    '---\napiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata: { name: engineering }\nspec: { type: department, children: [] }',
    ...Array.from({ length: 8 }, (_, u) => `---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: user-${u} }\nspec: { memberOf: [team-${u % TEAMS}] }`),
  ]);
  const platform = doc([
    'apiVersion: backstage.io/v1alpha1\nkind: Domain\nmetadata: { name: logistics }\nspec: { owner: engineering }',
    '---\napiVersion: backstage.io/v1alpha1\nkind: System\nmetadata: { name: freight }\nspec: { owner: team-0, domain: logistics }',
  ]);
  const services = Array.from({ length: 37 }, (_, i): EmulatorRepo => {
    const name = `svc-${String(i).padStart(2, '0')}`;
    const docs = i % 5 === 0;
    const api = i % 3 === 0;
    const annotations = docs ? '\n  annotations: { backstage.io/techdocs-ref: "dir:." }' : '';
    const deps = i > 0 ? `, dependsOn: [component:svc-${String(i - 1).padStart(2, '0')}${i === 7 ? ', component:renamed-away' : ''}]` : '';
    const files: EmulatorRepo['files'] = {
      'catalog-info.yaml': doc([
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: Service ${i}${annotations}`,
        `spec: { type: service, lifecycle: production, owner: team-${i % TEAMS}, system: freight${api ? `, providesApis: [${name}-api]` : ''}${deps} }`,
        ...(api ? [`---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: { name: ${name}-api }\nspec: { type: openapi, lifecycle: production, owner: team-${i % TEAMS}, definition: { $text: ./openapi.yaml } }`] : []),
        ...(i === 4 ? ['---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: more }\nspec: { targets: [./more.yaml] }'] : []),
      ]),
    };
    if (api) files['openapi.yaml'] = `openapi: 3.0.0\ninfo: { title: ${name}, version: 1.0.${i} }\npaths:\n  /items: { get: { responses: { '200': { description: ok } } } }\n`;
    if (i === 4) files['more.yaml'] = 'apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata: { name: svc-04-db }\nspec: { type: database, owner: team-0 }\n';
    if (docs) {
      files['mkdocs.yml'] = `site_name: ${name}\nnav:\n  - Home: index.md\n  - Run: run.md\n`;
      files['docs/index.md'] = `# ${name}\n\nHow ${name} works. See [running it](run.md).\n\n![diagram](img/diagram.png)\n`;
      files['docs/run.md'] = `# Running ${name}\n\n\`\`\`sh\nnpm start\n\`\`\`\n`;
      files['docs/img/diagram.png'] = PNG;
    }
    return { owner: 'acme', name, files };
  });
  return [
    { owner: 'acme', name: 'people', files: { 'catalog-info.yaml': people } },
    { owner: 'acme', name: 'platform', files: { 'catalog-info.yaml': platform } },
    ...services,
    { owner: 'acme', name: 'old-archive', archived: true, files: { 'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: old }\nspec: { type: service, lifecycle: deprecated, owner: team-0 }\n' } },
  ];
}

let emulator: Emulator;

function config(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'backlot.config.yaml');
  writeFileSync(file, `site:\n  title: Sharded\n  outDir: dist\nsources:\n  - type: github\n    org: acme\n    apiBaseUrl: ${emulator.url}\n    token: { env: SHARD_TEST_TOKEN }\ncacheDir: .backlot-cache\n`);
  return file;
}

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: work, env: { ...process.env, NO_COLOR: '1', CI: '1', SHARD_TEST_TOKEN: TOKEN } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c));
  child.stderr.on('data', (c: Buffer) => (stderr += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * Every file of a site with a hash of its content. With `normalised`, the one thing that differs between two
 * builds of the same org is replaced: the build's time (the model's `generatedAt`, ISO in the static API, the
 * history, the feed and each page's <time datetime>, and as "YYYY-MM-DD HH:MM UTC" in each page's footer).
 */
function siteFiles(dir: string, normalised = true): Map<string, string> {
  const at = JSON.parse(readFileSync(join(dir, 'api/catalog/changes.json'), 'utf8')).entries?.[0]?.at as string | undefined;
  const builtAt = /<time datetime="([^"]+)"/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))?.[1];
  expect(builtAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  if (at) expect(at).toBe(builtAt);
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes: Buffer | string = readFileSync(path);
    if (normalised && /\.(html|json|xml)$/.test(entry.name)) bytes = bytes.toString('utf8').replaceAll(builtAt!, '<built>').replaceAll(formatBuildTime(builtAt!), '<built>');
    files.set(relative(dir, path), createHash('sha1').update(bytes).digest('hex'));
  }
  return files;
}

describe('sharded crawl and build', () => {
  const single = { config: '', out: '' };
  const rendered = { config: '', out: '' };
  const logs: string[] = [];

  beforeAll(async () => {
    rmSync(work, { recursive: true, force: true });
    emulator = await startEmulator({ repos: generatedOrg(), token: TOKEN });
    single.config = config('single');
    single.out = join(work, 'single/dist');
    rendered.config = config('rendered');
    rendered.out = join(work, 'rendered/dist');
    const one = await run(['build', '--config', single.config]);
    logs.push(one.stdout, one.stderr);
    expect(one.code, one.stderr).toBe(0);
    // Three shards at once, as three runners would crawl (each with a cache folder of its own).
    const crawls = await Promise.all([1, 2, 3].map((i) => run(['crawl', '--shard', `${i}/3`, '--config', config(`runner-${i}`), '--out', join(work, `shard-${i}`)])));
    for (const crawl of crawls) {
      logs.push(crawl.stdout, crawl.stderr);
      expect(crawl.code, crawl.stderr).toBe(0);
    }
    // The crawl shards merged, rendered in two shards of pages (any N: pages split by their own hash), then the
    // pages merged and indexed. (A whole render of the merged crawl is not run too: each render shard renders it,
    // and one Astro build fewer is 10-20 s of the suite.)
    const snapshots = ['--snapshots', join(work, 'shard-1'), join(work, 'shard-2'), join(work, 'shard-3')];
    const renders = await Promise.all([1, 2].map((i) => run(['build', '--config', config(`renderer-${i}`), ...snapshots, '--shard', `${i}/2`, '--out', join(work, `site-${i}`)])));
    for (const render of renders) {
      logs.push(render.stdout, render.stderr);
      expect(render.code, render.stderr).toBe(0);
    }
    const pages = await run(['build', '--config', rendered.config, ...snapshots, '--pages', join(work, 'site-1'), join(work, 'site-2')]);
    logs.push(pages.stdout, pages.stderr);
    expect(pages.code, pages.stderr).toBe(0);
  });

  afterAll(async () => {
    await emulator?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('each shard crawls its own repos and only fetches their files', () => {
    const names = generatedOrg().filter((r) => !r.archived).map((r) => r.name);
    for (const i of [1, 2, 3]) {
      const own = names.filter((n) => shardOf(n, 3) === i).length;
      expect(own).toBeGreaterThan(5);
      expect(logs.join('\n')).toContain(`shard ${i}/3: ${own} of ${names.length} repos`);
    }
  });

  it('the crawl shards merged, rendered in two page shards and merged, equal the single-machine build file for file, except the build time', () => {
    const a = siteFiles(single.out);
    const b = siteFiles(rendered.out);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    const differ = [...a].filter(([file, hash]) => b.get(file) !== hash).map(([file]) => file);
    expect(differ).toEqual([]);
    const rawA = siteFiles(single.out, false);
    const rawB = siteFiles(rendered.out, false);
    // Without the build time replaced, pages with it in their footer differ: the comparison does look at them.
    // (Entity pages show no build time: a rebuild reuses them as they are, src/site/build/reuse.ts.)
    const raw = [...rawA].filter(([file, hash]) => rawB.get(file) !== hash).map(([file]) => file);
    expect(raw).toEqual(expect.arrayContaining(['index.html', 'catalog/index.html']));
    expect(raw.every((f) => /\.(html|json|xml)$/.test(f))).toBe(true);
    // The comparison sees real pages: docs with their image, APIs, the Location's Resource, the dangling ref.
    expect(a.size).toBeGreaterThan(100);
    expect([...a.keys()]).toEqual(expect.arrayContaining(['docs/default/component/svc-05/img/diagram.png', 'catalog/default/resource/svc-04-db/index.html']));
    // entities.json is an index of parts; this small org's entities are all in the first.
    expect(JSON.parse(readFileSync(join(rendered.out, 'api/catalog/entities.json'), 'utf8')).parts).toEqual(['entities/part-1.json']);
    expect(readFileSync(join(rendered.out, 'api/catalog/entities/part-1.json'), 'utf8')).toContain('svc-04-db');
  });

  it('each page shard rendered part of the entity pages, neither all of them', () => {
    const entityPages = (dir: string) => readdirSync(join(dir, 'catalog/default/component')).length;
    const [one, two] = [entityPages(join(work, 'site-1')), entityPages(join(work, 'site-2'))];
    expect(one + two).toBe(entityPages(single.out));
    expect(Math.min(one, two)).toBeGreaterThan(5);
  });

  // The other refusals (a shard twice, mixed N, another config, a repo in two shards): src/snapshot/shard.test.ts.
  it('a missing shard is refused before anything is written', async () => {
    const missing = await run(['build', '--config', rendered.config, '--snapshots', join(work, 'shard-1'), join(work, 'shard-3')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/shard 2\/3 missing: a build from part of the org would show its other repos as deleted/);
    // The last good site is still there, whole.
    expect(siteFiles(rendered.out)).toEqual(siteFiles(single.out));
  });
});
