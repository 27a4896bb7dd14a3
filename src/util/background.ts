// Background work (graph layouts, the static API's files, the search index) shares this machine's cores with the
// thread that renders the pages, which every build waits for. At equal priority the scheduler gives that thread
// only its share of a core while background work runs, and the background then ends early while the pages render
// on alone, one core idle. Lowering the background threads' priority keeps the rendering thread on a core.

import { setPriority } from 'node:os';

/** The nice value background threads take (the lowest priority: they only fill what rendering leaves). */
export const BACKGROUND_NICE = 19;

/**
 * Lowers the calling thread's priority, and so that of the threads and processes it starts from now on. Linux
 * only: there `setpriority(PRIO_PROCESS, 0)` applies to the calling thread; elsewhere it would lower the whole
 * process, rendering included, so nothing changes. Returns whether it did.
 */
export function lowerThreadPriority(platform: NodeJS.Platform = process.platform): boolean {
  if (platform !== 'linux' || process.env.BACKLOT_NO_NICE) return false;
  try {
    setPriority(BACKGROUND_NICE);
    return true;
  } catch {
    return false; // not allowed here (some containers): only slower
  }
}

/**
 * Node flags with V8's young-generation GC on the allocating thread (`--no-parallel-scavenge`), unless the caller
 * chose either way. A build allocates gigabytes of short-lived objects; V8's parallel scavenger sends helper threads
 * after them, and on a machine with few cores those compete with the rendering thread and the layout worker: a
 * 10,000-entity build took 2–7 % less CPU and about 3 % less time without them. The CLI sets this for itself
 * (backlot.js) and for the site child (child.ts).
 */
export function scavengeFlags(execArgv: readonly string[]): string[] {
  return execArgv.some((a) => /^--(no-)?parallel-scavenge$/.test(a)) ? [...execArgv] : [...execArgv, '--no-parallel-scavenge'];
}
