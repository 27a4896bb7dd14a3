// The GraphQL the GitHub source sends. Every value travels as a variable; aliases let one query
// read many repos and many blobs. Object lookups and tree entries are not connections, so a batch
// costs a single rate-limit point however many files it reads.

/** Repos per listing page (GitHub's maximum). */
export const LIST_PAGE_SIZE = 100;

/**
 * A listed repo's fields: metadata, the head (with its author, for the catalog's history: an object, so no extra
 * point), and the root catalog file's blob; `extra` is what plugins ask of each
 * repo (src/plugins/graphql.ts: every top-level field aliased `<plugin prefix>__…`), so it costs no request of its own.
 */
const listedRepo = (extra = '') => `
fragment ListedRepo on Repository {
  name
  description
  isArchived
  isFork
  visibility
  pushedAt
  repositoryTopics(first: 20) { nodes { topic { name } } }
  defaultBranchRef { name target { oid ... on Commit { author { name user { login } } } } }
  branchRef: ref(qualifiedName: $branch) @include(if: $byBranch) { name target { oid ... on Commit { author { name user { login } } } } }
  catalog: object(expression: $expression) @include(if: $withBlob) {
    ... on Blob { oid byteSize isBinary isTruncated text @include(if: $withText) }
  }${extra ? `\n  ${extra}` : ''}
}`;

const LIST_VARIABLES = '$expression: String!, $withBlob: Boolean!, $withText: Boolean!, $branch: String!, $byBranch: Boolean!';
const LIST_FILTERS = '$isArchived: Boolean, $isFork: Boolean, $visibility: RepositoryVisibility';
const LIST_CONNECTION = `repositories(first: $first, after: $after, isArchived: $isArchived, isFork: $isFork, visibility: $visibility,
      orderBy: { field: NAME, direction: ASC })`;

export const listReposQuery = (extra = '') => `
query BacklotListRepos($org: String!, $first: Int!, $after: String, ${LIST_VARIABLES}, ${LIST_FILTERS}) {
  rateLimit { cost remaining limit resetAt }
  organization(login: $org) {
    ${LIST_CONNECTION} {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { ...ListedRepo }
    }
  }
}
${listedRepo(extra)}`;

export const LIST_REPOS = listReposQuery();

/** The same page, names only: names the nodes a listing page answered `null`. */
export const LIST_NAMES = `
query BacklotListNames($org: String!, $first: Int!, $after: String, ${LIST_FILTERS}) {
  rateLimit { cost remaining limit resetAt }
  organization(login: $org) {
    ${LIST_CONNECTION} { nodes { name } }
  }
}`;

export interface ListNamesData {
  organization: { repositories: { nodes: Array<{ name: string } | null> } | null } | null;
}

/** Repos a listing failed, asked again by name: `r<i>: repository(owner:, name:) { ...ListedRepo }`. */
export function reposByNameQuery(owner: string, names: string[], extra = ''): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = { owner };
  const decls = names.map((name, i) => {
    variables[`n${i}`] = name;
    return `$n${i}: String!`;
  });
  const parts = names.map((_, i) => `r${i}: repository(owner: $owner, name: $n${i}) { ...ListedRepo }`);
  const query = `query BacklotReposByName($owner: String!, ${decls.join(', ')}, ${LIST_VARIABLES}) {\n  rateLimit { cost remaining limit resetAt }\n  ${parts.join('\n  ')}\n}\n${listedRepo(extra)}`;
  return { query, variables };
}

export interface ListedBlob {
  oid?: string;
  byteSize?: number;
  isBinary?: boolean | null;
  isTruncated?: boolean;
  text?: string | null;
}

export interface HeadTarget {
  oid: string;
  author?: { name: string | null; user: { login: string } | null } | null;
}

export interface ListedRepoNode {
  name: string;
  description: string | null;
  isArchived: boolean;
  isFork: boolean;
  visibility: string;
  pushedAt: string | null;
  repositoryTopics: { nodes: Array<{ topic: { name: string } }> };
  defaultBranchRef: { name: string; target: HeadTarget | null } | null;
  branchRef?: { name: string; target: HeadTarget | null } | null;
  catalog?: ListedBlob | null;
}

export interface ListReposData {
  organization: {
    repositories: {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: Array<ListedRepoNode | null>;
    };
  } | null;
}

type ObjectGroups = Array<{ owner: string; name: string; expressions: string[] }>;

/**
 * One aliased `object(expression)` per wanted path, grouped by repo:
 * `r<i>: repository(…) { <alias><j>: object(expression) { ...<fragment> } }`, with every value a variable.
 */
function objectsQuery(name: string, groups: ObjectGroups, alias: string, fragment: string): { query: string; variables: Record<string, unknown> } {
  const variables: Record<string, unknown> = {};
  const decls: string[] = [];
  const parts: string[] = [];
  const spread = fragment.split(' ')[1];
  groups.forEach((g, i) => {
    variables[`o${i}`] = g.owner;
    variables[`n${i}`] = g.name;
    decls.push(`$o${i}: String!`, `$n${i}: String!`);
    const fields = g.expressions.map((expr, j) => {
      variables[`e${i}_${j}`] = expr;
      decls.push(`$e${i}_${j}: String!`);
      return `${alias}${j}: object(expression: $e${i}_${j}) { ...${spread} }`;
    });
    parts.push(`r${i}: repository(owner: $o${i}, name: $n${i}) { ${fields.join(' ')} }`);
  });
  const query = `query ${name}(${decls.join(', ')}) {\n  rateLimit { cost remaining limit resetAt }\n  ${parts.join('\n  ')}\n}\n${fragment}`;
  return { query, variables };
}

/** Blobs at `<commit>:<path>` for many repos: `r<i>: repository { f<j>: object(expression) }`. */
export function blobsQuery(groups: ObjectGroups): { query: string; variables: Record<string, unknown> } {
  return objectsQuery('BacklotBlobs', groups, 'f', 'fragment B on Blob { oid byteSize isBinary isTruncated text }');
}

/** Folder levels read per tree lookup; deeper folders are read by a follow-up batch. */
export const TREE_DEPTH = 4;

export interface TreeEntryNode {
  path: string | null;
  name: string;
  type: string;
  oid: string;
  size: number;
  /** Git's file mode as a number: 0o100644, 0o100755 (executable), 0o40000 (folder), … */
  mode?: number;
  object?: { entries?: TreeEntryNode[] | null } | null;
}

function treeSelection(depth: number): string {
  const entry = 'path name type oid size mode';
  return depth <= 1 ? `entries { ${entry} }` : `entries { ${entry} object { ... on Tree { ${treeSelection(depth - 1)} } } }`;
}

/** Trees at `<commit>:<folder>` for many repos: `r<i>: repository { t<j>: object(expression) { …nested entries } }`. */
export function treesQuery(groups: ObjectGroups, depth = TREE_DEPTH): { query: string; variables: Record<string, unknown> } {
  return objectsQuery('BacklotTrees', groups, 't', `fragment T on Tree { ${treeSelection(depth)} }`);
}
