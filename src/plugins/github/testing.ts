// Test helper: GitHub's answer to the GitHub plugin's fields, as a file a local repo holds (`localData`).

export interface AnswerOf {
  release?: string;
  pulls?: number;
  issues?: number;
  /** [login or '', author name, commits]. */
  commits?: Array<[string, string, number]>;
  /** [workflow, conclusion]. */
  runs?: Array<[string, string]>;
  languages?: Record<string, number>;
}

export function githubAnswer(a: AnswerOf): string {
  const history = (a.commits ?? []).flatMap(([login, name, n]) => Array.from({ length: n }, () => ({ author: { name, user: login ? { login } : null } })));
  const runs = a.runs ?? [];
  const total = Object.values(a.languages ?? {}).reduce((x, y) => x + y, 0);
  return JSON.stringify({
    latestRelease: a.release ? { name: a.release, tagName: a.release, publishedAt: '2026-11-20T09:00:00Z', url: null } : null,
    refs: { nodes: a.release ? [{ name: a.release }] : [] },
    pullRequests: { totalCount: a.pulls ?? 0 },
    issues: { totalCount: a.issues ?? 0 },
    languages: { totalSize: total, edges: Object.entries(a.languages ?? {}).map(([name, size]) => ({ size, node: { name } })) },
    defaultBranchRef: {
      target: {
        oid: '1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b',
        statusCheckRollup: runs.length ? { state: runs.some(([, c]) => c === 'FAILURE') ? 'FAILURE' : 'SUCCESS' } : null,
        checkSuites: { nodes: runs.map(([workflow, conclusion], i) => ({ status: 'COMPLETED', conclusion, app: { slug: 'github-actions' }, workflowRun: { runNumber: 100 + i, url: null, workflow: { name: workflow } } })) },
        history: { nodes: history },
      },
    },
  }, null, 2);
}
