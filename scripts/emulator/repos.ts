// Fixture repos as the emulator holds them: metadata plus git objects built from plain files.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { commitFiles, type GitCommit, type GitObject, type GitTree } from './git.ts';

export type FixtureFiles = Record<string, string | Uint8Array>;

export interface EmulatorRepo {
  owner: string;
  name: string;
  /** Files of the default branch. */
  files: FixtureFiles;
  /** Paths among `files` git marks executable (mode 100755). */
  executables?: string[];
  /** Default `main`. */
  defaultBranch?: string;
  /** Other branches and their files. */
  branches?: Record<string, FixtureFiles>;
  description?: string;
  topics?: string[];
  visibility?: 'public' | 'private' | 'internal';
  archived?: boolean;
  fork?: boolean;
  pushedAt?: string;
  /** A repo with no commits yet (so no default branch). */
  empty?: boolean;
  /** What GitHub knows beyond git: releases, open pull requests and issues, languages, history, checks. */
  github?: EmulatorGithubData;
}

export interface EmulatorGithubData {
  /** Newest first. */
  releases?: Array<{ name?: string; tagName: string; publishedAt: string }>;
  /** Tag names, newest first. */
  tags?: string[];
  openPullRequests?: number;
  openIssues?: number;
  /** Language → bytes of code. */
  languages?: Record<string, number>;
  /** The default branch's commits, newest first: a GitHub user's login, or only a git author name. */
  commits?: Array<{ login?: string; name: string; date: string }>;
  /** Check suites of the default branch's head commit (a workflow's runs, or another app's checks). */
  checkSuites?: Array<{ workflow?: string; app?: string; status: 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED'; conclusion?: 'SUCCESS' | 'FAILURE' | 'CANCELLED' | 'TIMED_OUT' | 'SKIPPED' | 'NEUTRAL'; runNumber?: number; url?: string }>;
}

/** Where a folder repo records what GitHub answers the GitHub plugin (src/plugins/github/, its `localData`). */
export const RECORDED_ANSWER = '.github/backlot-data.json';

/** GitHub's data from a recorded answer to the GitHub plugin's fields, so the emulator answers the same. */
export function githubFromAnswer(text: string): EmulatorGithubData {
  const a = JSON.parse(text);
  const head = a.defaultBranchRef?.target ?? {};
  const release = a.latestRelease;
  return {
    ...(release ? { releases: [{ name: release.name ?? undefined, tagName: release.tagName, publishedAt: release.publishedAt }] } : {}),
    tags: (a.refs?.nodes ?? []).map((n: { name: string }) => n.name),
    openPullRequests: a.pullRequests?.totalCount ?? 0,
    openIssues: a.issues?.totalCount ?? 0,
    languages: Object.fromEntries((a.languages?.edges ?? []).map((e: { size: number; node: { name: string } }) => [e.node.name, e.size])),
    commits: (head.history?.nodes ?? []).map((n: { author: { name: string; user: { login: string } | null } }) => ({ ...(n.author.user ? { login: n.author.user.login } : {}), name: n.author.name, date: '2026-11-01T00:00:00Z' })),
    checkSuites: (head.checkSuites?.nodes ?? []).map((s: { status: 'COMPLETED'; conclusion: 'SUCCESS' | null; app?: { slug: string }; workflowRun?: { runNumber: number; url: string | null; workflow: { name: string } } | null }) => ({
      status: s.status,
      ...(s.conclusion ? { conclusion: s.conclusion } : {}),
      ...(s.app?.slug && s.app.slug !== 'github-actions' ? { app: s.app.slug } : {}),
      ...(s.workflowRun ? { workflow: s.workflowRun.workflow.name, runNumber: s.workflowRun.runNumber, ...(s.workflowRun.url ? { url: s.workflowRun.url } : {}) } : {}),
    })),
  };
}

export interface BuiltRepo {
  repo: EmulatorRepo;
  defaultBranch: string;
  /** Branch name → head commit; empty for an empty repo. */
  heads: Map<string, GitCommit>;
  objects: Map<string, GitObject>;
}

export function buildRepo(repo: EmulatorRepo): BuiltRepo {
  const objects = new Map<string, GitObject>();
  const heads = new Map<string, GitCommit>();
  const defaultBranch = repo.defaultBranch ?? 'main';
  if (!repo.empty) {
    heads.set(defaultBranch, commitFiles(repo.files, `${repo.owner}/${repo.name}@${defaultBranch}`, objects, new Set(repo.executables)));
    for (const [branch, files] of Object.entries(repo.branches ?? {})) {
      heads.set(branch, commitFiles(files, `${repo.owner}/${repo.name}@${branch}`, objects));
    }
  }
  return { repo, defaultBranch, heads, objects };
}

/** A commit for a revision: `HEAD`, a branch (optionally `refs/heads/…`) or a full commit oid. */
export function resolveRevision(built: BuiltRepo, rev: string): GitCommit | undefined {
  if (rev === 'HEAD') return built.heads.get(built.defaultBranch);
  const branch = rev.startsWith('refs/heads/') ? rev.slice('refs/heads/'.length) : rev;
  const head = built.heads.get(branch);
  if (head) return head;
  const obj = built.objects.get(rev);
  return obj?.type === 'commit' ? obj : undefined;
}

/** The object at `<rev>:<path>` (git's rev-parse syntax), or a bare revision's commit. */
export function resolveExpression(built: BuiltRepo, expression: string): GitObject | undefined {
  const colon = expression.indexOf(':');
  const commit = resolveRevision(built, colon === -1 ? expression : expression.slice(0, colon));
  if (!commit) return undefined;
  if (colon === -1) return commit;
  return resolvePath(built, commit, expression.slice(colon + 1));
}

export function resolvePath(built: BuiltRepo, commit: GitCommit, path: string): GitObject | undefined {
  let obj: GitObject | undefined = built.objects.get(commit.tree);
  for (const part of path.split('/').filter(Boolean)) {
    if (obj?.type !== 'tree') return undefined;
    const entry: GitTree['entries'][number] | undefined = obj.entries.find((e) => e.name === part);
    obj = entry ? built.objects.get(entry.oid) : undefined;
  }
  return obj;
}

/**
 * Every sub-folder of `dir` as a repo of `owner` (what `npm run emulator -- --org NAME FOLDER` serves); a repo's
 * recorded answer (RECORDED_ANSWER) becomes its GitHub data, so the demo org crawled shows what it shows built locally.
 */
export async function reposFromFolder(dir: string, owner: string): Promise<EmulatorRepo[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const repos: EmulatorRepo[] = [];
  for (const e of entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).sort((a, b) => a.name.localeCompare(b.name))) {
    const folder = await readFolder(join(dir, e.name));
    const answer = folder.files[RECORDED_ANSWER];
    const github = answer ? githubFromAnswer(typeof answer === 'string' ? answer : new TextDecoder().decode(answer)) : undefined;
    repos.push({ owner, name: e.name, ...folder, ...(github ? { github } : {}) });
  }
  return repos;
}

async function readFolder(root: string): Promise<{ files: FixtureFiles; executables: string[] }> {
  const files: FixtureFiles = {};
  const executables: string[] = [];
  async function walk(abs: string, rel: string): Promise<void> {
    for (const e of await readdir(abs, { withFileTypes: true })) {
      if (e.name === '.git' || e.name === 'node_modules') continue;
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(join(abs, e.name), childRel);
      else if (e.isFile()) {
        files[childRel] = new Uint8Array(await readFile(join(abs, e.name)));
        if (((await stat(join(abs, e.name))).mode & 0o111) !== 0) executables.push(childRel);
      }
    }
  }
  await walk(root, '');
  return { files, executables };
}
