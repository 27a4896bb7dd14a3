// publish:github:pull-request against the emulator's REST API with the real octokit client.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdFiles } from '../../../scripts/emulator/rest-scaffold.ts';
import { startEmulator, type Emulator } from '../../../scripts/emulator/server.ts';
import { createGithubApi } from '../github.ts';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    token: 't',
    repos: [{ owner: 'acme', name: 'portal', files: { 'README.md': 'x' } }],
    scaffold: { viewer: 'octo', orgs: { acme: { members: ['octo', 'ada'], teams: { platform: ['octo'] } } } },
  });
  // The repo the pull requests go to: created (and pushed) as publish:github creates repos.
  await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=infra', protectDefaultBranch: false } }`, { 'skeleton/README.md': '# infra\n', 'skeleton/apps/keep.yaml': 'keep: true\n' });
});
afterAll(() => emulator?.close());

function run(spec: string, skeleton: Record<string, string>, log: (line: string) => void = () => {}, dryRun = false) {
  const files: Record<string, string> = { 'templates/service/template.yaml': templateYaml(spec) };
  for (const [path, data] of Object.entries(skeleton)) files[`templates/service/${path}`] = data;
  const api = createGithubApi({ token: 't', baseUrl: emulator.url, throttle: false });
  return runTemplate({
    template: memoryTemplate(files), values: {}, workspace: mkdtempSync(join(tmpdir(), 'backlot-pr-')), dryRun, github: () => api, log,
  });
}

const PR_STEPS = (extra: string) => `steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton, targetPath: out, values: { name: orders } } }
  - id: pr
    action: publish:github:pull-request
    input: { repoUrl: 'github.com?owner=acme&repo=infra', branchName: add-orders, title: Add orders, description: 'Adds the orders app', sourcePath: out, targetPath: apps/orders, ${extra} }
output:
  links:
    - { title: PR, url: '\${{ steps.pr.output.remoteUrl }}' }
  text:
    - { content: '\${{ steps.pr.output.pullRequestNumber }} \${{ steps.pr.output.targetBranchName }}' }`;

describe('publish:github:pull-request', () => {
  it('commits the workspace under targetPath on a new branch and opens a draft pull request with reviewers', async () => {
    const lines: string[] = [];
    const result = await run(PR_STEPS('draft: true, reviewers: [ada], teamReviewers: [platform, platform], gitAuthorName: Bot'), { 'skeleton/app.yaml': 'name: ${{ values.name }}\n' }, (l) => lines.push(l));
    const repo = emulator.scaffold.created.get('acme/infra')!;
    const pr = repo.pulls[0]!;
    expect(pr).toMatchObject({ number: 1, title: 'Add orders', body: 'Adds the orders app', head: 'add-orders', base: 'main', draft: true, reviewers: ['ada'], teams: ['platform'] });
    expect(result.output.links[0]!.url).toBe('https://github.com/acme/infra/pull/1');
    expect(result.output.text[0]!.content).toBe('1 main');
    // The branch holds the base's files plus the new ones; main is untouched.
    const head = repo.objects.get(repo.refs.get('add-orders')!) as { message: string; parents: string[]; author?: { name: string; email: string } };
    expect(head).toMatchObject({ message: 'Add orders', parents: [repo.refs.get('main')], author: { name: 'Bot', email: 'scaffolder@backstage.io' } });
    expect(createdFiles(emulator.scaffold, 'acme/infra')).toEqual({ 'README.md': '# infra\n', 'apps/keep.yaml': 'keep: true\n' });
    expect(lines.join('\n')).toMatch(/requested reviews from ada, team platform/);
  });

  it('adds a commit to the open pull request of the same branch when update is set, and refuses without it', async () => {
    await expect(run(PR_STEPS(''), { 'skeleton/app.yaml': 'name: v2\n' })).rejects.toThrow(/step "pr" \(publish:github:pull-request\) failed: Pull request creation failed: .*Reference already exists/);
    const repo = emulator.scaffold.created.get('acme/infra')!;
    const before = repo.refs.get('add-orders')!;
    const result = await run(PR_STEPS('update: true, commitMessage: Bump orders'), { 'skeleton/app.yaml': 'name: v2\n' });
    expect(repo.pulls).toHaveLength(1);
    expect(result.output.text[0]!.content).toBe('1 main');
    const head = repo.objects.get(repo.refs.get('add-orders')!) as { message: string; parents: string[] };
    expect(head).toMatchObject({ message: 'Bump orders', parents: [before] });
  });

  it('warns, and still opens the pull request, when GitHub refuses a reviewer', async () => {
    const lines: string[] = [];
    await run(PR_STEPS('branchName: other, reviewers: [stranger]').replace('branchName: add-orders, ', ''), { 'skeleton/app.yaml': 'x\n' }, (l) => lines.push(l));
    expect(emulator.scaffold.created.get('acme/infra')!.pulls.map((p) => p.head)).toContain('other');
    expect(lines.join('\n')).toMatch(/warning: could not request reviewers on pull request 2: Reviews may only be requested from collaborators/);
  });

  it('opens nothing when there is no change and createWhenEmpty is false', async () => {
    const lines: string[] = [];
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: pr, action: publish:github:pull-request, input: { repoUrl: 'github.com?owner=acme&repo=infra', branchName: noop, title: t, description: d, createWhenEmpty: false } }`, { 'skeleton/README.md': '# infra\n' }, (l) => lines.push(l));
    const repo = emulator.scaffold.created.get('acme/infra')!;
    expect(repo.refs.has('noop')).toBe(false);
    expect(lines.join('\n')).toMatch(/No changes to commit, pull request was not created/);
  });

  it("answers a dry run with Backstage's placeholder outputs and touches nothing", async () => {
    const count = emulator.scaffold.created.get('acme/infra')!.pulls.length;
    const result = await run(PR_STEPS('branchName: dry').replace('branchName: add-orders, ', ''), { 'skeleton/app.yaml': 'x\n' }, () => {}, true);
    expect(result.output.text[0]!.content).toBe('43 dry');
    expect(result.effects[0]).toMatchObject({ dryRun: true, details: { files: ['apps/orders/app.yaml'] } });
    expect(emulator.scaffold.created.get('acme/infra')!.pulls).toHaveLength(count);
  });
});
