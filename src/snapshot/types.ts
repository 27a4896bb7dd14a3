// What every stage after the sources sees: repos and their files at a commit.
// Nothing here says whether the files came from disk or from GitHub.

export type { RepoInfo } from '../model/repo.ts';
import type { RepoInfo } from '../model/repo.ts';

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
  /**
   * What plugins asked GitHub about a repo in the crawl's listing (fields aliased `<plugin prefix>__…`, see
   * src/plugins/graphql.ts); undefined for a repo not crawled from GitHub, or not listed this time.
   */
  repoFields?(repo: string): Readonly<Record<string, unknown>> | undefined;
  /** Plugins' fields GitHub refused (`alias`: the plugin's aliased field; `field`: the one that failed). */
  repoFieldErrors?(): ReadonlyArray<{ repo: string; alias: string; field: string; message: string }>;
}
