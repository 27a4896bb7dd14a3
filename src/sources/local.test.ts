import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLocalSource } from './local.ts';

function org(): string {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-local-'));
  mkdirSync(join(dir, 'payments', 'docs'), { recursive: true });
  mkdirSync(join(dir, 'search', '.git'), { recursive: true });
  mkdirSync(join(dir, '.hidden'));
  writeFileSync(join(dir, 'payments', 'catalog-info.yaml'), 'kind: Component\n');
  writeFileSync(join(dir, 'payments', 'docs', 'index.md'), '# Payments\n');
  writeFileSync(join(dir, 'payments', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
  writeFileSync(join(dir, 'search', 'catalog-info.yaml'), 'kind: API\n');
  writeFileSync(join(dir, 'search', '.git', 'HEAD'), 'ref: refs/heads/main\n');
  writeFileSync(join(dir, 'secret.txt'), 'outside every repo\n');
  symlinkSync(join(dir, 'secret.txt'), join(dir, 'search', 'leak.txt'));
  return dir;
}

const config = { type: 'local' as const, path: '.', org: 'acme', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' };

describe('openLocalSource', () => {
  it('turns each sub-folder into a repo with GitHub-like metadata', async () => {
    const snapshot = await openLocalSource(config, org());
    expect(snapshot.repos.map((r) => [r.name, r.url, r.defaultBranch])).toEqual([
      ['payments', 'https://github.com/acme/payments', 'main'],
      ['search', 'https://github.com/acme/search', 'main'],
    ]);
    expect(snapshot.repos[0]!.commit).toMatch(/^[0-9a-f]{40}$/);
  });

  it('lists files without .git and reads many at once, in order', async () => {
    const snapshot = await openLocalSource(config, org());
    expect(await snapshot.list('payments')).toEqual(['catalog-info.yaml', 'docs/index.md', 'logo.png']);
    const got = await snapshot.read([
      { repo: 'search', path: 'catalog-info.yaml' },
      { repo: 'payments', path: 'docs/index.md' },
      { repo: 'payments', path: 'nope.yaml' },
      { repo: 'payments', path: 'logo.png' },
    ]);
    expect(got.map((f) => f.kind)).toEqual(['text', 'text', 'missing', 'skipped']);
    expect(got[0]).toMatchObject({ kind: 'text', text: 'kind: API\n' });
  });

  it('reads more files in one batch than the process may hold open at once', () => {
    // A process limited to 200 open files reads 2,000 repos' catalog files in one batch, as the catalog stage asks.
    const dir = mkdtempSync(join(tmpdir(), 'backlot-local-many-'));
    for (let i = 0; i < 2000; i++) {
      mkdirSync(join(dir, `repo-${i}`));
      writeFileSync(join(dir, `repo-${i}`, 'catalog-info.yaml'), `name: r${i}\n`);
    }
    const script = `
      import { openLocalSource } from ${JSON.stringify(join(import.meta.dirname, 'local.ts'))};
      const s = await openLocalSource(${JSON.stringify({ ...config, path: dir })}, '/');
      const got = await s.read(s.repos.map((r) => ({ repo: r.name, path: 'catalog-info.yaml' })));
      console.log(JSON.stringify(got.map((f) => f.kind === 'text' ? 'text' : f.kind + ': ' + (f.message ?? ''))));`;
    const run = spawnSync('sh', ['-c', 'ulimit -n 200 && exec "$0" --input-type=module -e "$1"', process.execPath, script], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const kinds = JSON.parse(run.stdout) as string[];
    expect(kinds.filter((k) => k !== 'text')).toEqual([]);
    expect(kinds).toHaveLength(2000);
    rmSync(dir, { recursive: true, force: true });
  });

  it('never reads outside a repo, through ../ or a symlink', async () => {
    const snapshot = await openLocalSource(config, org());
    const got = await snapshot.read([
      { repo: 'payments', path: '../secret.txt' },
      { repo: 'payments', path: '../search/catalog-info.yaml' },
      { repo: 'search', path: 'leak.txt' },
      { repo: 'nope', path: 'catalog-info.yaml' },
    ]);
    expect(got.map((f) => f.kind)).toEqual(['missing', 'missing', 'missing', 'missing']);
    expect(await snapshot.readBytes({ repo: 'search', path: 'leak.txt' })).toBeUndefined();
  });

  it('names the files with an execute bit, inside the repo only', async () => {
    const dir = org();
    writeFileSync(join(dir, 'payments', 'gradlew'), '#!/bin/sh\n', { mode: 0o755 });
    chmodSync(join(dir, 'secret.txt'), 0o755);
    const snapshot = await openLocalSource(config, dir);
    expect([...(await snapshot.executables('payments'))]).toEqual(['gradlew']);
    // leak.txt points at an executable outside the repo: not a file of this repo.
    expect([...(await snapshot.executables('search'))]).toEqual([]);
  });

  it('changes the commit stand-in when a file changes', async () => {
    const dir = org();
    const before = (await openLocalSource(config, dir)).repos[0]!.commit;
    writeFileSync(join(dir, 'payments', 'docs', 'index.md'), '# Payments, longer\n');
    const after = (await openLocalSource(config, dir)).repos[0]!.commit;
    expect(after).not.toBe(before);
  });

  it('fails with the folder name when the source folder is missing', async () => {
    await expect(openLocalSource({ ...config, path: 'missing' }, '/nonexistent')).rejects.toThrow(/cannot read folder .*missing/);
  });
});
