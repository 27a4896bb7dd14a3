// A repo as the portal model knows it: where it lives, its branch and commit, and whether its files are stale.

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
  /** Who made the head commit (a GitHub login, else the git author's name), where the crawl knows it. */
  author?: string;
  /** A local folder: `commit` is a content hash, not a git commit (history does not show it). */
  local?: true;
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
