// Crawl progress: a bar on a terminal, plain lines in CI or a pipe, and the closing summary.

import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export interface ProgressCounts {
  requests: number;
  points: number;
  files: number;
}

export interface Progress {
  /** Starts a phase (`repos listed`, `files fetched`, …) of `total` items. */
  start(label: string, total: number): void;
  update(done: number, total?: number): void;
  stop(): void;
  /** A line that must not tear the bar. */
  log(line: string): void;
}

export interface ProgressOptions {
  /** Draw a bar (a terminal); otherwise log a line now and then. */
  bar: boolean;
  write: (line: string) => void;
  counts: () => ProgressCounts;
  /** Least time between plain progress lines. */
  intervalMs?: number;
}

export function createProgress(options: ProgressOptions): Progress {
  const intervalMs = options.intervalMs ?? 2000;
  let multi: MultiBar | undefined;
  let bar: SingleBar | undefined;
  let label = '';
  let total = 0;
  let done = 0;
  let lastLine = 0;
  const payload = () => {
    const c = options.counts();
    return { label, files: c.files, requests: c.requests, points: c.points };
  };
  const plain = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastLine < intervalMs) return;
    lastLine = now;
    const c = options.counts();
    options.write(`GitHub: ${label} ${done}/${total} · ${c.files} files fetched · ${c.requests} requests · ${c.points} points`);
  };

  return {
    start(nextLabel, nextTotal) {
      label = nextLabel;
      total = nextTotal;
      done = 0;
      if (options.bar) {
        multi ??= new MultiBar(
          {
            format: 'GitHub {bar} {value}/{total} {label} | {files} files | {requests} requests | {points} points',
            stream: process.stderr,
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        );
        bar?.stop();
        if (bar) multi.remove(bar);
        bar = multi.create(total, 0, payload());
      } else {
        lastLine = Date.now();
      }
    },
    update(nextDone, nextTotal) {
      done = nextDone;
      if (nextTotal !== undefined) total = nextTotal;
      if (bar) {
        if (nextTotal !== undefined) bar.setTotal(nextTotal);
        bar.update(done, payload());
      } else if (!options.bar) {
        plain(done >= total);
      }
    },
    stop() {
      multi?.stop();
      multi = undefined;
      bar = undefined;
    },
    log(line) {
      if (multi) multi.log(`${line}\n`);
      else options.write(line);
    },
  };
}

export interface CrawlSummary {
  orgs: string[];
  seen: number;
  matched: number;
  changed: number;
  stale: number;
  /** Why repos are stale, most common first (`3 × listing failed: …`). */
  staleReasons: string;
  requests: number;
  points: number;
  files: number;
  ms: number;
  rateLimit?: { remaining: number; limit: number; resetAt: Date };
}

export function formatSummary(s: CrawlSummary): string {
  const rate = s.rateLimit ? `; rate limit ${s.rateLimit.remaining}/${s.rateLimit.limit} left until ${s.rateLimit.resetAt.toISOString().slice(11, 16)} UTC` : '';
  return (
    `GitHub ${s.orgs.join(', ')}: ${s.seen} repos seen, ${s.matched} matched, ${s.changed} changed` +
    `${s.stale ? `, ${s.stale} stale (${s.staleReasons})` : ''}; ${s.files} files fetched in ${s.requests} requests, ${s.points} points, ` +
    `${(s.ms / 1000).toFixed(1)} s${rate}`
  );
}

/**
 * Stale repos' reasons, grouped: request ids, repo names and all but the first sentence are dropped so
 * the same failure counts once; the two most common are named, the rest counted.
 */
export function staleReasons(reasons: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const r of reasons) {
    // The first sentence says what went wrong; the rest is request ids and advice.
    let key = r.split('\n')[0]!.replace(/`[^`]*`/g, '…').replace(/\b[\w.-]+\/[\w.-]+\b/g, '…').replace(/^(.{20,}?\.)\s.*$/, '$1');
    if (key.length > 90) key = `${key.slice(0, 89)}…`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const sorted = [...counts].sort((a, b) => b[1] - a[1]);
  const shown = sorted.slice(0, 2).map(([why, n]) => `${n} × ${why}`);
  const rest = sorted.slice(2).reduce((sum, [, n]) => sum + n, 0);
  return [...shown, ...(rest ? [`${rest} for other reasons`] : [])].join('; ');
}
