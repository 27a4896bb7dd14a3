// Ownership drift on a fixture org run through the real pipeline (catalog, relations, plugins): CODEOWNERS and
// recent committers against spec.owner, with the GitHub plugin's data from files in the repos (`localData`).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacklotConfig } from '../../config/types.ts';
import { runPipeline } from '../../pipeline/index.ts';
import { memorySnapshot, repoInfo } from '../../snapshot/memory.ts';
import { componentYaml } from '../../testing/entities.ts';
import github from '../github/index.ts';
import { githubAnswer } from '../github/testing.ts';
import { loaded } from '../testing.ts';
import ownership from './index.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-ownership-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const people = `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [], members: [alice] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [], members: [bob, carol] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: alice }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: bob }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: carol }
spec: { memberOf: [] }
`;

const LOCAL = '.github/backlot-data.json';
const repos = memorySnapshot([
  { repo: repoInfo('people'), files: { 'catalog-info.yaml': people } },
  // CODEOWNERS and commits agree with spec.owner.
  { repo: repoInfo('svc-match'), files: { 'catalog-info.yaml': componentYaml('svc-match'), CODEOWNERS: '* @acme/team-a\n', [LOCAL]: githubAnswer({ release: 'v2.3.0', pulls: 4, issues: 2, commits: [['alice', 'Alice', 12], ['', 'renovate', 3]], runs: [['build', 'SUCCESS']], languages: { Go: 900, Shell: 100 } }) } },
  // CODEOWNERS gives the catalog file to another team (its own rule, line 3).
  { repo: repoInfo('svc-codeowners'), files: { 'catalog-info.yaml': componentYaml('svc-codeowners'), '.github/CODEOWNERS': '# who reviews\n*                 @acme/team-a\ncatalog-info.yaml @acme/team-b\n' } },
  // No CODEOWNERS; team-b made all the attributed commits.
  { repo: repoInfo('svc-commits'), files: { 'catalog-info.yaml': componentYaml('svc-commits'), [LOCAL]: githubAnswer({ commits: [['bob', 'Bob', 9], ['carol', 'Carol', 6], ['', 'ci bot', 20]], runs: [['build', 'FAILURE']] }) } },
  // A member of the declared group is a code owner: a match.
  { repo: repoInfo('svc-member'), files: { 'catalog-info.yaml': componentYaml('svc-member', { owner: 'team-b' }), 'docs/CODEOWNERS': '* @bob\n' } },
  // Nothing observed: nothing said.
  { repo: repoInfo('svc-quiet'), files: { 'catalog-info.yaml': componentYaml('svc-quiet') } },
]);

const config: BacklotConfig = { root: tmp, site: { title: 'T', base: '/', outDir: join(tmp, 'dist') }, sources: [], catalog: { kinds: [] }, cacheDir: join(tmp, 'cache') };

describe('ownership drift', () => {
  it('warns at the entity’s line for CODEOWNERS and committers that disagree with spec.owner, and lists them on the groups', async () => {
    const plugins = [
      loaded(github, { options: { kinds: ['Component'], commits: 50, contributors: 5, localData: LOCAL } }),
      { ...loaded(ownership, { options: { kinds: ['Component'], githubPlugin: 'github', minShare: 0.5 } }), config: { ...loaded(ownership).config, options: { kinds: ['Component'], githubPlugin: 'github', minShare: 0.5 }, at: { file: '/p/backlot.config.yaml', index: 1 } } },
    ];
    const { diagnostics, model } = await runPipeline(config, repos, { catalogPath: () => '/catalog-info.yaml', plugins });
    const drift = diagnostics.filter((d) => d.message.includes('ownership drift'));
    expect(drift).toEqual([
      {
        severity: 'warning',
        code: 'plugin-warning',
        message: 'plugin "ownership": ownership drift: component:default/svc-codeowners declares owner team-a, but .github/CODEOWNERS (line 3) gives catalog-info.yaml to @acme/team-b',
        hint: 'set spec.owner to team-b, or give catalog-info.yaml to @acme/team-a in .github/CODEOWNERS',
        repo: 'svc-codeowners',
        file: 'catalog-info.yaml',
        line: 1,
        column: 1,
        entity: 'component:default/svc-codeowners',
      },
      expect.objectContaining({
        repo: 'svc-commits',
        entity: 'component:default/svc-commits',
        message: "plugin \"ownership\": ownership drift: component:default/svc-commits declares owner team-a, who made none of its repo's last 35 commits; 43% of the last 35 commits (bob, carol) are by team-b",
        hint: expect.stringMatching(/^set spec.owner to team-b if it owns svc-commits now/),
      }),
    ]);
    expect(diagnostics.filter((d) => !d.message.includes("ownership drift"))).toEqual([]);

    const cards = model.plugins!.cards;
    expect(cards['group:default/team-a']).toEqual([
      {
        plugin: 'ownership',
        id: 'drift',
        title: 'Ownership drift',
        text: '2 entities whose declared owner does not match CODEOWNERS or recent commits.',
        rows: [
          { label: 'component:svc-codeowners', entity: 'component:default/svc-codeowners', value: 'declared here; CODEOWNERS say team-b (.github/CODEOWNERS:3 @acme/team-b)' },
          { label: 'component:svc-commits', entity: 'component:default/svc-commits', value: 'declared here; commits say team-b (43% of the last 35 commits (bob, carol))' },
        ],
      },
    ]);
    expect(cards['group:default/team-b']![0]!.rows).toHaveLength(2);
    expect(cards['group:default/team-b']![0]!.rows![0]!.value).toBe('declared team-a; CODEOWNERS say this team (.github/CODEOWNERS:3 @acme/team-b)');

    // The GitHub plugin's cards, from the recorded answer in the repo.
    expect(cards['component:default/svc-match']).toEqual([
      {
        plugin: 'github',
        id: 'repo',
        title: 'GitHub',
        rows: [
          { label: 'Repository', value: 'acme/svc-match', href: 'https://github.com/acme/svc-match' },
          { label: 'Latest release', value: 'v2.3.0 · 2026-11-20' },
          { label: 'Open pull requests', value: '4', href: 'https://github.com/acme/svc-match/pulls' },
          { label: 'Open issues', value: '2', href: 'https://github.com/acme/svc-match/issues' },
          { label: 'Languages', value: 'Go 90%, Shell 10%' },
          { label: 'Top contributors (last 15 commits)', value: 'alice (12), renovate (3)' },
          { label: 'Code owners', value: '@acme/team-a', href: 'https://github.com/acme/svc-match/blob/main/CODEOWNERS#L1' },
        ],
        links: [
          { title: 'Pull requests', href: 'https://github.com/acme/svc-match/pulls' },
          { title: 'Actions', href: 'https://github.com/acme/svc-match/actions' },
        ],
      },
      {
        plugin: 'github',
        id: 'ci',
        title: 'CI',
        text: "Checks on the default branch's latest commit (1a2b3c4): passing.",
        rows: [{ label: 'build', value: '#100 success' }],
        links: [{ title: 'All workflow runs', href: 'https://github.com/acme/svc-match/actions' }],
        dataset: { state: 'passing' },
      },
    ]);
    expect(cards['component:default/svc-commits']![1]).toMatchObject({ text: expect.stringMatching(/failing\.$/), dataset: { state: 'failing' } });
    // A repo with only CODEOWNERS still shows its code owners; one with nothing shows no card.
    expect(cards['component:default/svc-codeowners']![0]!.rows).toContainEqual({ label: 'Code owners', value: '@acme/team-b', href: 'https://github.com/acme/svc-codeowners/blob/main/.github/CODEOWNERS#L3' });
    expect(cards['component:default/svc-quiet']).toBeUndefined();
    // Its catalog columns: the CI state and the latest release.
    expect(model.plugins!.columns).toEqual([
      { key: 'plugin:github.ci', title: 'CI', kinds: ['component'], values: { 'component:default/svc-match': 'passing', 'component:default/svc-commits': 'failing' } },
      { key: 'plugin:github.release', title: 'Last release', kinds: ['component'], values: { 'component:default/svc-match': 'v2.3.0' } },
    ]);
    // Its CI facet, and a GitHub tab where GitHub answered (not where only CODEOWNERS was read).
    expect(model.plugins!.facets).toEqual([{ key: 'github.ci', title: 'CI', kinds: ['component'], values: { 'component:default/svc-match': ['passing'], 'component:default/svc-commits': ['failing'] } }]);
    const tabs = model.plugins!.tabs!;
    expect(tabs['component:default/svc-match']!.map((t) => [t.plugin, t.id, t.title, t.cards.map((c) => c.title)])).toEqual([
      ['github', 'github', 'GitHub', ['Pull requests and issues', 'Workflow runs', 'Releases', 'Languages', 'Top contributors']],
    ]);
    expect(tabs['component:default/svc-match']![0]!.cards[4]!.rows).toEqual([
      { label: '@alice', value: '12 commits', href: 'https://github.com/alice' },
      { label: 'renovate', value: '3 commits' },
    ]);
    expect(tabs['component:default/svc-codeowners']).toBeUndefined();
    // Drift: a tab on each team involved, one page of every team's drift and a search record for it.
    expect(tabs['group:default/team-a']!.map((t) => [t.plugin, t.id, t.cards[0]!.rows!.map((r) => r.label)])).toEqual([['ownership', 'drift', ['component:svc-codeowners', 'component:svc-commits']]]);
    expect(tabs['group:default/team-b']!.map((t) => t.id)).toEqual(['drift']);
    expect(model.plugins!.pages).toEqual([
      expect.objectContaining({ plugin: 'ownership', path: 'plugins/ownership/', title: 'Ownership drift', text: expect.stringMatching(/^2 entities whose declared owner/) }),
    ]);
    expect(model.plugins!.pages![0]!.cards.map((c) => [c.title, c.rows!.map((r) => r.label)])).toEqual([
      ['team-a', ['Team', 'component:svc-codeowners', 'component:svc-commits']],
      ['team-b', ['Team', 'component:svc-codeowners', 'component:svc-commits']],
    ]);
    expect(model.plugins!.pages![0]!.nav).toBeUndefined();
    expect(model.plugins!.search).toEqual([expect.objectContaining({ path: 'plugins/ownership/', kind: 'Report', content: expect.stringContaining('component:svc-codeowners team-a team-b') })]);
  });
});
