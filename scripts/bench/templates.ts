// `npm run bench -- templates DIR`: every scaffolder.backstage.io/v1beta3 template in a folder of cloned template
// repos, run as a user would: `backlot validate`, `backlot scaffold --dry-run` with values generated from the
// template's form, and its Create page driven in Chromium to the review step (which must send the same values).
// One portal per org (a template may fetch from its org's other repos; vendors reuse template names), beside a
// small org of teams, users and systems for the pickers. Prints a table; exits 1 when a template fails.

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { Page } from 'playwright-core';
import { parseAllDocuments } from 'yaml';
import type { Diagnostic } from '../../src/model/diagnostic.ts';
import { gitRemoteOf } from '../../src/scaffold/gitRemote.ts';
import { launchChromium } from '../../src/site/testing/browser.ts';
import { serveStatic } from '../../src/site/testing/serve.ts';
import type { FormField } from '../../src/views/create/form.ts';
import type { CreatePageData } from '../../src/views/create/page-data.ts';
import type { RawInput, RepoInput } from '../../src/views/create/values.ts';
import { generateInputs, type TemplateInputs } from './_template-inputs.ts';

const CLI = join(import.meta.dirname, '..', '..', 'src', 'cli', 'backlot.js');
const SKIPPED = new Set(['.git', 'node_modules']);
/** A value inside a quoted attribute selector. */
const attr = (value: string) => value.replace(/["\\]/g, '\\$&');

interface Found {
  /** Repo-relative path of the template file. */
  file: string;
  namespace: string;
  name: string;
}

interface Row {
  repo: string;
  template: string;
  validate: string;
  dryRun: string;
  form: string;
  error?: string;
  /** Why the build refused it on purpose (see refusal): correct when its card and page say so. */
  refused?: string;
  ok: boolean;
}

/** The bench org's root catalog file: one Location, so a template may merge into it as into a service's file. */
const BENCH_ORG_ROOT = `apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: bench-org }
spec: { targets: [./org.yaml] }
`;

/** The org the pickers choose from: a team with members, a system, a component, an API, a resource. */
const BENCH_ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: platform-team, title: Platform Team }
spec: { type: team, children: [], members: [ada] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { profile: { displayName: Ada Lovelace }, memberOf: [platform-team] }
---
apiVersion: backstage.io/v1alpha1
kind: Domain
metadata: { name: logistics }
spec: { owner: platform-team }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: fleet, title: Fleet }
spec: { owner: platform-team, domain: logistics }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: depot-service, tags: [java] }
spec: { type: service, lifecycle: production, owner: platform-team, system: fleet, providesApis: [depot-api] }
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: depot-api }
spec: { type: openapi, lifecycle: production, owner: platform-team, system: fleet, definition: "openapi: 3.0.0\\ninfo: { title: Depot, version: 1.0.0 }\\npaths: {}\\n" }
---
apiVersion: backstage.io/v1alpha1
kind: Resource
metadata: { name: depot-db }
spec: { type: database, owner: platform-team, system: fleet }
`;

function walk(dir: string, root = dir, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED.has(e.name)) continue;
    const path = join(dir, e.name);
    if (e.isDirectory()) walk(path, root, out);
    else if (e.isFile() && /\.ya?ml$/i.test(e.name)) out.push(relative(root, path).split(sep).join('/'));
  }
  return out;
}

function findTemplates(repoDir: string): Found[] {
  const found: Found[] = [];
  for (const file of walk(repoDir)) {
    const text = readFileSync(join(repoDir, file), 'utf8');
    if (!text.includes('scaffolder.backstage.io/v1beta3')) continue;
    for (const doc of parseAllDocuments(text)) {
      if (!('toJS' in doc) || doc.errors.length) continue;
      const e = doc.toJS() as { apiVersion?: string; kind?: string; metadata?: { name?: string; namespace?: string } } | null;
      if (e?.apiVersion === 'scaffolder.backstage.io/v1beta3' && e.kind === 'Template' && e.metadata?.name) {
        found.push({ file, namespace: (e.metadata.namespace ?? 'default').toLowerCase(), name: e.metadata.name.toLowerCase() });
      }
    }
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}

function defaultBranch(repoDir: string): string {
  const head = existsSync(join(repoDir, '.git', 'HEAD')) ? readFileSync(join(repoDir, '.git', 'HEAD'), 'utf8') : '';
  return /ref: refs\/heads\/(.+)/.exec(head)?.[1]?.trim() ?? 'main';
}

function cli(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status ?? 1, stdout: r.stdout, stderr: r.stderr };
}

const oneLine = (text: string, max = 240) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

interface Repo {
  dir: string;
  org: string;
  name: string;
  branch: string;
  templates: Found[];
}

function readRepo(dir: string): Repo {
  const remote = gitRemoteOf(dir);
  const name = remote?.name ?? dir.split(sep).pop()!;
  return { dir, org: remote?.owner ?? 'local', name, branch: defaultBranch(dir), templates: findTemplates(dir) };
}

/** The portal over one org's repos (and the bench org): its config, as `backlot build` and `scaffold` read it. */
function preparePortal(work: string, org: string, repos: Repo[]): string {
  const folder = join(work, 'repos');
  for (const repo of repos) cpSync(repo.dir, join(folder, repo.name), { recursive: true, filter: (src) => !src.split(sep).includes('.git') });
  mkdirSync(join(folder, 'bench-org'), { recursive: true });
  writeFileSync(join(folder, 'bench-org', 'catalog-info.yaml'), BENCH_ORG_ROOT);
  writeFileSync(join(folder, 'bench-org', 'org.yaml'), BENCH_ORG);
  const files = [...new Set(['catalog-info.yaml', ...repos.flatMap((r) => r.templates.map((t) => t.file))])];
  const branches = [...new Set(repos.map((r) => r.branch))];
  if (branches.length > 1) console.log(`${org}: repos on ${branches.join(', ')}; the portal reads them all as ${branches[0]}`);
  const config = join(work, 'backlot.config.yaml');
  writeFileSync(
    config,
    [
      'site:',
      `  title: ${JSON.stringify(`Templates of ${org}`)}`,
      '  base: /',
      '  outDir: dist',
      `  repo: ${org}/bench-portal`,
      'sources:',
      '  - type: local',
      '    path: repos',
      `    org: ${org}`,
      '    host: github.com',
      `    defaultBranch: ${branches[0]}`,
      // Only the templates and the bench org: the skeletons' own catalog files hold `${{ }}` placeholders.
      `    catalogPath: ${JSON.stringify(`{${files.join(',')}}`)}`,
      '',
    ].join('\n'),
  );
  return config;
}

/** Sets each shown field of the current step to what the generator chose, as a person would. */
async function fillStep(page: Page, fields: FormField[], inputs: TemplateInputs): Promise<void> {
  for (const field of fields) {
    const raw: RawInput | undefined = inputs.raw.get(field);
    if (raw === undefined || field.kind === 'hidden') continue;
    const box = page.locator(`.wizard-step:not([hidden]) [data-field="${attr(field.name)}"]`);
    if (!(await box.isVisible())) continue;
    switch (field.kind) {
      case 'select':
      case 'alternative':
        await box.locator('select').selectOption(String(raw));
        break;
      case 'radio':
        await box.locator(`input[value="${attr(String(raw))}"]`).check();
        break;
      case 'checkboxes':
        for (const input of await box.locator('input').all()) {
          await input.setChecked((raw as string[]).includes(await input.inputValue()));
        }
        break;
      case 'boolean':
        await box.locator('input').setChecked(raw === true);
        break;
      case 'entity': {
        const input = box.locator('input').first();
        await input.fill(String(raw));
        const option = box.locator(`[role="option"][data-value="${attr(String(raw))}"]`);
        if (await option.count()) await option.first().click();
        break;
      }
      case 'list': {
        const items = raw as string[];
        const inputs = box.locator('.list-items li');
        while ((await inputs.count()) < items.length) await box.locator('button', { hasText: /^Add / }).click();
        for (let i = 0; i < items.length; i++) {
          const control = inputs.nth(i).locator('input, select').first();
          if ((await control.evaluate((el) => el.tagName)) === 'SELECT') await control.selectOption(items[i]!);
          else await control.fill(items[i]!);
        }
        break;
      }
      case 'repo-url': {
        const repo = raw as RepoInput;
        const controls = box.locator('select, input');
        await controls.nth(0).selectOption(repo.host);
        const owner = controls.nth(1);
        if ((await owner.evaluate((el) => el.tagName)) === 'SELECT') await owner.selectOption(repo.owner);
        else await owner.fill(repo.owner);
        await controls.nth(2).fill(repo.repo);
        break;
      }
      default:
        await box.locator('input, textarea').first().fill(String(raw));
    }
  }
}

/** The Create page driven to its review step; returns what it would send, or throws the error it shows. */
async function driveForm(page: Page, url: string, data: CreatePageData, inputs: TemplateInputs): Promise<unknown> {
  await page.goto(url);
  await page.locator('[data-create-wizard][data-ready]').waitFor({ timeout: 15_000 });
  const { form } = data;
  for (let steps = 0; steps <= form.pages.length; steps++) {
    const current = page.locator('.wizard-step:not([hidden])');
    if ((await current.getAttribute('data-step')) === 'review') break;
    const index = Number(await current.getAttribute('data-step'));
    await fillStep(page, form.pages[index]!.fields, inputs);
    const before = await current.getAttribute('data-step');
    await page.locator('[data-next]').click();
    const moved = await page
      .waitForFunction((was) => document.querySelector('.wizard-step:not([hidden])')?.getAttribute('data-step') !== was, before, { timeout: 5_000 })
      .then(() => true, () => false);
    if (!moved) {
      const errors = await page.locator('.wizard-step:not([hidden]) .error-summary li').allTextContents();
      throw new Error(`step "${form.pages[index]!.title}" refused: ${errors.join('; ') || 'no message'}`);
    }
  }
  const link = page.locator('[data-issue-link]');
  await link.waitFor({ timeout: 10_000 });
  const values = new URL((await link.getAttribute('href'))!).searchParams.get('values');
  return values === null ? undefined : JSON.parse(values);
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)).map(([k, x]) => [k, sorted(x)]));
  return v;
}

/**
 * Why the build refuses a template on purpose, when it does: what only a Backstage backend has (another SCM's or a
 * vendor's action, a vendor's filter, a request to a backend route), or a skeleton folder the repo does not have.
 * Such a template is correct when its card and page say why and offer no form.
 */
function refusal(d: Diagnostic): string | undefined {
  if (d.code === 'template-action') return 'an action only a backend has';
  if (d.code === 'template-filter') return "a vendor's filter";
  if (d.code === 'template-input' && d.message.includes('has no backend')) return 'a request to a backend route';
  if (d.code === 'template-fetch' && d.message.includes('names no folder')) return 'its skeleton folder is missing from the repo';
  return undefined;
}

async function benchOrg(org: string, repos: Repo[], work: string, page: Page): Promise<Row[]> {
  const found = repos.flatMap((r) => r.templates.map((t) => ({ ...t, repo: r })));
  if (!found.length) return [];
  const config = preparePortal(work, org, repos);
  const validate = cli(['validate', '--config', config, '--format', 'json'], work);
  let diagnostics: Diagnostic[] = [];
  try {
    diagnostics = JSON.parse(validate.stdout) as Diagnostic[];
  } catch {
    return [{ repo: org, template: '(all)', validate: 'crashed', dryRun: '-', form: '-', error: oneLine(validate.stderr), ok: false }];
  }
  const build = cli(['build', '--config', config], work);
  if (!existsSync(join(work, 'dist', 'index.html'))) {
    return [{ repo: org, template: '(all)', validate: 'ok', dryRun: '-', form: '-', error: `build failed: ${oneLine(build.stderr || build.stdout)}`, ok: false }];
  }
  const server = await serveStatic(join(work, 'dist'));
  const rows: Row[] = [];
  try {
    for (const t of found) {
      const repoCopy = join(work, 'repos', t.repo.name);
      const row: Row = { repo: `${org}/${t.repo.name}`, template: t.file, validate: 'ok', dryRun: '-', form: '-', ok: false };
      rows.push(row);
      const errors = diagnostics.filter((d) => d.severity === 'error' && d.repo === t.repo.name && d.file === t.file);
      const reasons = errors.map(refusal);
      const refused = errors.length > 0 && reasons.every(Boolean);
      if (errors.length) {
        row.validate = `${errors.length} error${errors.length === 1 ? '' : 's'} (${[...new Set(errors.map((d) => d.code))].join(', ')})`;
        row.error = errors.map((d) => `${d.line}:${d.column} ${d.message}`).join('; ');
      }
      const html = join(work, 'dist', 'create', t.namespace, t.name, 'index.html');
      if (!existsSync(html)) {
        row.form = 'no page';
        continue;
      }
      const script = /<script type="application\/json" data-create-data>([\s\S]*?)<\/script>/.exec(readFileSync(html, 'utf8'));
      const data = script ? (JSON.parse(script[1]!) as CreatePageData) : undefined;
      const url = `${server.url}create/${t.namespace}/${t.name}/`;
      if (refused) {
        // The card and the page must say why, with no way to start it.
        row.refused = [...new Set(reasons)].join(', ');
        row.dryRun = 'refused';
        row.form = await refusedPage(page, url, server.url, `template:${t.namespace}/${t.name}`, errors);
        row.ok = row.form === 'says why';
        continue;
      }
      if (errors.length) continue;
      if (!data || data.form.failed) {
        row.form = 'no form';
        row.error = data?.form.failed ?? 'no form data on the page';
        continue;
      }
      const inputs = generateInputs(data.form, org);
      const valuesFile = join(work, 'values', `${t.namespace}-${t.name}.json`);
      mkdirSync(join(work, 'values'), { recursive: true });
      writeFileSync(valuesFile, JSON.stringify(inputs.values, null, 2));
      const out = join(work, 'out', `${t.namespace}-${t.name}`);
      const dry = cli(['scaffold', '--config', config, '--template', join(repoCopy, t.file), '--values', `@${valuesFile}`, '--dry-run', out], work);
      const rendered = /Rendered (\d+) files?/.exec(dry.stdout)?.[1];
      row.dryRun = dry.code === 0 ? `ok (${rendered ?? 0} files)` : 'failed';
      if (dry.code !== 0) row.error = oneLine(dry.stderr.split('\n').filter(Boolean).slice(-3).join(' ') || dry.stdout.slice(-400));
      try {
        const sent = await driveForm(page, url, data, inputs);
        if (sent !== undefined && !sameJson(sent, inputs.values)) {
          row.form = 'values differ';
          row.error = `form sent ${oneLine(JSON.stringify(sent), 160)}, expected ${oneLine(JSON.stringify(inputs.values), 160)}`;
        } else {
          row.form = `ok (${data.form.pages.length} page${data.form.pages.length === 1 ? '' : 's'})`;
        }
      } catch (err) {
        row.form = 'failed';
        row.error = [row.error, oneLine((err as Error).message.split('\n')[0]!)].filter(Boolean).join('; ');
      }
      if (inputs.unresolved.length) row.error = [row.error, `unfilled: ${inputs.unresolved.join(', ')}`].filter(Boolean).join('; ');
      row.ok = dry.code === 0 && row.form.startsWith('ok');
    }
  } finally {
    await server.close();
  }
  return rows;
}

/** A refused template's page and card: the reason is shown and nothing offers to run it. */
async function refusedPage(page: Page, url: string, home: string, ref: string, errors: Diagnostic[]): Promise<string> {
  const first = errors[0]!.message;
  await page.goto(url);
  const pageText = (await page.locator('main').textContent()) ?? '';
  if (!pageText.includes(first)) return 'page hides why';
  if (await page.locator('[data-create-wizard][data-ready]').count()) return 'page offers the form';
  await page.goto(`${home}create/`);
  const card = page.locator(`[data-template-card="${attr(ref)}"]`);
  const cardText = (await card.textContent().catch(() => '')) ?? '';
  return cardText.includes(first) ? 'says why' : 'card hides why';
}

function printTable(rows: Row[]): void {
  const cols: Array<[string, (r: Row) => string]> = [
    ['repo', (r) => r.repo],
    ['template', (r) => r.template],
    ['validate', (r) => r.validate],
    ['dry-run', (r) => r.dryRun],
    ['form', (r) => r.form],
    ['result', (r) => (r.ok ? (r.refused ? `pass: refused at build (${r.refused})` : 'pass') : 'FAIL')],
    ['error', (r) => r.error ?? ''],
  ];
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  console.log(`| ${cols.map(([h]) => h).join(' | ')} |`);
  console.log(`| ${cols.map(() => '---').join(' | ')} |`);
  for (const r of rows) console.log(`| ${cols.map(([, f]) => cell(f(r))).join(' | ')} |`);
  const passed = rows.filter((r) => r.ok).length;
  const refused = rows.filter((r) => r.ok && r.refused).length;
  console.log(`\n${passed} of ${rows.length} templates pass (${refused} of them refused at build time, saying why on their card and page)`);
}

export async function run(args: string[] = []): Promise<void> {
  const dir = args[0];
  if (!dir) {
    console.log('skipped: give a folder of cloned template repos, npm run bench -- templates DIR');
    return;
  }
  const root = resolve(dir);
  const only = args.slice(1);
  const repos = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => readRepo(join(root, e.name)));
  // One portal per org, as the org's own portal would crawl them: a template may fetch from its org's other repos.
  const orgs = new Map<string, Repo[]>();
  for (const repo of repos) orgs.set(repo.org, [...(orgs.get(repo.org) ?? []), repo]);
  const wanted = [...orgs].filter(([org]) => only.length === 0 || only.includes(org)).sort(([a], [b]) => a.localeCompare(b));
  const browser = await launchChromium();
  const page = await browser.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  const rows: Row[] = [];
  const keep = process.env.BENCH_KEEP === '1';
  try {
    for (const [org, orgRepos] of wanted) {
      const work = mkdtempSync(join(tmpdir(), 'backlot-bench-templates-'));
      const started = performance.now();
      try {
        const got = await benchOrg(org, orgRepos, work, page);
        rows.push(...got);
        console.log(`${org}: ${orgRepos.length} repo${orgRepos.length === 1 ? '' : 's'}, ${got.length} templates, ${((performance.now() - started) / 1000).toFixed(1)} s${keep ? ` (kept in ${work})` : ''}`);
      } finally {
        if (!keep) rmSync(work, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  console.log('');
  printTable(rows);
  if (pageErrors.length) console.log(`\nbrowser errors: ${[...new Set(pageErrors)].join('; ')}`);
  if (rows.some((r) => !r.ok) || pageErrors.length) process.exitCode = 1;
}
