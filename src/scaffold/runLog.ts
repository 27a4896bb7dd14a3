// The live step log of a scaffold run in Actions: one GitHub check run on the portal repo's commit, created
// when the run starts and updated as it goes (format: src/model/scaffoldRunLog.ts). Writing it never fails the
// run: a token without "checks: write" costs a warning, and the log is simply not kept.

import { CHECK_OUTPUT_LIMIT, formatRunLog, RUN_LOG_CHECK_NAME, type RunLog, type RunLogStep } from '../model/scaffoldRunLog.ts';
import { messageOf, type GithubApi } from './github.ts';
import { entityPageUrl } from './output.ts';
import type { ScaffoldOutput, StepEvent } from './types.ts';

/** Lines kept per step (and for the notes): the newest, up to what a check run can show anyway. */
class Tail {
  private all: string[] = [];
  private head = 0;
  private size = 0;
  dropped = 0;
  get lines(): string[] {
    return this.all.slice(this.head);
  }
  push(line: string): void {
    this.all.push(line);
    this.size += line.length + 1;
    while (this.size > CHECK_OUTPUT_LIMIT && this.head < this.all.length - 1) {
      this.size -= this.all[this.head++]!.length + 1;
      this.dropped++;
    }
    // Dropped lines are let go in batches, so a chatty step costs constant time per line.
    if (this.head > 1024 && this.head * 2 > this.all.length) {
      this.all = this.all.slice(this.head);
      this.head = 0;
    }
  }
}

export interface RunLogOptions {
  gh: GithubApi;
  /** The portal repo and the commit the workflow runs on (`GITHUB_SHA`). */
  owner: string;
  repo: string;
  headSha: string;
  template: string;
  /** The workflow run's id and page: the portal finds the check run by the id. */
  externalId?: string;
  detailsUrl?: string;
  portalUrl?: string;
  /** Masks secrets and tokens in everything sent. */
  redact: (text: string) => string;
  warn?: (line: string) => void;
  /** Least time between two updates (GitHub paces writes); the last one is sent regardless. */
  minInterval?: number;
}

export interface LiveRunLog {
  /** The check run's page, once created. */
  readonly url: string | undefined;
  /** Creates the check run (in progress). */
  start(): Promise<void>;
  /** A line: the running step's, or a note of the run. */
  line(text: string): void;
  step(event: StepEvent): void;
  succeed(output: ScaffoldOutput): Promise<void>;
  fail(message: string, stepId?: string): Promise<void>;
}

export function createRunLog(options: RunLogOptions): LiveRunLog {
  const { gh, owner, repo, redact } = options;
  const warn = options.warn ?? ((line: string) => console.warn(line));
  const notes = new Tail();
  const steps: Array<Omit<RunLogStep, 'lines' | 'dropped'> & { tail: Tail }> = [];
  const byId = new Map<string, (typeof steps)[number]>();
  let current: (typeof steps)[number] | undefined;
  const log: Omit<RunLog, 'notes' | 'notesDropped' | 'steps'> = { template: options.template, state: 'running', links: [], text: [] };
  let id: number | undefined;
  let url: string | undefined;
  let broken = false;
  let inFlight: Promise<void> | undefined;
  let dirty = false;
  let lastSent = 0;

  const snapshot = (): RunLog => ({
    ...log,
    notes: notes.lines,
    notesDropped: notes.dropped,
    steps: steps.map(({ tail, ...s }) => ({ ...s, lines: tail.lines, dropped: tail.dropped })),
  });
  const output = () => {
    const out = formatRunLog(snapshot(), (ref) => entityPageUrl(ref, options.portalUrl));
    return { title: redact(out.title), summary: redact(out.summary), text: redact(out.text) };
  };
  const disable = (err: unknown) => {
    if (!broken) warn(`warning: the live step log (a check run on ${owner}/${repo}) is not kept: ${redact(messageOf(err))}. Give the scaffold job "checks: write".`);
    broken = true;
  };

  async function send(final?: 'success' | 'failure'): Promise<void> {
    if (broken || id === undefined) return;
    try {
      await gh.request('PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}', {
        owner,
        repo,
        check_run_id: id,
        output: output(),
        ...(final ? { status: 'completed', conclusion: final } : {}),
      });
      lastSent = Date.now();
    } catch (err) {
      disable(err);
    }
  }

  /** One update at a time; changes made meanwhile go in the next one, at most one waiting. */
  function schedule(): void {
    if (broken || id === undefined) return;
    dirty = true;
    if (inFlight) return;
    inFlight = (async () => {
      while (dirty && !broken) {
        const wait = lastSent + (options.minInterval ?? 2000) - Date.now();
        if (wait > 0) await new Promise((ok) => setTimeout(ok, wait));
        dirty = false;
        await send();
      }
      inFlight = undefined;
    })();
  }

  async function finish(conclusion: 'success' | 'failure'): Promise<void> {
    log.state = conclusion === 'success' ? 'succeeded' : 'failed';
    current = undefined;
    for (const s of steps) if (s.status === 'pending' || s.status === 'running') s.status = 'skipped';
    dirty = false;
    await inFlight;
    await send(conclusion);
  }

  return {
    get url() {
      return url;
    },
    async start() {
      try {
        const res = await gh.request<{ id: number; html_url?: string }>('POST /repos/{owner}/{repo}/check-runs', {
          owner,
          repo,
          name: RUN_LOG_CHECK_NAME,
          head_sha: options.headSha,
          status: 'in_progress',
          ...(options.externalId ? { external_id: options.externalId } : {}),
          ...(options.detailsUrl ? { details_url: options.detailsUrl } : {}),
          output: output(),
        });
        id = res.data.id;
        url = res.data.html_url;
        lastSent = Date.now();
      } catch (err) {
        disable(err);
      }
    },
    line(text) {
      if (!current) notes.push(text);
      else {
        // The runner's `[id] name` line repeats the step's heading; its actions' lines are `[id]   message`.
        const prefix = `[${current.id}] `;
        if (!text.startsWith(prefix)) current.tail.push(text);
        else if (text.startsWith(`${prefix}  `)) current.tail.push(text.slice(prefix.length + 2));
        else return;
      }
      schedule();
    },
    step(event) {
      if (event.type === 'plan') {
        for (const s of event.steps) {
          const entry = { ...s, status: 'pending' as const, tail: new Tail() };
          steps.push(entry);
          byId.set(s.id, entry);
        }
      } else if (event.type === 'start') {
        current = byId.get(event.id);
        if (current) current.status = 'running';
      } else {
        const s = byId.get(event.id);
        if (s) {
          s.status = event.status;
          s.ms = event.ms;
          if (event.error) s.tail.push(`error: ${event.error}`);
        }
        current = undefined;
      }
      schedule();
    },
    async succeed(result) {
      if (log.state !== 'running') return;
      log.links = result.links.flatMap((l) => (l.url || l.entityRef ? [{ title: l.title ?? l.entityRef ?? l.url ?? 'Link', ...(l.url ? { url: l.url } : {}), ...(l.entityRef ? { entityRef: l.entityRef } : {}) }] : []));
      log.text = result.text.map((t) => ({ ...(t.title ? { title: t.title } : {}), ...(t.content ? { content: t.content } : {}) }));
      await finish('success');
    },
    async fail(message, stepId) {
      if (log.state !== 'running') return;
      log.error = message;
      if (stepId) log.failedStep = stepId;
      const failed = stepId ? byId.get(stepId) : undefined;
      if (failed && (failed.status === 'pending' || failed.status === 'running')) failed.status = 'failed';
      await finish('failure');
    },
  };
}
