// The live step log against the GitHub emulator: a real octokit client creates the check run, updates it
// while the steps run, and completes it with the error first and no secret anywhere.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, type EmulatorRepo } from '../../scripts/emulator/repos.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/server.ts';
import { parseRunLog, RUN_LOG_CHECK_NAME } from '../model/scaffoldRunLog.ts';
import { createGithubApi } from './github.ts';
import { createRunLog } from './runLog.ts';
import { runTemplate } from './runner.ts';
import { createRedactor } from './secrets.ts';
import { memoryTemplate, templateYaml } from './testing/template.ts';
import { ScaffoldError } from './types.ts';

const TOKEN = 'runlog-token';
const SECRET = 'npm_Zq8pL2xV9kR4tY7w';
const PORTAL: EmulatorRepo = { owner: 'acme', name: 'portal', files: { 'README.md': 'portal' } };
const SHA = buildRepo(PORTAL).heads.get('main')!.oid;

let em: Emulator;
beforeAll(async () => {
  em = await startEmulator({ repos: [PORTAL], token: TOKEN });
});
afterAll(() => em?.close());

const template = (steps: string) =>
  memoryTemplate({ 'templates/service/template.yaml': templateYaml(steps).replace('  title: A service\n', '  title: A service\n  annotations:\n    backlot.io/secrets: NPM_TOKEN\n') });

function liveLog() {
  return createRunLog(liveOptions());
}

function liveOptions() {
  return {
    gh: createGithubApi({ token: TOKEN, baseUrl: em.url, throttle: false }),
    owner: 'acme',
    repo: 'portal',
    headSha: SHA,
    template: 'template:default/service',
    externalId: '4242',
    detailsUrl: 'https://github.com/acme/portal/actions/runs/4242',
    redact: createRedactor([SECRET, TOKEN]),
    minInterval: 0,
  };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 20));
  }
}

describe('the live step log', () => {
  it('is created, updated while steps run, and ends with the failed step’s error first, every step, and no secret', async () => {
    const log = liveLog();
    await log.start();
    const check = em.checkRuns().at(-1)!;
    expect(check).toMatchObject({ name: RUN_LOG_CHECK_NAME, head_sha: SHA, external_id: '4242', status: 'in_progress' });
    expect(log.url).toBe(`https://github.com/acme/portal/runs/${check.id}`);

    const t = template(`steps:
  - { id: hello, name: Say hello, action: debug:log, input: { message: 'hello with \${{ secrets.NPM_TOKEN }}' } }
  - { id: wait, name: Wait a moment, action: debug:wait, input: { milliseconds: 800 } }
  - { id: read, name: Read the config, action: fs:read, input: { path: 'missing-\${{ secrets.NPM_TOKEN }}.txt' } }
  - { id: never, name: Never runs, action: debug:log, input: { message: never } }`);
    const running = runTemplate({
      template: t,
      values: {},
      workspace: mkdtempSync(join(tmpdir(), 'backlot-runlog-')),
      dryRun: true,
      secrets: { NPM_TOKEN: SECRET },
      log: log.line,
      onStep: log.step,
    });
    // While the wait step runs, the check run already shows the first step done with its line.
    const midway = await until('the wait step to show as running', () => {
      const seen = parseRunLog(check.output);
      return seen?.steps[1]?.status === 'running' ? seen : undefined;
    });
    expect(midway.state).toBe('running');
    expect(midway.steps.map((s) => s.status)).toEqual(['done', 'running', 'pending', 'pending']);
    expect(midway.steps[0]!.lines).toEqual(['hello with ***']);
    expect(check.output.title).toBe('Running template:default/service: step 2 of 4 (Wait a moment)');

    const err = await running.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ScaffoldError);
    await log.fail((err as ScaffoldError).message, (err as ScaffoldError).step);

    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(check.updates).toBeGreaterThanOrEqual(4);
    const { title, summary, text } = check.output as { title: string; summary: string; text: string };
    expect(title).toBe('template:default/service failed at step read');
    // The first thing shown, under the hidden line the portal reads, is the error.
    const shown = summary.split('\n').slice(1).join('\n').trimStart();
    expect(shown.startsWith('**Failed at step `read`:**\n\n~~~text\nstep "read" (fs:read) failed: ENOENT')).toBe(true);
    for (const name of ['Say hello', 'Wait a moment', 'Read the config', 'Never runs']) {
      expect(summary).toContain(`| ${name} |`);
      expect(text).toContain(` ${name} (\``);
    }
    expect(summary).toMatch(/\| ✅ \| Wait a moment \| `debug:wait` \| done \| \d+ ms \|/);
    expect(summary).toContain('| ⏭️ | Never runs | `debug:log` | skipped |  |');
    for (const part of [title, summary, text]) {
      expect(part).not.toContain(SECRET);
      expect(part).not.toContain(TOKEN);
    }
    const final = parseRunLog(check.output)!;
    expect(final.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['hello:done', 'wait:done', 'read:failed', 'never:skipped']);
    expect(final.steps[2]!.lines.at(-1)).toMatch(/^error: ENOENT: no such file or directory, open '.*missing-\*\*\*\.txt'$/);
    expect(final.failedStep).toBe('read');
  });

  it('ends a run that succeeded with its output links and text', async () => {
    const log = liveLog();
    await log.start();
    const result = await runTemplate({
      template: template(`steps:
  - { id: hello, action: debug:log, input: { message: hi } }
output:
  links:
    - { title: Repository, url: 'https://github.com/acme/new' }
    - { title: In the catalog, entityRef: 'component:default/new' }
  text:
    - { title: Next, content: 'Push a **change**.' }`),
      values: {},
      workspace: mkdtempSync(join(tmpdir(), 'backlot-runlog-')),
      dryRun: true,
      log: log.line,
      onStep: log.step,
    });
    await log.succeed(result.output);
    const check = em.checkRuns().at(-1)!;
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(check.output.title).toMatch(/^template:default\/service ran: 1 step in \d+ ms$/);
    expect(check.output.summary).toContain('- [Repository](<https://github.com/acme/new>)');
    expect(check.output.summary).toContain('Push a **change**.');
    expect(parseRunLog(check.output)).toMatchObject({
      state: 'succeeded',
      links: [{ title: 'Repository', url: 'https://github.com/acme/new' }, { title: 'In the catalog', entityRef: 'component:default/new' }],
      text: [{ title: 'Next', content: 'Push a **change**.' }],
    });
  });

  it('keeps the tail of a log longer than GitHub takes, which GitHub then accepts', async () => {
    const warnings: string[] = [];
    const log = createRunLog({ ...liveOptions(), warn: (w) => warnings.push(w) });
    await log.start();
    log.step({ type: 'plan', steps: [{ id: 'chatty', name: 'Chatty', action: 'debug:log' }] });
    log.step({ type: 'start', id: 'chatty' });
    for (let i = 0; i < 20_000; i++) log.line(`[chatty]   line ${i}: ${'words '.repeat(10)}`);
    log.step({ type: 'end', id: 'chatty', status: 'done', ms: 5 });
    await log.succeed({ links: [], text: [], values: {} });
    expect(warnings).toEqual([]);
    const check = em.checkRuns().at(-1)!;
    expect(check).toMatchObject({ status: 'completed', conclusion: 'success' });
    expect(check.output.text!.length).toBeLessThanOrEqual(65_535);
    const lines = parseRunLog(check.output)!.steps[0]!.lines;
    expect(lines.at(-1)).toBe(`line 19999: ${'words '.repeat(10)}`);
    expect(check.output.text).toContain(`_${(20_000 - lines.length).toLocaleString('en')} earlier lines not shown: the log keeps the tail of long logs._`);
  });

  it('costs the run nothing but a warning when the token may not write check runs', async () => {
    const warnings: string[] = [];
    const log = createRunLog({
      gh: createGithubApi({ token: 'not-the-token', baseUrl: em.url, throttle: false }),
      owner: 'acme',
      repo: 'portal',
      headSha: SHA,
      template: 'template:default/service',
      redact: (s) => s,
      warn: (w) => warnings.push(w),
    });
    await log.start();
    log.line('still running');
    await log.succeed({ links: [], text: [], values: {} });
    expect(log.url).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('the live step log (a check run on acme/portal) is not kept: Bad credentials')]);
  });
});
