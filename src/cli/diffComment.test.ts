// `backlot diff --comment` as a workflow runs it: a real process, the live portal over HTTP, the pull request's
// comments and labels on the GitHub emulator through the real octokit client.

import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from '../../scripts/emulator/server.ts';
import { catalogOf, type Draft } from '../diff/testing.ts';
import { serveStatic, type StaticServer } from '../site/testing/serve.ts';
import { COMMENT_MARKER } from './diffComment.ts';

const BIN = join(import.meta.dirname, 'backlot.js');
const ROOT = join(import.meta.dirname, '../..');
const TOKEN = 'pr-comment-secret-token';

let work: string;
let site: StaticServer;
let em: Emulator;

function run(args: string[], env: Record<string, string | undefined> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  const base = { ...process.env, NO_COLOR: '1', GITHUB_TOKEN: TOKEN, GITHUB_API_URL: em.url, BACKLOT_GITHUB_THROTTLE: 'off', GITHUB_ACTIONS: undefined };
  return new Promise((done) => {
    execFile(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', env: { ...base, ...env } }, (err, stdout, stderr) => {
      done({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${em.url}${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' } });
const comments = (pr: number) => em.issues.threads.get(`acme/orders#${pr}`)?.comments ?? [];
const ours = (pr: number) => comments(pr).filter((c) => c.body.startsWith(COMMENT_MARKER));

/** orders-api (team-a) is consumed by billing (team-b): removing it breaks another owner's service. */
const org: Draft[] = [
  { kind: 'Group', name: 'team-a', spec: { type: 'team', children: [] } },
  { kind: 'Group', name: 'team-b', spec: { type: 'team', children: [] } },
  { kind: 'API', name: 'orders-api', file: 'orders/catalog-info.yaml', spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', definition: 'openapi: 3.0.3\n' } },
  { kind: 'Component', name: 'billing', spec: { type: 'service', lifecycle: 'production', owner: 'team-b', consumesApis: ['orders-api'] } },
];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'backlot-pr-comment-'));
  mkdirSync(join(work, 'site', 'api', 'catalog'), { recursive: true });
  writeFileSync(join(work, 'site', 'api', 'catalog', 'entities.json'), JSON.stringify(catalogOf(org)));
  writeFileSync(join(work, 'removed.json'), JSON.stringify(catalogOf(org.filter((d) => d.name !== 'orders-api'))));
  writeFileSync(join(work, 'same.json'), JSON.stringify(catalogOf(org)));
  writeFileSync(join(work, 'backlot.config.yaml'), 'diff:\n  allowBreakingLabel: catalog-breaking-ok\n');
  writeFileSync(join(work, 'no-label.yaml'), 'site:\n  title: No label\n');
  site = await serveStatic(join(work, 'site'));
  em = await startEmulator({ repos: [{ owner: 'acme', name: 'orders', files: { 'README.md': 'orders' } }], token: TOKEN, scaffold: { viewer: 'github-actions[bot]' } });
});

afterAll(async () => {
  await site?.close();
  await em?.close();
});

describe('backlot diff --comment', { timeout: 30_000 }, () => {
  it('creates one comment, then edits it on the next run (found past the first page of comments), never posting twice', async () => {
    // People talked first: 120 comments, so ours lands on the second page of 100.
    for (let i = 0; i < 120; i++) await api('/repos/acme/orders/issues/1/comments', { method: 'POST', body: JSON.stringify({ body: `review ${i}` }) });
    const first = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#1']);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/created the Catalog impact comment https:\/\/github\.com\/acme\/orders\/issues\/1#issuecomment-\d+/);
    expect(ours(1)).toHaveLength(1);
    const body = ours(1)[0]!.body;
    expect(body.split('\n').slice(0, 3)).toEqual([COMMENT_MARKER, '## Catalog impact', '']);
    expect(body).toContain('❌ **Something breaking affects other owners.** Tell them (below) before merging; once they agree, add the label `catalog-breaking-ok`');
    expect(body).toContain('| group:team-b | component:billing |');
    expect(body).toContain('api:orders-api removed (owner group:team-a)');

    const again = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#1']);
    expect(again.stderr).toContain('unchanged the Catalog impact comment');
    const fixed = await run(['diff', '--base', site.url, '--head', 'same.json', '--comment', 'acme/orders#1']);
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toContain('updated the Catalog impact comment');
    expect(ours(1)).toHaveLength(1);
    expect(ours(1)[0]!.body).toContain('No changes to the catalog.');
    expect(ours(1)[0]!.body).not.toContain('❌');
    expect(comments(1)).toHaveLength(121);
  });

  it('passes a breaking change that affects other owners when the PR has the configured label, and says so', async () => {
    const without = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#2']);
    expect(without.code).toBe(1);
    await api('/repos/acme/orders/issues/2/labels', { method: 'POST', body: JSON.stringify({ labels: ['docs', 'Catalog-Breaking-OK'] }) });
    const labelled = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#2']);
    expect(labelled.code).toBe(0);
    expect(labelled.stderr).toContain('passing, as acme/orders#2 has the label "catalog-breaking-ok"');
    expect(ours(2)).toHaveLength(1);
    expect(ours(2)[0]!.body).toContain('✅ Something breaking affects other owners; the label `catalog-breaking-ok` lets this pull request pass.');
    // A label means nothing when the config names none.
    const unconfigured = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#2', '--config', 'no-label.yaml']);
    expect(unconfigured.code).toBe(1);
    expect(ours(2)[0]!.body).toContain('Tell them (below) before merging.');
  });

  it('posts nothing on a pull request that changes nothing in the catalog', async () => {
    const quiet = await run(['diff', '--base', site.url, '--head', 'same.json', '--comment', 'acme/orders#3']);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toContain('no catalog changes, so no comment');
    expect(comments(3)).toHaveLength(0);
  });

  it('never shows the token; without one, or with a bad PR, it says what to change', async () => {
    const all = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#4', '--format', 'json']);
    expect(JSON.parse(all.stdout).summary.removed).toBe(1);
    expect(all.stdout + all.stderr).not.toContain(TOKEN);
    const bad = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#4'], { GITHUB_TOKEN: 'wrong-token' });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('GitHub refused the token (401) for acme/orders#4: check GITHUB_TOKEN');
    expect(bad.stderr).not.toContain('wrong-token');
    const none = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/orders#4'], { GITHUB_TOKEN: '' });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('--comment needs a token in GITHUB_TOKEN');
    const missing = await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'acme/gone#4'], { GITHUB_ACTIONS: 'true' });
    expect(missing.stderr).toContain('::warning title=Catalog impact::acme/gone#4 was not found (404), or the token cannot see it');
    expect((await run(['diff', '--base', site.url, '--head', 'removed.json', '--comment', 'orders#4'])).stderr).toContain('--comment must be owner/repo#number');
  });
});

describe('the catalog-impact action', { timeout: 30_000 }, () => {
  it("its script, run as GitHub runs it, comments on the PR and writes the job summary from the PR's repo alone", async () => {
    const step = (parse(readFileSync(join(ROOT, '.github/actions/catalog-impact/action.yml'), 'utf8')).runs.steps as Array<{ name?: string; run?: string }>).find((s) => s.name === 'backlot diff --comment')!;
    // The PR's checkout as <owner>/<repo>: the orders repo no longer has its API.
    const repo = join(work, 'head', 'acme', 'orders');
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n');
    const summary = join(work, 'summary.md');
    writeFileSync(summary, '');
    const env = {
      ...process.env, PORTAL: ROOT, PORTAL_URL: site.url, HEAD_PATH: join(work, 'head', 'acme'), PULL_REQUEST: 'acme/orders#7',
      GITHUB_TOKEN: TOKEN, GITHUB_API_URL: em.url, BACKLOT_GITHUB_THROTTLE: 'off', GITHUB_STEP_SUMMARY: summary,
    };
    // Not spawnSync: the emulator and the portal answer from this process.
    const status = await new Promise<number>((done) => {
      execFile('bash', ['--noprofile', '--norc', '-e', '-c', step.run!], { cwd: work, env }, (err) => done(err ? ((err as { code?: number }).code ?? 1) : 0));
    });
    expect(status).toBe(1);
    expect(ours(7)).toHaveLength(1);
    expect(ours(7)[0]!.body).toContain('api:orders-api removed (owner group:team-a)');
    // --partial: billing and team-b live in other repos, so they are not counted as removed.
    expect(ours(7)[0]!.body).not.toContain('component:billing removed');
    expect(readFileSync(summary, 'utf8')).toMatch(/^## Catalog impact\n/);
  });
});
