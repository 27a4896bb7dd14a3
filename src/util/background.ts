// Background work (the static API's files, the search index) shares this machine's cores with the
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
 * after them, and on a machine with few cores those compete with the rendering thread: a
 * 10,000-entity build took 2–7 % less CPU and about 3 % less time without them. The CLI sets this for itself
 * (backlot.js) and for the site child (child.ts).
 */
export function scavengeFlags(execArgv: readonly string[]): string[] {
  return execArgv.some((a) => /^--(no-)?parallel-scavenge$/.test(a)) ? [...execArgv] : [...execArgv, '--no-parallel-scavenge'];
}

/** How far V8 lets the CLI's old generation grow past what its last full GC kept, in percent (V8's own: up to 300). */
export const CLI_HEAP_GROWING_PERCENT = 60;

/**
 * The CLI's own V8 flags, set from backlot.js before anything loads: scavengeFlags, and a slower-growing old
 * generation unless the caller set `--heap-growing-percent`. The pipeline's stages leave garbage behind them
 * (parse trees, YAML positions, file texts) that V8, letting the heap grow up to 4× past what it kept, collected
 * only after the docs stage: at 100,000 entities the heap reached 1.96 GB with 0.8 GB live, the CLI's peak
 * (2.3 GB). Up to the model's send at 100,000 entities: peak 1.66 GB at 60 %, 1.52 GB at 30 %; at 10,000
 * entities the pipeline's CPU 1.02× at 60 % and 1.10× at 30 % (5 pairs each). Set only once the heap passed
 * 640 MB, it came too late: V8 had raised its limit already (2.06 GB).
 */
export function cliFlags(execArgv: readonly string[], nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const flags = scavengeFlags(execArgv);
  const set = [...flags, ...nodeOptions.split(/\s+/)].some((a) => /^--heap-growing-percent(=|$)/.test(a));
  return set ? flags : [...flags, `--heap-growing-percent=${CLI_HEAP_GROWING_PERCENT}`];
}

/**
 * From this many entities the site child lets its old generation grow at most SITE_HEAP_GROWING_PERCENT past what
 * its last full GC kept (set once that many entities have arrived: largeModelFlag). Since entity pages are written
 * from a shell (../site/build/shell-pages.ts) the render thread promotes less garbage, so at 100,000 entities V8
 * ran no full GC for 20 s of the render and let the heap grow from 1.03 to 1.53 GB: the child's peak was 2.29 GB
 * (its RSS sampled each second), against 2.01 GB at 20 % and 1.88 GB at 10 % (the site stage 45–50 s either way).
 * At 10,000 entities 20 % from the start cost 1.04x the wall time and 8 % more user CPU (6 interleaved pairs), so
 * smaller models keep V8's own growth.
 */
export const LARGE_MODEL_ENTITIES = 50_000;
export const SITE_HEAP_GROWING_PERCENT = 10;

/** The V8 flag the site child sets for a large model, or undefined when its flags set a growth of their own. */
export function largeModelFlag(execArgv: readonly string[]): string | undefined {
  return execArgv.some((a) => /^--heap-growing-percent(=|$)/.test(a)) ? undefined : `--heap-growing-percent=${SITE_HEAP_GROWING_PERCENT}`;
}

/** The young generation's semi-space for the site child, in MB (V8's default on 64-bit is at most 16 or 32 MB). */
export const SITE_SEMI_SPACE_MB = 64;

/**
 * The site child's Node flags: scavengeFlags, and a larger young generation unless the caller set one (in its
 * flags or NODE_OPTIONS). Rendering 10,000 pages allocates mostly short-lived strings and objects; with the default
 * semi-space, scavenges promoted much of them and garbage collection took a quarter of the render thread's time
 * (CPU profile). With 64 MB (set then through NODE_OPTIONS for every process of the build) the whole build took
 * 12 % less CPU (user+sys 26.3 s against 28.0 s, medians of 3 interleaved cold builds at 10,000 entities on a
 * loaded 2-core VM) for about 20 MB more peak memory.
 */
export function siteChildFlags(execArgv: readonly string[], nodeOptions = process.env.NODE_OPTIONS ?? ''): string[] {
  const flags = scavengeFlags(execArgv);
  const set = [...flags, ...nodeOptions.split(/\s+/)].some((a) => /^--max-semi-space-size(=|$)/.test(a));
  return set ? flags : [...flags, `--max-semi-space-size=${SITE_SEMI_SPACE_MB}`];
}
