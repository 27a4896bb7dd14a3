// The hooks as a build runs them: files in one batched read, data with its cache and TTL, cards for the entities a
// plugin declares, browser scripts only where cards are shown; a failing plugin costs only its part, and a
// token a plugin reads never reaches the model, the cache or a message.

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { memorySnapshot, repoInfo } from '../snapshot/memory.ts';
import type { FileRef, Snapshot } from '../snapshot/types.ts';
import { entity, portalEntity } from '../testing/entities.ts';
import { definePlugin } from './index.ts';
import { runPlugins } from './run.ts';
import { loaded } from './testing.ts';

const tmp = mkdtempSync(join(tmpdir(), 'backlot-plugins-run-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const cacheDir = () => join(tmp, `cache-${++n}`);

/** The org's snapshot, counting read calls. */
function org(): { snapshot: Snapshot; reads: FileRef[][] } {
  const inner = memorySnapshot([
    { repo: repoInfo('payments'), files: { 'catalog-info.yaml': '', CODEOWNERS: '* @acme/payments\n', 'package.json': '{"name":"payments"}' } },
    { repo: repoInfo('ledger'), files: { 'catalog-info.yaml': '', 'package.json': '{"name":"ledger"}' } },
  ]);
  const reads: FileRef[][] = [];
  return { reads, snapshot: { ...inner, read: (files) => (reads.push([...files]), inner.read(files)) } };
}

const entities = [
  portalEntity(entity('Component', 'payments', {}, { annotations: { 'acme.io/runbook': 'https://wiki.acme.io/payments' } }), { repo: 'payments', line: 3, column: 1 }),
  portalEntity(entity('Component', 'ledger'), { repo: 'ledger', line: 5, column: 2 }),
  portalEntity(entity('Group', 'team-a'), { repo: 'payments' }),
];

describe('runPlugins', () => {
  it('reads every plugin’s files from every repo in one batched read, and a plugin sees only its own', async () => {
    const { snapshot, reads } = org();
    const seen: Record<string, unknown> = {};
    const owners = definePlugin({
      name: 'owners',
      files: ['/CODEOWNERS', '.github/*.yml'],
      view: { kinds: ['component'], cards: (item, ctx) => ({ title: 'Owners', text: ctx.file('CODEOWNERS') ?? 'none' }) },
    });
    const pkg = definePlugin({
      name: 'pkg',
      files: () => ['package.json'],
      data: { load: (ctx) => ((seen.codeowners = ctx.file('payments', 'CODEOWNERS')), { payments: ctx.file('payments', 'package.json') }) },
    });
    const run = await runPlugins({ plugins: [{ ...loaded(owners), line: 4, column: 13 }, loaded(pkg)], snapshot, entities, cacheDir: cacheDir() });
    expect(reads).toHaveLength(1);
    expect(reads[0]!.map((f) => `${f.repo}/${f.path}`).sort()).toEqual(['ledger/CODEOWNERS', 'ledger/package.json', 'payments/CODEOWNERS', 'payments/package.json']);
    expect(run.output.cards['component:default/payments']).toEqual([{ plugin: 'owners', id: '0', title: 'Owners', text: '* @acme/payments\n' }]);
    expect(run.output.cards['component:default/ledger']).toEqual([{ plugin: 'owners', id: '0', title: 'Owners', text: 'none' }]);
    expect(run.output.cards['group:default/team-a']).toBeUndefined();
    expect(seen.codeowners).toBeUndefined();
    expect(run.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'plugin-failed', message: 'plugin "owners": files: ".github/*.yml" is not a path in a repo', repo: '', file: 'backlot.config.yaml', line: 4, column: 13 }),
    ]);
    expect(run.report.plugins.map((p) => [p.name, p.hooks, p.files, p.data, p.cards])).toEqual([
      ['owners', ['files', 'view'], { asked: 2, found: 1 }, undefined, { entities: 2, cards: 2 }],
      ['pkg', ['files', 'data'], { asked: 2, found: 2 }, 'computed', { entities: 0, cards: 0 }],
    ]);
  });

  it('shows cards only on the entities of the kinds and annotations the plugin declares, with its data', async () => {
    const runbook = definePlugin<{ label: string }, { views: number }>({
      name: 'runbook',
      data: { load: () => ({ views: 42 }) },
      view: {
        kinds: ['Component'],
        annotations: ['acme.io/runbook'],
        cards: ({ entity: e }, ctx) => ({
          id: 'runbook',
          title: ctx.options.label,
          rows: [{ label: 'Views', value: String(ctx.data?.views) }, { label: 'Bad', value: 'x', href: 'javascript:alert(1)' }],
          links: [{ title: 'Runbook', href: e.metadata.annotations!['acme.io/runbook']! }, { title: 'Evil', href: 'javascript:alert(1)' }],
          html: '<p>Read <b>first</b><script>alert(1)</script><img src=x onerror="alert(1)"></p>',
          dataset: { page: 'payments', 'plugin-card': 'x', 'Bad Key': 'y' },
        }),
      },
    });
    const run = await runPlugins({ plugins: [loaded(runbook, { options: { label: 'Runbook' } })], snapshot: org().snapshot, entities, cacheDir: cacheDir() });
    expect(Object.keys(run.output.cards)).toEqual(['component:default/payments']);
    const [card] = run.output.cards['component:default/payments']!;
    expect(card).toMatchObject({
      plugin: 'runbook',
      id: 'runbook',
      title: 'Runbook',
      rows: [{ label: 'Views', value: '42' }, { label: 'Bad', value: 'x' }],
      links: [{ title: 'Runbook', href: 'https://wiki.acme.io/payments' }],
      dataset: { page: 'payments' },
    });
    expect(card!.html).toContain('<b>first</b>');
    expect(card!.html).not.toMatch(/script|onerror/);
  });

  it('keeps data within its TTL, and the last good data with a warning when a later call fails', async () => {
    const dir = cacheDir();
    let calls = 0;
    let fail = false;
    let clock = 1_000_000;
    const status = definePlugin<Record<string, unknown>, { n: number }>({
      name: 'status',
      data: {
        ttl: 60,
        load: async () => {
          calls++;
          if (fail) throw new Error('503 from status.acme.io');
          return { n: calls };
        },
      },
      view: { cards: (_, ctx) => ({ title: 'Status', text: `n=${ctx.data?.n ?? 'none'}` }) },
    });
    const once = () => runPlugins({ plugins: [loaded(status)], snapshot: org().snapshot, entities: entities.slice(0, 1), cacheDir: dir, now: () => clock });
    const text = async () => {
      const run = await once();
      return { text: run.output.cards['component:default/payments']?.[0]?.text, data: run.report.plugins[0]!.data, diagnostics: run.diagnostics };
    };
    expect(await text()).toEqual({ text: 'n=1', data: 'computed', diagnostics: [] });
    clock += 30_000;
    expect(await text()).toEqual({ text: 'n=1', data: 'cached', diagnostics: [] });
    expect(calls).toBe(1);
    clock += 60_000;
    fail = true;
    const stale = await text();
    expect(stale).toMatchObject({ text: 'n=1', data: 'stale' });
    expect(stale.diagnostics).toEqual([
      expect.objectContaining({ severity: 'warning', code: 'plugin-data', message: 'plugin "status": data hook failed: 503 from status.acme.io', hint: `showing the last good data, from ${new Date(1_000_000).toISOString()}` }),
    ]);
    // Never a good result in this folder: the cards show no data, with a warning.
    const fresh = await runPlugins({ plugins: [loaded(status)], snapshot: org().snapshot, entities: entities.slice(0, 1), cacheDir: cacheDir() });
    expect(fresh.output.cards['component:default/payments']?.[0]?.text).toBe('n=none');
    expect(fresh.report.plugins[0]!.data).toBe('failed');
  });

  it('computes data every build without a TTL, and still shows the last good data when a build’s call fails', async () => {
    const dir = cacheDir();
    let calls = 0;
    const counter = definePlugin<Record<string, unknown>, number>({
      name: 'counter',
      data: {
        load: () => {
          if (++calls === 3) throw new Error('flaky');
          return calls;
        },
      },
    });
    const run = () => runPlugins({ plugins: [loaded(counter)], snapshot: org().snapshot, entities, cacheDir: dir });
    expect((await run()).report.plugins[0]!.data).toBe('computed');
    expect((await run()).report.plugins[0]!.data).toBe('computed');
    const failed = await run();
    expect(failed.report.plugins[0]!.data).toBe('stale');
    expect(failed.diagnostics.map((d) => d.message)).toEqual(['plugin "counter": data hook failed: flaky']);
    expect(calls).toBe(3);
  });

  it('gives up on a data hook that does not answer in time', async () => {
    const slow = definePlugin({ name: 'slow', data: { timeoutMs: 50, load: () => new Promise(() => {}) } });
    const run = await runPlugins({ plugins: [loaded(slow)], snapshot: org().snapshot, entities, cacheDir: cacheDir() });
    expect(run.diagnostics.map((d) => d.message)).toEqual(['plugin "slow": data hook failed: no answer within 0.05 s']);
  });

  it('isolates a plugin that throws: a diagnostic naming the plugin and the entity, every other card still made', async () => {
    const flaky = definePlugin({
      name: 'flaky',
      view: {
        cards: ({ entity: e }) => {
          if (e.metadata.name === 'ledger') throw new TypeError("Cannot read properties of undefined (reading 'url')\n    at cards (flaky.ts:3)");
          return [{ title: 'Fine' }, { title: '' } as never, (async () => ({ title: 'Later' }))() as never];
        },
      },
    });
    const broken = definePlugin({
      name: 'broken',
      files: () => {
        throw new Error('no files today');
      },
      data: {
        load: () => {
          throw new Error('no data today');
        },
      },
    });
    const good = definePlugin({ name: 'good', view: { cards: () => ({ title: 'Good' }) } });
    const run = await runPlugins({ plugins: [loaded(flaky), loaded(broken), loaded(good)], snapshot: org().snapshot, entities, cacheDir: cacheDir() });
    expect(run.output.cards['component:default/ledger']).toEqual([{ plugin: 'good', id: '0', title: 'Good' }]);
    expect(run.output.cards['component:default/payments']!.map((c) => `${c.plugin}:${c.title}`)).toEqual(['flaky:Fine', 'good:Good']);
    expect(run.diagnostics).toEqual(
      expect.arrayContaining([
        {
          severity: 'error',
          code: 'plugin-failed',
          message: `plugin "flaky": view hook threw for component:default/ledger: Cannot read properties of undefined (reading 'url')`,
          repo: 'ledger',
          file: 'catalog-info.yaml',
          line: 5,
          column: 2,
          entity: 'component:default/ledger',
        },
        expect.objectContaining({ code: 'plugin-failed', message: 'plugin "flaky": card for component:default/payments: needs a "title"', entity: 'component:default/payments' }),
        expect.objectContaining({ message: 'plugin "flaky": card for component:default/payments: cards() returned a Promise; return plain data and do async work in the data hook' }),
        expect.objectContaining({ code: 'plugin-failed', message: 'plugin "broken": files hook threw: no files today' }),
        expect.objectContaining({ code: 'plugin-data', severity: 'warning', message: 'plugin "broken": data hook failed: no data today' }),
      ]),
    );
    expect(run.report.plugins.map((p) => [p.name, p.problems])).toEqual([['flaky', 5], ['broken', 2], ['good', 0]]);
  });

  it('keeps a token a plugin reads out of the model, the cache and every message', async () => {
    const token = 'pd_SECRET_token_1234567890';
    const env = { PD_TOKEN: token, OTHER_SECRET: 'other-secret-value' };
    const seen: Array<Record<string, string | undefined>> = [];
    const leaky = definePlugin({
      name: 'leaky',
      data: {
        ttl: 3600,
        load: (ctx) => {
          seen.push({ ...ctx.env });
          return { echo: `Bearer ${ctx.env.PD_TOKEN}` };
        },
      },
      view: {
        cards: ({ entity: e }, ctx) => {
          if (e.metadata.name === 'ledger') throw new Error(`401 for token ${ctx.env.PD_TOKEN}`);
          return { title: 'On call', links: [{ title: 'PagerDuty', href: `https://api.pagerduty.com/?token=${ctx.env.PD_TOKEN}` }] };
        },
      },
    });
    const dir = cacheDir();
    const run = await runPlugins({ plugins: [loaded(leaky, { env: ['PD_TOKEN'] })], snapshot: org().snapshot, entities, cacheDir: dir, env });
    // It sees only the variable its config names.
    expect(seen).toEqual([{ PD_TOKEN: token }]);
    const everything = JSON.stringify(run);
    expect(everything).not.toContain(token);
    expect(run.output.cards).toEqual({});
    expect(run.diagnostics.map((d) => d.message)).toEqual(
      expect.arrayContaining([
        'plugin "leaky": data hook failed: its data holds the value of PD_TOKEN; the data was dropped (a token never reaches the site or the cache)',
        'plugin "leaky": view hook threw for component:default/ledger: 401 for token <PD_TOKEN>',
        'plugin "leaky": a card for component:default/payments holds the value of PD_TOKEN; the card was dropped',
      ]),
    );
    // Nothing was cached: the only data it made held the token.
    expect(existsSync(dir)).toBe(false);
  });

  it('hands on a browser script only when the plugin shows a card somewhere, named by its content', async () => {
    const script = join(tmp, 'card.js');
    writeFileSync(script, 'document.querySelectorAll("[data-plugin=live]").forEach((c) => c.dataset.live = "1");\n');
    const live = (kinds: string[]) => loaded(definePlugin({ name: 'live', view: { kinds, cards: () => ({ title: 'Live' }) } }), { browserFile: script });
    const shown = await runPlugins({ plugins: [live(['group'])], snapshot: org().snapshot, entities, cacheDir: cacheDir() });
    expect(shown.output.scripts).toEqual({ live: expect.stringMatching(/^_backlot\/plugins\/live\.[0-9a-f]{10}\.js$/) });
    expect(shown.scripts).toEqual([{ file: script, path: shown.output.scripts.live }]);
    const none = await runPlugins({ plugins: [live(['api'])], snapshot: org().snapshot, entities, cacheDir: cacheDir() });
    expect(none.output.scripts).toEqual({});
    expect(none.scripts).toEqual([]);
  });
});
