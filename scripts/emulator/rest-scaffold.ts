// REST routes the scaffolder uses: create repos and push through the Git Data API, topics, repository
// dispatches, org and team membership, closing issues (comments are rest-comments.ts's). State is kept so tests
// can look at what happened; a pushed repo is handed to the emulator's repo set, so GraphQL crawls see it.

import { createHash } from 'node:crypto';
import type { EmulatorRepo, FixtureFiles } from './repos.ts';
import { threadOf, type IssueThread } from './rest-comments.ts';
import { handlePullsRest, type PullRequest } from './rest-pulls.ts';
import type { RestRequest, RestResponse } from './rest.ts';

export interface ScaffoldSetup {
  /** Login of the token's user (`GET /user`, owner for `POST /user/repos`); default `backlot-bot`. */
  viewer?: string;
  /** Organisations with their members and teams (team slug → member logins). */
  orgs?: Record<string, { members: string[]; teams?: Record<string, string[]> }>;
}

export interface Blob {
  type: 'blob';
  bytes: Uint8Array;
}
export interface Tree {
  type: 'tree';
  /** Flat: full path → file. */
  files: Map<string, { mode: string; sha: string }>;
}
export interface Commit {
  type: 'commit';
  tree: string;
  parents: string[];
  message: string;
  author?: { name: string; email: string };
}
type GitObject = Blob | Tree | Commit;

export interface CreatedRepo {
  owner: string;
  name: string;
  description?: string;
  homepage?: string;
  visibility: 'public' | 'private' | 'internal';
  topics: string[];
  defaultBranch: string;
  /** Branch → commit sha. */
  refs: Map<string, string>;
  objects: Map<string, GitObject>;
  /** Whose repo: GitHub Free protects branches of a personal account's private repos only on a paid plan. */
  ownerType: 'User' | 'Organization';
  /** Actions variables, the OIDC subject customisation, custom properties and whether the token's user watches it. */
  variables: Map<string, string>;
  oidc?: { use_default: boolean; include_claim_keys?: string[] };
  customProperties: Record<string, unknown>;
  subscribed: boolean;
  /** Who was given access: `team:<slug>` or `user:<login>` → permission. */
  access: Map<string, string>;
  /** Merge settings given at creation (`allow_squash_merge`, `delete_branch_on_merge`, …), as sent. */
  merging: Record<string, boolean | string>;
  /** Branch → its protection as last set (the request's settings) and whether signed commits are required. */
  protection: Map<string, { settings: Record<string, unknown>; signatures: boolean }>;
  /** Pull requests opened through the API, by number (rest-pulls.ts). */
  pulls: PullRequest[];
}

export interface RepositoryDispatch {
  repo: string;
  event_type: string;
  client_payload: unknown;
}

export interface ScaffoldState {
  viewer: string;
  orgs: Map<string, { members: Set<string>; teams: Map<string, Set<string>> }>;
  /** Repos created through the API, by lower-case `owner/name`. */
  created: Map<string, CreatedRepo>;
  dispatches: RepositoryDispatch[];
  /** Issue threads by `owner/name#number` (comments and labels are rest-comments.ts's; this file sets `state`). */
  issues: Map<string, IssueThread>;
}

export interface ScaffoldHost {
  /** True when a fixture repo (or one published earlier) exists. */
  exists(owner: string, name: string): boolean;
  /** Owners of fixture repos count as organisations. */
  owners(): string[];
  /** Replaces or adds a repo in the emulator's set (what GraphQL and the read routes serve). */
  publish(repo: EmulatorRepo): void;
}

export function createScaffoldState(setup: ScaffoldSetup = {}, issues: Map<string, IssueThread> = new Map()): ScaffoldState {
  const orgs = new Map<string, { members: Set<string>; teams: Map<string, Set<string>> }>();
  for (const [org, info] of Object.entries(setup.orgs ?? {})) {
    const teams = new Map(Object.entries(info.teams ?? {}).map(([slug, members]) => [slug.toLowerCase(), new Set(members.map((m) => m.toLowerCase()))]));
    orgs.set(org.toLowerCase(), { members: new Set(info.members.map((m) => m.toLowerCase())), teams });
  }
  return { viewer: setup.viewer ?? 'backlot-bot', orgs, created: new Map(), dispatches: [], issues };
}

const error = (status: number, message: string): RestResponse => ({ status, json: { message, documentation_url: 'https://docs.github.com/rest' } });
const notFound = () => error(404, 'Not Found');
const sha1 = (text: string | Uint8Array) => createHash('sha1').update(text).digest('hex');

function record(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

function repoJson(r: CreatedRepo) {
  const full = `${r.owner}/${r.name}`;
  return {
    name: r.name,
    full_name: full,
    owner: { login: r.owner },
    private: r.visibility !== 'public',
    visibility: r.visibility,
    description: r.description ?? null,
    homepage: r.homepage ?? null,
    topics: r.topics,
    default_branch: r.defaultBranch,
    html_url: `https://github.com/${full}`,
    clone_url: `https://github.com/${full}.git`,
  };
}

/** Files of a commit, for handing the repo to the emulator's read side. */
function filesOf(r: CreatedRepo, commitSha: string): FixtureFiles {
  const commit = r.objects.get(commitSha);
  const tree = commit?.type === 'commit' ? r.objects.get(commit.tree) : undefined;
  const files: FixtureFiles = {};
  if (tree?.type !== 'tree') return files;
  for (const [path, entry] of tree.files) {
    const blob = r.objects.get(entry.sha);
    if (blob?.type === 'blob') files[path] = blob.bytes;
  }
  return files;
}

function publish(host: ScaffoldHost, r: CreatedRepo): void {
  const head = r.refs.get(r.defaultBranch);
  const commit = head ? r.objects.get(head) : undefined;
  const tree = commit?.type === 'commit' ? r.objects.get(commit.tree) : undefined;
  host.publish({
    owner: r.owner,
    name: r.name,
    files: head ? filesOf(r, head) : {},
    executables: tree?.type === 'tree' ? [...tree.files].flatMap(([path, f]) => (f.mode === '100755' ? [path] : [])) : [],
    defaultBranch: r.defaultBranch,
    topics: r.topics,
    visibility: r.visibility,
    ...(r.description ? { description: r.description } : {}),
    ...(head ? {} : { empty: true }),
  });
}

function isAncestor(r: CreatedRepo, ancestor: string, of: string): boolean {
  const seen = new Set<string>();
  const queue = [of];
  while (queue.length) {
    const sha = queue.pop()!;
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    const obj = r.objects.get(sha);
    if (obj?.type === 'commit') queue.push(...obj.parents);
  }
  return false;
}

const PERMISSIONS = ['pull', 'triage', 'push', 'maintain', 'admin'];
const MERGE_FLAGS = ['delete_branch_on_merge', 'allow_merge_commit', 'allow_squash_merge', 'allow_rebase_merge', 'allow_auto_merge', 'allow_update_branch'];
const MERGE_TEXTS: Record<string, string[]> = {
  squash_merge_commit_title: ['PR_TITLE', 'COMMIT_OR_PR_TITLE'],
  squash_merge_commit_message: ['PR_BODY', 'COMMIT_MESSAGES', 'BLANK'],
};

function createRepo(state: ScaffoldState, host: ScaffoldHost, owner: string, ownerType: CreatedRepo['ownerType'], body: Record<string, unknown>): RestResponse {
  const name = body.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,100}$/.test(name)) return error(422, 'Repository creation failed: name is invalid');
  const key = `${owner}/${name}`.toLowerCase();
  if (state.created.has(key) || host.exists(owner, name)) return error(422, 'Repository creation failed: name already exists on this account');
  const visibility = (body.visibility ?? (body.private === false ? 'public' : 'private')) as CreatedRepo['visibility'];
  if (!['public', 'private', 'internal'].includes(visibility)) return error(422, 'Repository creation failed: visibility is invalid');
  const merging: CreatedRepo['merging'] = {};
  for (const field of MERGE_FLAGS) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== 'boolean') return error(422, `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(body[field])} is not a boolean.`);
    merging[field] = body[field];
  }
  for (const [field, allowed] of Object.entries(MERGE_TEXTS)) {
    if (body[field] === undefined) continue;
    if (typeof body[field] !== 'string' || !allowed.includes(body[field])) return error(422, `Invalid request.\n\nFor 'properties/${field}', ${JSON.stringify(body[field])} is not a member of ${JSON.stringify(allowed)}.`);
    merging[field] = body[field];
  }
  const r: CreatedRepo = {
    owner,
    name,
    visibility,
    topics: [],
    defaultBranch: 'main',
    refs: new Map(),
    objects: new Map(),
    ownerType,
    merging,
    access: new Map(),
    variables: new Map(),
    customProperties: ownerType === 'Organization' ? record(body.custom_properties) : {},
    subscribed: false,
    protection: new Map(),
    pulls: [],
    ...(typeof body.description === 'string' ? { description: body.description } : {}),
    ...(typeof body.homepage === 'string' ? { homepage: body.homepage } : {}),
  };
  if (body.auto_init === true) {
    const readme = new TextEncoder().encode(`# ${name}\n`);
    const blob = sha1(readme);
    r.objects.set(blob, { type: 'blob', bytes: readme });
    const tree = sha1(`tree README.md ${blob}`);
    r.objects.set(tree, { type: 'tree', files: new Map([['README.md', { mode: '100644', sha: blob }]]) });
    const commit = sha1(`commit ${tree} Initial commit`);
    r.objects.set(commit, { type: 'commit', tree, parents: [], message: 'Initial commit' });
    r.refs.set('main', commit);
  }
  state.created.set(key, r);
  publish(host, r);
  return { status: 201, json: repoJson(r) };
}

const MODES = new Set(['100644', '100755', '120000']);

function createTree(r: CreatedRepo, body: Record<string, unknown>): RestResponse {
  const files = new Map<string, { mode: string; sha: string }>();
  if (body.base_tree !== undefined) {
    const base = r.objects.get(String(body.base_tree));
    if (base?.type !== 'tree') return error(422, 'Invalid tree info');
    for (const [k, v] of base.files) files.set(k, v);
  }
  if (!Array.isArray(body.tree)) return error(422, 'Invalid request.\n\n"tree" wasn\'t supplied.');
  for (const raw of body.tree) {
    const entry = record(raw);
    const path = entry.path;
    if (typeof path !== 'string' || !path || path.startsWith('/') || path.split('/').some((p) => p === '' || p === '.' || p === '..' || p === '.git')) {
      return error(422, `tree.path contains a malformed path component`);
    }
    if (entry.type !== 'blob' || typeof entry.mode !== 'string' || !MODES.has(entry.mode)) return error(422, 'Invalid tree info');
    let sha: string;
    if (typeof entry.content === 'string') {
      const bytes = new TextEncoder().encode(entry.content);
      sha = sha1(bytes);
      r.objects.set(sha, { type: 'blob', bytes });
    } else if (typeof entry.sha === 'string' && r.objects.get(entry.sha)?.type === 'blob') {
      sha = entry.sha;
    } else if (entry.sha === null) {
      files.delete(path);
      continue;
    } else {
      return error(422, `tree.sha ${String(entry.sha)} is not a valid blob`);
    }
    files.set(path, { mode: entry.mode, sha });
  }
  const listing = [...files].sort(([a], [b]) => (a < b ? -1 : 1)).map(([p, f]) => `${f.mode} ${p} ${f.sha}`).join('\n');
  const sha = sha1(`tree\n${listing}`);
  r.objects.set(sha, { type: 'tree', files });
  return { status: 201, json: { sha, tree: [...files].map(([path, f]) => ({ path, mode: f.mode, type: 'blob', sha: f.sha })), truncated: false } };
}

function createCommit(r: CreatedRepo, body: Record<string, unknown>): RestResponse {
  const tree = body.tree;
  if (typeof body.message !== 'string') return error(422, 'Invalid request.\n\n"message" wasn\'t supplied.');
  if (typeof tree !== 'string' || r.objects.get(tree)?.type !== 'tree') return error(422, 'Tree SHA does not exist');
  const parents = Array.isArray(body.parents) ? body.parents.map(String) : [];
  if (parents.some((p) => r.objects.get(p)?.type !== 'commit')) return error(422, 'Parent SHA does not exist or is not a commit object');
  const author = record(body.author);
  const commit: Commit = {
    type: 'commit',
    tree,
    parents,
    message: body.message,
    ...(typeof author.name === 'string' && typeof author.email === 'string' ? { author: { name: author.name, email: author.email } } : {}),
  };
  const sha = sha1(`commit ${tree} ${parents.join(' ')} ${JSON.stringify(commit.author ?? null)} ${Date.now()} ${r.objects.size}\n${body.message}`);
  r.objects.set(sha, commit);
  return { status: 201, json: { sha, tree: { sha: tree }, parents: parents.map((p) => ({ sha: p })), message: commit.message, author: commit.author ?? null } };
}

function refJson(branch: string, sha: string) {
  return { ref: `refs/heads/${branch}`, object: { sha, type: 'commit' } };
}

/** Answers the scaffolder's routes; `undefined` for any other request. */
export function handleScaffoldRest(state: ScaffoldState, host: ScaffoldHost, req: RestRequest): RestResponse | undefined {
  const body = record(req.body);
  const { method, path } = req;
  // The token's user is a user even once repos it published are in the emulator's set.
  const isOrg = (login: string) =>
    state.orgs.has(login.toLowerCase()) || (login.toLowerCase() !== state.viewer.toLowerCase() && host.owners().some((o) => o.toLowerCase() === login.toLowerCase()));

  if (method === 'GET' && path === '/user') return { status: 200, json: { login: state.viewer, type: 'User' } };
  let m = /^\/users\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const login = decodeURIComponent(m[1]!);
    if (isOrg(login)) return { status: 200, json: { login, type: 'Organization' } };
    if (login.toLowerCase() === state.viewer.toLowerCase()) return { status: 200, json: { login, type: 'User' } };
    return notFound();
  }
  m = /^\/orgs\/([^/]+)\/repos$/.exec(path);
  if (method === 'POST' && m) {
    const org = decodeURIComponent(m[1]!);
    return isOrg(org) ? createRepo(state, host, org, 'Organization', body) : notFound();
  }
  if (method === 'POST' && path === '/user/repos') return createRepo(state, host, state.viewer, 'User', { ...body, visibility: body.private === false ? 'public' : 'private' });

  m = /^\/orgs\/([^/]+)\/members\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const org = state.orgs.get(decodeURIComponent(m[1]!).toLowerCase());
    return org?.members.has(decodeURIComponent(m[2]!).toLowerCase()) ? { status: 204 } : notFound();
  }
  m = /^\/orgs\/([^/]+)\/teams\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const slug = decodeURIComponent(m[2]!).toLowerCase();
    return state.orgs.get(decodeURIComponent(m[1]!).toLowerCase())?.teams.has(slug) ? { status: 200, json: { slug, name: slug } } : notFound();
  }
  m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/repos\/([^/]+)\/([^/]+)$/.exec(path);
  if (method === 'PUT' && m) {
    const org = decodeURIComponent(m[1]!).toLowerCase();
    const slug = decodeURIComponent(m[2]!).toLowerCase();
    const target = state.created.get(`${decodeURIComponent(m[3]!)}/${decodeURIComponent(m[4]!)}`.toLowerCase());
    if (!state.orgs.get(org)?.teams.has(slug) || !target || target.owner.toLowerCase() !== org) return notFound();
    if (!PERMISSIONS.includes(String(body.permission ?? 'push'))) return error(422, 'Validation Failed: permission is not valid');
    target.access.set(`team:${slug}`, String(body.permission ?? 'push'));
    return { status: 204 };
  }
  m = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
  if (method === 'GET' && m) {
    const team = state.orgs.get(decodeURIComponent(m[1]!).toLowerCase())?.teams.get(decodeURIComponent(m[2]!).toLowerCase());
    return team?.has(decodeURIComponent(m[3]!).toLowerCase()) ? { status: 200, json: { state: 'active', role: 'member' } } : notFound();
  }

  m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return undefined;
  const owner = decodeURIComponent(m[1]!);
  const name = decodeURIComponent(m[2]!);
  const rest = m[3] ?? '';
  const key = `${owner}/${name}`;
  const created = state.created.get(key.toLowerCase());

  if (method === 'POST' && rest === '/dispatches') {
    if (!created && !host.exists(owner, name)) return notFound();
    if (typeof body.event_type !== 'string' || !body.event_type) return error(422, 'Invalid request.\n\n"event_type" wasn\'t supplied.');
    state.dispatches.push({ repo: key, event_type: body.event_type, client_payload: body.client_payload ?? {} });
    return { status: 204 };
  }
  m = /^\/issues\/(\d+)$/.exec(rest);
  if (m && method === 'PATCH') {
    if (!created && !host.exists(owner, name)) return notFound();
    const activity = threadOf(state.issues, key, Number(m[1]));
    if (typeof body.state === 'string') activity.state = body.state;
    if (typeof body.state_reason === 'string') activity.state_reason = body.state_reason;
    return { status: 200, json: { number: Number(m[1]), state: activity.state ?? 'open', state_reason: activity.state_reason ?? null } };
  }

  // The rest changes repos created through the API; fixture repos stay read-only.
  if (!created) return undefined;
  if (method === 'GET' && rest === '') return { status: 200, json: repoJson(created) };
  if (method === 'POST' && rest === '/actions/variables') {
    if (typeof body.name !== 'string' || typeof body.value !== 'string') return error(422, 'Invalid request.\n\n"name" and "value" are required.');
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(body.name) || /^GITHUB_/i.test(body.name)) return error(422, 'Failed to create variable: name is invalid');
    if (created.variables.has(body.name.toUpperCase())) return error(409, 'Already exists - Variable already exists');
    created.variables.set(body.name.toUpperCase(), body.value);
    return { status: 201, json: {} };
  }
  if (method === 'PUT' && rest === '/actions/oidc/customization/sub') {
    if (typeof body.use_default !== 'boolean') return error(422, 'Invalid request.\n\n"use_default" wasn\'t supplied.');
    const keys = body.include_claim_keys;
    if (!body.use_default && (!Array.isArray(keys) || keys.length === 0)) return error(422, 'Invalid request.\n\n"include_claim_keys" is required when "use_default" is false.');
    created.oidc = { use_default: body.use_default, ...(Array.isArray(keys) ? { include_claim_keys: keys.map(String) } : {}) };
    return { status: 201, json: {} };
  }
  if (method === 'PUT' && rest === '/subscription') {
    created.subscribed = body.subscribed === true && body.ignored !== true;
    return { status: 200, json: { subscribed: created.subscribed, ignored: body.ignored === true } };
  }
  m = /^\/collaborators\/([^/]+)$/.exec(rest);
  if (m && method === 'PUT') {
    const login = decodeURIComponent(m[1]!).toLowerCase();
    const known = login === state.viewer.toLowerCase() || [...state.orgs.values()].some((o) => o.members.has(login));
    if (!known) return notFound();
    if (!PERMISSIONS.includes(String(body.permission ?? 'push'))) return error(422, 'Validation Failed: permission is not valid');
    created.access.set(`user:${login}`, String(body.permission ?? 'push'));
    // GitHub invites a collaborator (201) rather than adding them at once.
    return { status: 201, json: { id: created.access.size, invitee: { login }, permissions: String(body.permission ?? 'push') } };
  }
  if (method === 'PATCH' && rest === '') {
    if (typeof body.default_branch === 'string') {
      if (!created.refs.has(body.default_branch)) return error(422, `Validation Failed: no branch ${body.default_branch}`);
      created.defaultBranch = body.default_branch;
    }
    if (typeof body.description === 'string') created.description = body.description;
    publish(host, created);
    return { status: 200, json: repoJson(created) };
  }
  if (method === 'PUT' && rest === '/topics') {
    if (!Array.isArray(body.names)) return error(422, 'Invalid request.\n\n"names" wasn\'t supplied.');
    const bad = body.names.find((t) => typeof t !== 'string' || !/^[a-z0-9][a-z0-9-]{0,49}$/.test(t));
    if (bad !== undefined) return error(422, `Validation Failed: ${JSON.stringify(bad)} is not a valid topic. Topics must start with a lowercase letter or number, consist of 50 characters or less, and can include hyphens.`);
    created.topics = body.names.map(String);
    publish(host, created);
    return { status: 200, json: { names: created.topics } };
  }
  if (method === 'POST' && rest === '/git/blobs') {
    if (typeof body.content !== 'string') return error(422, 'Invalid request.\n\n"content" wasn\'t supplied.');
    const bytes = body.encoding === 'base64' ? new Uint8Array(Buffer.from(body.content, 'base64')) : new TextEncoder().encode(body.content);
    const sha = sha1(bytes);
    created.objects.set(sha, { type: 'blob', bytes });
    return { status: 201, json: { sha, url: `https://api.github.com/repos/${key}/git/blobs/${sha}` } };
  }
  if (method === 'POST' && rest === '/git/trees') return createTree(created, body);
  if (method === 'POST' && rest === '/git/commits') return createCommit(created, body);
  if (method === 'POST' && rest === '/git/refs') {
    const ref = body.ref;
    const sha = body.sha;
    if (typeof ref !== 'string' || !ref.startsWith('refs/heads/') || typeof sha !== 'string') return error(422, 'Reference name is invalid');
    const branch = ref.slice('refs/heads/'.length);
    if (created.refs.has(branch)) return error(422, 'Reference already exists');
    if (created.objects.get(sha)?.type !== 'commit') return error(422, 'Object does not exist');
    created.refs.set(branch, sha);
    publish(host, created);
    return { status: 201, json: refJson(branch, sha) };
  }
  const pulls = handlePullsRest(created, rest, req, state, () => publish(host, created));
  if (pulls) return pulls;
  m = /^\/branches\/([^/]+)\/protection(\/required_signatures)?$/.exec(rest);
  if (m) return branchProtection(created, decodeURIComponent(m[1]!), method, m[2] !== undefined, body);
  // Clients encode the ref's slash (`heads%2Fmain`), as GitHub accepts.
  m = /^\/git\/refs\/heads\/(.+)$/.exec(decodeURIComponent(rest));
  if (m && method === 'PATCH') {
    const branch = decodeURIComponent(m[1]!);
    const current = created.refs.get(branch);
    const sha = body.sha;
    if (!current) return error(422, 'Reference does not exist');
    if (typeof sha !== 'string' || created.objects.get(sha)?.type !== 'commit') return error(422, 'Object does not exist');
    if (body.force !== true && !isAncestor(created, current, sha)) return error(422, 'Update is not a fast forward');
    created.refs.set(branch, sha);
    publish(host, created);
    return { status: 200, json: refJson(branch, sha) };
  }
  if (m && method === 'DELETE') {
    const branch = decodeURIComponent(m[1]!);
    if (!created.refs.has(branch)) return error(422, 'Reference does not exist');
    if (branch === created.defaultBranch) return error(422, 'Cannot delete the default branch');
    created.refs.delete(branch);
    return { status: 204 };
  }
  return undefined;
}

const PROTECTION_KEYS = ['required_status_checks', 'enforce_admins', 'required_pull_request_reviews', 'restrictions'];

/** `PUT …/branches/{branch}/protection` and `POST …/protection/required_signatures`, with GitHub's refusals. */
function branchProtection(r: CreatedRepo, branch: string, method: string, signatures: boolean, body: Record<string, unknown>): RestResponse | undefined {
  if (!r.refs.has(branch)) return error(404, 'Branch not found');
  if (r.visibility !== 'public' && r.ownerType === 'User') return error(403, 'Upgrade to GitHub Pro or make this repository public to enable this feature.');
  const url = `https://api.github.com/repos/${r.owner}/${r.name}/branches/${branch}/protection`;
  if (signatures) {
    if (method !== 'POST') return undefined;
    const current = r.protection.get(branch);
    if (!current) return error(404, 'Branch not protected');
    current.signatures = true;
    return { status: 200, json: { url: `${url}/required_signatures`, enabled: true } };
  }
  if (method !== 'PUT') return undefined;
  // All four are required, each may be null (GitHub's schema for this route).
  const missing = PROTECTION_KEYS.find((k) => !(k in body));
  if (missing) return error(422, `Invalid request.\n\n"${missing}" wasn't supplied.`);
  const reviews = record(body.required_pull_request_reviews);
  const count = reviews.required_approving_review_count;
  if (count !== undefined && (typeof count !== 'number' || count < 0 || count > 6)) return error(422, 'Invalid request.\n\nrequired_approving_review_count must be between 0 and 6.');
  if (body.restrictions !== null && r.ownerType === 'User') return error(422, 'Validation Failed: Only organization repositories can have users and team restrictions');
  r.protection.set(branch, { settings: body, signatures: r.protection.get(branch)?.signatures ?? false });
  return { status: 200, json: { url, ...body, enforce_admins: { url: `${url}/enforce_admins`, enabled: body.enforce_admins === true } } };
}

/** Files of a created repo's default branch, as text (for assertions). */
export function createdFiles(state: ScaffoldState, fullName: string): Record<string, string> | undefined {
  const r = state.created.get(fullName.toLowerCase());
  const head = r?.refs.get(r.defaultBranch);
  if (!r || !head) return undefined;
  const out: Record<string, string> = {};
  for (const [path, data] of Object.entries(filesOf(r, head))) out[path] = typeof data === 'string' ? data : new TextDecoder().decode(data);
  return out;
}

/** The commit the default branch points at. */
export function headCommit(state: ScaffoldState, fullName: string): { sha: string; message: string; parents: string[] } | undefined {
  const r = state.created.get(fullName.toLowerCase());
  const sha = r?.refs.get(r.defaultBranch);
  const commit = sha ? r!.objects.get(sha) : undefined;
  return sha && commit?.type === 'commit' ? { sha, message: commit.message, parents: commit.parents } : undefined;
}
