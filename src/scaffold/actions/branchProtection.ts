// Branch protection for the repo `publish:github` creates, from the same inputs and with the same defaults as
// Backstage's action: on unless `protectDefaultBranch: false`, one approving review, admins included, status
// checks strict. GitHub Free cannot protect a private repo of a personal account; that is a warning, as in
// Backstage, not a failed run.

import { messageOf, type GithubApi } from '../github.ts';
import type { JsonObject } from '../types.ts';
import { describe, optionalBoolean, optionalObject, optionalStrings } from './input.ts';

export const PROTECTION_INPUTS = [
  'protectDefaultBranch', 'protectEnforceAdmins', 'requiredApprovingReviewCount', 'requireCodeOwnerReviews',
  'dismissStaleReviews', 'bypassPullRequestAllowances', 'restrictions', 'requiredStatusCheckContexts',
  'requireBranchesToBeUpToDate', 'requiredConversationResolution', 'requireLastPushApproval',
  'requiredCommitSigning', 'requiredLinearHistory',
] as const;

/** The body of GitHub's "update branch protection" request, plus whether to require signed commits. */
export interface BranchProtection {
  body: {
    required_status_checks: { strict: boolean; contexts: string[] };
    enforce_admins: boolean;
    required_pull_request_reviews: {
      required_approving_review_count: number;
      require_code_owner_reviews: boolean;
      dismiss_stale_reviews: boolean;
      require_last_push_approval: boolean;
      bypass_pull_request_allowances?: Actors;
    };
    restrictions: Actors | null;
    required_conversation_resolution: boolean;
    required_linear_history: boolean;
  };
  signedCommits: boolean;
}

interface Actors {
  users: string[];
  teams: string[];
  apps?: string[];
}

/** What the inputs ask for; undefined when `protectDefaultBranch` is false. Throws on an input of the wrong type. */
export function branchProtection(input: JsonObject): BranchProtection | undefined {
  if (optionalBoolean(input, 'protectDefaultBranch') === false) return undefined;
  const reviews = input.requiredApprovingReviewCount ?? 1;
  if (typeof reviews !== 'number' || !Number.isInteger(reviews) || reviews < 0 || reviews > 6) {
    throw new Error(`input "requiredApprovingReviewCount" must be a whole number from 0 to 6, got ${describe(reviews)}`);
  }
  const bypass = actors(input, 'bypassPullRequestAllowances');
  const restrictions = actors(input, 'restrictions');
  return {
    body: {
      required_status_checks: {
        strict: optionalBoolean(input, 'requireBranchesToBeUpToDate') ?? true,
        contexts: optionalStrings(input, 'requiredStatusCheckContexts') ?? [],
      },
      enforce_admins: optionalBoolean(input, 'protectEnforceAdmins') ?? true,
      required_pull_request_reviews: {
        required_approving_review_count: reviews,
        require_code_owner_reviews: optionalBoolean(input, 'requireCodeOwnerReviews') ?? false,
        dismiss_stale_reviews: optionalBoolean(input, 'dismissStaleReviews') ?? false,
        require_last_push_approval: optionalBoolean(input, 'requireLastPushApproval') ?? false,
        ...(bypass ? { bypass_pull_request_allowances: bypass } : {}),
      },
      // GitHub takes push restrictions only for organisation repos; null means none.
      restrictions: restrictions ?? null,
      required_conversation_resolution: optionalBoolean(input, 'requiredConversationResolution') ?? false,
      required_linear_history: optionalBoolean(input, 'requiredLinearHistory') ?? false,
    },
    signedCommits: optionalBoolean(input, 'requiredCommitSigning') ?? false,
  };
}

function actors(input: JsonObject, key: string): Actors | undefined {
  const value = optionalObject(input, key);
  if (!value) return undefined;
  const list = (name: string) => {
    const v = value[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`input "${key}.${name}" must be a list of strings, got ${describe(v)}`);
    return v as string[];
  };
  const apps = list('apps');
  return { users: list('users'), teams: list('teams'), ...(apps.length ? { apps } : {}) };
}

const PRO_ONLY = 'Upgrade to GitHub Pro or make this repository public to enable this feature';

/**
 * Protects `branch`. A branch GitHub does not see yet (it is eventually consistent after a push) is tried once
 * more after a short wait.
 */
export async function protectBranch(
  gh: GithubApi,
  target: { owner: string; repo: string; branch: string },
  protection: BranchProtection,
  log: (line: string) => void,
  retryMs = 600,
): Promise<'protected' | 'not-available'> {
  const once = async () => {
    try {
      await gh.request('PUT /repos/{owner}/{repo}/branches/{branch}/protection', { ...target, ...protection.body });
    } catch (err) {
      if (!messageOf(err).includes(PRO_ONLY)) throw err;
      log(`warning: branch protection was not enabled on ${target.branch}: GitHub protects a private repo of a personal account only on a paid plan`);
      return 'not-available' as const;
    }
    if (protection.signedCommits) await gh.request('POST /repos/{owner}/{repo}/branches/{branch}/protection/required_signatures', target);
    return 'protected' as const;
  };
  try {
    return await once();
  } catch (err) {
    if (!messageOf(err).includes('Branch not found')) throw err;
    await new Promise((resolve) => setTimeout(resolve, retryMs));
    return once();
  }
}
