// The GitHub actions against the emulator: the Git Data API push, branches, user repos, dispatches.

import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdFiles, headCommit } from '../../../scripts/emulator/rest-scaffold.ts';
import { startEmulator, type Emulator } from '../../../scripts/emulator/server.ts';
import { createGithubApi, statusOf, type GithubApi } from '../github.ts';
import { runTemplate } from '../runner.ts';
import { branchProtection, protectBranch } from './branchProtection.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    token: 't',
    repos: [{ owner: 'acme', name: 'portal', files: { 'README.md': 'x' } }],
    scaffold: { viewer: 'octo', orgs: { acme: { members: ['octo', 'ada'], teams: { platform: ['octo'], docs: ['ada'] } } } },
  });
});
afterAll(() => emulator?.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0xff]);

function run(
  spec: string,
  skeleton: Record<string, string | Uint8Array> = { 'skeleton/README.md': '# ${{ values.name }}\n' },
  log: (line: string) => void = () => {},
  options: { executables?: string[]; workspace?: string } = {},
) {
  const files: Record<string, string | Uint8Array> = { 'templates/service/template.yaml': templateYaml(spec) };
  for (const [path, data] of Object.entries(skeleton)) files[`templates/service/${path}`] = data;
  const api = createGithubApi({ token: 't', baseUrl: emulator.url, throttle: false });
  const executables = (options.executables ?? []).map((p) => `templates/service/${p}`);
  return runTemplate({
    template: memoryTemplate(files, undefined, undefined, executables),
    values: {},
    workspace: options.workspace ?? mkdtempSync(join(tmpdir(), 'backlot-gh-')),
    dryRun: false,
    github: () => api,
    portalRepo: { host: 'github.com', owner: 'acme', name: 'portal' },
    log,
  });
}

describe('publish:github', () => {
  it('pushes text and binary files on a non-default branch name, replacing the auto-init commit', async () => {
    const result = await run(
      `steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: tools } } }
  - id: publish
    action: publish:github
    input: { repoUrl: 'github.com?owner=acme&repo=tools', defaultBranch: trunk, repoVisibility: public, gitCommitMessage: first, gitAuthorName: Bot, gitAuthorEmail: bot@acme.test }`,
      { 'skeleton/README.md': '# ${{ values.name }}\n', 'skeleton/logo.png': PNG },
    );
    const repo = emulator.scaffold.created.get('acme/tools')!;
    expect(repo.defaultBranch).toBe('trunk');
    expect([...repo.refs.keys()]).toEqual(['trunk']);
    expect(repo.visibility).toBe('public');
    expect(headCommit(emulator.scaffold, 'acme/tools')).toMatchObject({ message: 'first', parents: [] });
    expect(createdFiles(emulator.scaffold, 'acme/tools')?.['README.md']).toBe('# tools\n');
    const blob = [...repo.objects.values()].find((o) => o.type === 'blob' && o.bytes.byteLength === PNG.byteLength);
    expect(blob && new Uint8Array((blob as { bytes: Uint8Array }).bytes)).toEqual(PNG);
    const publish = result.effects.find((e) => e.step === 'publish')!;
    expect(publish.dryRun).toBe(false);
    expect(publish.details.commit).toBe(headCommit(emulator.scaffold, 'acme/tools')!.sha);
  });

  it('keeps the executable bit of skeleton files through fetch:template and fetch:plain into the pushed tree', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'backlot-gh-'));
    await run(
      `steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton, values: { name: tools } } }
  - { id: plain, action: fetch:plain, input: { url: ./extra, targetPath: extra } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=runnable' } }`,
      { 'skeleton/README.md': '# ${{ values.name }}\n', 'skeleton/gradlew': '#!/bin/sh\necho ${{ values.name }}\n', 'extra/bin/tool': PNG, 'extra/notes.txt': 'x' },
      () => {},
      { executables: ['skeleton/gradlew', 'extra/bin/tool'], workspace },
    );
    expect(statSync(join(workspace, 'gradlew')).mode & 0o777).toBe(0o755);
    expect(statSync(join(workspace, 'README.md')).mode & 0o777).toBe(0o644);
    expect(statSync(join(workspace, 'extra', 'bin', 'tool')).mode & 0o777).toBe(0o755);
    const repo = emulator.scaffold.created.get('acme/runnable')!;
    const commit = repo.objects.get(headCommit(emulator.scaffold, 'acme/runnable')!.sha) as { tree: string };
    const tree = repo.objects.get(commit.tree) as { files: Map<string, { mode: string }> };
    expect(Object.fromEntries([...tree.files].map(([path, f]) => [path, f.mode]))).toEqual({
      'README.md': '100644',
      gradlew: '100755',
      'extra/bin/tool': '100755',
      'extra/notes.txt': '100644',
    });
    expect(createdFiles(emulator.scaffold, 'acme/runnable')?.gradlew).toBe('#!/bin/sh\necho tools\n');
  });

  it("creates a repo under the token's user when the owner is not an organisation", async () => {
    const lines: string[] = [];
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=octo&repo=sandbox' } }`, undefined, (line) => lines.push(line));
    const repo = emulator.scaffold.created.get('octo/sandbox')!;
    expect(repo.visibility).toBe('private');
    // GitHub Free cannot protect a personal private repo: the run goes on with a warning, as in Backstage.
    expect(repo.protection.size).toBe(0);
    expect(lines.join('\n')).toMatch(/warning: branch protection was not enabled on main: .*paid plan/);
  });

  it('publishes a repo GitHub will not protect as asked, with a warning', async () => {
    const lines: string[] = [];
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=octo&repo=open-tool', repoVisibility: public, restrictions: { users: [octo] } } }`, undefined, (line) => lines.push(line));
    // Push restrictions exist only for organisation repos.
    expect(emulator.scaffold.created.get('octo/open-tool')!.protection.size).toBe(0);
    expect(headCommit(emulator.scaffold, 'octo/open-tool')).toBeDefined();
    expect(lines.join('\n')).toMatch(/warning: skipping branch protection on octo\/open-tool: Validation Failed: Only organization repositories/);
  });

  it("protects the default branch with Backstage's defaults", async () => {
    const result = await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=guarded', defaultBranch: trunk } }`);
    const repo = emulator.scaffold.created.get('acme/guarded')!;
    expect([...repo.protection.keys()]).toEqual(['trunk']);
    expect(repo.protection.get('trunk')).toEqual({
      signatures: false,
      settings: {
        required_status_checks: { strict: true, contexts: [] },
        enforce_admins: true,
        required_pull_request_reviews: { required_approving_review_count: 1, require_code_owner_reviews: false, dismiss_stale_reviews: false, require_last_push_approval: false },
        restrictions: null,
        required_conversation_resolution: false,
        required_linear_history: false,
      },
    });
    expect(result.effects.find((e) => e.step === 'publish')?.details.branchProtection).toBe('protected');
  });

  it('maps the protection inputs, signed commits included, and skips protection when asked', async () => {
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - id: publish
    action: publish:github
    input:
      repoUrl: 'github.com?owner=acme&repo=strict'
      protectEnforceAdmins: false
      requiredApprovingReviewCount: 2
      requireCodeOwnerReviews: true
      dismissStaleReviews: true
      requireLastPushApproval: true
      bypassPullRequestAllowances: { users: [octo], teams: [platform] }
      restrictions: { users: [octo], teams: [platform], apps: [deployer] }
      requiredStatusCheckContexts: [ci/build, ci/test]
      requireBranchesToBeUpToDate: false
      requiredConversationResolution: true
      requiredLinearHistory: true
      requiredCommitSigning: true
  - { id: open, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=open', protectDefaultBranch: false } }`);
    const strict = emulator.scaffold.created.get('acme/strict')!.protection.get('main')!;
    expect(strict.signatures).toBe(true);
    expect(strict.settings).toEqual({
      required_status_checks: { strict: false, contexts: ['ci/build', 'ci/test'] },
      enforce_admins: false,
      required_pull_request_reviews: {
        required_approving_review_count: 2,
        require_code_owner_reviews: true,
        dismiss_stale_reviews: true,
        require_last_push_approval: true,
        bypass_pull_request_allowances: { users: ['octo'], teams: ['platform'] },
      },
      restrictions: { users: ['octo'], teams: ['platform'], apps: ['deployer'] },
      required_conversation_resolution: true,
      required_linear_history: true,
    });
    expect(emulator.scaffold.created.get('acme/open')!.protection.size).toBe(0);
  });

  it('gives access as Backstage does: the access team as admin, each collaborator its permission, refusals as warnings', async () => {
    const lines: string[] = [];
    const result = await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - id: publish
    action: publish:github
    input:
      repoUrl: 'github.com?owner=acme&repo=shared'
      access: acme/platform
      topics: [Payments, team-a]
      collaborators:
        - { user: ada, access: push }
        - { team: 'group:default/docs', access: triage }
        - { username: platform, access: maintain }
        - { user: stranger, access: pull }`, undefined, (line) => lines.push(line));
    const repo = emulator.scaffold.created.get('acme/shared')!;
    expect(Object.fromEntries(repo.access)).toEqual({ 'team:platform': 'maintain', 'user:ada': 'push', 'team:docs': 'triage' });
    expect(repo.topics).toEqual(['payments', 'team-a']);
    expect(lines.join('\n')).toMatch(/warning: skipping pull access for user stranger: Not Found/);
    expect(result.effects.find((e) => e.step === 'publish')?.details.granted).toEqual(['team platform: admin', 'user ada: push', 'team docs: triage', 'team platform: maintain']);
  });

  it('refuses an access team the org does not have before creating anything, and a malformed collaborator', async () => {
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=orphan', access: acme/nobody } }`),
    ).rejects.toThrow(/input "access": acme has no team "nobody"/);
    expect(emulator.scaffold.created.has('acme/orphan')).toBe(false);
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=orphan', collaborators: [{ user: ada, access: owner }] } }`),
    ).rejects.toThrow(/input "collaborators\[0\]".access must be one of pull, triage, push, maintain, admin, got "owner"/);
  });

  it('sets Actions variables, the OIDC subject claim, custom properties and watching', async () => {
    const lines: string[] = [];
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - id: publish
    action: publish:github
    input:
      repoUrl: 'github.com?owner=acme&repo=configured'
      repoVariables: { DEPLOY_ENV: staging, REPLICAS: 3 }
      oidcCustomization: { useDefault: false, includeClaimKeys: [repo, context] }
      customProperties: { team: payments, regions: [eu, us] }
      subscribe: true
      secrets: { TOKEN: nope }`, undefined, (line) => lines.push(line));
    const repo = emulator.scaffold.created.get('acme/configured')!;
    expect(Object.fromEntries(repo.variables)).toEqual({ DEPLOY_ENV: 'staging', REPLICAS: '3' });
    expect(repo.oidc).toEqual({ use_default: false, include_claim_keys: ['repo', 'context'] });
    expect(repo.customProperties).toEqual({ team: 'payments', regions: ['eu', 'us'] });
    expect(repo.subscribed).toBe(true);
    // secrets would travel as workflow inputs, visible in the run: named as unsupported, never sent.
    expect(lines.join('\n')).toMatch(/inputs not supported by Backlot, ignored: secrets/);
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=never2', repoVariables: { GITHUB_TOKEN: x } } }`),
    ).rejects.toThrow(/input "repoVariables": "GITHUB_TOKEN" is not a variable name GitHub takes/);
    expect(emulator.scaffold.created.has('acme/never2')).toBe(false);
  });

  it('creates the repo with the merge settings asked for, and only those', async () => {
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - id: publish
    action: publish:github
    input: { repoUrl: 'github.com?owner=acme&repo=merging', deleteBranchOnMerge: true, allowMergeCommit: false, allowRebaseMerge: false, allowAutoMerge: true, squashMergeCommitTitle: PR_TITLE, squashMergeCommitMessage: PR_BODY }`);
    expect(emulator.scaffold.created.get('acme/merging')!.merging).toEqual({
      delete_branch_on_merge: true,
      allow_merge_commit: false,
      allow_rebase_merge: false,
      allow_auto_merge: true,
      squash_merge_commit_title: 'PR_TITLE',
      squash_merge_commit_message: 'PR_BODY',
    });
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=bad-merge', squashMergeCommitTitle: TITLE } }`),
    ).rejects.toThrow(/input "squashMergeCommitTitle" must be one of PR_TITLE, COMMIT_OR_PR_TITLE, got "TITLE"/);
    expect(emulator.scaffold.created.has('acme/bad-merge')).toBe(false);
  });

  it('says which protection input is wrong before creating anything', async () => {
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=acme&repo=never', requiredApprovingReviewCount: 9 } }`),
    ).rejects.toThrow(/input "requiredApprovingReviewCount" must be a whole number from 0 to 6, got number 9/);
    expect(emulator.scaffold.created.has('acme/never')).toBe(false);
  });

  it('refuses a host outside allowedHosts before calling GitHub', async () => {
    await expect(
      run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'gitlab.com?owner=acme&repo=x', allowedHosts: [github.com] } }`),
    ).rejects.toThrow(/host gitlab.com is not in allowedHosts/);
  });
});

describe('github:actions:dispatch and catalog:register', () => {
  it('starts the workflow with string inputs and sends the rebuild to the portal repo', async () => {
    await run(`steps:
  - id: ci
    action: github:actions:dispatch
    input: { repoUrl: 'github.com?owner=acme&repo=portal', workflowId: deploy.yml, branchOrTagName: main, workflowInputs: { env: prod, replicas: 3 } }
  - id: register
    action: catalog:register
    input: { catalogInfoUrl: 'https://github.com/acme/elsewhere/blob/main/catalog-info.yaml' }`);
    const runs = emulator.runs().get('acme/portal')!;
    expect(runs[0]).toMatchObject({ workflow_id: 'deploy.yml', head_branch: 'main', inputs: { env: 'prod', replicas: '3' } });
    expect(emulator.scaffold.dispatches.at(-1)).toEqual({
      repo: 'acme/portal',
      event_type: 'backlot-rebuild',
      client_payload: { catalogInfoUrl: 'https://github.com/acme/elsewhere/blob/main/catalog-info.yaml', template: 'template:default/service' },
    });
  });
});

describe('protectBranch', () => {
  const api = () => createGithubApi({ token: 't', baseUrl: emulator.url, throttle: false });
  const protection = branchProtection({})!;

  it('tries once more when GitHub does not see the branch yet, and fails when it still does not', async () => {
    const gh = api();
    await gh.request('POST /orgs/{org}/repos', { org: 'acme', name: 'late', auto_init: true, visibility: 'private' });
    const sha = headCommit(emulator.scaffold, 'acme/late')!.sha;
    // The real client, but the branch appears right after the first attempt was refused.
    const attempts: number[] = [];
    const late: GithubApi = {
      async request(route, params) {
        try {
          return await gh.request(route, params);
        } catch (err) {
          attempts.push(statusOf(err) ?? 0);
          if (attempts.length === 1) await gh.request('POST /repos/{owner}/{repo}/git/refs', { owner: 'acme', repo: 'late', ref: 'refs/heads/release', sha });
          throw err;
        }
      },
    };
    expect(await protectBranch(late, { owner: 'acme', repo: 'late', branch: 'release' }, protection, () => {}, 10)).toBe('protected');
    expect(attempts).toEqual([404]);
    expect([...emulator.scaffold.created.get('acme/late')!.protection.keys()]).toEqual(['release']);
    await expect(protectBranch(gh, { owner: 'acme', repo: 'late', branch: 'never' }, protection, () => {}, 10)).rejects.toThrow(/Branch not found/);
  });
});
