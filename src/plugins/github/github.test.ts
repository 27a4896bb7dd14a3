// The GitHub plugin on a crawled org (the local GitHub emulator, GitHub's own schema): its fields ride in the
// listing's queries, so a crawl with it makes the same requests as one without, plus the batched file reads.

import { afterEach, describe, expect, it } from 'vitest';
import { harness, serviceRepos, type EmulatorRepo, type Harness } from '../../sources/github/testing.ts';
import { componentYaml } from '../../testing/entities.ts';
import { definePlugin } from '../index.ts';
import { githubSchema, prepareRepoFields, schemaProblem } from '../graphql.ts';
import { runPlugins } from '../run.ts';
import { loaded } from '../testing.ts';
import github, { type GithubData } from './index.ts';
import { repoSelection } from './data.ts';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { reposFromFolder, RECORDED_ANSWER } from '../../../scripts/emulator/repos.ts';
import { openLocalSource } from '../../sources/local.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const OPTIONS = { kinds: ['Component'], commits: 50, contributors: 3 };

/** Repo i: a release on even repos, a failing workflow on every third, CODEOWNERS on every fourth. */
function fixture(i: number): Partial<EmulatorRepo> {
  return {
    files: {
      'catalog-info.yaml': componentYaml(`svc-${String(i).padStart(3, '0')}`),
      ...(i % 4 === 0 ? { '.github/CODEOWNERS': `# owners\n*       @acme/team-${i}\n/docs/ @acme/writers\n` } : {}),
    },
    github: {
      ...(i % 2 === 0 ? { releases: [{ name: `Release ${i}`, tagName: `v1.${i}.0`, publishedAt: '2026-03-01T10:00:00Z' }, { tagName: 'v1.0.0', publishedAt: '2026-01-01T00:00:00Z' }] } : {}),
      tags: [`v1.${i}.1`, `v1.${i}.0`],
      openPullRequests: i % 7,
      openIssues: i % 5,
      languages: { TypeScript: 8000, Shell: 1500, Dockerfile: 500 },
      commits: [
        ...Array.from({ length: 30 }, (_, k) => ({ login: k % 3 === 0 ? 'bob' : 'alice', name: k % 3 === 0 ? 'Bob B' : 'Alice A', date: `2026-02-${String((k % 28) + 1).padStart(2, '0')}T00:00:00Z` })),
        ...Array.from({ length: 30 }, () => ({ name: 'build bot', date: '2026-01-01T00:00:00Z' })),
      ],
      checkSuites: [
        { workflow: 'build', status: 'COMPLETED', conclusion: i % 3 === 0 ? 'FAILURE' : 'SUCCESS', runNumber: 40 + i },
        { workflow: 'lint', status: 'COMPLETED', conclusion: 'SUCCESS', runNumber: 7 },
        { app: 'dependabot', status: 'QUEUED' },
      ],
    },
  };
}

describe('the GitHub plugin against the emulator', () => {
  it("asks GitHub's schema only for fields it accepts", async () => {
    const schema = await githubSchema();
    expect(schema).toBeDefined();
    const [plugin] = [loaded(github, { options: OPTIONS })];
    const selection = await prepareRepoFields([plugin!], { check: true });
    expect(plugin!.fields).toMatchObject({ prefix: 'p0_github__' });
    expect(schemaProblem(schema!, selection!)).toBeUndefined();
    expect(schemaProblem(schema!, repoSelection(100))).toBeUndefined();
    // A misspelt field is refused before any crawl.
    expect(schemaProblem(schema!, 'latestRelase { name }')).toMatch(/latestRelase/);
  });

  it('reads 150 repos in the listing’s own requests plus the batched CODEOWNERS reads, and measures both', async () => {
    h = await harness(serviceRepos(150, fixture));
    const crawl = async (withPlugin: boolean) => {
      h!.emulator.resetStats();
      await import('node:fs/promises').then((fs) => fs.rm(h!.config.cacheDir, { recursive: true, force: true }));
      const plugin = loaded(github, { options: OPTIONS });
      const repoFields = withPlugin ? await prepareRepoFields([plugin], { check: true }) : undefined;
      const snapshot = await h!.open({}, { pageSize: 100, ...(repoFields ? { repoFields } : {}) });
      const listing = h!.emulator.stats();
      const run = withPlugin ? await runPlugins({ plugins: [plugin], snapshot, entities: [], cacheDir: h!.config.cacheDir }) : undefined;
      const all = h!.emulator.stats();
      return { listing: listing.requests, listingPoints: listing.points, files: all.requests - listing.requests, invalid: all.invalid, run };
    };
    const without = await crawl(false);
    const withPlugin = await crawl(true);
    // Measured: 2 listing requests (1 point each) without the plugin; with it the same 2 requests (7 points
    // each: its six connections per repo), then 3 paths × 150 repos of CODEOWNERS in 5 batched queries.
    expect(without).toMatchObject({ listing: 2, invalid: 0 });
    expect(withPlugin).toMatchObject({ listing: 2, files: 5, invalid: 0 });
    expect(withPlugin.listingPoints).toBe(14);
    expect(without.listingPoints).toBe(2);

    const data = withPlugin.run!.output && (await dataOf(withPlugin.run!));
    expect(Object.keys(data)).toHaveLength(150);
    expect(data['acme/svc-000']).toMatchObject({
      from: 'github',
      release: { name: 'Release 0', tag: 'v1.0.0', publishedAt: '2026-03-01T10:00:00Z', url: 'https://github.com/acme/svc-000/releases/tag/v1.0.0' },
      tag: 'v1.0.1',
      openPullRequests: 0,
      openIssues: 0,
      ci: { state: 'FAILURE', runs: [{ workflow: 'build', number: 40, status: 'COMPLETED', conclusion: 'FAILURE', url: 'https://github.com/acme/svc-000/actions/runs/40' }, { workflow: 'lint', number: 7, conclusion: 'SUCCESS' }] },
      languages: [{ name: 'TypeScript', percent: 80 }, { name: 'Shell', percent: 15 }, { name: 'Dockerfile', percent: 5 }],
      // 50 commits read: 30 by people (login-less bot last), 20 by the bot.
      contributors: [{ login: 'alice', commits: 20 }, { name: 'build bot', commits: 20 }, { login: 'bob', commits: 10 }],
      commits: 50,
      codeowners: { path: '.github/CODEOWNERS', rules: [{ pattern: '*', owners: ['@acme/team-0'], line: 2 }, { pattern: '/docs/', owners: ['@acme/writers'], line: 3 }] },
    });
    expect(data['acme/svc-001']).toMatchObject({ openPullRequests: 1, openIssues: 1, ci: { state: 'SUCCESS' } });
    expect(data['acme/svc-001']!.release).toBeUndefined();
    expect(data['acme/svc-001']!.codeowners).toBeUndefined();
  });

  it('gives the demo org crawled from the emulator the same data as its recorded answers built locally', async () => {
    const content = fileURLToPath(new URL('../../../content/repos', import.meta.url));
    h = await harness(await reposFromFolder(content, 'kestrel-freight'));
    const crawledPlugin = loaded(github, { options: OPTIONS });
    const repoFields = await prepareRepoFields([crawledPlugin], { check: true });
    const crawled = await h.open({ orgs: ['kestrel-freight'] }, { ...(repoFields ? { repoFields } : {}) });
    const fromGithub = await dataOf(await runPlugins({ plugins: [crawledPlugin], snapshot: crawled, entities: [], cacheDir: h.config.cacheDir }));
    expect(h.emulator.stats().invalid).toBe(0);

    const local = await openLocalSource({ type: 'local', path: content, org: 'kestrel-freight', host: 'github.com', defaultBranch: 'main', catalogPath: '/catalog-info.yaml' }, content);
    const localPlugin = loaded(github, { options: { ...OPTIONS, localData: RECORDED_ANSWER } });
    const localCache = join(h.cacheDir, 'local-cache');
    const fromFiles = await dataOf(await runPlugins({ plugins: [localPlugin], snapshot: local, entities: [], cacheDir: localCache }), 0, localCache);

    // The same but for where it came from and the head commit's id (the emulator's git is not the recorded one).
    const same = (data: GithubData) => Object.fromEntries(Object.entries(data).map(([k, { from: _from, ...d }]) => [k, { ...d, ...(d.ci ? { ci: { ...d.ci, commit: '' } } : {}) }]));
    expect(Object.keys(fromFiles)).toHaveLength(12);
    expect(Object.values(fromGithub).filter((d) => d.from === 'github')).toHaveLength(14);
    expect(same(fromGithub)).toMatchObject(same(fromFiles));
    expect(fromGithub['kestrel-freight/shipments']).toMatchObject({ release: { tag: 'v7.3.0' }, ci: { state: 'SUCCESS' }, openPullRequests: 9 });
  });

  it('a token that may not read pull requests or checks costs the plugin that data, with a warning, and no repo', async () => {
    // pullRequests is non-null: GitHub's refusal nulls the whole repo node, which is asked again without plugins' fields.
    h = await harness(serviceRepos(30, fixture), { forbiddenFields: ['pullRequests', 'checkSuites'] });
    const plugin = loaded(github, { options: OPTIONS });
    const repoFields = await prepareRepoFields([plugin], { check: true });
    const snapshot = await h.open({}, { ...(repoFields ? { repoFields } : {}) });
    expect(snapshot.staleRepos()).toEqual([]);
    expect(snapshot.repos).toHaveLength(30);
    const listing = h.emulator.stats().requests;
    // The page, its names, the 30 repos by name without the plugin's fields (one query).
    expect(listing).toBe(3);
    const run = await runPlugins({ plugins: [plugin], snapshot, entities: [], cacheDir: h.config.cacheDir });
    expect(run.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'plugin-warning', message: 'plugin "github": graphql: GitHub did not answer pullRequests for 30 repos (svc-000: Resource not accessible by integration)' }),
    ]);
    const data = await dataOf(run);
    expect(Object.keys(data)).toHaveLength(30);
    // CODEOWNERS still came, from the batched file reads.
    expect(data['acme/svc-000']).toMatchObject({ codeowners: { path: '.github/CODEOWNERS' }, languages: [], contributors: [] });
    expect(h.emulator.stats().invalid).toBe(0);
  });

  it('a nullable field GitHub refuses leaves the rest of the plugin’s data', async () => {
    h = await harness(serviceRepos(3, fixture), { forbiddenFields: ['checkSuites'] });
    const plugin = loaded(github, { options: OPTIONS });
    const repoFields = await prepareRepoFields([plugin], { check: true });
    const snapshot = await h.open({}, { ...(repoFields ? { repoFields } : {}) });
    expect(h.emulator.stats().requests).toBe(1);
    const run = await runPlugins({ plugins: [plugin], snapshot, entities: [], cacheDir: h.config.cacheDir });
    expect(run.diagnostics.map((d) => d.message)).toEqual(['plugin "github": graphql: GitHub did not answer checkSuites for 3 repos (svc-000: Resource not accessible by integration)']);
    const data = await dataOf(run);
    expect(data['acme/svc-000']).toMatchObject({ release: { tag: 'v1.0.0' }, openPullRequests: 0, ci: { state: 'FAILURE', runs: [] }, contributors: [{ login: 'alice' }, { name: 'build bot' }, { login: 'bob' }] });
  });

  it('a plugin whose fields GitHub would refuse is left out of the crawl with a diagnostic; the others keep theirs', async () => {
    h = await harness(serviceRepos(3, fixture));
    const bad = loaded(definePlugin({ name: 'bad', graphql: 'stargazerCount watchers { totalCont }' }));
    const good = loaded(github, { options: OPTIONS });
    const repoFields = await prepareRepoFields([bad, good], { check: true });
    expect(bad.fields).toMatchObject({ error: expect.stringMatching(/totalCont/) });
    const snapshot = await h.open({}, { ...(repoFields ? { repoFields } : {}) });
    const run = await runPlugins({ plugins: [bad, good], snapshot, entities: [], cacheDir: h.config.cacheDir });
    expect(run.diagnostics).toEqual([expect.objectContaining({ severity: 'error', code: 'plugin-failed', message: expect.stringMatching(/^plugin "bad": graphql: GitHub's schema refuses it: .*totalCont/) })]);
    expect(h.emulator.stats().invalid).toBe(0);
    expect(Object.keys(await dataOf(run, 1))).toHaveLength(3);
  });
});

/** The data a run's GitHub plugin loaded, as its cache file keeps it. */
async function dataOf(run: Awaited<ReturnType<typeof runPlugins>>, index = 0, cacheDir = h!.config.cacheDir): Promise<GithubData> {
  const { readFile } = await import('node:fs/promises');
  const { dataFile } = await import('../cache.ts');
  expect(run.report.plugins[index]!.data).toBe('computed');
  return (JSON.parse(await readFile(dataFile(cacheDir, 'github'), 'utf8')) as { data: GithubData }).data;
}
