// The scaffold run's live step log, kept as a GitHub check run on the portal repo's commit: the workflow writes
// it (src/scaffold/runLog.ts), GitHub shows it, and the portal's run panel reads it back. Both sides take the
// format from here. Browser-safe.
//
// `summary`: a hidden JSON line with the steps (for the panel), then the error, a table of the steps and the
// output. `text`: each step's log lines in a fenced block after a hidden marker. Each of the two is at most
// 65,535 characters (GitHub's limit); a long log keeps its tail and says how many lines it left out.

export const RUN_LOG_CHECK_NAME = 'Backlot scaffold';
/** GitHub's limit on a check run's `output.summary` and `output.text`, in characters. */
export const CHECK_OUTPUT_LIMIT = 65_535;

export type StepStatus = 'pending' | 'running' | 'done' | 'failed' | 'skipped';

export interface RunLogStep {
  id: string;
  name: string;
  action: string;
  status: StepStatus;
  ms?: number;
  /** The newest lines (the writer keeps a tail). */
  lines: string[];
  /** Earlier lines left out. */
  dropped: number;
}

export interface RunLogLink {
  title: string;
  url?: string;
  entityRef?: string;
}

export interface RunLog {
  template: string;
  state: 'running' | 'succeeded' | 'failed';
  /** Why the run failed, shown first. */
  error?: string;
  /** Id of the step that failed, if one did. */
  failedStep?: string;
  /** Lines not of any step: who may run it, loading the template. */
  notes: string[];
  notesDropped: number;
  steps: RunLogStep[];
  links: RunLogLink[];
  text: Array<{ title?: string; content?: string }>;
}

export interface CheckOutput {
  title: string;
  summary: string;
  text: string;
}

const META = 'backlot-run-log';
const STEP = 'backlot-step';
// Room left under the limit for headings and notes around the kept lines.
const TEXT_BUDGET = CHECK_OUTPUT_LIMIT - 1_000;
const MAX_ERROR = 6_000;
const MAX_FIELD = 200;
const MAX_OUTPUT_TEXT = 8_000;
const MAX_TABLE_STEPS = 100;

/** UTF-8 bytes, never fewer than characters however GitHub counts them. */
export function sizeOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c < 0xdc00 ? (i++, 4) : 3;
  }
  return n;
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
/** The end of a line too long for its share, marked. */
const tailOf = (text: string, max: number) => (sizeOf(text) <= max ? text : `…${text.slice(-Math.max(1, Math.floor(max / 4)))}`);

export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`;
}

const ICON: Record<StepStatus, string> = { pending: '⏳', running: '▶️', done: '✅', failed: '❌', skipped: '⏭️' };

function fence(lines: readonly string[]): string {
  // No line can close the block early: runs of three or more tildes become two.
  return ['~~~text', ...lines.map((l) => l.replace(/~{3,}/g, '~~')), '~~~'].join('\n');
}

const escapeMd = (text: string) => text.replace(/([\\[\]()*_`<>|#])/g, '\\$1').replace(/\r?\n/g, ' ');

/** Lines kept per section so that all fit in `budget`: small logs whole, the rest share what is left and keep their tails. */
function allowances(sizes: readonly number[], budget: number): number[] {
  const order = sizes.map((size, i) => ({ size, i })).sort((a, b) => a.size - b.size);
  const out = new Array<number>(sizes.length).fill(0);
  let left = budget;
  for (let k = 0; k < order.length; k++) {
    const share = Math.floor(left / (order.length - k));
    const give = Math.min(order[k]!.size, Math.max(0, share));
    out[order[k]!.i] = give;
    left -= give;
  }
  return out;
}

function keepTail(lines: readonly string[], allowance: number): { kept: string[]; dropped: number } {
  let used = 0;
  let i = lines.length;
  while (i > 0 && used + sizeOf(lines[i - 1]!) + 1 <= allowance) used += sizeOf(lines[--i]!) + 1;
  // A last line longer than the whole allowance still shows its end.
  if (i === lines.length && i > 0 && allowance > 8) return { kept: [tailOf(lines[i - 1]!, allowance - 1)], dropped: i - 1 };
  return { kept: lines.slice(i), dropped: i };
}

function title(log: RunLog): string {
  const n = log.steps.length;
  if (log.state === 'failed') return clip(`${log.template} failed${log.failedStep ? ` at step ${log.failedStep}` : ''}`, MAX_FIELD);
  if (log.state === 'succeeded') {
    const ms = log.steps.reduce((sum, s) => sum + (s.ms ?? 0), 0);
    return clip(`${log.template} ran: ${n} step${n === 1 ? '' : 's'} in ${formatDuration(ms)}`, MAX_FIELD);
  }
  const at = log.steps.findIndex((s) => s.status === 'running' || s.status === 'pending');
  return clip(at === -1 ? `Running ${log.template}` : `Running ${log.template}: step ${at + 1} of ${n} (${log.steps[at]!.name})`, MAX_FIELD);
}

/** The check run's output for a log, every part within GitHub's limits. */
export function formatRunLog(log: RunLog, portalUrl?: (entityRef: string) => string | undefined): CheckOutput {
  const sections = [{ key: 'run', heading: 'Run', lines: log.notes, dropped: log.notesDropped }].concat(
    log.steps.map((s, i) => ({
      key: String(i),
      heading: `${ICON[s.status]} ${escapeMd(clip(s.name, MAX_FIELD))} (\`${clip(s.id, MAX_FIELD).replace(/`/g, "'")}\`) · ${s.status}${s.ms !== undefined ? ` · ${formatDuration(s.ms)}` : ''}`,
      lines: s.lines,
      dropped: s.dropped,
    })),
  );
  const shown = sections.filter((s) => s.lines.length || s.key !== 'run');
  const overhead = shown.reduce((sum, s) => sum + sizeOf(s.heading) + 120, 0);
  const give = allowances(shown.map((s) => s.lines.reduce((sum, l) => sum + sizeOf(l) + 1, 0)), Math.max(0, TEXT_BUDGET - overhead));
  const parts: string[] = [];
  shown.forEach((s, i) => {
    const { kept: lines, dropped } = keepTail(s.lines, give[i]!);
    const total = dropped + s.dropped;
    parts.push(`<!-- ${STEP} ${s.key} -->`, `#### ${s.heading}`, '');
    if (total) parts.push(`_${total.toLocaleString('en')} earlier line${total === 1 ? '' : 's'} not shown: the log keeps the tail of long logs._`, '');
    if (lines.length) parts.push(fence(lines), '');
  });
  let text = parts.join('\n');
  if (text.length > CHECK_OUTPUT_LIMIT) text = `${text.slice(0, CHECK_OUTPUT_LIMIT - 2)}\n…`;

  const meta = {
    v: 1,
    template: log.template,
    state: log.state,
    ...(log.error ? { error: clip(log.error, MAX_ERROR) } : {}),
    ...(log.failedStep ? { failedStep: log.failedStep } : {}),
    steps: log.steps.map((s) => ({ id: clip(s.id, MAX_FIELD), name: clip(s.name, MAX_FIELD), action: clip(s.action, MAX_FIELD), status: s.status, ...(s.ms !== undefined ? { ms: Math.round(s.ms) } : {}) })),
    links: log.links.map((l) => ({ title: clip(l.title, MAX_FIELD), ...(l.url ? { url: l.url } : {}), ...(l.entityRef ? { entityRef: l.entityRef } : {}) })),
    text: clipTexts(log.text),
  };
  const lines = [`<!-- ${META} ${JSON.stringify(meta).replace(/--/g, '-\\u002d')} -->`, ''];
  if (log.error) lines.push(`**Failed${log.failedStep ? ` at step \`${log.failedStep.replace(/`/g, "'")}\`` : ''}:**`, '', fence(meta.error!.split(/\r?\n/)), '');
  lines.push('| | step | action | status | duration |', '| --- | --- | --- | --- | --- |');
  for (const s of log.steps.slice(0, MAX_TABLE_STEPS)) {
    lines.push(`| ${ICON[s.status]} | ${escapeMd(clip(s.name, MAX_FIELD))} | \`${clip(s.action, MAX_FIELD).replace(/[`|]/g, '')}\` | ${s.status} | ${formatDuration(s.ms)} |`);
  }
  if (log.steps.length > MAX_TABLE_STEPS) lines.push('', `…and ${log.steps.length - MAX_TABLE_STEPS} more steps (below).`);
  lines.push('');
  if (meta.links.length) {
    lines.push('**Output**', '');
    for (const l of meta.links) {
      const url = l.url ?? (l.entityRef ? portalUrl?.(l.entityRef) : undefined);
      lines.push(url ? `- [${escapeMd(l.title)}](<${url.replace(/[<>\s]/g, encodeURIComponent)}>)` : `- ${escapeMd(l.title)}: \`${(l.entityRef ?? '').replace(/`/g, '')}\``);
    }
    lines.push('');
  }
  for (const t of meta.text) {
    if (t.title) lines.push(`**${escapeMd(t.title)}**`, '');
    if (t.content) lines.push(t.content, '');
  }
  let summary = lines.join('\n');
  if (summary.length > CHECK_OUTPUT_LIMIT) summary = `${summary.slice(0, CHECK_OUTPUT_LIMIT - 2)}\n…`;
  return { title: title(log), summary, text };
}

function clipTexts(texts: RunLog['text']): RunLog['text'] {
  let left = MAX_OUTPUT_TEXT;
  return texts.map((t) => {
    const content = t.content ? clip(t.content, Math.max(1, left)) : undefined;
    left -= content?.length ?? 0;
    return { ...(t.title ? { title: clip(t.title, MAX_FIELD) } : {}), ...(content ? { content } : {}) };
  });
}

const STATUSES: readonly StepStatus[] = ['pending', 'running', 'done', 'failed', 'skipped'];
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The log back from a check run's output; `undefined` when it is not one Backlot wrote. */
export function parseRunLog(output: { summary?: string | null; text?: string | null }): RunLog | undefined {
  const first = /^<!-- backlot-run-log (.*) -->$/m.exec(output.summary ?? '');
  if (!first) return undefined;
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(first[1]!) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (meta.v !== 1 || !Array.isArray(meta.steps)) return undefined;
  const sections = readSections(output.text ?? '');
  const section = (key: string) => sections.get(key) ?? { lines: [], dropped: 0 };
  const state = meta.state === 'succeeded' || meta.state === 'failed' ? meta.state : 'running';
  const steps: RunLogStep[] = (meta.steps as Array<Record<string, unknown>>).map((s, i) => ({
    id: str(s.id) ?? `step-${i + 1}`,
    name: str(s.name) ?? '',
    action: str(s.action) ?? '',
    status: STATUSES.includes(s.status as StepStatus) ? (s.status as StepStatus) : 'pending',
    ...(typeof s.ms === 'number' ? { ms: s.ms } : {}),
    ...section(String(i)),
  }));
  const links = (Array.isArray(meta.links) ? meta.links : []).flatMap((l: Record<string, unknown>) => {
    const title = str(l?.title) ?? 'Link';
    const url = str(l?.url);
    const entityRef = str(l?.entityRef);
    return url || entityRef ? [{ title, ...(url ? { url } : {}), ...(entityRef ? { entityRef } : {}) }] : [];
  });
  const text = (Array.isArray(meta.text) ? meta.text : []).map((t: Record<string, unknown>) => ({
    ...(str(t?.title) ? { title: str(t.title)! } : {}),
    ...(str(t?.content) ? { content: str(t.content)! } : {}),
  }));
  const notes = section('run');
  return {
    template: str(meta.template) ?? '',
    state,
    ...(str(meta.error) ? { error: str(meta.error)! } : {}),
    ...(str(meta.failedStep) ? { failedStep: str(meta.failedStep)! } : {}),
    notes: notes.lines,
    notesDropped: notes.dropped,
    steps,
    links,
    text,
  };
}

/** Each marked section's fenced lines and how many it left out; markers inside a fence are log text. */
function readSections(text: string): Map<string, { lines: string[]; dropped: number }> {
  const out = new Map<string, { lines: string[]; dropped: number }>();
  let current: { lines: string[]; dropped: number } | undefined;
  let inFence = false;
  for (const line of text.split('\n')) {
    if (inFence) {
      if (line === '~~~') inFence = false;
      else current?.lines.push(line);
      continue;
    }
    const marker = /^<!-- backlot-step (\w+) -->$/.exec(line);
    if (marker) out.set(marker[1]!, (current = { lines: [], dropped: 0 }));
    else if (line === '~~~text') inFence = true;
    else if (current) {
      const dropped = /^_([\d,]+) earlier lines? not shown/.exec(line);
      if (dropped) current.dropped = Number(dropped[1]!.replace(/,/g, ''));
    }
  }
  return out;
}
