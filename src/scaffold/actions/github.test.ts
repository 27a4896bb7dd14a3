// The GitHub actions against the emulator: the Git Data API push, branches, user repos, dispatches.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createdFiles, headCommit } from '../../../scripts/emulator/rest-scaffold.ts';
import { startEmulator, type Emulator } from '../../../scripts/emulator/server.ts';
import { createGithubApi } from '../github.ts';
import { runTemplate } from '../runner.ts';
import { memoryTemplate, templateYaml } from '../testing/template.ts';

let emulator: Emulator;
beforeAll(async () => {
  emulator = await startEmulator({
    token: 't',
    repos: [{ owner: 'acme', name: 'portal', files: { 'README.md': 'x' } }],
    scaffold: { viewer: 'octo', orgs: { acme: { members: ['octo'] } } },
  });
});
afterAll(() => emulator?.close());

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0xff]);

function run(spec: string, skeleton: Record<string, string | Uint8Array> = { 'skeleton/README.md': '# ${{ values.name }}\n' }) {
  const files: Record<string, string | Uint8Array> = { 'templates/service/template.yaml': templateYaml(spec) };
  for (const [path, data] of Object.entries(skeleton)) files[`templates/service/${path}`] = data;
  const api = createGithubApi({ token: 't', baseUrl: emulator.url, throttle: false });
  return runTemplate({
    template: memoryTemplate(files),
    values: {},
    workspace: mkdtempSync(join(tmpdir(), 'backlot-gh-')),
    dryRun: false,
    github: () => api,
    portalRepo: { host: 'github.com', owner: 'acme', name: 'portal' },
    log: () => {},
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

  it("creates a repo under the token's user when the owner is not an organisation", async () => {
    await run(`steps:
  - { id: fetch, action: fetch:template, input: { url: ./skeleton } }
  - { id: publish, action: publish:github, input: { repoUrl: 'github.com?owner=octo&repo=sandbox' } }`);
    expect(emulator.scaffold.created.get('octo/sandbox')?.visibility).toBe('private');
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
