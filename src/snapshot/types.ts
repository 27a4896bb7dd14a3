// What every stage after the sources sees: repos and their files at a commit.
// Nothing here says whether the files came from disk or from GitHub.

export interface RepoInfo {
  /** Repo name, unique within the snapshot (e.g. `payments-api`). */
  name: string;
  /** Organisation or user that owns the repo. */
  owner: string;
  /** Web host, e.g. `github.com` or a GitHub Enterprise Server host. */
  host: string;
  defaultBranch: string;
  /** Head commit of the default branch (or a content hash for local folders). */
  commit: string;
  /** `https://<host>/<owner>/<name>` */
  url: string;
  description?: string;
  topics?: string[];
  visibility?: 'public' | 'private' | 'internal';
  archived?: boolean;
  fork?: boolean;
  /**
   * Set when a fetch failed and the repo's files are the last good ones from the cache; `since` is when
   * those were crawled, absent when there was no earlier crawl (the repo then has no files this time).
   */
  stale?: { reason: string; since?: string };
}

export interface FileRef {
  repo: string;
  /** Repo-relative posix path, no leading slash. */
  path: string;
}

export type FileContent =
  | (FileRef & { kind: 'text'; text: string })
  | (FileRef & { kind: 'missing' })
  | (FileRef & { kind: 'skipped'; reason: 'binary' | 'too-large'; size: number })
  | (FileRef & { kind: 'error'; message: string });

export interface Snapshot {
  readonly repos: readonly RepoInfo[];
  /** Reads many files at once; sources batch these (one GraphQL query for many blobs). Results keep request order. */
  read(files: readonly FileRef[]): Promise<FileContent[]>;
  /** Repo-relative paths of every file in a repo (posix, sorted). */
  list(repo: string): Promise<string[]>;
  /** Raw bytes of one file (assets such as images); undefined when missing. */
  readBytes(file: FileRef): Promise<Uint8Array | undefined>;
  /** Repo-relative paths of the files git marks executable (mode 100755), so a skeleton's `gradlew` stays runnable. */
  executables(repo: string): Promise<ReadonlySet<string>>;
}
