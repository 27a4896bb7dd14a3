// The rest of what Backstage's `publish:github` sets on a new repo: Actions variables, the OIDC subject claim,
// custom properties (organisation repos) and watching it. `secrets` is left out on purpose: Backlot's scaffold
// inputs travel as workflow_dispatch inputs, which GitHub shows in the run's page, so they are no place for one.

import type { GithubApi } from '../github.ts';
import type { JsonObject } from '../types.ts';
import { describe, optionalBoolean, optionalObject } from './input.ts';

export const EXTRA_INPUTS = ['repoVariables', 'oidcCustomization', 'customProperties', 'subscribe'] as const;

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
