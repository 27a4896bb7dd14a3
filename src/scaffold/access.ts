// Who may run a template through the issue path: members of the org, and of the teams the config names.

import type { ScaffoldConfig } from '../config/types.ts';
import { statusOf, type GithubApi } from './github.ts';
import { templateRef } from './load.ts';

/** The teams allowed to run a template: its own entry, else the default list; empty means every org member. */
export function allowedTeamsFor(config: ScaffoldConfig | undefined, ref: string): string[] {
  if (!config) return [];
  const canonical = templateRef(ref);
  for (const [key, entry] of Object.entries(config.templates)) {
    if (templateRef(key) === canonical && entry.allowedTeams) return entry.allowedTeams;
  }
  return config.allowedTeams ?? [];
}

export type AccessDecision = { allowed: true; teams: string[] } | { allowed: false; reason: string };

async function isOrgMember(gh: GithubApi, org: string, login: string): Promise<boolean> {
  try {
    const res = await gh.request('GET /orgs/{org}/members/{username}', { org, username: login });
    return res.status === 204;
  } catch (err) {
    if (statusOf(err) === 404 || statusOf(err) === 302) return false;
    throw err;
  }
}

async function isTeamMember(gh: GithubApi, org: string, team: string, login: string): Promise<boolean> {
  try {
    const res = await gh.request<{ state?: string }>('GET /orgs/{org}/teams/{team_slug}/memberships/{username}', {
      org, team_slug: team, username: login,
    });
    return res.data?.state === 'active';
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw err;
  }
}

/** Checks with GitHub that `login` is in `org` and, when teams are listed, in one of them. */
export async function checkAuthor(gh: GithubApi, org: string, login: string, teams: readonly string[]): Promise<AccessDecision> {
  if (!(await isOrgMember(gh, org, login))) return { allowed: false, reason: `@${login} is not a member of the ${org} organisation` };
  if (teams.length === 0) return { allowed: true, teams: [] };
  const memberOf: string[] = [];
  for (const team of teams) if (await isTeamMember(gh, org, team, login)) memberOf.push(team);
  if (memberOf.length === 0) {
    return { allowed: false, reason: `this template is limited to the teams ${teams.map((t) => `${org}/${t}`).join(', ')}, and @${login} is in none of them` };
  }
  return { allowed: true, teams: memberOf };
}
