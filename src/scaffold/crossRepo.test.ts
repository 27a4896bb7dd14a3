// Skeletons kept in another repo of the org, and a template run as a file: which repo a `url` reads.

import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../scripts/emulator/server.ts';
import type { BacklotConfig } from '../config/types.ts';
import type { Entity } from '../model/entity.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { parseRemoteUrl } from './gitRemote.ts';
import { createGithubApi } from './github.ts';
import { loadTemplateFile, templateFromEntity } from './load.ts';
import { runTemplate } from './runner.ts';
import { templateYaml } from './testing/template.ts';
import { listFiles } from './workspace.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-xrepo-'));

/** A `templates` repo holding the template and a `skeletons` repo, both of org acme, in one snapshot. */
function orgTemplate(steps: string) {
  const snapshot = memorySnapshot([
    { repo: repoInfo('templates'), files: { 'svc/template.yaml': templateYaml(steps) } },
    {
      repo: repoInfo('skeletons'),
      files: { 'node/README.md': '# ${{ values.name }}\n', 'node/bin/run': '#!/bin/sh\n', 'shared/LICENSE': 'MIT ${{ raw }}\n' },
      executables: ['node/bin/run'],
    },
  ]);
  const entity = parse(templateYaml(steps)) as Entity;
  return templateFromEntity(entity, snapshot, snapshot.repos[0]!, 'svc/template.yaml');
}

async function files(workspace: string) {
  const out: Record<string, string> = {};
  for (const f of await listFiles(workspace)) out[f.path] = readFileSync(f.abs, 'utf8');
  return out;
}

describe('fetching from another repo of the org', () => {
  it('reads fetch:template, fetch:plain and fetch:template:file sources from the crawled snapshot', async () => {
    const workspace = tmp();
    const lines: string[] = [];
    await runTemplate({
      template: orgTemplate(`steps:
  - { id: a, action: fetch:template, input: { url: 'https://github.com/acme/skeletons/tree/main/node', values: { name: orders } } }
  - { id: b, action: fetch:plain, input: { url: 'https://github.com/acme/skeletons/tree/release/shared', targetPath: legal } }
  - { id: c, action: fetch:template:file, input: { url: 'https://github.com/acme/skeletons/blob/main/node/README.md', targetPath: docs/index.md, values: { name: docs } } }`),
      values: {}, workspace, dryRun: true, log: (l) => lines.push(l),
    });
    expect(await files(workspace)).toEqual({ 'README.md': '# orders\n', 'bin/run': '#!/bin/sh\n', 'legal/LICENSE': 'MIT ${{ raw }}\n', 'docs/index.md': '# docs\n' });
    const log = lines.join('\n');
    expect(log).toMatch(/from acme\/skeletons:node into/);
    // The snapshot holds the crawled branch only: a URL naming another branch is read there, and the log says so.
    expect(log).toMatch(/note: ".*tree\/release\/shared" names the branch release; the files are read at main/);
  });

  it('keeps the same confinement: no repo outside the snapshot, nothing above a repo root', async () => {
    const run = (url: string) =>
      runTemplate({ template: orgTemplate(`steps:\n  - { id: a, action: fetch:plain, input: { url: '${url}' } }`), values: {}, workspace: tmp(), dryRun: true, log: () => {} });
    await expect(run('https://github.com/evil/skeletons/tree/main/node')).rejects.toThrow(/not in an organisation the portal crawls/);
    await expect(run('https://ghes.example.com/acme/skeletons/tree/main/node')).rejects.toThrow(/not in an organisation the portal crawls/);
    await expect(run('https://github.com/acme/skeletons/tree/main/node/%2E%2E/%2E%2E/%2E%2E/etc')).rejects.toThrow(/has "." or ".." segments/);
    await expect(run('https://github.com/acme/templates/tree/main/../../skeletons/tree/main/node')).rejects.toThrow(/has "." or ".." segments/);
    await expect(run('https://github.com/acme/skeletons/tree/main/nothing-here')).rejects.toThrow(/no files under "nothing-here" in https:\/\/github.com\/acme\/skeletons/);
  });
});

describe('a repo of a crawled organisation that the crawl left out: read with the run\'s token', () => {
  const TOKEN = 'ghs_run0token0for0skeletons';
  let emulator: Emulator;
  beforeAll(async () => {
    emulator = await startEmulator({
      token: TOKEN,
      repos: [{
        owner: 'acme', name: 'private-skeletons',
        files: { 'node/README.md': '# ${{ values.name }}\n', 'node/bin/run': '#!/bin/sh\n', 'node/logo.png': new Uint8Array([137, 80, 0, 1]), 'other/secret.txt': 'no' },
        executables: ['node/bin/run'],
        branches: { release: { 'node/README.md': 'release ${{ values.name }}\n' } },
      }],
    });
  });
  afterAll(() => emulator?.close());
  const github = (token = TOKEN) => (host: string) => {
    expect(host).toBe('github.com');
    return createGithubApi({ token, baseUrl: emulator.url, throttle: false });
  };
  const STEPS = `steps:
  - { id: a, action: fetch:template, input: { url: 'https://github.com/acme/private-skeletons/tree/main/node', values: { name: orders } } }
  - { id: b, action: fetch:template, input: { url: 'https://github.com/acme/private-skeletons/tree/release/node', targetPath: rel, values: { name: orders } } }
  - { id: c, action: fetch:template:file, input: { url: 'https://github.com/acme/private-skeletons/blob/main/node/README.md', targetPath: one.md, values: { name: one } } }
  - { id: d, action: fetch:plain, input: { url: 'https://github.com/acme/private-skeletons', targetPath: all } }`;

  it('fetches fetch:template, fetch:template:file and fetch:plain sources at the branch the URL names, modes and binaries kept', async () => {
    const workspace = tmp();
    const lines: string[] = [];
    await runTemplate({ template: orgTemplate(STEPS), values: {}, workspace, dryRun: true, github: github(), log: (l) => lines.push(l) });
    const written = await listFiles(workspace);
    expect(written.filter((f) => f.executable).map((f) => f.path)).toEqual(['all/node/bin/run', 'bin/run']);
    expect(readFileSync(join(workspace, 'logo.png'))).toEqual(Buffer.from([137, 80, 0, 1]));
    const texts = await files(workspace);
    expect(texts['README.md']).toBe('# orders\n');
    expect(texts['rel/README.md']).toBe('release orders\n');
    expect(texts['one.md']).toBe('# one\n');
    expect(texts['all/other/secret.txt']).toBe('no');
    expect(lines.join('\n')).toMatch(/read 3 files of acme\/private-skeletons at main from GitHub \(not in the crawled snapshot\)/);
  });

  it('keeps the confinement: no other organisation, nothing above the repo, nothing without a token', async () => {
    const run = (url: string, gh = github()) =>
      runTemplate({ template: orgTemplate(`steps:\n  - { id: a, action: fetch:plain, input: { url: '${url}' } }`), values: {}, workspace: tmp(), dryRun: true, github: gh, log: () => {} });
    emulator.resetStats();
    await expect(run('https://github.com/evil/private-skeletons/tree/main/node')).rejects.toThrow(/not in an organisation the portal crawls/);
    await expect(run('https://github.com/acme/private-skeletons/tree/main/node/%2E%2E/other')).rejects.toThrow(/has "." or ".." segments/);
    expect(emulator.stats().rest).toBe(0);
    await expect(run('https://github.com/acme/private-skeletons/tree/main/nothing')).rejects.toThrow(/no files under "nothing" in https:\/\/github.com\/acme\/private-skeletons at main/);
    await expect(run('https://github.com/acme/gone/tree/main/x')).rejects.toThrow(/acme\/gone \(or that branch\) is not on GitHub, or the token may not read it/);
    await expect(run('https://github.com/acme/private-skeletons/tree/main/node', github('wrong'))).rejects.toThrow(/Bad credentials/);
    const noToken = () => {
      throw new Error('no GitHub token: set GITHUB_TOKEN');
    };
    await expect(run('https://github.com/acme/private-skeletons/tree/main/node', noToken)).rejects.toThrow(
      /step "a" \(fetch:plain\) failed: https:\/\/github.com\/acme\/private-skeletons is not in the crawled snapshot, and reading it from GitHub needs a token/,
    );
  });
});

describe('a template given as a file', () => {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  };
  const STEPS = `steps:
  - { id: rel, action: fetch:template, input: { url: ../../skeletons/x, values: { name: rel } } }
  - { id: url, action: fetch:template, input: { url: 'https://github.com/acme/templates/tree/main/skeletons/x', targetPath: by-url, values: { name: url } } }`;

  it("in a git work tree: that repo, named by its origin remote, so relative paths and the repo's URLs resolve", async () => {
    const root = tmp();
    write(join(root, '.git/config'), '[core]\n\tbare = false\n[remote "origin"]\n\turl = git@github.com:acme/templates.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n');
    write(join(root, 'templates/svc/template.yaml'), templateYaml(STEPS));
    write(join(root, 'skeletons/x/README.md'), '# ${{ values.name }}\n');
    const template = await loadTemplateFile(join(root, 'templates/svc/template.yaml'));
    expect(template.repo).toMatchObject({ owner: 'acme', name: 'templates', url: 'https://github.com/acme/templates' });
    const workspace = tmp();
    await runTemplate({ template, values: {}, workspace, dryRun: true, log: () => {} });
    expect(await files(workspace)).toEqual({ 'README.md': '# rel\n', 'by-url/README.md': '# url\n' });
  });

  it('under a configured folder of repos: its repo folder, with the other repos there to fetch from', async () => {
    const root = tmp();
    write(join(root, 'org/templates/templates/svc/template.yaml'), templateYaml(`${STEPS}
  - { id: other, action: fetch:plain, input: { url: 'https://github.com/acme/shared/tree/main/ci', targetPath: ci } }`));
    write(join(root, 'org/templates/skeletons/x/README.md'), '# ${{ values.name }}\n');
    write(join(root, 'org/shared/ci/build.yml'), 'run: ${{ secrets.X }}\n');
    const config = { root, sources: [{ type: 'local', path: 'org', org: 'acme', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' }] } as unknown as BacklotConfig;
    const template = await loadTemplateFile('org/templates/templates/svc/template.yaml', root, config);
    expect(template.file).toBe('templates/svc/template.yaml');
    expect(template.repo.name).toBe('templates');
    const workspace = tmp();
    await runTemplate({ template, values: {}, workspace, dryRun: true, log: () => {} });
    expect(await files(workspace)).toEqual({ 'README.md': '# rel\n', 'by-url/README.md': '# url\n', 'ci/build.yml': 'run: ${{ secrets.X }}\n' });
  });

  it('parses the remote URL forms git writes', () => {
    for (const url of ['git@github.com:acme/templates.git', 'https://github.com/acme/templates', 'https://token@github.com/acme/templates.git', 'ssh://git@github.com:22/acme/templates.git']) {
      expect(parseRemoteUrl(url)).toEqual({ host: 'github.com', owner: 'acme', name: 'templates' });
    }
    expect(parseRemoteUrl('/srv/git/templates')).toBeUndefined();
  });
});
