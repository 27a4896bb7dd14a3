// The one parser of GitHub web URLs (`https://<host>/<owner>/<repo>/<mode>/<ref…>/<path…>`), used wherever a
// catalog file, a placeholder, a Location or a docs annotation points into a repo. No I/O; browser-safe.

export interface GithubUrl {
  host: string;
  owner: string;
  repo: string;
  /** `blob`, `tree`, or whatever the third segment is; undefined for the repo's own URL. */
  mode?: string;
  /** What follows the mode, percent-decoded segment by segment: `<branch or commit>/<path>` (a branch may hold `/`). */
  rest: string;
}

/** Splits an http(s) URL into its repo and the rest; undefined for anything that is not one. */
export function parseGithubUrl(value: string): GithubUrl | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const segments = url.pathname.split('/').slice(1);
  const [owner, repo, mode] = segments;
  if (!owner || !repo) return undefined;
  return {
    host: url.host,
    owner,
    repo,
    ...(mode ? { mode } : {}),
    rest: segments.slice(3).map(decodeSegment).join('/'),
  };
}

/** The key a repo is found by: host, owner and name, case-insensitive as GitHub treats them. */
export function repoKey(host: string, owner: string, name: string): string {
  return `${host}/${owner}/${name}`.toLowerCase();
}

/**
 * A finder of repos by URL, built once per repo list (a map, not a scan per lookup: a big org has thousands of
 * repos and many more URLs).
 */
export function repoFinder<R extends { host: string; owner: string; name: string }>(repos: readonly R[]): (url: GithubUrl) => R | undefined {
  const cached = finders.get(repos);
  if (cached) return cached as (url: GithubUrl) => R | undefined;
  const byKey = new Map<string, R>();
  for (const r of repos) if (!byKey.has(repoKey(r.host, r.owner, r.name))) byKey.set(repoKey(r.host, r.owner, r.name), r);
  const find = (url: GithubUrl) => byKey.get(repoKey(url.host, url.owner, url.repo));
  finders.set(repos, find);
  return find;
}

const finders = new WeakMap<object, (url: GithubUrl) => unknown>();

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The web view of a file at a ref (branch or commit), at a line when `line` > 0: `<repo>/blob/<ref>/<path>#L<line>`. */
export function githubBlobUrl(repoUrl: string, ref: string, path: string, line = 0): string {
  const file = path.split('/').map(encodeURIComponent).join('/');
  return `${repoUrl.replace(/\/+$/, '')}/blob/${encodeURIComponent(ref)}/${file}${line > 0 ? `#L${line}` : ''}`;
}
