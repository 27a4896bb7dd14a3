import { describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from './memory.ts';
import { recordReads, replaceRepos, withFallbackFile } from './overlay.ts';

const base = memorySnapshot([
  { repo: repoInfo('a'), files: { 'catalog-info.yaml': 'old a' } },
  { repo: repoInfo('b'), files: { 'catalog-info.yaml': 'b' } },
  { repo: repoInfo('c'), files: { 'catalog-info.yaml': 'c' } },
]);

describe('replaceRepos', () => {
  it('reads replaced repos from the fresh snapshot, keeps the order, drops gone ones and adds new ones last', async () => {
    const fresh = memorySnapshot([
      { repo: repoInfo('a', { commit: '1'.repeat(40) }), files: { 'catalog-info.yaml': 'new a', 'docs/index.md': '# A' } },
      { repo: repoInfo('d'), files: { 'catalog-info.yaml': 'd' } },
    ]);
    const s = replaceRepos(base, fresh, new Set(['b']));
    expect(s.repos.map((r) => r.name)).toEqual(['a', 'c', 'd']);
    expect(s.repos[0]!.commit).toBe('1'.repeat(40));
    const got = await s.read([
      { repo: 'c', path: 'catalog-info.yaml' },
      { repo: 'a', path: 'catalog-info.yaml' },
      { repo: 'b', path: 'catalog-info.yaml' },
      { repo: 'd', path: 'catalog-info.yaml' },
    ]);
    expect(got.map((f) => (f.kind === 'text' ? f.text : f.kind))).toEqual(['c', 'new a', 'missing', 'd']);
    expect(await s.list('a')).toEqual(['catalog-info.yaml', 'docs/index.md']);
    expect(await s.list('b')).toEqual([]);
  });
});

describe('replaceRepos, save after save', () => {
  it('reads each repo from the snapshot that read it, not through every overlay before', async () => {
    const { snapshot: watched, record } = recordReads(base);
    let s = watched;
    const overlays: typeof s[] = [];
    for (let i = 0; i < 50; i++) {
      s = replaceRepos(s, memorySnapshot([{ repo: repoInfo('a'), files: { 'catalog-info.yaml': `a ${i}` } }]));
      overlays.push(s);
    }
    // Every earlier overlay made unreadable: a read that went through one would fail.
    for (const o of overlays.slice(0, -1)) o.read = () => Promise.reject(new Error('read through an old overlay'));
    const got = await s.read([{ repo: 'a', path: 'catalog-info.yaml' }, { repo: 'c', path: 'catalog-info.yaml' }]);
    expect(got.map((f) => (f.kind === 'text' ? f.text : f.kind))).toEqual(['a 49', 'c']);
    expect([...record.files]).toEqual(['c/catalog-info.yaml']);
  });
});

describe('withFallbackFile', () => {
  it('supplies a missing file and lists it, but never hides the repo’s own', async () => {
    const lone = memorySnapshot([{ repo: repoInfo('docs-only'), files: { 'mkdocs.yml': 'site_name: X' } }]);
    const s = withFallbackFile(lone, { repo: 'docs-only', path: 'catalog-info.yaml' }, 'kind: Component');
    const [file] = await s.read([{ repo: 'docs-only', path: 'catalog-info.yaml' }]);
    expect(file).toMatchObject({ kind: 'text', text: 'kind: Component' });
    expect(await s.list('docs-only')).toEqual(['catalog-info.yaml', 'mkdocs.yml']);
    const own = withFallbackFile(base, { repo: 'a', path: 'catalog-info.yaml' }, 'kind: Component');
    expect(await own.read([{ repo: 'a', path: 'catalog-info.yaml' }])).toMatchObject([{ text: 'old a' }]);
  });
});

describe('recordReads', () => {
  it('notes the files read, found or not, and the repos listed', async () => {
    const { snapshot, record } = recordReads(base);
    await snapshot.read([{ repo: 'a', path: 'catalog-info.yaml' }, { repo: 'b', path: 'openapi.yaml' }]);
    await snapshot.list('c');
    await snapshot.readBytes({ repo: 'c', path: 'logo.png' });
    expect([...record.files]).toEqual(['a/catalog-info.yaml', 'b/openapi.yaml', 'c/logo.png']);
    expect([...record.listed]).toEqual(['c']);
  });
});
