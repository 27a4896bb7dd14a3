// Templates are checked at build time: their problems reach the pipeline's diagnostics at the line to change.

import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/load.ts';
import { runPipeline } from '../pipeline/index.ts';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import { actionRegistry } from './actions/index.ts';
import { ACTION_INPUTS } from './check.ts';

const BROKEN = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: broken
spec:
  type: service
  owner: team-a
  steps:
    - id: fetch
      action: fetch:template
      input:
        values: { name: '\${{ parameters.name }}' }
    - id: publish
      action: publish:gitlab
      input: { repoUrl: x }
    - id: log
      action: debug:log
      input:
        message: '\${{ parameters.name | shout }}'
    - id: pr
      action: publish:github:pull-request
      input:
        repoUrl: '\${{ parameters.repoUrl }}'
        title: '\${{ parameters.name'
        description: d
        branchName: b
    - id: log
      action: debug:log
  output:
    links:
      - { url: '{% if x %}open' }
`;

const GOOD = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: good
spec:
  type: service
  steps:
    - id: fetch
      action: fetch:template
      input: { url: ./skeleton, values: { name: '\${{ parameters.name | lower }}', repo: '\${{ (parameters.repoUrl | parseRepoUrl).repo }}' } }
    - id: publish
      action: publish:github
      input: { repoUrl: '\${{ parameters.repoUrl }}', description: 'Pipes in text | are fine' }
  output:
    links:
      - { url: '\${{ steps.publish.output.remoteUrl }}' }
`;

describe('template checks in the pipeline', () => {
  it('reports unknown actions and filters, missing inputs and bad syntax with file and line, and a reused step id as a warning', async () => {
    const snapshot = memorySnapshot([{ repo: repoInfo('templates'), files: { 'catalog-info.yaml': `${BROKEN}---\n${GOOD}`, 'skeleton/README.md': '# x' } }]);
    const { diagnostics, model } = await runPipeline(defaultConfig('/org'), snapshot, { catalogPath: () => '/catalog-info.yaml', ignoreDangling: true });
    const found = diagnostics.filter((d) => d.code.startsWith('template-'));
    expect(found.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.entity} ${d.message}`)).toEqual([
      'catalog-info.yaml:11:7 error template-input template:default/broken step "fetch" (fetch:template): missing required input "url"',
      'catalog-info.yaml:14:15 error template-action template:default/broken step "publish": unknown action "publish:gitlab"',
      'catalog-info.yaml:19:18 error template-filter template:default/broken unknown filter shout',
      'catalog-info.yaml:24:16 error template-syntax template:default/broken bad ${{ }} syntax in "${{ parameters.name": Template error at line 1, column 1: Unterminated variable tag',
      'catalog-info.yaml:27:11 warning template-steps template:default/broken step id "log" is used twice: both steps run, and steps.log.output is the later one\'s',
      'catalog-info.yaml:31:16 error template-syntax template:default/broken bad ${{ }} syntax in "{% if x %}open": Template error at line 1, column 1: Missing endif tag',
    ]);
    expect(found[1]!.hint).toMatch(/Backlot runs .*publish:github:pull-request/);
    // A template with problems stays in the portal, so its card can say why it cannot run.
    expect(model.entities.map((e) => e.ref)).toEqual(['template:default/broken', 'template:default/good']);
  });

  it('reports a fetch whose relative url names no folder (or file) of the repo', async () => {
    const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: fetches
spec:
  type: service
  steps:
    - { id: ok, action: fetch:template, input: { url: ./skeleton } }
    - { id: up, action: fetch:plain, input: { url: ../../shared/ci } }
    - { id: file, action: fetch:template:file, input: { url: ./files/Dockerfile, targetPath: Dockerfile } }
    - { id: gone, action: fetch:template, input: { url: ./app-gitops } }
    - { id: dir, action: fetch:template:file, input: { url: ./skeleton, targetPath: x } }
    - { id: templated, action: fetch:template, input: { url: './\${{ parameters.flavour }}' } }
    - { id: remote, action: fetch:plain, input: { url: 'https://github.com/elsewhere/skeletons/tree/main/x' } }
    - { id: crawled, action: fetch:plain, input: { url: 'https://github.com/acme/templates/tree/main/shared' } }
    - { id: proxy, action: http:backstage:request, input: { method: POST, path: /proxy/github/api/repos/x/pages } }
    - { id: lookup, action: http:backstage:request, input: { method: GET, path: '/api/catalog/entities/by-name/\${{ parameters.ref }}' } }
`;
    const snapshot = memorySnapshot([{ repo: repoInfo('templates'), files: {
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: t }\nspec: { targets: [./templates/svc/template.yaml] }\n',
      'templates/svc/template.yaml': template, 'templates/svc/skeleton/README.md': '#', 'templates/svc/files/Dockerfile': 'FROM x', 'shared/ci/build.yml': 'on: push',
    } }]);
    const { diagnostics } = await runPipeline(defaultConfig('/org'), snapshot, { catalogPath: () => '/catalog-info.yaml' });
    expect(diagnostics.filter((d) => d.code === 'template-fetch').map((d) => `${d.file}:${d.line} ${d.message}`)).toEqual([
      'templates/svc/template.yaml:11 step "gone" (fetch:template): "./app-gitops" names no folder of this repo (templates/svc/app-gitops)',
      'templates/svc/template.yaml:12 step "dir" (fetch:template:file): "./skeleton" names no file of this repo (templates/svc/skeleton)',
      'templates/svc/template.yaml:14 step "remote" (fetch:plain): "https://github.com/elsewhere/skeletons/tree/main/x" is not in an organisation the portal crawls, so it cannot be fetched',
    ]);
    expect(diagnostics.filter((d) => d.code === 'template-input').map((d) => `${d.line} ${d.message}`)).toEqual([
      '16 step "proxy" (http:backstage:request): POST /proxy/github/api/repos/x/pages cannot be answered: a static portal has no backend, only GETs of /api/catalog/… paths',
    ]);
    // A repo validated alone (a service repo's CI) cannot see the org: URLs are not checked, paths still are.
    const alone = await runPipeline(defaultConfig('/org'), snapshot, { catalogPath: () => '/catalog-info.yaml', ignoreDangling: true });
    expect(alone.diagnostics.filter((d) => d.code === 'template-fetch').map((d) => d.line)).toEqual([11, 12]);
  });

  it('knows the required inputs of every action Backlot runs, and no other action', () => {
    expect(Object.keys(ACTION_INPUTS).sort()).toEqual([...actionRegistry().keys()].sort());
  });
});
