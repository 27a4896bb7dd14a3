// The CLI as a user runs it: a real process, real folders, real exit codes.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = join(import.meta.dirname, 'backlot.js');

function run(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

// Every folder a test makes, removed after the file's tests.
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

function repo(files: Record<string, string>): string {
  const dir = tempDir('backlot-cli-');
  const root = join(dir, 'checkout-service');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const GOOD = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-service
  description: Takes payment for a basket.
spec:
  type: service
  lifecycle: production
  owner: team-payments
`;

const BROKEN = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout service
spec:
  type: service
  lifecycle: production
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: checkout-api
spec:
  type: openapi
  lifecycle: production
  owner: team-payments
  definition:
    $text: ./missing-openapi.yaml
`;

describe('backlot validate PATH', () => {
  it('exits 0 and says so when the repo is valid (refs to other repos are not checked alone)', () => {
    const dir = repo({ 'catalog-info.yaml': GOOD });
    const res = run(['validate', dir], dir);
    expect(res.stdout).toBe('');
    expect(res.stderr).toMatch(/1 valid entities in 1 file of 1 repo; 0 errors, 0 warnings/);
    expect(res.code).toBe(0);
  });

  it('text: every problem with file:line:col, exit 1', () => {
    const dir = repo({ 'catalog-info.yaml': BROKEN });
    const res = run(['validate', '.'], dir);
    expect(res.code).toBe(1);
    const lines = res.stdout.split('\n').filter((l) => /^\S/.test(l));
    expect(lines.some((l) => /^catalog-info\.yaml:4:9  error    schema  .*metadata\.name/.test(l))).toBe(true);
    expect(lines).toContain('catalog-info.yaml:6:3  error    schema  spec.owner is required for a Component');
    expect(lines.some((l) => /^catalog-info\.yaml:18:5  error    placeholder  .*missing-openapi\.yaml/.test(l))).toBe(true);
    expect(res.stdout).toMatch(/\n {4}hint: /);
  });

  it('json: an array of diagnostics with repo, file, line and column', () => {
    const dir = repo({ 'catalog-info.yaml': BROKEN });
    const res = run(['validate', '--format', 'json', dir], dir);
    expect(res.code).toBe(1);
    const diags = JSON.parse(res.stdout);
    expect(diags.length).toBeGreaterThanOrEqual(3);
    for (const d of diags) {
      expect(d).toMatchObject({ severity: 'error', repo: 'checkout-service', file: 'catalog-info.yaml' });
      expect(d.line).toBeGreaterThan(0);
      expect(d.column).toBeGreaterThan(0);
    }
  });

  it('github: workflow-command annotations on the file as the workspace sees it', () => {
    const dir = repo({ 'catalog-info.yaml': BROKEN });
    const res = run(['validate', '--format', 'github', '.'], dir);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/^::error file=catalog-info\.yaml,line=4,col=9,title=backlot schema::/m);
  });

  it('--strict fails on warnings too', () => {
    const dir = repo({ 'catalog-info.yaml': GOOD });
    const loop = `${GOOD}---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata:
  name: self
spec:
  targets: [./catalog-info.yaml]
`;
    writeFileSync(join(dir, 'catalog-info.yaml'), loop);
    const plain = run(['validate', '--format', 'json', dir], dir);
    const diags = JSON.parse(plain.stdout);
    expect(diags.filter((d: { severity: string }) => d.severity === 'error')).toEqual([]);
    expect(diags.filter((d: { severity: string }) => d.severity === 'warning').length).toBeGreaterThan(0);
    expect(plain.code).toBe(0);
    expect(run(['validate', '--strict', dir], dir).code).toBe(1);
  });
});

describe('backlot usage', () => {
  it('prints help for every command and exits 0', () => {
    for (const cmd of ['build', 'validate', 'dev', 'preview', 'crawl']) {
      const res = run([cmd, '--help'], tmpdir());
      expect(res.code).toBe(0);
      expect(res.stdout).toMatch(new RegExp(`^Usage: backlot ${cmd}`));
    }
    expect(run(['--help'], tmpdir()).stdout).toMatch(/Commands:/);
  });

  it('exits 2 on an unknown command, option or format', () => {
    expect(run(['deploy'], tmpdir()).code).toBe(2);
    expect(run(['validate', '--nope'], tmpdir()).code).toBe(2);
    const res = run(['validate', '--format', 'xml'], tmpdir());
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--format must be text, json or github/);
  });

  it('exits 2 on --docs given with PATH, to build, or naming no folder', () => {
    const docs = repo({ 'mkdocs.yml': 'site_name: X\n' });
    const both = run(['dev', '--docs', docs, docs], tmpdir());
    expect([both.code, both.stderr]).toEqual([2, expect.stringMatching(/give either --docs REPO or PATH/)]);
    const build = run(['build', '--docs', docs], tmpdir());
    expect([build.code, build.stderr]).toEqual([2, expect.stringMatching(/--docs is an option of "backlot dev"/)]);
    const missing = run(['dev', '--docs', join(docs, 'nope')], tmpdir());
    expect([missing.code, missing.stderr]).toEqual([2, expect.stringMatching(/--docs .*nope: not a folder/)]);
  });

  it('crawl: --shard is required and checked; --plan prints the workflow matrix from build.shards', () => {
    expect(run(['crawl'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shard i\/N is required/) });
    expect(run(['crawl', '--shard', '4/3'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/the share must be between 1 and 3/) });
    expect(run(['dev', '--snapshots', 'x'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/--snapshots is an option of "backlot build"/) });
    expect(run(['build', '--shard', '1/2'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/--shard needs --snapshots/) });
    expect(run(['build', '--snapshots', 'a', 'b', '--pages', 'x', '--shard', '1/2'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/give either --shard/) });
    expect(run(['build', '--snapshots', 'a', '--out', 'x'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/--out is where --shard renders/) });
    // Every folder after --snapshots is a snapshot (here: not one, so a clear error, exit 2).
    expect(run(['build', '--snapshots', 'a', 'b'], tmpdir())).toMatchObject({ code: 2, stderr: expect.stringMatching(/a: no backlot-snapshot\.jsonl/) });
    const dir = tempDir('backlot-plan-');
    expect(run(['crawl', '--plan'], dir)).toMatchObject({ code: 0, stdout: 'count=1\nshards=[1]\n' });
    writeFileSync(join(dir, 'backlot.config.yaml'), 'build:\n  shards: 3\n');
    expect(run(['crawl', '--plan'], dir)).toMatchObject({ code: 0, stdout: 'count=3\nshards=[1,2,3]\n' });
  });

  it('exits 2 with file and line when the config is wrong', () => {
    const dir = tempDir('backlot-cfg-');
    writeFileSync(join(dir, 'backlot.config.yaml'), 'site:\n  titel: Acme\n');
    const res = run(['validate'], dir);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/backlot\.config\.yaml:2:3  unknown key "titel" in site\n {4}hint: did you mean "title"\?/);
  });

  it('build: a source it cannot read fails with exit 1 and stops the site build it started', () => {
    const dir = tempDir('backlot-nosrc-');
    writeFileSync(join(dir, 'backlot.config.yaml'), 'site:\n  title: Acme\nsources:\n  - type: local\n    path: nowhere\n    org: acme\n');
    const res = run(['build'], dir);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/backlot build: local source: cannot read folder .*nowhere/);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
