// The Create pages built from the fixture org plus a repo of software templates, driven in headless Chromium: cards and
// their filter, the form's steps and validation, the pre-filled issue link (GitHub itself is stubbed: nothing
// leaves the machine), a token dispatch to the GitHub emulator followed to its output links, and where the
// token and the values travel.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { stringify } from 'yaml';
import { startEmulator, updateRun, type Emulator } from '../../scripts/github-emulator.ts';
import { createGithubApi } from '../scaffold/github.ts';
import { parseIssueBody } from '../scaffold/issue.ts';
import { createRunLog } from '../scaffold/runLog.ts';
import { ghWorkflowCommand } from '../views/create/gh-command.ts';
import { githubTarget } from '../views/create/github.ts';
import { scaffoldIssueBody, scaffoldIssueUrl } from '../views/create/issue-url.ts';
import { conditionalTemplate, demoTemplate, kitchenSinkTemplate, pickersTemplate } from '../views/create/testing.ts';
import { runAxe, serious } from './testing/axe.ts';
import { launchChromium } from './testing/browser.ts';
import { buildSite, fixtureModel } from './testing/build.ts';
import { serveStatic, type StaticServer } from './testing/serve.ts';

const TOKEN = 'github_pat_11CREATETEST0secret0token';
/** Publishes to GitLab: an action only a Backstage backend has, found by the build's template check. */
const gitlabTemplate = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'gitlab-project', title: 'GitLab project', tags: ['gitlab'] },
  spec: {
    owner: 'team-platform',
    type: 'service',
    parameters: [{ title: 'Name', properties: { name: { type: 'string' } } }],
    steps: [{ id: 'publish', action: 'publish:gitlab', input: { repoUrl: 'gitlab.com?owner=acme&repo=${{ parameters.name }}' } }],
  },
};
const REPO = 'kestrel-freight/portal';
const tmp = mkdtempSync(join(tmpdir(), 'backlot-create-'));

let emulator: Emulator;
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
/** Every request any page of the context made, with all its headers. */
const requests: Array<{ url: string; headers: Record<string, string> }> = [];
/** Navigations to github.com, answered by a stub. */
const github: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    repos: [{ owner: 'kestrel-freight', name: 'portal', files: { '.github/workflows/scaffold.yml': 'name: Scaffold\n' } }],
    token: TOKEN,
    scaffold: { viewer: 'ada' },
  });
  // The templates as a repo of the org: the catalog stage validates them like any crawled template.
  const templates = [demoTemplate('node-service'), demoTemplate('docs-site'), kitchenSinkTemplate, conditionalTemplate, pickersTemplate].map((t) => stringify(t)).join('---\n');
  const model = await fixtureModel({
    base: '/portal/',
    repos: {
      templates: {
        'catalog-info.yaml': templates,
        'skeleton/README.md': '# ${{ values.name }}\n',
        // Markup in a skeleton is shown as text by the preview, never rendered or run.
        'skeleton/src/${{ values.name }}.html': '<h1 id="owned">${{ values.description }}</h1><script>window.ranSkeleton = true</script>\n',
      },
      'gitlab-templates': { 'catalog-info.yaml': stringify(gitlabTemplate) },
    },
  });
  // All pass the catalog's schema (the demo's owner, platform-team, is not in the org: a dangling-ref warning).
  expect(model.entities.filter((e) => e.entity.kind === 'Template')).toHaveLength(6);
  expect(model.diagnostics.filter((d) => d.repo === 'templates' && d.severity === 'error')).toEqual([]);
  model.site = { ...model.site, repo: REPO, githubApiUrl: emulator.url };
  await buildSite({ model, outDir: join(tmp, 'out'), base: '/portal/' });
  server = await serveStatic(join(tmp, 'out'), { base: '/portal/' });
  browser = await launchChromium();
  context = await browser.newContext();
  await context.route('https://github.com/**', (route) => {
    github.push(route.request().url());
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>GitHub (stub)</title>' });
  });
  context.on('request', (req) => {
    void req.allHeaders().then((headers) => requests.push({ url: req.url(), headers }));
  });
  page = await context.newPage();
  // The page's timers on Playwright's clock, still running at real speed: a test fires the run panel's next
  // poll of GitHub at once (pollNow) instead of waiting 2-10 s for it.
  await page.clock.install();
  page.on('pageerror', (err) => pageErrors.push(err.message));
});

/** Fires the run panel's pending poll now (its waits grow from 2 s to 10 s); the page clock runs ahead by 10 s. */
const pollNow = () => page.clock.fastForward(10_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await emulator?.close();
  rmSync(tmp, { recursive: true, force: true });
});

const field = (name: string) => page.locator(`[data-field="${name}"]`);

/** The scaffold workflow's side of a run: its live step log, a check run on the run's commit named by the run's id. */
async function workflowLog(run: { id: number; head_sha: string }, template: string) {
  const log = createRunLog({
    gh: createGithubApi({ token: TOKEN, baseUrl: emulator.url, throttle: false }),
    owner: 'kestrel-freight',
    repo: 'portal',
    headSha: run.head_sha,
    template,
    externalId: String(run.id),
    redact: (s) => s,
    minInterval: 0,
  });
  await log.start();
  return log;
}
const next = () => page.locator('[data-next]').click();
const currentStep = () => page.locator('.wizard-step:not([hidden]) h2').textContent();

async function openForm(path: string) {
  await page.goto(`${server.url}create/${path}`);
  await page.locator('[data-create-wizard][data-ready]').waitFor();
}

describe('/create/', () => {
  it('shows every template as a card and narrows them by type and tag, in the URL', async () => {
    await page.goto(`${server.url}create/`);
    await page.locator('[data-create-index][data-ready]').waitFor();
    const cards = page.locator('[data-template-card]');
    const visible = () => page.locator('[data-template-card]:not([hidden]) h2').allTextContents();
    expect(await visible()).toEqual(['Cloud service', 'Documentation site', 'GitLab project', 'Kitchen sink', 'Node.js service', 'Pickers']);
    expect(await page.locator('.site-nav a[aria-current="page"]').textContent()).toBe('Create');
    const node = cards.filter({ hasText: 'Node.js service' });
    expect(await node.locator('.type .badge').textContent()).toBe('service');
    expect(await node.locator('.tags li').allTextContents()).toEqual(['recommended', 'nodejs', 'typescript']);
    expect(await node.locator('.owner').textContent()).toContain('platform-team');
    expect(await cards.filter({ hasText: 'Kitchen sink' }).locator('.owner a').textContent()).toBe('Platform Team');
    expect(await node.locator('h2 a').getAttribute('href')).toBe('/portal/create/default/node-service/');

    await page.locator('[data-template-filters] select[name="type"]').selectOption('documentation');
    await page.waitForURL(/\/create\/\?type=documentation$/);
    expect(await visible()).toEqual(['Documentation site']);
    expect(await page.locator('[data-template-status]').textContent()).toBe('1 of 6 templates match');
    await page.locator('[data-template-filters] select[name="type"]').selectOption('');
    await page.locator('[data-template-filters] select[name="tag"]').selectOption('nodejs');
    expect(await visible()).toEqual(['Node.js service']);

    await page.goto(`${server.url}create/?tag=internal`);
    await page.locator('[data-create-index][data-ready]').waitFor();
    expect(await visible()).toEqual(['Kitchen sink']);
    expect(await page.locator('select[name="tag"]').inputValue()).toBe('internal');
  });
});

describe('a template the build found cannot run', () => {
  it('says why on its card and on its page, which offers no form', async () => {
    await page.goto(`${server.url}create/`);
    const card = page.locator('[data-template-card="template:default/gitlab-project"]');
    expect(await card.locator('[data-template-blocked]').textContent()).toBe('Cannot run here: step "publish": unknown action "publish:gitlab"');
    expect(await page.locator('[data-template-blocked]').count()).toBe(1);

    await card.locator('h2 a').click();
    await page.waitForURL(/\/create\/default\/gitlab-project\/$/);
    const why = page.locator('main [data-template-blocked]');
    expect(await why.locator('li').allTextContents()).toEqual([expect.stringMatching(/^catalog-info\.yaml:\d+ step "publish": unknown action "publish:gitlab"/)]);
    expect(await page.locator('[data-create-wizard], [data-run-now], [data-issue-link]').count()).toBe(0);
  });
});

describe('a template’s form', () => {
  const ref = 'template:default/node-service';
  const values = {
    name: 'pickup-scheduler',
    description: 'Books depot pickup slots for carriers.',
    owner: 'group:default/team-payments',
    lifecycle: 'production',
    port: 8080,
    database: true,
    tier: 'tier-2',
    repoUrl: 'github.com?owner=kestrel-freight&repo=pickup-scheduler',
    visibility: 'internal',
  };

  it('shows a validation error next to the field, clears it when fixed, and goes step by step to the review', async () => {
    await openForm('default/node-service/');
    expect(await page.locator('.wizard-steps li').allTextContents()).toEqual(['1 About the service', '2 Runtime', '3 Repository', '4 Review']);
    const name = field('name').locator('input');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true); // ui:autofocus
    await name.fill('Pickup_Scheduler');
    await field('description').locator('textarea').fill(values.description);
    // The picker lists the catalog's teams (catalogFilter) by name, its search box open on focus.
    await field('owner').locator('input').focus();
    expect(await field('owner').locator('[role="option"]').evaluateAll((os) => os.map((o) => (o as HTMLElement).dataset.value))).toEqual([
      'group:default/team-payments',
      'group:default/team-platform',
    ]);
    await field('owner').locator('input').fill('team-payments');
    await next();

    const error = field('name').locator('.field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Does not have the expected form (pattern ^[a-z][a-z0-9-]{1,38}[a-z0-9]$).');
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await name.getAttribute('aria-describedby'))!.split(' ');
    expect(describedBy).toContain(await error.getAttribute('id'));
    expect(describedBy.length).toBe(3); // error, description, help
    expect(await page.locator('.wizard-step:not([hidden]) .error-summary').textContent()).toContain('Name: Does not have the expected form');
    expect(await name.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await currentStep()).toBe('About the service');

    await name.fill('pickup-scheduler');
    await expect.poll(() => error.isHidden()).toBe(true);
    expect(await name.getAttribute('aria-invalid')).toBeNull();
    await next();
    await expect.poll(currentStep).toBe('Runtime');

    expect(await field('lifecycle').locator('select').inputValue()).toBe('experimental');
    expect(await field('port').locator('input').inputValue()).toBe('8080');
    await field('port').locator('input').fill('80');
    await next();
    await expect.poll(() => field('port').locator('.field-error').textContent()).toBe('Must be 1024 or more.');
    await field('port').locator('input').fill('8080');
    await field('lifecycle').locator('select').selectOption('production');
    await field('database').locator('input').check();
    await field('tier').getByLabel('tier-2').check();
    await next();
    await expect.poll(currentStep).toBe('Repository');

    expect(await field('repoUrl').getByLabel('Owner').inputValue()).toBe('kestrel-freight');
    expect(await page.locator('[data-next]').textContent()).toBe('Review');
    await field('repoUrl').getByLabel('Repository').fill('pickup-scheduler');
    await next();
    await expect.poll(currentStep).toBe('Review');
    const review = async (name: string) => page.locator(`[data-review="${name}"]`).textContent();
    // The picked team by name, its ref beside it.
    expect(await review('owner')).toBe('Payments Team (team-payments)');
    expect(await review('lifecycle')).toBe('Production (on-call, SLOs)');
    expect(await review('database')).toBe('Yes');
    expect(await review('repoUrl')).toBe('kestrel-freight/pickup-scheduler on github.com');

    // Back keeps what was typed.
    await page.locator('[data-back]').click();
    await expect.poll(currentStep).toBe('Repository');
    expect(await field('repoUrl').getByLabel('Repository').inputValue()).toBe('pickup-scheduler');
    await next();
    await expect.poll(currentStep).toBe('Review');
  });

  it('previews the files the template would make, run in the browser from the crawled skeleton', async () => {
    await page.locator('[data-preview-run]').click();
    await page.locator('[data-preview-result][data-preview-done="ok"]').waitFor();
    expect(await page.locator('[data-preview-file]').evaluateAll((ds) => ds.map((d) => d.getAttribute('data-preview-file')))).toEqual(['src/pickup-scheduler.html', 'README.md']);
    expect(await page.locator('[data-preview-folder] > .preview-folder').allTextContents()).toEqual(['src/']);
    const readme = page.locator('[data-preview-file="README.md"]');
    await readme.locator('summary').click();
    expect(await readme.locator('pre').textContent()).toBe('# pickup-scheduler\n');
    // The skeleton's markup is text: no heading made, no script run.
    const html = page.locator('[data-preview-file="src/pickup-scheduler.html"]');
    await html.locator('summary').click();
    expect(await html.locator('pre').textContent()).toBe(`<h1 id="owned">${values.description}</h1><script>window.ranSkeleton = true</script>\n`);
    expect(await page.locator('#owned').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { ranSkeleton?: boolean }).ranSkeleton)).toBeUndefined();
    // What each step did, and what the GitHub steps would do.
    expect(await page.locator('[data-preview-step]').evaluateAll((ls) => ls.map((l) => [l.getAttribute('data-preview-step'), l.getAttribute('data-step-status')]))).toEqual([
      ['fetch', 'done'],
      ['publish', 'simulated'],
      ['register', 'simulated'],
    ]);
    expect(await page.locator('[data-preview-step="publish"] .preview-would').textContent()).toBe('create internal repo kestrel-freight/pickup-scheduler on github.com and push 2 files to main');
    expect(await page.locator('[data-preview-error]').count()).toBe(0);
    expect(await page.locator('[data-preview-status]').textContent()).toBe('Done: the template would make 2 files.');
    // The output a real run would end with, from the simulated steps' outputs (no catalog file here: no entity).
    expect(await page.locator('[data-preview-output] li').allTextContents()).toEqual(['Repository: https://github.com/kestrel-freight/pickup-scheduler.git']);
    expect(serious(await runAxe(page, { include: '[data-preview]' }))).toEqual([]);
  });

  it('opens the pre-filled scaffold issue on GitHub that the workflow reads back', async () => {
    const link = page.locator('[data-issue-link]');
    await link.waitFor();
    const url = (await link.getAttribute('href'))!;
    const expected = scaffoldIssueUrl(githubTarget({ title: '', base: '/', repo: REPO }), ref, values);
    expect(expected.ok && url).toBe(expected.ok && expected.url);
    const params = new URL(url).searchParams;
    expect(params.get('template')).toBe('scaffold.yml');
    expect(params.get('template-ref')).toBe(ref);
    // What GitHub makes of the form, read back by the workflow's parser.
    expect(parseIssueBody(scaffoldIssueBody(params.get('template-ref')!, JSON.parse(params.get('values')!)))).toEqual({ ok: true, templateRef: ref, values });

    const [popup] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(url);
    expect(github).toContain(url);
    await popup.close();

    expect(await page.locator('[data-gh-command]').textContent()).toBe(ghWorkflowCommand(REPO, ref, values));
    expect(await page.locator('[data-workflow-link]').getAttribute('href')).toBe(`https://github.com/${REPO}/actions/workflows/scaffold.yml`);
  });

  it('dispatches with a token to the GitHub emulator and follows the run to its output links', async () => {
    await page.locator('#github-token').fill(TOKEN);
    await page.locator('[data-run-now]').click();
    await page.locator('[data-run-state="queued"]').waitFor();
    const run = emulator.runs().get(REPO)![0]!;
    expect(run).toMatchObject({ workflow_id: 'scaffold.yml', head_branch: 'main', inputs: { template: ref } });
    expect(JSON.parse(run.inputs.values as string)).toEqual(values);
    expect(await page.locator('[data-run-link]').getAttribute('href')).toBe(`https://github.com/${REPO}/actions/runs/${run.id}`);
    expect(await page.locator('[data-run-now]').isDisabled()).toBe(true);

    updateRun(run, { status: 'in_progress' });
    await pollNow();
    await page.locator('[data-run-state="in_progress"]').waitFor({ timeout: 15_000 });
    // The workflow keeps its step log as it goes; the panel shows it live.
    const live = await workflowLog(run, ref);
    live.step({ type: 'plan', steps: [{ id: 'fetch', name: 'Fetch the skeleton', action: 'fetch:template' }, { id: 'publish', name: 'Publish', action: 'publish:github' }] });
    live.step({ type: 'start', id: 'fetch' });
    live.line('[fetch]   wrote 8 files');
    live.step({ type: 'end', id: 'fetch', status: 'done', ms: 1500 });
    live.step({ type: 'start', id: 'publish' });
    live.line('[publish]   creating kestrel-freight/pickup-scheduler');
    await pollNow();
    await page.locator('[data-step="publish"][data-step-status="running"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-step="fetch"][data-step-status="done"] [data-step-duration]').textContent()).toBe(' 1.5 s');
    expect(await page.locator('[data-step="publish"] [data-step-log]').textContent()).toBe('creating kestrel-freight/pickup-scheduler');
    live.step({ type: 'end', id: 'publish', status: 'done', ms: 2100 });
    await live.succeed({
      links: [
        { title: 'Repository', url: 'https://github.com/kestrel-freight/pickup-scheduler' },
        { title: 'Open in catalog', entityRef: 'component:default/pickup-scheduler' },
      ],
      text: [{ title: 'Next', content: 'Clone it.' }],
      values: {},
    });
    updateRun(run, {
      status: 'completed',
      notices: [
        { title: 'Repository', message: 'https://github.com/kestrel-freight/pickup-scheduler' },
        { title: 'Open in catalog', message: 'component:default/pickup-scheduler' },
      ],
    });
    await pollNow();
    await page.locator('[data-run-links] a').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-run-state]').textContent()).toContain('Done: the template ran successfully.');
    const links = await page.locator('[data-run-links] a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
    expect(links).toEqual([
      ['Repository', 'https://github.com/kestrel-freight/pickup-scheduler'],
      ['Open in catalog', '/portal/catalog/default/component/pickup-scheduler/'],
    ]);
    // The links come from the step log, which ends with every step done and the output text.
    expect(await page.locator('[data-run-log="succeeded"] [data-step-status="done"]').count()).toBe(2);
    expect(await page.locator('.run-log-text').textContent()).toBe('NextClone it.');
    const check = emulator.checkRuns().find((c) => c.external_id === String(run.id))!;
    expect(await page.locator('[data-run-log-link]').getAttribute('href')).toBe(`https://github.com/${REPO}/runs/${check.id}`);
    expect(await page.locator('[data-token-saved]').isVisible()).toBe(true);
  });

  it('keeps the token in sessionStorage only, and out of every URL; only the emulator gets it, as a header', async () => {
    expect(await page.evaluate(() => sessionStorage.getItem('backlot.github-token'))).toBe(TOKEN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(TOKEN);
    await expect.poll(() => requests.filter((r) => r.url.startsWith(emulator.url)).length).toBeGreaterThan(4);
    const api = requests.filter((r) => r.url.startsWith(`${emulator.url}/`));
    for (const r of requests) {
      expect(r.url).not.toContain(TOKEN);
      expect(decodeURIComponent(r.url)).not.toContain(TOKEN);
      const carrying = Object.entries(r.headers).filter(([, v]) => v.includes(TOKEN));
      if (api.includes(r)) {
        if (r.headers.authorization) expect(carrying).toEqual([['authorization', `Bearer ${TOKEN}`]]);
      } else {
        expect(carrying, r.url).toEqual([]);
      }
      // Values only ever go to the portal (its own pages), the API and github.com.
      expect([server.origin, emulator.url, 'https://github.com'], r.url).toContain(new URL(r.url).origin);
      if (new URL(r.url).origin === server.origin) expect(r.url).not.toContain('pickup-scheduler');
    }
    expect(api.filter((r) => r.headers.authorization).map((r) => new URL(r.url).pathname)).toEqual(
      expect.arrayContaining(['/repos/kestrel-freight/portal', '/repos/kestrel-freight/portal/actions/workflows/scaffold.yml/dispatches']),
    );
  });
});

describe('a failed run', () => {
  it('shows the failed step’s error first in the live step log, and lets the user try again', async () => {
    // Back and forth to the review: a fresh panel, the token still kept.
    await page.locator('[data-back]').click();
    await next();
    await page.locator('[data-run-now]').click();
    await page.locator('[data-run-state="queued"]').waitFor();
    const run = emulator.runs().get(REPO)![0]!;
    const live = await workflowLog(run, 'template:default/node-service');
    live.step({ type: 'plan', steps: ['fetch', 'publish', 'register'].map((id) => ({ id, name: `Step ${id}`, action: 'debug:log' })) });
    live.step({ type: 'start', id: 'fetch' });
    live.step({ type: 'end', id: 'fetch', status: 'done', ms: 300 });
    live.step({ type: 'start', id: 'publish' });
    live.line('[publish]   creating the repo');
    live.step({ type: 'end', id: 'publish', status: 'failed', ms: 900, error: 'Repository already exists' });
    await live.fail('step "publish" (publish:github) failed: Repository already exists', 'publish');
    updateRun(run, { status: 'in_progress' });
    await pollNow();
    await page.locator('[data-run-log="failed"]').waitFor({ timeout: 15_000 });
    // The error comes first, before the steps.
    const order = await page.locator('[data-run-log] > *').evaluateAll((els) => els.map((e) => e.getAttribute('data-run-log-error') !== null ? 'error' : e.tagName.toLowerCase()));
    expect(order.slice(0, 3)).toEqual(['h4', 'error', 'ol']);
    expect(await page.locator('[data-run-log-error]').textContent()).toBe('Failed at step “Step publish”step "publish" (publish:github) failed: Repository already exists');
    expect(await page.locator('[data-run-log-steps] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-step-status')))).toEqual(['done', 'failed', 'skipped']);
    expect(await page.locator('[data-step="publish"] details').getAttribute('open')).toBe('');
    expect(await page.locator('[data-step="publish"] [data-step-log]').textContent()).toBe('creating the repo\nerror: Repository already exists');
    updateRun(run, { status: 'completed', conclusion: 'failure' });
    await pollNow();
    await page.locator('[data-run-now]:enabled').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-run-state]').textContent()).toContain('Finished: failure.');
  });
});

describe('conditional pages', () => {
  const steps = () => page.locator('.wizard-steps li:not([hidden])').allTextContents();

  it('shows a when page only for the earlier answer it names, and neither asks nor sends the other', async () => {
    await openForm('default/cloud-service/');
    expect(await steps()).toEqual(['1 Provider', '2 Database', '3 Review']);
    await field('name').locator('input').fill('orders');
    await field('cloud').locator('select').selectOption('GCP');
    expect(await steps()).toEqual(['1 Provider', '2 GCP', '3 Database', '4 Review']);
    await next();
    await expect.poll(currentStep).toBe('GCP');
    expect(await field('gcpRegion').locator('input').inputValue()).toBe('us-central1');
    await next();
    await expect.poll(() => field('gcpProject').locator('.field-error').textContent()).toBe('This field is required.');
    await field('gcpProject').locator('input').fill('orders-prod');
    await next();
    await expect.poll(currentStep).toBe('Database');
  });

  it('renders a bare-oneOf page as a choice of its alternatives, each with its own fields, and lets it go on', async () => {
    const choice = field('#alternative-3').locator('select');
    expect(await choice.locator('option').allTextContents()).toEqual(['Postgres', 'No database']);
    expect(await choice.inputValue()).toBe('0');
    expect([await field('pgVersion').isVisible(), await field('noDatabase').isVisible()]).toEqual([true, false]);
    await next();
    await expect.poll(() => field('pgVersion').locator('.field-error').textContent()).toBe('This field is required.');
    await choice.selectOption({ label: 'No database' });
    expect(await field('pgVersion').isVisible()).toBe(false);
    await next();
    await expect.poll(currentStep).toBe('Review');
    expect(await page.locator('[data-review]').evaluateAll((dds) => dds.map((d) => [d.getAttribute('data-review'), d.textContent]))).toEqual([
      ['name', 'orders'],
      ['cloud', 'GCP'],
      ['gcpProject', 'orders-prod'],
      ['gcpRegion', 'us-central1'],
      ['#alternative-3', 'No database'],
    ]);
    // What is sent: the shown pages' values and the chosen alternative's constant, not the choice itself.
    await page.locator('[data-gh-command]').waitFor();
    const sent = { name: 'orders', cloud: 'GCP', gcpProject: 'orders-prod', gcpRegion: 'us-central1', noDatabase: true };
    expect(await page.locator('[data-gh-command]').textContent()).toBe(ghWorkflowCommand(REPO, 'template:default/cloud-service', sent));
  });

  it('switches to the other page when the earlier answer changes, and back skips the hidden one', async () => {
    await page.locator('[data-back]').click();
    await page.locator('[data-back]').click();
    await expect.poll(currentStep).toBe('GCP');
    await page.locator('[data-back]').click();
    await expect.poll(currentStep).toBe('Provider');
    await field('cloud').locator('select').selectOption('AWS');
    expect(await steps()).toEqual(['1 Provider', '2 AWS', '3 Database', '4 Review']);
    await next();
    await expect.poll(currentStep).toBe('AWS');
    await field('awsRegion').locator('select').selectOption('eu-west-1');
    await next();
    await expect.poll(currentStep).toBe('Database');
    await page.locator('[data-back]').click();
    await page.locator('[data-back]').click();
    await expect.poll(currentStep).toBe('Provider');
    await next();
    await next();
    await next();
    await expect.poll(currentStep).toBe('Review');
    await page.locator('[data-gh-command]').waitFor();
    const command = (await page.locator('[data-gh-command]').textContent())!;
    expect(command).toBe(ghWorkflowCommand(REPO, 'template:default/cloud-service', { name: 'orders', cloud: 'AWS', awsRegion: 'eu-west-1', noDatabase: true }));
  });
});

describe('field extensions', () => {
  const options = (name: string) => field(name).locator('[role="option"]').allTextContents();

  it('pickers search the catalog by display name and refuse an owner that is not in it', async () => {
    await openForm('default/pickers/');
    await field('name').locator('input').fill('fx-gateway');
    const owner = field('owner').locator('input');
    await owner.fill('example');
    expect(await options('owner')).toEqual(['Alice Example (user:alice)', 'Bob Example (user:bob)']);
    await owner.fill('nobody');
    expect(await options('owner')).toEqual([]);
    expect(await field('owner').locator('.combo-none').textContent()).toBe('No match in the catalog');
    await next();
    await expect.poll(() => field('owner').locator('.field-error').textContent()).toBe('“group:default/nobody” is not in the catalog: choose one of the listed entities.');
    expect(await currentStep()).toBe('Ownership');
    // Keyboard: down to the second match, Enter picks it (and does not leave the step).
    await owner.fill('team');
    expect(await options('owner')).toEqual(['Payments Team (team-payments)', 'Platform Team (team-platform)']);
    await owner.press('ArrowDown');
    await owner.press('ArrowDown');
    expect(await owner.getAttribute('aria-activedescendant')).toBe(await field('owner').locator('[role="option"]').nth(1).getAttribute('id'));
    await owner.press('Enter');
    expect(await owner.inputValue()).toBe('Platform Team (team-platform)');
    expect(await currentStep()).toBe('Ownership');
    await expect.poll(() => field('owner').locator('.field-error').isHidden()).toBe(true);

    // EntityPicker (arbitrary values allowed) and MultiEntityPicker (not): by title, then clicked.
    await field('system').locator('input').fill('check');
    await field('system').getByRole('option', { name: 'Checkout (checkout)' }).click();
    await field('consumers').locator('input').first().fill('payments serv');
    await field('consumers').getByRole('option', { name: 'Payments Service (payments-service)' }).click();
    await field('tags').locator('input').first().fill('Not A Tag');
    await next();
    await expect.poll(() => field('tags').locator('.field-error').textContent()).toMatch(/^“Not A Tag” is not a valid tag/);
    await field('name').locator('input').fill('-bad-');
    await field('tags').locator('input').first().fill('gateway');
    await next();
    await expect.poll(() => field('name').locator('.field-error').textContent()).toMatch(/^Must be 1–63 letters/);
    await field('name').locator('input').fill('fx-gateway');
    await next();
    await expect.poll(currentStep).toBe('From the API');
  });

  it('SelectFieldFromApi lists what the static catalog API answers; a path it cannot serve, and an unknown extension, are text boxes saying why', async () => {
    const team = field('team').locator('select');
    expect(await team.locator('option').allTextContents()).toEqual(['Pick a team', 'Engineering', 'Payments Team', 'Platform Team']);
    expect(await field('api').locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['', 'fx-rates-api', 'payments-api']);
    await team.selectOption({ label: 'Payments Team' });
    expect(await field('cluster').locator('input').count()).toBe(1);
    expect(await field('cluster').locator('.field-help').textContent()).toContain('“proxy/clusters”, which is not a static catalog API path');
    expect(await field('organization').locator('.field-help').textContent()).toBe('The portal has no “OrganizationPicker” field (a field extension of your Backstage); type the value.');
    await field('organization').locator('input').fill('kestrel');
    await next();
    await expect.poll(currentStep).toBe('Review');
    const review = async (name: string) => page.locator(`[data-review="${name}"]`).textContent();
    expect(await review('owner')).toBe('Platform Team (team-platform)');
    expect(await review('system')).toBe('Checkout (checkout)');
    expect(await review('consumers')).toBe('Payments Service (payments-service)');
    expect(await review('team')).toBe('Payments Team');
    await page.locator('[data-gh-command]').waitFor();
    const sent = { name: 'fx-gateway', owner: 'group:default/team-platform', system: 'system:default/checkout', consumers: ['component:default/payments-service'], tags: ['gateway'], team: 'team-payments', organization: 'kestrel' };
    expect(await page.locator('[data-gh-command]').textContent()).toBe(ghWorkflowCommand(REPO, 'template:default/pickers', sent));
  });
});

describe('Backstage-style fields', () => {
  it('pickers, lists and review masking; a value too long for a link and a password are refused for the issue', async () => {
    await openForm('default/kitchen-sink/');
    expect(await page.locator('[data-next]').textContent()).toBe('Next');
    await field('name').locator('input').fill('-bad-');
    // Conditional fields (the page's `dependencies`): none until a kind is chosen, then that kind's.
    expect([await field('language').isVisible(), await field('binName').isVisible()]).toEqual([false, false]);
    await field('kind').locator('select').selectOption('lib');
    expect([await field('language').isVisible(), await field('binName').isVisible()]).toEqual([true, false]);
    await field('language').locator('select').selectOption('go');
    await field('kind').locator('select').selectOption('cli');
    expect([await field('language').isVisible(), await field('binName').isVisible()]).toEqual([false, true]);
    await field('owners').locator('input').first().fill('platform');
    await field('owners').getByRole('option', { name: 'Platform Team (group:team-platform)' }).click();
    await next();
    await expect.poll(() => field('name').locator('.field-error').textContent()).toMatch(/^Must be 1–63 letters/);
    expect(await field('binName').locator('.field-error').textContent()).toBe('This field is required.');
    await field('binName').locator('input').fill('tk');
    await field('name').locator('input').fill('tool-kit');
    await field('notes').locator('textarea').fill('n'.repeat(9000));
    await next();
    await expect.poll(currentStep).toBe('Details');

    await field('tags').locator('input').first().fill('Not A Tag');
    await field('tags').getByRole('button', { name: 'Add tags' }).click();
    await field('tags').locator('input').nth(1).fill('java');
    await next();
    await expect.poll(() => field('tags').locator('.field-error').textContent()).toMatch(/^“Not A Tag” is not a valid tag/);
    await field('tags').getByRole('button', { name: 'Remove Tags 1' }).click();
    await field('platforms').getByLabel('linux').check();
    await field('replicas').locator('input').fill('3');
    await next();
    await expect.poll(currentStep).toBe('Where');
    await field('repoUrl').getByLabel('Owner').selectOption('acme-labs');
    await field('repoUrl').getByLabel('Repository').fill('tool-kit');
    await next();
    await expect.poll(currentStep).toBe('Review');

    const refused = page.locator('[data-issue-refused]');
    await refused.waitFor();
    expect(await refused.textContent()).toMatch(/^The values are too long to hand to GitHub in a link: it would be [\d,]+ characters, and GitHub takes at most about 8,000\. The longest is “Notes”/);
    expect(await page.locator('[data-issue-link]').count()).toBe(0);
    const command = (await page.locator('[data-gh-command]').textContent())!;
    expect(command).toContain(`"internal":"x1"`); // hidden fields are sent, but not shown on review
    expect(await page.locator('[data-review="internal"]').count()).toBe(0);
    expect(await page.locator('[data-review="tags"]').textContent()).toBe('java');
    expect(await page.locator('[data-review="owners"]').textContent()).toBe('Platform Team (group:team-platform)');
    // The hidden branch's value is neither shown nor sent.
    expect(await page.locator('[data-review="binName"]').textContent()).toBe('tk');
    expect(await page.locator('[data-review="language"]').count()).toBe(0);
    expect(command).toContain(`"binName":"tk"`);
    expect(command).not.toContain('language');

    // Shorter notes, and a password: the review masks it and the issue path refuses it.
    await page.locator('[data-back]').click();
    await page.locator('[data-back]').click();
    await field('apiKey').locator('input').fill('hunter2');
    await page.locator('[data-back]').click();
    await field('notes').locator('textarea').fill('Short.');
    for (const step of ['Details', 'Where', 'Review']) {
      await next();
      await expect.poll(currentStep).toBe(step);
    }
    expect(await page.locator('[data-review="apiKey"]').textContent()).toBe('******');
    expect(await page.locator('[data-issue-refused]').textContent()).toContain('“API key” should stay private');
    expect(await page.locator('[data-run-now]').textContent()).toBe('Make it — run now');
  });

  it('previews a template that makes no files: its steps and their log', async () => {
    await page.locator('[data-preview-run]').click();
    await page.locator('[data-preview-result][data-preview-done="ok"]').waitFor();
    expect(await page.locator('[data-preview-result] h4').first().textContent()).toBe('No files');
    expect(await page.locator('[data-preview-step="log"][data-step-status="done"] .preview-log').textContent()).toBe('tool-kit');
  });

  it('has no serious accessibility problems with errors showing', async () => {
    await openForm('default/node-service/');
    await next();
    await field('name').locator('.field-error').waitFor();
    // …and a picker's search list open, an option active.
    await field('owner').locator('input').focus();
    await field('owner').locator('input').press('ArrowDown');
    await field('owner').locator('[role="option"][aria-selected="true"]').waitFor();
    expect(serious(await runAxe(page))).toEqual([]);
  });

  it('ran without script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
