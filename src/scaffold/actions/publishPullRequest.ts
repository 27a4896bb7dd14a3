// `publish:github:pull-request`: commits the workspace onto a branch of an existing repo and opens a pull
// request, as Backstage's action (octokit-plugin-create-pull-request) does, through the Git Data API.

import { posix } from 'node:path';
import { parseRepoUrl } from '../filters.ts';
import { messageOf, statusOf, type GithubApi } from '../github.ts';
import { resolveSafeChildPath } from '../safePath.ts';
import type { ScaffoldAction } from '../types.ts';
import { listFiles } from '../workspace.ts';
import { optionalBoolean, optionalString, optionalStrings, requiredString } from './input.ts';
import { treeEntries } from './publishGithub.ts';

const SUPPORTED = new Set([
  'repoUrl', 'branchName', 'targetBranchName', 'title', 'description', 'draft', 'sourcePath', 'targetPath', 'reviewers',
  'teamReviewers', 'commitMessage', 'update', 'gitAuthorName', 'gitAuthorEmail', 'forceEmptyGitAuthor', 'createWhenEmpty',
]);

interface Pull {
  number: number;
  html_url: string;
  base: { ref: string };
}

async function branchSha(gh: GithubApi, owner: string, repo: string, branch: string): Promise<string | undefined> {
  try {
    const ref = await gh.request<{ object: { sha: string } }>('GET /repos/{owner}/{repo}/git/ref/{ref}', { owner, repo, ref: `heads/${branch}` });
    return ref.data.object.sha;
  } catch (err) {
    if (statusOf(err) === 404) return undefined;
    throw err;
  }
}

export const publishPullRequest: ScaffoldAction = {
  id: 'publish:github:pull-request',
  external: true,
  async handler(ctx) {
    const { input } = ctx;
    const repoUrl = requiredString(input, 'repoUrl');
    const branchName = requiredString(input, 'branchName');
    const title = requiredString(input, 'title');
    const description = requiredString(input, 'description');
    const { host, owner, repo } = parseRepoUrl(repoUrl);
    if (!owner) throw new Error(`No owner provided for host: ${host}, and repo ${repo}`);
    const targetBranchName = optionalString(input, 'targetBranchName');
    const draft = optionalBoolean(input, 'draft') ?? false;
    const sourcePath = optionalString(input, 'sourcePath');
    const targetPath = optionalString(input, 'targetPath');
    const reviewers = optionalStrings(input, 'reviewers');
    const teamReviewers = optionalStrings(input, 'teamReviewers');
    const commitMessage = optionalString(input, 'commitMessage') ?? title;
    const update = optionalBoolean(input, 'update') ?? false;
    const createWhenEmpty = optionalBoolean(input, 'createWhenEmpty') ?? true;
    const authorName = optionalString(input, 'gitAuthorName');
    const authorEmail = optionalString(input, 'gitAuthorEmail');
    const forceEmptyGitAuthor = optionalBoolean(input, 'forceEmptyGitAuthor') ?? false;
    const ignored = Object.keys(input).filter((k) => !SUPPORTED.has(k));
    if (ignored.length) ctx.log(`warning: inputs not supported by Backlot, ignored: ${ignored.join(', ')}`);
    if (targetPath !== undefined) resolveSafeChildPath('/repo', targetPath);

    const root = sourcePath ? resolveSafeChildPath(ctx.workspace, sourcePath) : ctx.workspace;
    const files = (await listFiles(root)).map((f) => ({ ...f, path: targetPath ? posix.join(targetPath, f.path) : f.path }));
    const summary = `${update ? 'open or update' : 'open'} a ${draft ? 'draft ' : ''}pull request "${title}" on ${owner}/${repo} from ${branchName} with ${files.length} file${files.length === 1 ? '' : 's'}`;
    const details = {
      repo: `${host}/${owner}/${repo}`, branch: branchName, ...(targetBranchName ? { base: targetBranchName } : {}), title, draft,
      files: files.map((f) => f.path), ...(reviewers ? { reviewers } : {}), ...(teamReviewers ? { teamReviewers } : {}),
    };
    if (ctx.dryRun) {
      // Backstage's dry run answers with these placeholders.
      ctx.effect(summary, details);
      ctx.output('targetBranchName', branchName);
      ctx.output('remoteUrl', repoUrl);
      ctx.output('pullRequestNumber', 43);
      return;
    }

    const gh = ctx.github(host);
    try {
      const info = await gh.request<{ default_branch: string }>('GET /repos/{owner}/{repo}', { owner, repo });
      const base = targetBranchName ?? info.data.default_branch;
      const existing = update
        ? (await gh.request<Pull[]>('GET /repos/{owner}/{repo}/pulls', { owner, repo, head: `${owner}:${branchName}`, state: 'open' })).data[0]
        : undefined;
      const headSha = existing ? await branchSha(gh, owner, repo, branchName) : undefined;
      const parent = headSha ?? (await branchSha(gh, owner, repo, base));
      if (!parent) throw new Error(`branch ${base} does not exist in ${owner}/${repo}`);
      const parentCommit = await gh.request<{ tree: { sha: string } }>('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { owner, repo, commit_sha: parent });
      const tree = await gh.request<{ sha: string }>('POST /repos/{owner}/{repo}/git/trees', {
        owner, repo, base_tree: parentCommit.data.tree.sha, tree: await treeEntries(gh, owner, repo, files),
      });
      if (tree.data.sha === parentCommit.data.tree.sha && !createWhenEmpty) {
        ctx.log('No changes to commit, pull request was not created');
        return;
      }
      const author =
        !forceEmptyGitAuthor && (authorName || authorEmail)
          ? { author: { name: authorName || 'Scaffolder', email: authorEmail || 'scaffolder@backstage.io' } }
          : {};
      const commit = await gh.request<{ sha: string }>('POST /repos/{owner}/{repo}/git/commits', {
        owner, repo, message: commitMessage, tree: tree.data.sha, parents: [parent], ...author,
      });
      let pull: Pull;
      if (existing) {
        await gh.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branchName}`, sha: commit.data.sha });
        pull = existing;
      } else {
        await gh.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branchName}`, sha: commit.data.sha });
        pull = (await gh.request<Pull>('POST /repos/{owner}/{repo}/pulls', { owner, repo, title, body: description, head: branchName, base, draft })).data;
      }
      if (reviewers?.length || teamReviewers?.length) {
        // As in Backstage, reviewers GitHub refuses do not fail the run.
        await gh
          .request('POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers', {
            owner, repo, pull_number: pull.number, ...(reviewers ? { reviewers } : {}), ...(teamReviewers ? { team_reviewers: [...new Set(teamReviewers)] } : {}),
          })
          .then(() => ctx.log(`requested reviews from ${[...(reviewers ?? []), ...(teamReviewers ?? []).map((t) => `team ${t}`)].join(', ')}`))
          .catch((err: unknown) => ctx.log(`warning: could not request reviewers on pull request ${pull.number}: ${messageOf(err)}`));
      }
      ctx.effect(summary, { ...details, base: pull.base.ref, commit: commit.data.sha, pullRequest: pull.html_url });
      ctx.output('targetBranchName', pull.base.ref);
      ctx.output('remoteUrl', pull.html_url);
      ctx.output('pullRequestNumber', pull.number);
    } catch (err) {
      throw new Error(`Pull request creation failed: ${messageOf(err)}`);
    }
  },
};
