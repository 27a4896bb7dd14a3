// What Node resolved the site child's imports to, kept for the next build of the same installation. The child
// loads about 1,350 modules (Astro, Vite, Rolldown, the markdown stack) every build, and Node resolves each import
// anew: for a package name a walk up the node_modules folders, package.json reads, its exports map, a realpath;
// for every file its format from the nearest package.json. The compile cache (src/cli/backlot.js) keeps the
// compiled code but not this. With it, Astro's loading and bundling up to where it waits for the model took 0.86×
// the CPU (user+sys 1.41 s against 1.63 s, medians of 9 interleaved runs on the shared 2-core VM; loading Astro
// alone 0.3 s instead of 0.6 s of wall time).
// Kept beside Node's compile cache, and like it not in CI (where nothing is read again). One file per installation
// (Node's version, this package's folder and package.json, npm's record of node_modules): an `npm install`
// starts a new one. A kept answer whose file is gone is asked again.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

type ResolveHook = NonNullable<Parameters<typeof module.registerHooks>[0]['resolve']>;

/** A resolution: the module's URL and its format (`module`, `commonjs`…; null when Node gave none). */
type Answer = [url: string, format: string | null];

export interface ResolveCache {
  resolve: ResolveHook;
  /** Writes the answers to the file when any changed. */
  save(): void;
  /** Answers given from the file. */
  readonly hits: number;
}

/** The answers kept in `file` (none when it is missing or unreadable), and a resolve hook that uses and adds to them. */
export function resolveCache(file: string): ResolveCache {
  let answers: Record<string, Answer> = {};
  try {
    answers = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Answer>;
  } catch {
    // none yet
  }
  // This process's answers, kept or new: only these are saved, so the answers for the chunks of an older bundle
  // (named by hash) do not pile up.
  const used: Record<string, Answer> = {};
  let changed = false;
  let hits = 0;
  const resolve: ResolveHook = (specifier, context, next) => {
    const key = `${context.parentURL ?? ''}\n${specifier}\n${(context.conditions ?? []).join(',')}`;
    // Asked again in this process (Node asks at every dynamic import(): Astro's at every page): the file was there.
    const kept = used[key] ?? (answers[key] && existsSync(fileURLToPath(answers[key][0])) ? answers[key] : undefined);
    if (kept) {
      hits += 1;
      used[key] = kept;
      return { url: kept[0], ...(kept[1] ? { format: kept[1] } : {}), shortCircuit: true };
    }
    const answer = next(specifier, context);
    // Installed files only: builtins need no walk, a URL with a query or another scheme may mean something each
    // time, and a file outside node_modules (this package's sources, the bundle's chunks, a plugin in the config's
    // repo) takes its format from a package.json that may change between builds without an install.
    if (answer.url.startsWith('file:') && answer.url.includes('/node_modules/') && !answer.url.includes('?') && !answer.url.includes('#')) {
      used[key] = [answer.url, answer.format ?? null];
      changed = true;
    }
    return answer;
  };
  const save = () => {
    if (!changed && Object.keys(used).length === Object.keys(answers).length) return;
    const scratch = `${file}.${process.pid}`;
    writeFileSync(scratch, JSON.stringify(used));
    renameSync(scratch, file); // whole or not at all, when two builds end together
    answers = { ...used };
    changed = false;
  };
  return {
    resolve,
    save,
    get hits() {
      return hits;
    },
  };
}

/**
 * The cache file for the package at `root` in `dir`, named by what its answers depend on; undefined when npm's
 * record of node_modules (`node_modules/.package-lock.json`) is not there to say when they change.
 */
export function resolveCacheFile(dir: string, root: string): string | undefined {
  let record;
  try {
    record = statSync(join(root, 'node_modules', '.package-lock.json'));
  } catch {
    return undefined;
  }
  const key = createHash('sha1')
    .update(`${process.version}\n${root}\n${record.size}\n${record.mtimeMs}\n`)
    .update(readFileSync(join(root, 'package.json')))
    .digest('hex')
    .slice(0, 16);
  return join(dir, `backlot-resolve-${key}.json`);
}

/**
 * Resolves this process's imports through the cache kept in `dir` (Node's compile cache folder: none, as in CI,
 * no cache), saving new answers when the process exits.
 */
export function useResolveCache(root: string, dir: string | undefined = process.env.NODE_COMPILE_CACHE): void {
  if (!dir || typeof module.registerHooks !== 'function') return;
  const file = resolveCacheFile(dir, root);
  if (!file) return;
  const cache = resolveCache(file);
  module.registerHooks({ resolve: cache.resolve });
  process.on('exit', () => {
    try {
      cache.save();
    } catch {
      // only slower next time
    }
  });
}
