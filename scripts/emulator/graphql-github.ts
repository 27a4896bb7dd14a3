// GitHub's data beyond git, as GraphQL answers it from a fixture repo's `github` (releases, tags, open pull
// requests and issues, languages, the default branch's history and its head's check suites): what the GitHub
// plugin (src/plugins/github/) asks for in the crawl's listing.

import type { GitCommit } from './git.ts';
import type { Connection } from './graphql.ts';
import type { BuiltRepo } from './repos.ts';

const COLORS: Record<string, string> = {
  TypeScript: '#3178c6', JavaScript: '#f1e05a', Go: '#00ADD8', Java: '#b07219', Kotlin: '#A97BFF', Python: '#3572A5',
  Rust: '#dea584', Shell: '#89e051', Dockerfile: '#384d54', HCL: '#844FBA', HTML: '#e34c26', CSS: '#663399',
};

const base = (b: BuiltRepo) => `https://github.com/${b.repo.owner}/${b.repo.name}`;

export function githubFields(b: BuiltRepo, connection: Connection) {
  const gh = b.repo.github ?? {};
  const release = (r: NonNullable<typeof gh.releases>[number], i: number) => ({
    __typename: 'Release',
    id: Buffer.from(`RE_${b.repo.name}_${r.tagName}`).toString('base64'),
    name: r.name ?? r.tagName,
    tagName: r.tagName,
    publishedAt: r.publishedAt,
    createdAt: r.publishedAt,
    isLatest: i === 0,
    isDraft: false,
    isPrerelease: false,
    url: `${base(b)}/releases/tag/${encodeURIComponent(r.tagName)}`,
  });
  const placeholders = (count: number, kind: 'PullRequest' | 'Issue') =>
    Array.from({ length: count }, (_, i) => ({ __typename: kind, number: i + 1, title: `${kind} ${i + 1}`, url: `${base(b)}/${kind === 'Issue' ? 'issues' : 'pull'}/${i + 1}` }));
  const open = (states: string[] | undefined) => !states || states.includes('OPEN');
  const languages = Object.entries(gh.languages ?? {}).sort((x, y) => y[1] - x[1]);
  const language = (name: string) => ({ __typename: 'Language', id: Buffer.from(`L_${name}`).toString('base64'), name, color: COLORS[name] ?? null });
  return {
    latestRelease: () => (gh.releases?.length ? release(gh.releases[0]!, 0) : null),
    releases: (args: { first?: number; last?: number }) => connection((gh.releases ?? []).map(release), args),
    // Tags only (branches are refs/heads/, answered by `ref`); newest first, as TAG_COMMIT_DATE DESC orders them.
    refs: (args: { refPrefix: string; first?: number; last?: number }) =>
      connection(
        args.refPrefix === 'refs/tags/' ? (gh.tags ?? []).map((name) => ({ __typename: 'Ref', id: Buffer.from(`T_${b.repo.name}_${name}`).toString('base64'), name, prefix: 'refs/tags/' })) : [],
        args,
      ),
    pullRequests: (args: { states?: string[]; first?: number; last?: number }) => connection(open(args.states) ? placeholders(gh.openPullRequests ?? 0, 'PullRequest') : [], args),
    issues: (args: { states?: string[]; first?: number; last?: number }) => connection(open(args.states) ? placeholders(gh.openIssues ?? 0, 'Issue') : [], args),
    primaryLanguage: () => (languages.length ? language(languages[0]![0]) : null),
    languages: (args: { first?: number; last?: number }) => {
      const page = connection(languages.map(([name, size]) => ({ name, size })), args);
      return {
        ...page,
        totalSize: languages.reduce((n, [, size]) => n + size, 0),
        nodes: page.nodes.map((l) => language(l.name)),
        edges: page.edges.map((e) => ({ cursor: e.cursor, size: e.node.size, node: language(e.node.name) })),
      };
    },
  };
}

/** History and checks of a commit: the fixture's, on the default branch's head only. */
export function headCommitFields(b: BuiltRepo, commit: GitCommit, connection: Connection) {
  const gh = b.repo.github ?? {};
  const head = b.heads.get(b.defaultBranch)?.oid === commit.oid;
  const commits = head ? (gh.commits ?? []) : [];
  const suites = head ? (gh.checkSuites ?? []) : [];
  const failed = new Set(['FAILURE', 'TIMED_OUT', 'CANCELLED', 'ACTION_REQUIRED', 'STARTUP_FAILURE']);
  // Like GitHub, a suite an app never ran checks in (queued, no workflow run) does not hold the rollup back.
  const counted = suites.filter((s) => s.workflow || s.status === 'COMPLETED');
  const rollup = counted.some((s) => s.status === 'COMPLETED' && failed.has(s.conclusion ?? '')) ? 'FAILURE' : counted.some((s) => s.status !== 'COMPLETED') ? 'PENDING' : 'SUCCESS';
  const actor = (c: { name: string; login?: string; date: string }) => ({
    __typename: 'GitActor',
    name: c.name,
    email: `${c.login ?? c.name.replace(/\W+/g, '.').toLowerCase()}@users.noreply.github.com`,
    date: c.date,
    user: c.login ? { __typename: 'User', login: c.login } : null,
  });
  return {
    committedDate: commits[0]?.date ?? '2026-01-01T00:00:00Z',
    // The fixture's newest commit is the head's; without one, the emulator's own git author.
    author: actor(commits[0] ?? { name: 'Emulator', date: '2026-01-01T00:00:00Z' }),
    history: (args: { first?: number; last?: number }) =>
      connection(
        commits.map((c, i) => ({
          __typename: 'Commit',
          oid: i === 0 ? commit.oid : `${commit.oid.slice(0, 32)}${String(i).padStart(8, '0')}`,
          committedDate: c.date,
          authoredDate: c.date,
          author: actor(c),
        })),
        args,
      ),
    statusCheckRollup: () => (suites.length ? { __typename: 'StatusCheckRollup', id: Buffer.from(`SCR_${commit.oid}`).toString('base64'), state: rollup } : null),
    checkSuites: (args: { first?: number; last?: number }) =>
      connection(
        suites.map((s, i) => {
          const run = s.runNumber ?? 100 + i;
          const url = s.url ?? `${base(b)}/actions/runs/${run}`;
          return {
            __typename: 'CheckSuite',
            id: Buffer.from(`CS_${commit.oid}_${i}`).toString('base64'),
            status: s.status,
            conclusion: s.status === 'COMPLETED' ? (s.conclusion ?? 'SUCCESS') : null,
            url: `${base(b)}/commit/${commit.oid}/checks`,
            app: { __typename: 'App', slug: s.app ?? 'github-actions', name: s.app ?? 'GitHub Actions' },
            workflowRun: s.workflow ? { __typename: 'WorkflowRun', id: Buffer.from(`WR_${run}`).toString('base64'), runNumber: run, url, workflow: { __typename: 'Workflow', name: s.workflow } } : null,
          };
        }),
        args,
      ),
  };
}
