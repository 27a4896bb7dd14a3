// `backlot scaffold` as a user runs it: a real process, real folders, exit codes.

import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { CatalogEntity } from '../model/catalog.ts';
import { catalogEntity, entity } from '../testing/entities.ts';
import { templatesOrg } from '../testing/templates-org.ts';
import { readValues, userFor } from './scaffold.ts';

const BIN = join(import.meta.dirname, 'backlot.js');
const ROOT = join(import.meta.dirname, '../..');
const FIXTURE = join(ROOT, 'src/scaffold/testdata/dry-run');
/** The demo org's templates and people with a backlot.config.yaml: the runs from the catalog use it by default. */
const ORG = templatesOrg().dir;
afterAll(() => rmSync(ORG, { recursive: true, force: true }));

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const clean = { ...process.env };
  for (const key of ['GITHUB_TOKEN', 'GITHUB_REPOSITORY', 'GITHUB_STEP_SUMMARY', 'GITHUB_ACTOR', 'GITHUB_API_URL']) delete clean[key];
  const res = spawnSync(process.execPath, [BIN, 'scaffold', ...args], { cwd, encoding: 'utf8', env: { ...clean, NO_COLOR: '1', ...env } });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

function files(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out.push(relative(dir, abs));
    }
  };
  walk(dir);
  return out.sort();
}

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-scaffold-cli-'));

describe('a template given as a file sees its repo\'s catalog', { timeout: 30_000 }, () => {
  it('answers catalog:fetch and http:backstage:request from the catalog files of its git work tree', () => {
    const repo = tmp();
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  title: Team A\nspec:\n  type: team\n  children: []\n');
    writeFileSync(join(repo, 'template.yaml'), `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: lookup }
spec:
  type: service
  steps:
    - { id: team, action: catalog:fetch, input: { entityRef: 'group:team-a' } }
    - { id: api, action: http:backstage:request, input: { method: GET, path: /api/catalog/entities/by-name/group/default/team-a } }
  output:
    text:
      - { title: Team, content: '\${{ steps.team.output.entity.metadata.title }} / \${{ steps.api.output.body.metadata.name }}' }
`);
    const res = run(['--template', 'template.yaml', '--dry-run', join(tmp(), 'out')], repo);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Team A / team-a');
  });
});

describe('backlot scaffold --dry-run', { timeout: 30_000 }, () => {
  it('renders a template.yaml into the folder, file by file as expected, and reports the GitHub actions', () => {
    const repo = tmp();
    cpSync(join(FIXTURE, 'template'), repo, { recursive: true });
    const out = join(tmp(), 'out');
    const summary = join(tmp(), 'summary.md');
    const values = JSON.stringify({ name: 'order-worker', owner: 'group:default/payments', queues: ['orders', 'refunds'] });
    const res = run(['--template', join(repo, 'template.yaml'), '--values', values, '--dry-run', out], repo, { GITHUB_STEP_SUMMARY: summary });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);

    const expected = join(FIXTURE, 'expected');
    expect(files(out)).toEqual(files(expected));
    for (const file of files(expected)) {
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(expected, file), 'utf8'));
    }

    expect(res.stdout).toContain('would create private repo acme/worker on github.com and push 8 files to main');
    expect(res.stdout).toContain('would run workflow ci.yml of acme/worker on main');
    expect(res.stdout).toContain('inputs: {"queues":"orders,refunds"}');
    expect(res.stdout).toContain('entityRef: component:default/order-worker');
    const markdown = readFileSync(summary, 'utf8');
    expect(markdown).toContain('### Queue worker (dry run)');
    expect(markdown).toContain('- [Repository](<https://github.com/acme/worker.git>)');
    expect(markdown).toContain('Consumes 2 queue(s).');
  });

  it.each([
    ['node-service', { name: 'pickup-scheduler', description: 'Schedules pickups.', owner: 'group:default/platform-team' }],
    ['docs-site', { name: 'depot-guide', owner: 'group:default/platform-team' }],
  ])("runs the demo org's %s template from the catalog", (name, values) => {
    const out = join(tmp(), 'out');
    const repoUrl = `github.com?owner=kestrel-freight&repo=${values.name}`;
    const res = run(['--template', `template:default/${name}`, '--values', JSON.stringify({ ...values, repoUrl }), '--dry-run', out], ORG);
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const entity = parse(readFileSync(join(out, 'catalog-info.yaml'), 'utf8'));
    expect(entity.metadata.name).toBe(values.name);
    expect(readFileSync(join(out, 'mkdocs.yml'), 'utf8')).toContain(values.name);
    for (const file of files(out)) expect(readFileSync(join(out, file), 'utf8'), file).not.toMatch(/\$\{\{/);
    expect(res.stdout).toContain(`would create internal repo kestrel-freight/${values.name}`);
    expect(res.stdout).toContain(`Open in catalog: component:default/${values.name}`);
  });

  it('refuses values that do not match the parameters, naming each problem', () => {
    const res = run(['--template', 'template:default/node-service', '--values', '{"name":"Bad Name"}', '--dry-run', join(tmp(), 'o')], ORG);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('name must match pattern');
    expect(res.stderr).toContain('owner is required');
  });

  it('refuses invalid JSON, an unknown template and a non-empty dry-run folder', () => {
    expect(run(['--template', 'node-service', '--values', '{nope', '--dry-run', join(tmp(), 'o')], ORG).stderr).toContain('--values is not valid JSON');
    const unknown = run(['--template', 'template:default/nope', '--dry-run', join(tmp(), 'o')], ORG);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no template template:default\/nope in the catalog; templates: .*template:default\/node-service/);
    const full = tmp();
    writeFileSync(join(full, 'keep.txt'), 'mine');
    const res = run(['--template', 'docs-site', '--values', '{}', '--dry-run', full], ORG);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('is not empty');
    expect(readFileSync(join(full, 'keep.txt'), 'utf8')).toBe('mine');
  });

  it('reads --values from a file and needs a token to run for real', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'v'));
    writeFileSync(join(dir, 'v/values.json'), JSON.stringify({ name: 'guide', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=guide' }));
    const res = run(['--template', 'template:default/docs-site', '--values', `@${join(dir, 'v/values.json')}`], ORG);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('step "publish" (publish:github) failed: no GitHub token');
  });
});

describe('helpers', () => {
  const user = (name: string, login?: string): CatalogEntity =>
    catalogEntity(entity('User', name, {}, login ? { annotations: { 'github.com/user-login': login } } : {}), { file: 'users.yaml' });

  it('userFor finds the catalog User by GitHub login, then by name', () => {
    const entities = [user('ann.lee', 'AnnL'), user('bob')];
    expect(userFor('annl', entities)).toMatchObject({ ref: 'user:default/ann.lee', login: 'annl' });
    expect(userFor('Bob', entities)?.ref).toBe('user:default/bob');
    expect(userFor('eve', entities)).toEqual({ ref: 'user:default/eve', login: 'eve' });
    expect(userFor(undefined, entities)).toBeUndefined();
  });

  it('readValues takes JSON or @file, and nothing means {}', async () => {
    const file = join(tmp(), 'v.json');
    writeFileSync(file, '{"a": [1]}');
    expect(await readValues(`@${file}`)).toEqual({ a: [1] });
    expect(await readValues('{"b": true}')).toEqual({ b: true });
    expect(await readValues(undefined)).toEqual({});
  });
});
