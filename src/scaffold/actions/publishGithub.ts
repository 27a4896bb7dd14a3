// `publish:github`: creates the repo and pushes the workspace as its first commit through the Git Data
// API (tree with inline text, blobs for binaries, commit, ref), so no git binary or clone is needed.

import { readFile } from 'node:fs/promises';
import { parseRepoUrl } from '../filters.ts';
import { messageOf, type GithubApi } from '../github.ts';
import { resolveSafeChildPath } from '../safePath.ts';
import type { JsonObject, ScaffoldAction } from '../types.ts';
import { listFiles, type WorkspaceEntry } from '../workspace.ts';
import { branchProtection, PROTECTION_INPUTS, protectBranch } from './branchProtection.ts';
import { optionalBoolean, optionalString, optionalStrings, requiredString } from './input.ts';
import { checkAccessTeam, grantAccess, repoGrants } from './repoAccess.ts';
import { applyRepoExtras, EXTRA_INPUTS, mergeSettings, repoExtras } from './repoExtras.ts';

const SUPPORTED = new Set([
  'repoUrl', 'description', 'homepage', 'repoVisibility', 'defaultBranch', 'sourcePath', 'gitCommitMessage',
  'gitAuthorName', 'gitAuthorEmail', 'topics', 'hasWiki', 'hasIssues', 'hasProjects', 'allowedHosts',
  'access', 'collaborators', ...PROTECTION_INPUTS, ...EXTRA_INPUTS,
]);

const VISIBILITIES = ['private', 'public', 'internal'] as const;
type Visibility = (typeof VISIBILITIES)[number];

interface TreeEntry {
  path: string;
  mode: '100644' | '100755';
  type: 'blob';
  content?: string;
  sha?: string;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

function asText(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

export async function treeEntries(gh: GithubApi, owner: string, repo: string, files: WorkspaceEntry[]): Promise<TreeEntry[]> {
  const entries: TreeEntry[] = [];
  for (const file of files) {
    const bytes = new Uint8Array(await readFile(file.abs));
    const mode = file.executable ? '100755' : '100644';
    const text = asText(bytes);
    if (text !== undefined) {
      entries.push({ path: file.path, mode, type: 'blob', content: text });
    } else {
      const blob = await gh.request<{ sha: string }>('POST /repos/{owner}/{repo}/git/blobs', {
        owner, repo, content: Buffer.from(bytes).toString('base64'), encoding: 'base64',
      });
      entries.push({ path: file.path, mode, type: 'blob', sha: blob.data.sha });
    }
  }
  return entries;
}

/** Points the default branch at the new commit, replacing the commit `auto_init` made. */
async function setBranch(gh: GithubApi, owner: string, repo: string, initial: string, branch: string, sha: string): Promise<void> {
  if (initial === branch) {
    await gh.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${branch}`, sha, force: true });
    return;
  }
  await gh.request('POST /repos/{owner}/{repo}/git/refs', { owner, repo, ref: `refs/heads/${branch}`, sha });
  await gh.request('PATCH /repos/{owner}/{repo}', { owner, repo, default_branch: branch });
  await gh.request('DELETE /repos/{owner}/{repo}/git/refs/{ref}', { owner, repo, ref: `heads/${initial}` });
}

export const publishGithub: ScaffoldAction = {
  id: 'publish:github',
  external: true,
  async handler(ctx) {
    const { input } = ctx;
    const repoUrl = requiredString(input, 'repoUrl');
    const { host, owner, repo } = parseRepoUrl(repoUrl);
    if (!owner) throw new Error(`input "repoUrl" needs an owner: ${repoUrl}`);
    const allowedHosts = optionalStrings(input, 'allowedHosts');
    if (allowedHosts && !allowedHosts.includes(host)) throw new Error(`host ${host} is not in allowedHosts (${allowedHosts.join(', ')})`);
    const visibility = (optionalString(input, 'repoVisibility') ?? 'private') as Visibility;
    if (!VISIBILITIES.includes(visibility)) throw new Error(`input "repoVisibility" must be private, public or internal`);
    const description = optionalString(input, 'description');
    const homepage = optionalString(input, 'homepage');
    const defaultBranch = optionalString(input, 'defaultBranch') ?? 'main';
    const message = optionalString(input, 'gitCommitMessage') ?? 'initial commit';
    const topics = optionalStrings(input, 'topics') ?? [];
    const authorName = optionalString(input, 'gitAuthorName');
    const authorEmail = optionalString(input, 'gitAuthorEmail');
    const sourcePath = optionalString(input, 'sourcePath') ?? '.';
    const protection = branchProtection(input);
    const merging = mergeSettings(input);
    const grants = repoGrants(input, owner);
    const extras = repoExtras(input);
    const ignored = Object.keys(input).filter((k) => !SUPPORTED.has(k));
    if (ignored.length) ctx.log(`warning: inputs not supported by Backlot, ignored: ${ignored.join(', ')}`);

    const files = await listFiles(resolveSafeChildPath(ctx.workspace, sourcePath));
    if (files.length === 0) throw new Error(`nothing to publish: ${sourcePath} has no files`);
    const details: JsonObject = {
      repo: `${host}/${owner}/${repo}`, visibility, defaultBranch, commitMessage: message, files: files.map((f) => f.path),
      ...(description ? { description } : {}), ...(homepage ? { homepage } : {}), ...(topics.length ? { topics } : {}),
      ...(protection ? { protection: protection.body, signedCommits: protection.signedCommits } : {}),
      ...(Object.keys(merging).length ? { merging } : {}),
      ...(extras.variables.length ? { variables: extras.variables.map(([name]) => name) } : {}),
      ...(extras.oidc ? { oidcCustomization: extras.oidc } : {}),
      ...(extras.customProperties ? { customProperties: extras.customProperties } : {}),
      ...(grants.access || grants.collaborators.length ? { access: [grants.access, ...grants.collaborators].flatMap((g) => (g ? [{ ...g }] : [])) } : {}),
    };
    const summary = `create ${visibility} repo ${owner}/${repo} on ${host} and push ${files.length} file${files.length === 1 ? '' : 's'} to ${defaultBranch}${protection ? ', then protect it' : ''}`;
    const web = `https://${host}/${owner}/${repo}`;

    if (ctx.dryRun) {
      ctx.effect(summary, details);
      ctx.output('remoteUrl', `${web}.git`);
      ctx.output('repoContentsUrl', `${web}/blob/${defaultBranch}`);
      ctx.output('commitHash', '0'.repeat(40));
      ctx.state.published.push({ repoContentsUrl: `${web}/blob/${defaultBranch}`, dir: resolveSafeChildPath(ctx.workspace, sourcePath) });
      return;
    }

    const gh = ctx.github(host);
    const account = await gh.request<{ type?: string }>('GET /users/{username}', { username: owner });
    await checkAccessTeam(gh, owner, grants);
    const body = {
      name: repo,
      ...(description ? { description } : {}),
      ...(homepage ? { homepage } : {}),
      private: visibility !== 'public',
      has_wiki: optionalBoolean(input, 'hasWiki') ?? true,
      has_issues: optionalBoolean(input, 'hasIssues') ?? true,
      has_projects: optionalBoolean(input, 'hasProjects') ?? true,
      ...merging,
      // An empty repo has no Git Data API (409); auto_init gives it a first commit that ours then replaces.
      auto_init: true,
    };
    const created =
      account.data.type === 'Organization'
        ? await gh.request<{ default_branch?: string; html_url?: string; clone_url?: string }>('POST /orgs/{org}/repos', {
            org: owner, ...body, visibility, ...(extras.customProperties ? { custom_properties: extras.customProperties } : {}),
          })
        : await gh.request<{ default_branch?: string; html_url?: string; clone_url?: string }>('POST /user/repos', body);
    if (extras.customProperties && account.data.type !== 'Organization') ctx.log('warning: customProperties are for organisation repos; ignored');
    const granted = await grantAccess(gh, owner, repo, grants, ctx.log);
    await applyRepoExtras(gh, owner, repo, extras);
    // GitHub takes lower-case topics only; a refusal is a warning, as in Backstage.
    if (topics.length) {
      await gh.request('PUT /repos/{owner}/{repo}/topics', { owner, repo, names: topics.map((t) => t.toLowerCase()) }).catch((err: unknown) => {
        ctx.log(`warning: skipping topics ${topics.join(' ')}: ${messageOf(err)}`);
      });
    }

    const tree = await gh.request<{ sha: string }>('POST /repos/{owner}/{repo}/git/trees', {
      owner, repo, tree: await treeEntries(gh, owner, repo, files),
    });
    const author = authorName && authorEmail ? { author: { name: authorName, email: authorEmail } } : {};
    const commit = await gh.request<{ sha: string }>('POST /repos/{owner}/{repo}/git/commits', {
      owner, repo, message, tree: tree.data.sha, parents: [], ...author,
    });
    await setBranch(gh, owner, repo, created.data.default_branch ?? 'main', defaultBranch, commit.data.sha);
    // As in Backstage, a repo GitHub will not protect is still published: the run warns and goes on.
    const protectedBranch = protection
      ? await protectBranch(gh, { owner, repo, branch: defaultBranch }, protection, ctx.log).catch((err: unknown) => {
          ctx.log(`warning: skipping branch protection on ${owner}/${repo}: ${messageOf(err)}`);
          return 'failed' as const;
        })
      : undefined;

    const htmlUrl = created.data.html_url ?? web;
    ctx.effect(summary, {
      ...details,
      commit: commit.data.sha,
      ...(protectedBranch ? { branchProtection: protectedBranch } : {}),
      ...(details.access ? { granted: granted.map((g) => `${g.kind} ${g.name}: ${g.permission}`) } : {}),
    });
    ctx.output('remoteUrl', created.data.clone_url ?? `${htmlUrl}.git`);
    ctx.output('repoContentsUrl', `${htmlUrl}/blob/${defaultBranch}`);
    ctx.output('commitHash', commit.data.sha);
    ctx.state.published.push({ repoContentsUrl: `${htmlUrl}/blob/${defaultBranch}`, dir: resolveSafeChildPath(ctx.workspace, sourcePath) });
  },
};
