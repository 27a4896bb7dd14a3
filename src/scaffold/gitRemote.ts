// The GitHub repo a local git work tree is a clone of, read from its `.git/config` (never by running git),
// so a template run as a file knows its repo's URL as Backstage would.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface GitRemote {
  host: string;
  owner: string;
  name: string;
}

/** `https://host/owner/name(.git)`, `git@host:owner/name(.git)` or `ssh://git@host/owner/name` → its parts. */
export function parseRemoteUrl(url: string): GitRemote | undefined {
  const m = /^(?:[a-z+]+:\/\/)?(?:[^@/]+@)?([^:/]+)(?::\d+)?[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/i.exec(url.trim());
  return m ? { host: m[1]!.toLowerCase(), owner: m[2]!, name: m[3]! } : undefined;
}

/** The config file of a work tree: `.git/config`, or the common dir's when `.git` is a file (a linked worktree). */
function configFile(root: string): string | undefined {
  const dotGit = join(root, '.git');
  if (!existsSync(dotGit)) return undefined;
  if (statSync(dotGit).isDirectory()) return join(dotGit, 'config');
  const gitdir = /^gitdir:\s*(.+)$/m.exec(readFileSync(dotGit, 'utf8'))?.[1]?.trim();
  if (!gitdir) return undefined;
  const dir = resolve(root, gitdir);
  const common = existsSync(join(dir, 'commondir')) ? resolve(dir, readFileSync(join(dir, 'commondir'), 'utf8').trim()) : dir;
  return join(common, 'config');
}

/** The `origin` remote (else the first one) of the work tree at `root`, when it is a URL of a repo. */
export function gitRemoteOf(root: string): GitRemote | undefined {
  const file = configFile(root);
  if (!file || !existsSync(file)) return undefined;
  const remotes = new Map<string, string>();
  let current: string | undefined;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const section = /^\s*\[remote\s+"([^"]+)"\]/.exec(line);
    if (section) current = section[1];
    else if (/^\s*\[/.test(line)) current = undefined;
    else if (current) {
      const url = /^\s*url\s*=\s*(.+?)\s*$/.exec(line)?.[1];
      if (url && !remotes.has(current)) remotes.set(current, url);
    }
  }
  const url = remotes.get('origin') ?? [...remotes.values()][0];
  return url ? parseRemoteUrl(url) : undefined;
}
