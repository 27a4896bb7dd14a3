// Who gets access to the repo `publish:github` creates, from Backstage's `access` and `collaborators` inputs:
// `access` (a user, or `<owner>/<team>`) becomes an admin; each collaborator gets its permission. A team named in
// `access` is checked before the repo is created; a collaborator GitHub refuses is skipped with a warning.

import { messageOf, statusOf, type GithubApi } from '../github.ts';
import type { JsonObject } from '../types.ts';
import { describe, optionalString } from './input.ts';

const PERMISSIONS = ['pull', 'triage', 'push', 'maintain', 'admin'];

export interface Grant {
  kind: 'user' | 'team';
  name: string;
  permission: string;
}

export interface Grants {
  /** From `access`: an admin. */
  access?: Grant;
  collaborators: Grant[];
}

/** The grants the inputs ask for. Throws on a malformed input. */
export function repoGrants(input: JsonObject, owner: string): Grants {
  const grants: Grants = { collaborators: [] };
  const access = optionalString(input, 'access');
  if (access && access.toLowerCase().startsWith(`${owner.toLowerCase()}/`)) grants.access = { kind: 'team', name: access.slice(owner.length + 1), permission: 'admin' };
  // The owner of a personal account has every right already.
  else if (access && access.toLowerCase() !== owner.toLowerCase()) grants.access = { kind: 'user', name: access, permission: 'admin' };
  const list = input.collaborators;
  if (list === undefined || list === null) return grants;
  if (!Array.isArray(list)) throw new Error(`input "collaborators" must be a list, got ${describe(list)}`);
  list.forEach((entry, i) => {
    const where = `input "collaborators[${i}]"`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw new Error(`${where} must be an object with "access" and "user" or "team", got ${describe(entry)}`);
    const { access: permission, user, team, username } = entry as Record<string, unknown>;
    if (typeof permission !== 'string' || !PERMISSIONS.includes(permission)) {
      throw new Error(`${where}.access must be one of ${PERMISSIONS.join(', ')}, got ${describe(permission)}`);
    }
    // `username` is the old spelling of `team`. Entity refs (`group:default/platform`) name the team or user.
    const name = [user, team, username].find((v) => typeof v === 'string' && v !== '') as string | undefined;
    if (!name) throw new Error(`${where} needs "user" or "team"`);
    grants.collaborators.push({ kind: typeof user === 'string' && user !== '' ? 'user' : 'team', name: name.replace(/^.*[:/]/, ''), permission });
  });
  return grants;
}

/** Fails before anything is created when `access` names a team the org does not have. */
export async function checkAccessTeam(gh: GithubApi, owner: string, grants: Grants): Promise<void> {
  const team = grants.access?.kind === 'team' ? grants.access.name : undefined;
  if (!team) return;
  try {
    await gh.request('GET /orgs/{org}/teams/{team_slug}', { org: owner, team_slug: team });
  } catch (err) {
    if (statusOf(err) === 404) throw new Error(`input "access": ${owner} has no team "${team}"`);
    throw err;
  }
}

/** Grants each permission; a collaborator GitHub refuses is skipped with a warning, as Backstage does. */
export async function grantAccess(gh: GithubApi, owner: string, repo: string, grants: Grants, log: (line: string) => void): Promise<Grant[]> {
  const done: Grant[] = [];
  if (grants.access) {
    await grant(gh, owner, repo, grants.access);
    done.push(grants.access);
  }
  for (const collaborator of grants.collaborators) {
    try {
      await grant(gh, owner, repo, collaborator);
      done.push(collaborator);
    } catch (err) {
      log(`warning: skipping ${collaborator.permission} access for ${collaborator.kind} ${collaborator.name}: ${messageOf(err)}`);
    }
  }
  return done;
}

async function grant(gh: GithubApi, owner: string, repo: string, { kind, name, permission }: Grant): Promise<void> {
  if (kind === 'team') await gh.request('PUT /orgs/{org}/teams/{team_slug}/repos/{owner}/{repo}', { org: owner, team_slug: name, owner, repo, permission });
  else await gh.request('PUT /repos/{owner}/{repo}/collaborators/{username}', { owner, repo, username: name, permission });
}
