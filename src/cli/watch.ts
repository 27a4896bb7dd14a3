// `backlot dev` watches the folders its repos live in and reports changed paths in batches: an editor's save is
// several events (a temporary file, a rename, a write), and a folder copied in is hundreds.

import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { sep } from 'node:path';

export interface Change {
  /** The watched folder. */
  root: string;
  /** Posix path relative to `root`; `''` when the system did not say which. */
  path: string;
}

/** Folders whose changes never matter (as the local source skips them), and editors' scratch files. */
const IGNORED_DIRS = new Set(['.git', 'node_modules', '.backlot-cache']);
const SCRATCH = /(^\.#|~$|\.sw[a-p]$|^4913$|\.tmp$)/;

export function ignoredPath(path: string): boolean {
  const segments = path.split('/');
  return segments.some((s) => IGNORED_DIRS.has(s)) || SCRATCH.test(segments[segments.length - 1]!);
}

/**
 * Watches `roots` and everything below them, and calls `onChanges` once the events have paused for `quietMs`.
 * One watcher per folder rather than Node's `recursive: true`: on Linux that one follows each file's inode, so
 * after the first save that replaces a file (sed -i, most editors' safe write) the file's later saves go unseen.
 */
export function watchFolders(roots: readonly string[], onChanges: (changes: Change[]) => void, quietMs = 100): { close(): void } {
  let pending = new Map<string, Change>();
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    const changes = [...pending.values()];
    pending = new Map();
    if (changes.length) onChanges(changes);
  };
  const trees = roots.map((root) =>
    watchTree(root, (path) => {
      pending.set(`${root}\0${path}`, { root, path });
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    }),
  );
  return {
    close() {
      clearTimeout(timer);
      for (const t of trees) t.close();
    },
  };
}

function watchTree(root: string, changed: (path: string) => void): { close(): void } {
  const watchers = new Map<string, FSWatcher>();
  let warned = false;
  const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
  const unwatch = (dir: string) => {
    for (const [d, w] of watchers) {
      if (d === dir || d.startsWith(`${dir}/`)) {
        w.close();
        watchers.delete(d);
      }
    }
  };
  /** Watches `dir` and its sub-folders; `announce`: a folder new since the start, whose files count as changed. */
  const add = (dir: string, announce: boolean) => {
    if (watchers.has(dir)) return;
    let entries;
    try {
      const watcher = watch(dir ? `${root}/${dir}` : root, (_event, name) => {
        const path = name ? join(dir, name.toString().split(sep).join('/')) : dir;
        if (ignoredPath(path)) return;
        changed(path);
        const info = statSync(`${root}/${path}`, { throwIfNoEntry: false });
        if (info?.isDirectory()) add(path, true);
        else if (!info && watchers.has(path)) unwatch(path);
      });
      watcher.on('error', () => unwatch(dir));
      watchers.set(dir, watcher);
      entries = readdirSync(dir ? `${root}/${dir}` : root, { withFileTypes: true });
    } catch (err) {
      // Gone already (its parent's watcher has said so), or the system's limit on watches is reached.
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR' && !warned) {
        warned = true;
        console.error(`backlot dev: cannot watch ${root}/${dir} (${code ?? (err as Error).message}); saves below it go unseen${code === 'ENOSPC' ? ' (raise fs.inotify.max_user_watches)' : ''}`);
      }
      return;
    }
    for (const e of entries) {
      const path = join(dir, e.name);
      if (ignoredPath(path)) continue;
      if (e.isDirectory()) add(path, announce);
      else if (announce) changed(path);
    }
  };
  add('', false);
  return {
    close() {
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}
