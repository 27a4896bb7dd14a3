// The rest of what Backstage's `publish:github` sets on a new repo: merge settings, Actions variables, the OIDC
// subject claim, custom properties (organisation repos) and watching it. `secrets` is left out on purpose:
// Backlot's scaffold inputs travel as workflow_dispatch inputs, which GitHub shows on the run's page.

import type { GithubApi } from '../github.ts';
import type { JsonObject } from '../types.ts';
import { describe, optionalBoolean, optionalObject, optionalString } from './input.ts';

export const EXTRA_INPUTS = [
  'repoVariables', 'oidcCustomization', 'customProperties', 'subscribe', 'deleteBranchOnMerge', 'allowMergeCommit',
  'allowSquashMerge', 'allowRebaseMerge', 'allowAutoMerge', 'allowUpdateBranch', 'squashMergeCommitTitle', 'squashMergeCommitMessage',
] as const;

/** Merge settings of the new repo: Backstage's input → GitHub's field (set only when given; GitHub's defaults otherwise). */
const MERGE_FLAGS = {
  deleteBranchOnMerge: 'delete_branch_on_merge',
  allowMergeCommit: 'allow_merge_commit',
  allowSquashMerge: 'allow_squash_merge',
  allowRebaseMerge: 'allow_rebase_merge',
  allowAutoMerge: 'allow_auto_merge',
  allowUpdateBranch: 'allow_update_branch',
} as const;
const SQUASH_TITLES = ['PR_TITLE', 'COMMIT_OR_PR_TITLE'];
const SQUASH_MESSAGES = ['PR_BODY', 'COMMIT_MESSAGES', 'BLANK'];

export function mergeSettings(input: JsonObject): Record<string, boolean | string> {
  const out: Record<string, boolean | string> = {};
  for (const [key, field] of Object.entries(MERGE_FLAGS)) {
    const value = optionalBoolean(input, key);
    if (value !== undefined) out[field] = value;
  }
  const title = optionalString(input, 'squashMergeCommitTitle');
  if (title !== undefined) {
    if (!SQUASH_TITLES.includes(title)) throw new Error(`input "squashMergeCommitTitle" must be one of ${SQUASH_TITLES.join(', ')}, got "${title}"`);
    out.squash_merge_commit_title = title;
  }
  const message = optionalString(input, 'squashMergeCommitMessage');
  if (message !== undefined) {
    if (!SQUASH_MESSAGES.includes(message)) throw new Error(`input "squashMergeCommitMessage" must be one of ${SQUASH_MESSAGES.join(', ')}, got "${message}"`);
    out.squash_merge_commit_message = message;
  }
  return out;
}


export interface RepoExtras {
  variables: Array<[name: string, value: string]>;
  oidc?: { use_default: boolean; include_claim_keys?: string[] };
  customProperties?: Record<string, string | string[]>;
  subscribe: boolean;
}

/** What the inputs ask for. Throws on a malformed input, before anything is created. */
export function repoExtras(input: JsonObject): RepoExtras {
  const variables = Object.entries(optionalObject(input, 'repoVariables') ?? {}).map(([name, value]): [string, string] => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name)) {
      throw new Error(`input "repoVariables": "${name}" is not a variable name GitHub takes (letters, digits and _, not starting with a digit or GITHUB_)`);
    }
    if (typeof value === 'object' && value !== null) throw new Error(`input "repoVariables.${name}" must be text, got ${describe(value)}`);
    return [name, String(value)];
  });
  const oidcInput = optionalObject(input, 'oidcCustomization');
  let oidc: RepoExtras['oidc'];
  if (oidcInput) {
    const useDefault = oidcInput.useDefault;
    if (typeof useDefault !== 'boolean') throw new Error(`input "oidcCustomization.useDefault" must be true or false, got ${describe(useDefault)}`);
    const keys = oidcInput.includeClaimKeys;
    if (keys !== undefined && (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string'))) {
      throw new Error(`input "oidcCustomization.includeClaimKeys" must be a list of strings, got ${describe(keys)}`);
    }
    oidc = { use_default: useDefault, ...(keys ? { include_claim_keys: keys as string[] } : {}) };
  }
  const propsInput = optionalObject(input, 'customProperties');
  let customProperties: RepoExtras['customProperties'];
  if (propsInput) {
    customProperties = {};
    for (const [name, value] of Object.entries(propsInput)) {
      const ok = typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
      if (!ok) throw new Error(`input "customProperties.${name}" must be text or a list of text, got ${describe(value)}`);
      customProperties[name] = value as string | string[];
    }
  }
  return { variables, ...(oidc ? { oidc } : {}), ...(customProperties ? { customProperties } : {}), subscribe: optionalBoolean(input, 'subscribe') ?? false };
}

/** Sets what the repo needs once it exists (variables, OIDC claim, watching). */
export async function applyRepoExtras(gh: GithubApi, owner: string, repo: string, extras: RepoExtras): Promise<void> {
  for (const [name, value] of extras.variables) await gh.request('POST /repos/{owner}/{repo}/actions/variables', { owner, repo, name, value });
  if (extras.oidc) await gh.request('PUT /repos/{owner}/{repo}/actions/oidc/customization/sub', { owner, repo, ...extras.oidc });
  if (extras.subscribe) await gh.request('PUT /repos/{owner}/{repo}/subscription', { owner, repo, subscribed: true, ignored: false });
}
