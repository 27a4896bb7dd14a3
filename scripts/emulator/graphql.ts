// Executes queries against GitHub's published schema with resolvers over the fixture repos.

import { schema as published } from '@octokit/graphql-schema';
import { buildSchema, execute, GraphQLError, Kind, parse, validate, type DocumentNode, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { queryCost } from './cost.ts';
import type { GitObject, GitTree } from './git.ts';
import { githubFields, headCommitFields } from './graphql-github.ts';
import { resolveExpression, type BuiltRepo } from './repos.ts';

/** GitHub truncates `Blob.text` of big files; the exact threshold is not documented, this is close. */
export const TEXT_LIMIT = 512 * 1024;

let cached: GraphQLSchema | undefined;

/** GitHub's schema. The published SDL defines two fields twice, so SDL validation is skipped. */
export function githubSchema(): GraphQLSchema {
  cached ??= buildSchema(published.idl, { assumeValidSDL: true });
  return cached;
}

export interface GraphqlContext {
  repo(owner: string, name: string): BuiltRepo | undefined;
  reposOf(owner: string): BuiltRepo[];
  /** True when git data of this repo must fail. */
  failing(owner: string, name: string): boolean;
  /** True when this repo's node must be answered `null` with an error here (the `partial` fault). */
  partialFails(owner: string, name: string, place: 'listing' | 'batch'): boolean;
  failMode: 'field' | 'request';
  rateLimit: { limit: number; remaining: number; used: number; resetAt: Date };
  counts: { blobs: number; trees: number };
  /** Set when a failing repo was touched in `request` mode: the whole answer becomes a 502. */
  fatal?: boolean;
  /** Fields the token may not read (GitHub's FORBIDDEN errors). */
  forbidden?: ReadonlySet<string>;
}

export interface GraphqlErrorBody {
  message: string;
  type?: string;
  path?: ReadonlyArray<string | number>;
  locations?: ReadonlyArray<{ line: number; column: number }>;
}

export type GraphqlOutcome =
  | { kind: 'invalid'; errors: GraphqlErrorBody[] }
  | { kind: 'rate-limited'; errors: GraphqlErrorBody[] }
  | { kind: 'fatal' }
  | { kind: 'ok'; cost: number; nodes: number; body: { data?: unknown; errors?: GraphqlErrorBody[] } };

export class TypedError extends Error {
  type: string;
  constructor(message: string, type: string) {
    super(message);
    this.type = type;
  }
}

export async function runGraphql(
  ctx: GraphqlContext,
  request: { query?: unknown; variables?: unknown; operationName?: unknown },
): Promise<GraphqlOutcome> {
  const schema = githubSchema();
  if (typeof request.query !== 'string') return { kind: 'invalid', errors: [{ message: 'A query attribute must be specified and must be a string.' }] };
  let document: DocumentNode;
  try {
    document = parse(request.query);
  } catch (err) {
    return { kind: 'invalid', errors: [toErrorBody(err as GraphQLError)] };
  }
  const invalid = validate(schema, document);
  if (invalid.length > 0) return { kind: 'invalid', errors: invalid.map(toErrorBody) };
  const variables = (request.variables && typeof request.variables === 'object' ? request.variables : {}) as Record<string, unknown>;
  const operationName = typeof request.operationName === 'string' ? request.operationName : undefined;
  const { cost, nodes, errors } = queryCost(schema, document, variables, operationName);
  if (errors.length > 0) return { kind: 'invalid', errors };
  if (ctx.rateLimit.remaining < cost) {
    return { kind: 'rate-limited', errors: [{ type: 'RATE_LIMITED', message: 'API rate limit already exceeded for user ID 1.' }] };
  }
  ctx.rateLimit.remaining -= cost;
  ctx.rateLimit.used += cost;
  const result = await execute({
    schema,
    document,
    variableValues: variables,
    operationName,
    rootValue: rootValue(ctx, cost, nodes),
    contextValue: ctx,
  });
  if (ctx.fatal) return { kind: 'fatal' };
  const body: { data?: unknown; errors?: GraphqlErrorBody[] } = { data: result.data ?? null };
  if (result.errors?.length) body.errors = result.errors.map(toErrorBody);
  return { kind: 'ok', cost, nodes, body };
}

function toErrorBody(err: GraphQLError): GraphqlErrorBody {
  const body: GraphqlErrorBody = { message: err.message };
  const type = (err.originalError as TypedError | undefined)?.type;
  if (type) body.type = type;
  if (err.path) body.path = err.path;
  if (err.locations) body.locations = err.locations;
  return body;
}

// What GitHub says about a node it could not resolve under load (the request id is made up).
let partialCount = 0;
function partialError(): Error {
  const n = ++partialCount;
  return new Error(
    n % 2
      ? `Something went wrong while executing your query. This may be the result of a timeout, or it could be a GitHub bug. Please include \`E${String(n).padStart(4, '0')}:BAC1:0\` when reporting this issue.`
      : "We couldn't respond to your request in time. Sorry about that. Please try resubmitting your request and contact us if the problem persists.",
  );
}

/**
 * Whether a `repositories` selection asks for more than names. GitHub's partial failures come from
 * resolving a repo's refs and objects; a page asked only for names is answered, so the emulator spares it.
 */
function asksMoreThanNames(info: GraphQLResolveInfo | undefined): boolean {
  const light = new Set(['name', 'nameWithOwner', 'id', '__typename']);
  for (const field of info?.fieldNodes ?? []) {
    for (const sel of field.selectionSet?.selections ?? []) {
      if (sel.kind !== Kind.FIELD || sel.name.value !== 'nodes') continue;
      const inner = sel.selectionSet?.selections ?? [];
      if (inner.some((s) => s.kind !== Kind.FIELD || !light.has(s.name.value))) return true;
    }
  }
  return false;
}

export type Connection = typeof connection;

function connection<T>(items: T[], args: { first?: number | null; last?: number | null; after?: string | null; before?: string | null }) {
  const decode = (c: string | null | undefined) => (c ? Number(Buffer.from(c, 'base64').toString('utf8').replace(/^cursor:/, '')) : undefined);
  const encode = (i: number) => Buffer.from(`cursor:${i}`).toString('base64');
  let start = 0;
  let end = items.length;
  const after = decode(args.after);
  const before = decode(args.before);
  if (after !== undefined && Number.isFinite(after)) start = after + 1;
  if (before !== undefined && Number.isFinite(before)) end = Math.min(end, before);
  if (typeof args.first === 'number') end = Math.min(end, start + args.first);
  if (typeof args.last === 'number') start = Math.max(start, end - args.last);
  const slice = items.slice(start, end).map((node, k) => ({ node, cursor: encode(start + k) }));
  return {
    totalCount: items.length,
    nodes: slice.map((e) => e.node),
    edges: slice,
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: slice.length ? slice[0]!.cursor : null,
      endCursor: slice.length ? slice[slice.length - 1]!.cursor : null,
    },
  };
}

function rootValue(ctx: GraphqlContext, cost: number, nodes: number) {
  const org = (login: string) => {
    const repos = ctx.reposOf(login);
    if (repos.length === 0) throw new TypedError(`Could not resolve to an Organization with the login of '${login}'.`, 'NOT_FOUND');
    return {
      __typename: 'Organization',
      id: Buffer.from(`O_${login}`).toString('base64'),
      login,
      name: login,
      url: `https://github.com/${login}`,
      repositories: (
        args: { first?: number; after?: string; isArchived?: boolean | null; isFork?: boolean | null; visibility?: string | null },
        _ctx: unknown,
        info?: GraphQLResolveInfo,
      ) => {
        const picked = repos.filter(
          (b) =>
            (args.isArchived == null || !!b.repo.archived === args.isArchived) &&
            (args.isFork == null || !!b.repo.fork === args.isFork) &&
            (args.visibility == null || (b.repo.visibility ?? 'public').toUpperCase() === args.visibility),
        );
        const page = connection(picked, args);
        const heavy = asksMoreThanNames(info);
        // graphql-js answers an Error in a list as a `null` item with an error whose path ends at its index.
        const nodes = page.nodes.map((b) => (heavy && ctx.partialFails(b.repo.owner, b.repo.name, 'listing') ? partialError() : repository(b)));
        return { ...page, nodes, edges: page.edges.map((e, k) => ({ ...e, node: nodes[k] })) };
      },
      repository: ({ name }: { name: string }) => {
        const b = ctx.repo(login, name);
        return b ? repository(b) : null;
      },
    };
  };

  // A forbidden field answers GitHub's error for a token that lacks the permission.
  const guarded = <T extends Record<string, unknown>>(fields: T): T =>
    Object.fromEntries(
      Object.entries(fields).map(([name, resolve]) => [
        name,
        ctx.forbidden?.has(name)
          ? () => {
              throw new TypedError('Resource not accessible by integration', 'FORBIDDEN');
            }
          : resolve,
      ]),
    ) as T;

  const guard = (b: BuiltRepo) => {
    if (!ctx.failing(b.repo.owner, b.repo.name)) return;
    if (ctx.failMode === 'request') ctx.fatal = true;
    throw new TypedError(`Could not read git data of ${b.repo.owner}/${b.repo.name} (emulator fault)`, 'SERVICE_UNAVAILABLE');
  };

  const gitObject = (b: BuiltRepo, obj: GitObject | undefined, dir = ''): Record<string, unknown> | null => {
    if (!obj) return null;
    const common = { oid: obj.oid, abbreviatedOid: obj.oid.slice(0, 7), id: Buffer.from(`G_${obj.oid}`).toString('base64') };
    if (obj.type === 'commit') {
      return { __typename: 'Commit', ...common, tree: () => gitObject(b, b.objects.get(obj.tree)), ...guarded(headCommitFields(b, obj, connection)) };
    }
    if (obj.type === 'tree') return { __typename: 'Tree', ...common, entries: () => treeEntries(b, obj, dir) };
    const binary = obj.bytes.includes(0) || !isUtf8(obj.bytes);
    const truncated = obj.bytes.byteLength > TEXT_LIMIT;
    return {
      __typename: 'Blob',
      ...common,
      byteSize: obj.bytes.byteLength,
      isBinary: binary,
      isTruncated: truncated,
      text: () => {
        ctx.counts.blobs++;
        if (binary) return null;
        return new TextDecoder().decode(truncated ? obj.bytes.subarray(0, TEXT_LIMIT) : obj.bytes);
      },
    };
  };

  const treeEntries = (b: BuiltRepo, tree: GitTree, dir: string) => {
    ctx.counts.trees++;
    return tree.entries.map((e) => {
      const path = dir ? `${dir}/${e.name}` : e.name;
      const target = b.objects.get(e.oid);
      const dot = e.name.lastIndexOf('.');
      return {
        name: e.name,
        path,
        type: e.type,
        mode: parseInt(e.mode, 8),
        oid: e.oid,
        size: target?.type === 'blob' ? target.bytes.byteLength : 0,
        extension: e.type === 'blob' && dot > 0 ? e.name.slice(dot) : null,
        isGenerated: false,
        object: () => gitObject(b, target, path),
      };
    });
  };

  const ref = (b: BuiltRepo, branch: string) => {
    const head = b.heads.get(branch);
    if (!head) return null;
    return {
      __typename: 'Ref',
      id: Buffer.from(`R_${b.repo.name}_${branch}`).toString('base64'),
      name: branch,
      prefix: 'refs/heads/',
      target: () => gitObject(b, head),
    };
  };

  const repository = (b: BuiltRepo) => {
    const { repo } = b;
    const visibility = (repo.visibility ?? 'public').toUpperCase();
    return {
      __typename: 'Repository',
      id: Buffer.from(`R_${repo.owner}/${repo.name}`).toString('base64'),
      name: repo.name,
      nameWithOwner: `${repo.owner}/${repo.name}`,
      owner: { __typename: 'Organization', login: repo.owner },
      description: repo.description ?? null,
      url: `https://github.com/${repo.owner}/${repo.name}`,
      isArchived: !!repo.archived,
      isFork: !!repo.fork,
      isEmpty: b.heads.size === 0,
      isPrivate: visibility !== 'PUBLIC',
      visibility,
      pushedAt: repo.pushedAt ?? '2026-01-01T00:00:00Z',
      defaultBranchRef: () => ref(b, b.defaultBranch),
      ref: ({ qualifiedName }: { qualifiedName: string }) => {
        guard(b);
        return ref(b, qualifiedName.replace(/^refs\/heads\//, ''));
      },
      object: ({ expression, oid }: { expression?: string; oid?: string }) => {
        guard(b);
        if (oid) return gitObject(b, b.objects.get(oid));
        if (!expression) return null;
        const colon = expression.indexOf(':');
        const dir = colon === -1 ? '' : expression.slice(colon + 1).replace(/^\/+|\/+$/g, '');
        return gitObject(b, resolveExpression(b, expression), dir);
      },
      ...guarded(githubFields(b, connection)),
      repositoryTopics: (args: { first?: number; after?: string }) =>
        connection(
          (repo.topics ?? []).map((name) => ({ __typename: 'RepositoryTopic', topic: { __typename: 'Topic', name }, url: `https://github.com/topics/${name}` })),
          args,
        ),
    };
  };

  return {
    organization: ({ login }: { login: string }) => org(login),
    repositoryOwner: ({ login }: { login: string }) => (ctx.reposOf(login).length ? org(login) : null),
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const b = ctx.repo(owner, name);
      if (!b) throw new TypedError(`Could not resolve to a Repository with the name '${owner}/${name}'.`, 'NOT_FOUND');
      if (ctx.partialFails(b.repo.owner, b.repo.name, 'batch')) throw partialError();
      return repository(b);
    },
    viewer: { __typename: 'User', login: 'emulator' },
    rateLimit: () => ({
      cost,
      nodeCount: nodes,
      limit: ctx.rateLimit.limit,
      remaining: ctx.rateLimit.remaining,
      used: ctx.rateLimit.used,
      resetAt: ctx.rateLimit.resetAt.toISOString(),
    }),
  };
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

