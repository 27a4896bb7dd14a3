// `backlot dev` watches the folders its repos live in and reports changed paths in batches: an editor's save is
// several events (a temporary file, a rename, a write), and a folder copied in is hundreds.

import { watch, type FSWatcher } from 'node:fs';
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
 * Watches `roots` recursively (Node's fs.watch: inotify on Linux, FSEvents on macOS) and calls `onChanges` once
 * the events have paused for `quietMs`.
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
  const watchers: FSWatcher[] = roots.map((root) => {
    const watcher = watch(root, { recursive: true }, (_event, filename) => {
      const path = filename ? filename.toString().split(sep).join('/') : '';
      if (path && ignoredPath(path)) return;
      pending.set(`${root}\0${path}`, { root, path });
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    });
    watcher.on('error', (err) => console.error(`backlot dev: stopped watching ${root}: ${err.message}`));
    return watcher;
  });
  return {
    close() {
      clearTimeout(timer);
      for (const w of watchers) w.close();
    },
  };
}
