// Lists an org's repos, page by page, with the root catalog file's blob in the same query.
// Under load GitHub answers a page with some nodes `null` (or with errors under a node) and an
// `errors` entry pointing at each: such a page is incomplete. Its failed repos are named (a
// names-only read of the same page) and asked for again by name; what still fails is reported.

import { GithubError, type GithubClient, type GraphqlError, type GraphqlResult } from './client.ts';
import { LIST_NAMES, listReposQuery, reposByNameQuery, type ListedRepoNode, type ListNamesData, type ListReposData } from './queries.ts';
import { retryFailed } from './retry.ts';

export interface ListOrgParams {
  org: string;
  pageSize: number;
  /** `<rev>:<path>` of the root catalog file; undefined when the catalog path is a glob. */
  expression?: string;
  /** Ask for blob texts too (a cold crawl); otherwise only blob ids, and changed files are read later. */
  withText: boolean;
  /** `refs/heads/<branch>` when `filters.branch` is set. */
  branch?: string;
  serverFilters: { isArchived: boolean | null; isFork: boolean | null; visibility: string | null };
  /** Plugins' fields of each repo (aliased), asked in the same queries. */
  extraFields?: string;
}

export interface ListedRepo {
  node: ListedRepoNode;
  /** Why this repo's git data could not be read (its metadata still could). */
  failure?: string;
}

/**
 * GitHub refused a plugin's field of a repo (`alias`: the plugin's aliased top-level field, `field`: the one that
 * failed). It is the plugin's problem, never the repo's: the repo is listed (asked again without plugins' fields
 * when the refusal nulled its whole node).
 */
export interface FieldError {
  name?: string;
  alias: string;
  field: string;
  message: string;
}

/** The plugin alias (`p0_github__…`) an error's path goes through after `from`, if any. */
function pluginAlias(e: GraphqlError, from: number): string | undefined {
  return (e.path ?? []).slice(from).find((p): p is string => typeof p === 'string' && p.includes('__'));
}

function fieldError(e: GraphqlError, alias: string, name: string | undefined): FieldError {
  const field = [...(e.path ?? [])].reverse().find((p): p is string => typeof p === 'string') ?? alias;
  return { ...(name ? { name } : {}), alias, field: field.replace(/^p\d+_[A-Za-z0-9_]*?__/, ''), message: e.message };
}

/** A repo the listing could not read, even asked by name; `name` is unknown when not even that was answered. */
export interface UnreadRepo {
  name?: string;
  reason: string;
}

export interface OrgListing {
  repos: ListedRepo[];
  total: number;
  /** False when a page failed for good: the repos after it are unknown. */
  complete: boolean;
  error?: string;
  /** Repos GitHub failed in the listing and again by name. Only a listing without any may remove a repo. */
  unread: UnreadRepo[];
  /** An error that pointed at no repo: the listing may have missed some, so it removes none either. */
  doubt?: string;
  /** Plugins' fields GitHub refused. */
  fieldErrors: FieldError[];
}

/** Big pages are what times out on GitHub, so a failing page is retried smaller, down to this. */
const MIN_PAGE = 25;
const NODE_PATH = ['organization', 'repositories', 'nodes'];
/** Repos per by-name query (the listing's fragment each). */
const BY_NAME = 50;

/** `plain`: a plugin's field nulled the node, so it is asked again without plugins' fields. */
type Slot = ListedRepo | { pending: true; name?: string; node?: ListedRepoNode; reason: string; plain?: boolean };

/** `onPage` learns the repos listed so far, the org's total, and how many file texts the page brought. */
export async function listOrg(
  client: GithubClient,
  params: ListOrgParams,
  onPage?: (listed: number, total: number, texts: number) => void,
  log: (line: string) => void = () => {},
): Promise<OrgListing> {
  const slots: Slot[] = [];
  let after: string | null = null;
  let size = params.pageSize;
  let withBlob = params.expression !== undefined;
  let total = 0;
  let stop: { error: string } | undefined;
  let doubt: string | undefined;
  const fieldErrors: FieldError[] = [];
  const filters = { org: params.org, ...params.serverFilters };
  const listVariables = {
    expression: params.expression ?? 'HEAD:',
    withBlob: params.expression !== undefined,
    withText: params.withText,
    branch: params.branch ?? 'HEAD',
    byBranch: params.branch !== undefined,
  };

  const listQuery = listReposQuery(params.extraFields);
  for (;;) {
    let res: GraphqlResult<ListReposData>;
    try {
      res = await client.graphql<ListReposData>(listQuery, { ...filters, first: size, after, ...listVariables, withBlob });
    } catch (err) {
      const status = (err as GithubError).status;
      if (status === 401 || !(err instanceof GithubError)) throw err;
      if (size > MIN_PAGE) {
        size = Math.max(MIN_PAGE, Math.floor(size / 2));
        continue;
      }
      if (withBlob) {
        // Keep listing without the blobs; the repos of this page are then read as failed.
        withBlob = false;
        continue;
      }
      stop = { error: err.message };
      break;
    }
    const org = res.data?.organization;
    if (!org) {
      const why = res.errors.map((e) => e.message).join('; ');
      throw new GithubError(`GitHub organization "${params.org}" was not found, or the token cannot see it${why ? ` (${why})` : ''}`, 404);
    }
    if (!org.repositories) {
      stop = { error: res.errors.map((e) => e.message).join('; ') || 'GitHub answered no repositories' };
      break;
    }
    // Errors under a plugin's field are the plugin's, not the repo's.
    const refused = res.errors.filter((e) => nodeIndex(e) !== undefined && pluginAlias(e, NODE_PATH.length + 1));
    const errors = res.errors.filter((e) => !refused.includes(e));
    const failures = nodeErrors(errors);
    // An error that points at no node leaves the page in doubt: it may not remove any repo.
    const stray = errors.find((e) => nodeIndex(e) === undefined);
    if (stray) doubt ??= stray.message;
    const nodes = org.repositories.nodes;
    const names = nodes.some((n) => !n) ? await pageNames(client, { ...filters, first: size, after }, nodes) : [];
    const plain = new Map<number, string>();
    for (const e of refused) {
      const i = nodeIndex(e)!;
      fieldErrors.push(fieldError(e, pluginAlias(e, NODE_PATH.length + 1)!, nodes[i]?.name ?? names[i]));
      if (!plain.has(i)) plain.set(i, e.message);
    }
    const droppedBlob = params.expression !== undefined && !withBlob;
    nodes.forEach((node, i) => {
      const error = failures.get(i);
      if (!node && !error && plain.has(i)) slots.push({ pending: true, ...(names[i] ? { name: names[i] } : {}), reason: plain.get(i)!, plain: true });
      else if (!node) slots.push({ pending: true, ...(names[i] ? { name: names[i] } : {}), reason: error ?? 'GitHub answered null' });
      else if (error) slots.push({ pending: true, name: node.name, node, reason: error });
      else slots.push(droppedBlob ? { node, failure: 'its catalog file could not be read' } : { node });
    });
    total = org.repositories.totalCount;
    onPage?.(slots.length, total, nodes.filter((n) => typeof n?.catalog?.text === 'string').length);
    if (!org.repositories.pageInfo.hasNextPage || !org.repositories.pageInfo.endCursor) break;
    after = org.repositories.pageInfo.endCursor;
    withBlob = params.expression !== undefined;
  }

  const recovered = await retryByName(client, params.org, slots, listVariables, log, params.extraFields, fieldErrors);
  if (recovered > 0) onPage?.(slots.length, total, recovered);
  const repos: ListedRepo[] = [];
  const unread: UnreadRepo[] = [];
  for (const slot of slots) {
    if (!('pending' in slot)) repos.push(slot);
    // A node whose metadata came but whose git data failed is listed, and read as failed.
    else if (slot.node) repos.push({ node: slot.node, failure: slot.reason });
    else unread.push({ ...(slot.name ? { name: slot.name } : {}), reason: slot.reason });
  }
  return { repos, total, complete: !stop, ...(stop ? { error: stop.error } : {}), unread, ...(doubt ? { doubt } : {}), fieldErrors };
}

/** The index of the listed node an error's path points at (or under). */
function nodeIndex(e: GraphqlError): number | undefined {
  const path = e.path ?? [];
  return NODE_PATH.every((p, i) => path[i] === p) && typeof path[3] === 'number' ? path[3] : undefined;
}

/** Node index → message, for the errors that point at a listed node. */
function nodeErrors(errors: GraphqlError[]): Map<number, string> {
  const failures = new Map<number, string>();
  for (const e of errors) {
    const at = nodeIndex(e);
    if (at !== undefined && !failures.has(at)) failures.set(at, e.message);
  }
  return failures;
}

/**
 * Names of a page's nodes from a names-only read of the same page, which GitHub answers when the full
 * one failed. Trusted only where it agrees with every node the full read did answer (the org may have
 * changed in between); otherwise no name is known and those repos stay unread.
 */
async function pageNames(client: GithubClient, variables: Record<string, unknown>, nodes: Array<ListedRepoNode | null>): Promise<Array<string | undefined>> {
  let res: GraphqlResult<ListNamesData>;
  try {
    res = await client.graphql<ListNamesData>(LIST_NAMES, variables);
  } catch (err) {
    if ((err as GithubError).status === 401) throw err;
    return [];
  }
  const named = res.data?.organization?.repositories?.nodes ?? [];
  if (named.length !== nodes.length || nodes.some((n, i) => n && named[i]?.name !== n.name)) return [];
  return named.map((n) => n?.name);
}

/** Asks for the failed, named repos again by name, in a few rounds; fills their slots with what comes back. Returns the file texts that came. */
async function retryByName(
  client: GithubClient,
  org: string,
  slots: Slot[],
  listVariables: Record<string, unknown>,
  log: (line: string) => void,
  extraFields: string | undefined,
  fieldErrors: FieldError[],
): Promise<number> {
  type Pending = Extract<Slot, { pending: true }> & { name: string; at: number };
  const pending: Pending[] = [];
  slots.forEach((s, at) => {
    if ('pending' in s && s.name !== undefined) pending.push({ ...s, name: s.name, at });
  });
  if (pending.length === 0) return 0;
  const found = new Map<Pending, ListedRepoNode>();
  const ask = async (all: Pending[]): Promise<Map<Pending, string>> => {
    const failed = new Map<Pending, string>();
    // Repos a plugin's field nulled are asked without plugins' fields (their cards go without that data).
    const batches: Pending[][] = [];
    for (const items of [all.filter((p) => !p.plain), all.filter((p) => p.plain)]) {
      for (let i = 0; i < items.length; i += BY_NAME) batches.push(items.slice(i, i + BY_NAME));
    }
    for (const batch of batches) {
      const { query, variables } = reposByNameQuery(org, batch.map((p) => p.name), batch[0]!.plain ? undefined : extraFields);
      let res: GraphqlResult<Record<string, ListedRepoNode | null>>;
      try {
        res = await client.graphql<Record<string, ListedRepoNode | null>>(query, { ...variables, ...listVariables });
      } catch (err) {
        if ((err as GithubError).status === 401) throw err;
        for (const p of batch) failed.set(p, (err as Error).message);
        continue;
      }
      const errors = new Map<number, string>();
      const nulled = new Set<number>();
      for (const e of res.errors) {
        const m = /^r(\d+)$/.exec(String(e.path?.[0] ?? ''));
        const alias = m ? pluginAlias(e, 1) : undefined;
        if (m && alias) {
          fieldErrors.push(fieldError(e, alias, batch[Number(m[1])]?.name));
          nulled.add(Number(m[1]));
          continue;
        }
        // An error that names no repo leaves every repo of the batch in doubt.
        if (!m) batch.forEach((_, k) => errors.set(k, e.message));
        else if (!errors.has(Number(m[1]))) errors.set(Number(m[1]), e.message);
      }
      batch.forEach((p, k) => {
        const node = res.data?.[`r${k}`];
        const error = errors.get(k);
        if (node && !error) found.set(p, node);
        else failed.set(p, error ?? 'GitHub answered null');
        if (!node && !error && nulled.has(k)) p.plain = true;
        // Metadata without its git data still lists the repo (read as failed).
        if (node && error) p.node ??= node;
      });
    }
    return failed;
  };
  const left = await retryFailed(client, new Map(pending.map((p) => [p, p.reason])), ask, 'repos of the listing', log);
  for (const p of pending) {
    const node = found.get(p);
    const { at: _at, ...slot } = p;
    slots[p.at] = node ? { node } : { ...slot, reason: left.get(p) ?? p.reason };
  }
  return [...found.values()].filter((n) => typeof n.catalog?.text === 'string').length;
}
