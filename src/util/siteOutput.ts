// The live site is replaced only by a complete build. A build claims its output folder with a lock (a second build
// into the same folder waits), writes everything into a work folder of its own beside it, and swaps the finished
// site in with two renames. A failed, interrupted or crashed build leaves the previous site whole; its leftovers
// are deleted by the next build that claims the folder. The site a build replaced is set aside, not deleted: its
// deletion (~13,000 files and 11,000 folders at 10,000 entities) cost 1.6-2 s of wall time at the end of every
// build, mostly waiting on the disk, and in CI the runner is thrown away with it. The next build deletes it once
// its own site is swapped in (deleted while that build wrote its pages, on another thread, it slowed the
// build's folder creation several-fold on a small VM's ext4), or when it fails.

import { closeSync, mkdirSync, openSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';

export interface SiteOutput {
  /** The output folder the site is swapped into. */
  outDir: string;
  /** This build's own work folder (beside outDir, so the swap is a rename on one filesystem). */
  work: string;
  /** Where the site is built: `<work>/site`, renamed to outDir by commit(). */
  site: string;
  /** A scratch folder of this build's (unique per build: staging for the API files, the search index…). */
  scratch(name: string): string;
  /**
   * Swaps the finished site in, sets the previous one aside beside outDir (the next claim deletes it), and releases
   * the folder.
   */
  commit(): Promise<void>;
  /** Deletes this build's work and releases the folder; the previous site stays. */
  abandon(): Promise<void>;
  /**
   * Runs `stop` first when the build is abandoned, interrupted or crashes: e.g. kill a child process that writes
   * into the work folder, so it cannot write there again after the folder is deleted. On a signal, a promise it
   * returns is waited for (two seconds at most) before the folder is deleted.
   */
  onRelease(stop: () => void | Promise<void>): void;
}

export interface ClaimOptions {
  /** Told once when another build holds the folder and this one waits for it. */
  onWait?: (holder: LockHolder, lockFile: string) => void;
  /** How often to look at the lock again while waiting (default 250 ms). */
  pollMs?: number;
}

export interface LockHolder {
  pid: number;
  started: string;
}

const lockFileOf = (outDir: string) => join(dirname(outDir), `.${basename(outDir)}.lock`);
const workPrefixOf = (outDir: string) => `.${basename(outDir)}.build-`;
/** A site a build replaced, set aside for the next claim to delete. */
export const previousPrefixOf = (outDir: string) => `.${basename(outDir)}.previous-`;

/** Claims `outDir` for one build: waits while another live build holds it, then cleans what dead builds left. */
export async function claimSiteOutput(outDirPath: string, options: ClaimOptions = {}): Promise<SiteOutput> {
  const outDir = resolve(outDirPath);
  const parent = dirname(outDir);
  await mkdir(parent, { recursive: true });
  const lockFile = lockFileOf(outDir);
  let told = false;
  for (;;) {
    if (tryLock(lockFile)) {
      held.add(lockFile);
      break;
    }
    const holder = readHolder(lockFile);
    // An unreadable lock younger than a few seconds is one being written right now.
    // A lock with this process's pid that it does not hold is a dead process's whose pid came round again.
    const live = holder ? (holder.pid === process.pid ? held.has(lockFile) : isAlive(holder.pid)) : ageMs(lockFile) < 5000;
    if (live) {
      if (!told && holder) options.onWait?.(holder, lockFile);
      told = true;
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
      continue;
    }
    // The holder is gone (killed, crashed, or the file is unreadable): its lock is stale.
    try {
      unlinkSync(lockFile);
    } catch {}
  }
  // We hold the lock: every other work folder beside outDir belongs to a build that is gone.
  const prefix = workPrefixOf(outDir);
  const setAside = previousPrefixOf(outDir);
  const names = readdirSync(parent);
  for (const name of names) if (name.startsWith(prefix)) rmSync(join(parent, name), { recursive: true, force: true });
  // Sites earlier builds replaced: deleted when this build ends, whole or failed.
  const earlier = names.filter((n) => n.startsWith(setAside)).map((n) => join(parent, n));
  const deleteEarlier = () => Promise.all(earlier.map((dir) => rm(dir, { recursive: true, force: true }).catch(() => {})));

  const work = join(parent, `${prefix}${process.pid}-${randomBytes(4).toString('hex')}`);
  const site = join(work, 'site');
  let released = false;
  const stops: Array<() => void | Promise<void>> = [];
  const runStops = () =>
    stops.map((stop) => {
      try {
        return Promise.resolve(stop()).catch(() => {});
      } catch {
        return Promise.resolve();
      }
    });
  const releaseSync = (stopped = false) => {
    if (released) return;
    released = true;
    if (!stopped) runStops();
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    rmSync(work, { recursive: true, force: true });
    held.delete(lockFile);
    try {
      if (readHolder(lockFile)?.pid === process.pid) unlinkSync(lockFile);
    } catch {}
  };
  // Ctrl-C or a kill: stop what writes into the work folder (at most two seconds), delete it and the lock, then die
  // of the same signal, so the caller sees it.
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupted = true; // commit() refuses from now on: the build goes on only until the handler below ends it
    const timeout = new Promise<void>((r) => setTimeout(r, 2000).unref());
    void Promise.race([Promise.all(runStops()), timeout]).then(() => {
      releaseSync(true);
      process.kill(process.pid, signal);
    });
  };
  const onExit = () => releaseSync(); // a crash: 'exit' still runs, and the previous site was never touched
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.once(signal, onSignal);
  // Made only once the handlers are in place: a signal that came between the two (a build stopped as soon as it
  // started, on a loaded machine) killed the process by its default action and left the folder and the lock.
  try {
    mkdirSync(work);
  } catch (err) {
    releaseSync();
    throw err;
  }

  return {
    outDir,
    work,
    site,
    scratch: (name) => join(work, name),
    async commit() {
      if (released) throw new Error(`the build's claim on ${outDir} was already released`);
      if (interrupted) throw new Error('the build was interrupted; the previous site stays');
      // The swap is synchronous: no signal handler (they run between tasks) can come between the two renames.
      const old = join(work, 'previous');
      let hadPrevious = true;
      try {
        renameSync(outDir, old);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        hadPrevious = false;
      }
      try {
        renameSync(site, outDir);
      } catch (err) {
        if (hadPrevious) renameSync(old, outDir); // put the previous site back
        throw err;
      }
      // The previous site goes aside whole (under the lock, so no build can take it for a dead one's leftovers);
      // the rest of the work folder is small.
      if (hadPrevious) {
        const aside = join(parent, `${setAside}${basename(work).slice(prefix.length)}`);
        renameSync(old, aside);
        // It sits beside outDir (often in a git work tree) until the next build: never to be committed.
        writeFileSync(join(aside, '.gitignore'), '*\n');
      }
      await Promise.all([rm(work, { recursive: true, force: true }), deleteEarlier()]);
      releaseSync();
    },
    async abandon() {
      if (!released) await deleteEarlier();
      releaseSync();
    },
    onRelease(stop: () => void | Promise<void>) {
      stops.push(stop);
    },
  };
}

/** Lock files this process holds (two builds in one process, as in tests, wait for each other too). */
const held = new Set<string>();

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function tryLock(lockFile: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, JSON.stringify({ pid: process.pid, started: new Date().toISOString() } satisfies LockHolder));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readHolder(lockFile: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(lockFile, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) ? holder : undefined;
  } catch {
    return undefined;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return 0; // gone meanwhile: look again
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
