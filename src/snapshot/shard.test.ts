import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from './memory.ts';
import { readSnapshots, recordSnapshot, SNAPSHOT_FILE } from './recorded.ts';
import { parseShard, shardOf, shareOf, type Shard } from './shard.ts';
import { componentYaml } from '../testing/entities.ts';

const names = Array.from({ length: 40 }, (_, i) => `svc-${i}`);
const org = memorySnapshot(
  names.map((name) => ({
    repo: repoInfo(name),
    files: { 'catalog-info.yaml': componentYaml(name), 'docs/logo.png': new Uint8Array([137, 80, 0, 1]), ...(name === 'svc-0' ? { 'shared.yaml': 'kind: shared\n' } : {}) },
    executables: ['docs/logo.png'],
  })),
);

let dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

/** Crawls one shard of the in-memory org into a folder, reading what a pipeline would. */
async function crawl(shard: Shard, sources = 'acme'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'backlot-shard-'));
  dirs.push(dir);
  const rec = recordSnapshot(shareOf(org, shard));
  const repos = rec.snapshot.repos.map((r) => r.name);
  await rec.snapshot.read(repos.flatMap((repo) => [{ repo, path: 'catalog-info.yaml' }, { repo, path: 'mkdocs.yml' }]));
  // A file of another shard's repo (a Location into svc-0), read only by the shards that do not own svc-0.
  if (shardOf('svc-0', shard.count) !== shard.index) await rec.snapshot.read([{ repo: 'svc-0', path: 'shared.yaml' }]);
  for (const repo of repos) {
    await rec.snapshot.list(repo);
    await rec.snapshot.readBytes({ repo, path: 'docs/logo.png' });
    await rec.snapshot.executables(repo);
  }
  await rec.write(dir, { shard, sources, catalogPath: () => '/catalog-info.yaml' });
  return dir;
}

describe('shards', () => {
  it('parses i/N and says what to write instead', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('0/4')).toMatch(/between 1 and 4/);
    expect(parseShard('5/4')).toMatch(/between 1 and 4/);
    expect(parseShard('two')).toMatch(/takes i\/N/);
  });

  it('splits repos by a stable hash of the name: every repo in exactly one shard, roughly even', () => {
    const counts = [0, 0, 0, 0];
    for (const n of names) counts[shardOf(n, 4) - 1]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(40);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(5);
    // Stable: the same name lands in the same shard whatever else exists, and case does not matter.
    expect(shardOf('svc-7', 4)).toBe(shardOf('SVC-7', 4));
    expect(shardOf('payments', 7)).toBe(shardOf('payments', 7));
  });
});

describe('recorded snapshots', () => {
  it('merges every shard into a snapshot that answers as the org did', async () => {
    const folders = await Promise.all([1, 2, 3].map((index) => crawl({ index, count: 3 })));
    const { snapshot, count } = await readSnapshots(folders);
    expect(count).toBe(3);
    expect(snapshot.repos.map((r) => r.name).sort()).toEqual([...names].sort());
    const wanted = [{ repo: 'svc-3', path: 'catalog-info.yaml' }, { repo: 'svc-3', path: 'mkdocs.yml' }, { repo: 'svc-3', path: 'README.md' }];
    const [catalog, mkdocs, readme] = await snapshot.read(wanted);
    expect(catalog).toEqual((await org.read(wanted.slice(0, 1)))[0]);
    expect(mkdocs).toMatchObject({ kind: 'missing' });
    // Never read by the crawl: an error, not a silently missing file.
    expect(readme).toMatchObject({ kind: 'error', message: expect.stringMatching(/not in the crawled snapshots/) });
    expect(await snapshot.list('svc-3')).toEqual(['catalog-info.yaml', 'docs/logo.png']);
    // What one shard read from another's repo is kept, beside that repo's own files.
    expect(await snapshot.read([{ repo: 'svc-0', path: 'shared.yaml' }, { repo: 'svc-0', path: 'catalog-info.yaml' }])).toMatchObject([
      { kind: 'text', text: 'kind: shared\n' },
      { kind: 'text', text: componentYaml('svc-0') },
    ]);
    expect(await snapshot.readBytes({ repo: 'svc-3', path: 'docs/logo.png' })).toEqual(new Uint8Array([137, 80, 0, 1]));
    expect([...(await snapshot.executables('svc-3'))]).toEqual(['docs/logo.png']);
  });

  it('refuses a missing shard, a shard given twice, mixed N, other sources and a repo in two snapshots', async () => {
    const [one, two, three] = await Promise.all([1, 2, 3].map((index) => crawl({ index, count: 3 })));
    await expect(readSnapshots([one!, three!])).rejects.toThrow(/shard 2\/3 missing: a build from part of the org would show its other repos as deleted/);
    await expect(readSnapshots([one!, two!, two!, three!])).rejects.toThrow(/shard 2\/3 is given twice/);
    const half = await crawl({ index: 1, count: 2 });
    await expect(readSnapshots([one!, half])).rejects.toThrow(/every shard must come from one crawl with the same N/);
    const other = await crawl({ index: 2, count: 3 }, 'other-org');
    await expect(readSnapshots([one!, other, three!])).rejects.toThrow(/other sources/);
    // A repo copied into another shard's file (a hand-edited or mis-merged artifact).
    const file = join(three!, SNAPSHOT_FILE);
    const lines = (await readFile(join(one!, SNAPSHOT_FILE), 'utf8')).split('\n');
    await writeFile(file, `${await readFile(file, 'utf8')}${lines.find((l) => l.includes('"info"'))}\n`);
    await expect(readSnapshots([one!, two!, three!])).rejects.toThrow(/repo "svc-\d+" is in two snapshots/);
    await expect(readSnapshots([join(one!, 'nope')])).rejects.toThrow(/no backlot-snapshot.jsonl/);
  });
});
