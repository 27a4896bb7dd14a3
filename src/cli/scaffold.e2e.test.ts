// `backlot scaffold` end to end against the GitHub emulator: a real CLI process creating a repo with the
// rendered skeleton and asking the portal to rebuild, and the issue path from event file to closed issue.

import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRepo, reposFromFolder, type EmulatorRepo } from '../../scripts/emulator/repos.ts';
import { createdFiles, headCommit } from '../../scripts/emulator/rest-scaffold.ts';
import { startEmulator, type Emulator } from '../../scripts/emulator/server.ts';
import { parseRunLog } from '../model/scaffoldRunLog.ts';
import { templatesOrg } from '../testing/templates-org.ts';

const BIN = join(import.meta.dirname, 'backlot.js');
const TOKEN = 'scaffold-token';
/** The demo org's templates and people with a backlot.config.yaml, where the CLI runs (as in the portal's repo). */
const org = templatesOrg();
const PORTAL: EmulatorRepo = { owner: 'kestrel-freight', name: 'portal', files: { 'README.md': '# portal\n' } };

let emulator: Emulator;

beforeAll(async () => {
  emulator = await startEmulator({
    token: TOKEN,
    // The demo org's templates and people as GitHub repos, plus the portal's own repo.
    repos: [PORTAL, ...(await reposFromFolder(org.repos, 'kestrel-freight'))],
    scaffold: {
      orgs: {
        'kestrel-freight': { members: ['alice', 'bob'], teams: { 'platform-team': ['alice'] } },
      },
    },
  });
});
afterAll(async () => {
  await emulator?.close();
  rmSync(org.dir, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process, which serves the emulator. */
function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = { ...process.env };
  for (const key of Object.keys(clean)) if (key.startsWith('GITHUB_')) delete clean[key];
  const child = spawn(process.execPath, [BIN, 'scaffold', ...args], {
    cwd: org.dir,
    env: {
      ...clean,
      NO_COLOR: '1',
      GITHUB_TOKEN: TOKEN,
      BACKLOT_GITHUB_API_URL: emulator.url,
      BACKLOT_GITHUB_THROTTLE: 'off',
      GITHUB_REPOSITORY: 'kestrel-freight/portal',
      ...env,
    },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

function readTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const abs = join(d, name);
      if (statSync(abs).isDirectory()) walk(abs);
      else out[relative(dir, abs)] = readFileSync(abs, 'utf8');
    }
  };
  walk(dir);
  return out;
}

const tmp = () => mkdtempSync(join(tmpdir(), 'backlot-e2e-'));

const nodeService = (name: string) =>
  JSON.stringify({ name, description: 'Schedules pickups.', owner: 'group:default/platform-team', repoUrl: `github.com?owner=kestrel-freight&repo=${name}` });

describe('backlot scaffold against the GitHub emulator', { timeout: 30_000 }, () => {
  it('creates the repo with the rendered skeleton and asks the portal to rebuild', async () => {
    const summary = join(tmp(), 'summary.md');
    const res = await run(['--template', 'template:default/node-service', '--values', nodeService('pickup-scheduler')], {
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_ACTOR: 'alice',
      GITHUB_ACTIONS: 'true',
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);

    const repo = emulator.scaffold.created.get('kestrel-freight/pickup-scheduler');
    expect(repo).toMatchObject({ visibility: 'internal', description: 'Schedules pickups.', topics: ['nodejs', 'kestrel-service'], defaultBranch: 'main' });
    const head = headCommit(emulator.scaffold, 'kestrel-freight/pickup-scheduler');
    // One commit with no parent: the auto_init commit was replaced, not built upon.
    expect(head).toMatchObject({ message: 'Initial commit from the node-service template', parents: [] });

    // The pushed files are exactly what a dry run renders.
    const dry = join(tmp(), 'dry');
    expect((await run(['--template', 'template:default/node-service', '--values', nodeService('pickup-scheduler'), '--dry-run', dry])).code).toBe(0);
    expect(createdFiles(emulator.scaffold, 'kestrel-freight/pickup-scheduler')).toEqual(readTree(dry));

    expect(emulator.scaffold.dispatches).toContainEqual({
      repo: 'kestrel-freight/portal',
      event_type: 'backlot-rebuild',
      client_payload: {
        catalogInfoUrl: 'https://github.com/kestrel-freight/pickup-scheduler/blob/main/catalog-info.yaml',
        template: 'template:default/node-service',
        entityRef: 'component:default/pickup-scheduler',
      },
    });
    // The next crawl sees the new repo: the emulator's read side serves it.
    const contents = await fetch(`${emulator.url}/repos/kestrel-freight/pickup-scheduler/contents/catalog-info.yaml`, {
      headers: { authorization: `token ${TOKEN}`, accept: 'application/vnd.github.raw' },
    });
    expect(await contents.text()).toContain('name: pickup-scheduler');

    expect(res.stdout).toContain('Repository: https://github.com/kestrel-freight/pickup-scheduler.git');
    expect(res.stdout).toContain('::notice title=Repository::https://github.com/kestrel-freight/pickup-scheduler.git\n');
    expect(readFileSync(summary, 'utf8')).toContain('- [Repository](<https://github.com/kestrel-freight/pickup-scheduler.git>)');
  });

  it('loads the template and its skeleton from a crawled GitHub org', async () => {
    const dir = tmp();
    const config = join(dir, 'backlot.config.yaml');
    writeFileSync(config, `sources:\n  - type: github\n    org: kestrel-freight\n    apiBaseUrl: ${emulator.url}\ncacheDir: ${join(dir, 'cache')}\n`);
    const res = await run(['--config', config, '--template', 'template:default/docs-site', '--values', JSON.stringify({ name: 'crawl-guide', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=crawl-guide' })], { BACKLOT_GITHUB_API_URL: '' });
    expect(res.code).toBe(0);
    const files = createdFiles(emulator.scaffold, 'kestrel-freight/crawl-guide')!;
    expect(Object.keys(files).sort()).toEqual(['README.md', 'catalog-info.yaml', 'docs/faq.md', 'docs/getting-started.md', 'docs/index.md', 'mkdocs.yml']);
    expect(files['mkdocs.yml']).toContain('crawl-guide');
  });

  it('holds whoever started a dispatched run (github.actor) to the org and the teams the config allows', async () => {
    const outsider = await run(['--template', 'template:default/node-service', '--values', nodeService('mallorys-service')], { GITHUB_ACTOR: 'mallory', GITHUB_ACTIONS: 'true' });
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toContain('refused: @mallory is not a member of the kestrel-freight organisation. Nothing was created.');
    expect(emulator.scaffold.created.has('kestrel-freight/mallorys-service')).toBe(false);

    const dir = tmp();
    const config = join(dir, 'backlot.config.yaml');
    writeFileSync(config, `sources:\n  - type: local\n    path: ${org.repos}\n    org: kestrel-freight\nscaffold:\n  templates:\n    template:default/node-service:\n      allowedTeams: [platform-team]\n`);
    const member = await run(['--config', config, '--template', 'template:default/node-service', '--values', nodeService('bobs-dispatch')], { GITHUB_ACTOR: 'bob', GITHUB_ACTIONS: 'true' });
    expect(member.code).toBe(1);
    expect(member.stderr).toContain('limited to the teams kestrel-freight/platform-team, and @bob is in none of them');
    expect(emulator.scaffold.created.has('kestrel-freight/bobs-dispatch')).toBe(false);

    const unknown = await run(['--template', 'template:default/node-service', '--values', nodeService('nobodys-service')], { GITHUB_ACTIONS: 'true' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('refused: GITHUB_ACTOR is not set');

    // A dry run (a template's own CI) creates nothing and needs no check.
    expect((await run(['--template', 'template:default/node-service', '--values', nodeService('dry'), '--dry-run', join(tmp(), 'out')], { GITHUB_ACTOR: 'mallory', GITHUB_ACTIONS: 'true' })).code).toBe(0);
  });

  it('fails loudly when the repo already exists', async () => {
    const res = await run(['--template', 'template:default/docs-site', '--values', JSON.stringify({ name: 'portal', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=portal' })]);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/step "publish" \(publish:github\) failed: .*already exists/);
  });
});

function issueEvent(number: number, login: string, body: string) {
  return {
    action: 'opened',
    issue: { number, body, user: { login }, html_url: `https://github.com/kestrel-freight/portal/issues/${number}` },
    repository: { full_name: 'kestrel-freight/portal', owner: { login: 'kestrel-freight' }, html_url: 'https://github.com/kestrel-freight/portal' },
  };
}

const formBody = (ref: string, values: string) => `### Template\n\n${ref}\n\n### Values\n\n\`\`\`json\n${values}\n\`\`\``;

async function fromIssue(event: object, config?: string) {
  const file = join(tmp(), 'event.json');
  writeFileSync(file, JSON.stringify(event));
  return run(['--from-issue', file, ...(config ? ['--config', config] : [])], { GITHUB_RUN_ID: '4242', GITHUB_SERVER_URL: 'https://github.com' });
}

describe('the issue path against the GitHub emulator', { timeout: 30_000 }, () => {
  it("runs an org member's request, comments progress and the output, and closes the issue", async () => {
    const res = await fromIssue(issueEvent(7, 'bob', formBody('template:default/docs-site', JSON.stringify({ name: 'depot-guide', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=depot-guide' }))));
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const issue = emulator.scaffold.issues.get('kestrel-freight/portal#7')!;
    expect(issue.comments).toHaveLength(2);
    expect(issue.comments[0]!.body).toContain('Running `template:default/docs-site` for @bob');
    expect(issue.comments[0]!.body).toContain('https://github.com/kestrel-freight/portal/actions/runs/4242');
    expect(issue.comments[1]!.body).toContain('- [Repository](<https://github.com/kestrel-freight/depot-guide.git>)');
    expect(issue.comments[1]!.body).toContain('Your docs will appear in the portal after the next build.');
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(createdFiles(emulator.scaffold, 'kestrel-freight/depot-guide')?.['catalog-info.yaml']).toContain('name: depot-guide');
  });

  it("refuses an outsider's request with a comment and creates nothing", async () => {
    const res = await fromIssue(issueEvent(8, 'mallory', formBody('template:default/docs-site', JSON.stringify({ name: 'evil', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=evil' }))));
    expect(res.code).toBe(1);
    const issue = emulator.scaffold.issues.get('kestrel-freight/portal#8')!;
    expect(issue.comments.map((c) => c.body)).toEqual(['Sorry @mallory, this request was refused: @mallory is not a member of the kestrel-freight organisation. Nothing was created.']);
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
    expect(emulator.scaffold.created.has('kestrel-freight/evil')).toBe(false);
  });

  it('holds members to the teams the config allows for a template', async () => {
    const dir = tmp();
    const config = join(dir, 'backlot.config.yaml');
    writeFileSync(config, `sources:\n  - type: local\n    path: ${org.repos}\n    org: kestrel-freight\nscaffold:\n  templates:\n    template:default/node-service:\n      allowedTeams: [platform-team]\n`);
    const refused = await fromIssue(issueEvent(9, 'bob', formBody('template:default/node-service', nodeService('bobs-service'))), config);
    expect(refused.code).toBe(1);
    expect(emulator.scaffold.issues.get('kestrel-freight/portal#9')!.comments[0]!.body).toContain('limited to the teams kestrel-freight/platform-team, and @bob is in none of them');
    expect(emulator.scaffold.created.has('kestrel-freight/bobs-service')).toBe(false);

    const allowed = await fromIssue(issueEvent(10, 'alice', formBody('template:default/node-service', nodeService('alices-service'))), config);
    expect(allowed.code).toBe(0);
    expect(emulator.scaffold.issues.get('kestrel-freight/portal#10')).toMatchObject({ state: 'closed', state_reason: 'completed' });
    expect(emulator.scaffold.created.has('kestrel-freight/alices-service')).toBe(true);
  });

  it('comments the problem and keeps the issue open when the values are wrong', async () => {
    const res = await fromIssue(issueEvent(11, 'bob', formBody('template:default/docs-site', '{"name": "Not Valid"}')));
    expect(res.code).toBe(1);
    const issue = emulator.scaffold.issues.get('kestrel-freight/portal#11')!;
    expect(issue.comments[1]!.body).toContain('`template:default/docs-site` failed');
    expect(issue.comments[1]!.body).toContain('  name must match pattern');
    expect(issue.comments[1]!.body).toContain('  owner is required');
    expect(issue.state).toBeUndefined();
  });

  it('closes a request it cannot read', async () => {
    const res = await fromIssue(issueEvent(12, 'bob', 'please make me a service'));
    expect(res.code).toBe(1);
    const issue = emulator.scaffold.issues.get('kestrel-freight/portal#12')!;
    expect(issue.comments[0]!.body).toContain('I could not read this scaffold request: the "Template" field is empty');
    expect(issue).toMatchObject({ state: 'closed', state_reason: 'not_planned' });
  });
});

describe('the live step log, whichever way a run starts', { timeout: 30_000 }, () => {
  // What the scaffold workflow passes: its own token (checks: write) and the commit it runs on.
  const actions = (runId: string) => ({
    GITHUB_ACTIONS: 'true',
    GITHUB_RUN_ID: runId,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_SHA: buildRepo(PORTAL).heads.get('main')!.oid,
    BACKLOT_CHECKS_TOKEN: TOKEN,
  });
  const checkRun = (runId: string) => emulator.checkRuns().find((c) => c.external_id === runId)!;

  it('keeps an issue’s run as a check run, linked from the issue’s comments', async () => {
    const file = join(tmp(), 'event.json');
    const values = JSON.stringify({ name: 'live-guide', owner: 'group:default/platform-team', repoUrl: 'github.com?owner=kestrel-freight&repo=live-guide' });
    writeFileSync(file, JSON.stringify(issueEvent(13, 'bob', formBody('template:default/docs-site', values))));
    const res = await run(['--from-issue', file], actions('7001'));
    expect(res.code).toBe(0);
    const check = checkRun('7001');
    expect(check).toMatchObject({ name: 'Backlot scaffold', status: 'completed', conclusion: 'success', details_url: 'https://github.com/kestrel-freight/portal/actions/runs/7001' });
    const link = `https://github.com/kestrel-freight/portal/runs/${check.id}`;
    const issue = emulator.scaffold.issues.get('kestrel-freight/portal#13')!;
    expect(issue.comments[0]!.body).toContain(`Follow along in [the step log](${link})`);
    expect(issue.comments[1]!.body).toContain(`ran for @bob ([the step log](${link}))`);
    const log = parseRunLog(check.output)!;
    expect(log.notes).toContain('@bob may run template:default/docs-site');
    expect(log.steps.length).toBeGreaterThan(1);
    expect(log.steps.every((s) => s.status === 'done' && s.ms !== undefined)).toBe(true);
    expect(log.links).toContainEqual({ title: 'Repository', url: 'https://github.com/kestrel-freight/live-guide.git' });
    expect(check.output.text).not.toContain(TOKEN);
  });

  it('keeps a dispatched run’s refusal as a failed check run', async () => {
    const res = await run(['--template', 'template:default/node-service', '--values', nodeService('refused-live')], { ...actions('7002'), GITHUB_ACTOR: 'mallory' });
    expect(res.code).toBe(1);
    const check = checkRun('7002');
    expect(check).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(parseRunLog(check.output)?.error).toBe('refused: @mallory is not a member of the kestrel-freight organisation. Nothing was created.');
  });
});
