// `backlot scaffold`: runs a software template (in GitHub Actions, or locally with --dry-run), or handles a
// scaffold request filed as an issue (--from-issue).

import { existsSync, readdirSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readCatalog } from '../catalog/index.ts';
import { createValidator } from '../catalog/validate/index.ts';
import type { BacklotConfig } from '../config/types.ts';
import { resolveRelations } from '../graph/index.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import { runPipeline } from '../pipeline/index.ts';
import { withEtag } from '../pipeline/writeApi.ts';
import { createCatalogLookup } from '../scaffold/catalogApi.ts';
import { unreadCatalogFileCheck } from '../scaffold/crawled.ts';
import { createRunLog, type LiveRunLog } from '../scaffold/runLog.ts';
import { createRedactor, secretsFromEnv } from '../scaffold/secrets.ts';
import { apiBaseUrlFor, createGithubApi, type GithubApi } from '../scaffold/github.ts';
import { allowedTeamsFor, checkAuthor } from '../scaffold/access.ts';
import { handleIssue, parseIssueBody, type IssueEvent } from '../scaffold/issue.ts';
import { findTemplate, isTemplatePath, loadTemplateFile } from '../scaffold/load.ts';
import { formatNotices, formatSummaryMarkdown, formatSummaryText, type SummaryInput } from '../scaffold/output.ts';
import { runTemplate } from '../scaffold/runner.ts';
import { ScaffoldError, type LoadedTemplate, type PortalRepo, type ScaffoldUser } from '../scaffold/types.ts';
import { listFiles } from '../scaffold/workspace.ts';
import { openConfigured, readConfig } from './context.ts';

export interface ScaffoldOptions {
  config: string | undefined;
  template: string | undefined;
  values: string | undefined;
  dryRun: string | undefined;
  fromIssue: string | undefined;
}

/** `--values '{"a":1}'` or `--values @values.json`. */
export async function readValues(arg: string | undefined): Promise<unknown> {
  if (arg === undefined || arg.trim() === '') return {};
  const text = arg.startsWith('@') ? await readFile(arg.slice(1), 'utf8') : arg;
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ScaffoldError(`--values is not valid JSON: ${(err as Error).message}`);
  }
}

/** A client per host; a configured `github` source for that host lends its API URL and token variable. */
function githubClients(config: BacklotConfig, env: NodeJS.ProcessEnv): (host: string) => GithubApi {
  const clients = new Map<string, GithubApi>();
  return (host) => {
    const source = config.sources.find((s) => s.type === 'github' && s.host === host);
    const sourceToken = source?.type === 'github' ? env[source.tokenEnv] : undefined;
    const token = env.BACKLOT_GITHUB_TOKEN || sourceToken || env.GITHUB_TOKEN;
    if (!token) throw new Error('no GitHub token: set GITHUB_TOKEN (or run with --dry-run <dir>)');
    let client = clients.get(host);
    if (!client) {
      const configured = source?.type === 'github' && !env.BACKLOT_GITHUB_API_URL ? source.apiBaseUrl : undefined;
      client = createGithubApi({ token, baseUrl: configured ?? apiBaseUrlFor(host, env), throttle: env.BACKLOT_GITHUB_THROTTLE !== 'off' });
      clients.set(host, client);
    }
    return client;
  };
}

function serverHost(env: NodeJS.ProcessEnv): string {
  try {
    return env.GITHUB_SERVER_URL ? new URL(env.GITHUB_SERVER_URL).host : 'github.com';
  } catch {
    return 'github.com';
  }
}

function portalRepoOf(config: BacklotConfig, env: NodeJS.ProcessEnv): PortalRepo | undefined {
  const full = config.scaffold?.portalRepo ?? env.GITHUB_REPOSITORY;
  const [owner, name] = full?.split('/') ?? [];
  return owner && name ? { host: serverHost(env), owner, name } : undefined;
}

function portalUrlOf(config: BacklotConfig): string | undefined {
  return config.site.url ? `${config.site.url}${config.site.base}` : undefined;
}

/** The catalog's User for a GitHub login (by `github.com/user-login`, else by name). */
export function userFor(login: string | undefined, entities: readonly CatalogEntity[]): ScaffoldUser | undefined {
  if (!login) return undefined;
  const users = entities.filter((e) => e.entity.kind === 'User');
  const found =
    users.find((e) => e.entity.metadata.annotations?.['github.com/user-login']?.toLowerCase() === login.toLowerCase()) ??
    users.find((e) => e.entity.metadata.name.toLowerCase() === login.toLowerCase());
  return found ? { ref: found.ref, entity: found.entity, login } : { ref: `user:default/${login.toLowerCase()}`, login };
}

async function loadTemplate(config: BacklotConfig, arg: string, allowPath: boolean): Promise<{ template: LoadedTemplate; entities: CatalogEntity[] }> {
  if (allowPath && isTemplatePath(arg)) {
    const template = await loadTemplateFile(arg, process.cwd(), config);
    // The catalog a template given as a file sees: its repo's (or its folder of repos'), catalog and relations only.
    const local = config.sources.find((s) => s.type === 'local');
    const catalog = await readCatalog(template.snapshot, {
      catalogPath: () => local?.catalogPath ?? '/catalog-info.yaml',
      validate: createValidator({ customKinds: config.catalog.kinds }),
    });
    return { template, entities: resolveRelations(catalog.entities).entities };
  }
  const ctx = await openConfigured(config);
  const { graph } = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath, diagrams: 'browser' });
  // graph.entities carry their relations, as the static catalog API serves them.
  return { template: findTemplate(graph.entities, ctx.snapshot, arg), entities: graph.entities };
}

async function writeStepSummary(env: NodeJS.ProcessEnv, markdown: string): Promise<void> {
  if (env.GITHUB_STEP_SUMMARY) await appendFile(env.GITHUB_STEP_SUMMARY, `${markdown}\n`);
}

interface RunArgs {
  config: BacklotConfig;
  template: LoadedTemplate;
  entities: CatalogEntity[];
  values: unknown;
  dryRun: string | undefined;
  login: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Where lines go: the console, and the live step log when there is one. */
  say: (line: string) => void;
  runLog: LiveRunLog | undefined;
}

async function runAndReport(args: RunArgs): Promise<SummaryInput> {
  const { config, template, env } = args;
  const workspace = args.dryRun ? resolve(args.dryRun) : await mkdtemp(join(tmpdir(), 'backlot-scaffold-'));
  if (args.dryRun && existsSync(workspace) && readdirSync(workspace).length > 0) {
    throw new ScaffoldError(`--dry-run folder ${args.dryRun} is not empty; give a new or empty folder`);
  }
  const user = userFor(args.login, args.entities);
  const portalRepo = portalRepoOf(config, env);
  args.say(`Scaffolding ${template.ref}${args.dryRun ? ` (dry run into ${args.dryRun})` : ''}`);
  const result = await runTemplate({
    log: args.say,
    ...(args.runLog ? { onStep: args.runLog.step } : {}),
    template,
    values: args.values,
    workspace,
    dryRun: !!args.dryRun,
    github: githubClients(config, env),
    ...(portalRepo ? { portalRepo } : {}),
    unreadCatalogFile: unreadCatalogFileCheck(config.sources),
    secrets: secretsFromEnv(env),
    catalog: createCatalogLookup(args.entities.map((e) => withEtag(e.entity))),
    ...(user ? { user } : {}),
    ...(env.GITHUB_RUN_ID ? { taskId: env.GITHUB_RUN_ID } : {}),
  }).finally(() => (args.dryRun ? undefined : rm(workspace, { recursive: true, force: true })));
  const title = String(template.entity.metadata.title ?? template.entity.metadata.name);
  const portalUrl = portalUrlOf(config);
  const summary: SummaryInput = { title, output: result.output, effects: result.effects, dryRun: !!args.dryRun, ...(portalUrl ? { portalUrl } : {}) };
  if (args.dryRun) {
    const files = await listFiles(workspace);
    console.log(`Rendered ${files.length} file${files.length === 1 ? '' : 's'} into ${args.dryRun}:`);
    for (const f of files) console.log(`  ${f.path}`);
  }
  process.stdout.write(formatSummaryText(summary));
  await args.runLog?.succeed(result.output);
  if (env.GITHUB_ACTIONS === 'true' && !args.dryRun) process.stdout.write(formatNotices(summary));
  await writeStepSummary(env, formatSummaryMarkdown(summary));
  return summary;
}

export async function scaffoldCommand(options: ScaffoldOptions, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  if (options.fromIssue) {
    if (options.template || options.values || options.dryRun) {
      console.error('backlot scaffold: --from-issue takes the template and values from the issue; drop --template/--values/--dry-run');
      return 2;
    }
    return fromIssue(options.fromIssue, options.config, env);
  }
  if (!options.template) {
    console.error('backlot scaffold: --template is required (a ref such as template:default/node-service, or a template.yaml)');
    return 2;
  }
  const config = readConfig(options.config);
  const runLog = options.dryRun ? undefined : await startRunLog(config, env, options.template);
  const say = sayTo(runLog);
  try {
    const values = await readValues(options.values);
    const { template, entities } = await loadTemplate(config, options.template, true);
    if (env.GITHUB_ACTIONS === 'true' && !options.dryRun) await checkActor(config, template.ref, env, say);
    await runAndReport({ config, template, entities, values, dryRun: options.dryRun, login: env.GITHUB_ACTOR, env, say, runLog });
    return 0;
  } catch (err) {
    await runLog?.fail(err instanceof Error ? err.message : String(err), err instanceof ScaffoldError ? err.step : undefined);
    if (!(err instanceof ScaffoldError)) throw err;
    console.error(`backlot scaffold: ${err.message}`);
    await writeStepSummary(env, `### Scaffolding failed\n\n~~~text\n${err.message}\n~~~`);
    return 1;
  }
}

/**
 * In Actions the run acts with the App's token, whoever started it (Run now, `gh workflow run`, the portal's
 * dispatch): the one who started it, `github.actor`, must pass the same org and team check as an issue's author.
 */
async function checkActor(config: BacklotConfig, ref: string, env: NodeJS.ProcessEnv, say: (line: string) => void): Promise<void> {
  const actor = env.GITHUB_ACTOR;
  const org = config.scaffold?.org ?? portalRepoOf(config, env)?.owner;
  if (!actor) throw new ScaffoldError('refused: GITHUB_ACTOR is not set, so who started this run is unknown');
  if (!org) throw new ScaffoldError('refused: the organisation whose members may scaffold is unknown (set scaffold.org or run in the portal repo)');
  const decision = await checkAuthor(githubClients(config, env)(serverHost(env)), org, actor, allowedTeamsFor(config.scaffold, ref));
  if (!decision.allowed) throw new ScaffoldError(`refused: ${decision.reason}. Nothing was created.`);
  say(`@${actor} may run ${ref}${decision.teams.length ? ` (team ${decision.teams.join(', ')})` : ''}`);
}

const sayTo =
  (runLog: LiveRunLog | undefined) =>
  (line: string): void => {
    console.log(line);
    runLog?.line(line);
  };

/**
 * The live step log, in Actions: a check run on the commit the workflow runs on, written with the workflow's
 * own token (BACKLOT_CHECKS_TOKEN, the job's `checks: write`), so the App needs no Checks permission.
 */
async function startRunLog(config: BacklotConfig, env: NodeJS.ProcessEnv, template: string): Promise<LiveRunLog | undefined> {
  const token = env.BACKLOT_CHECKS_TOKEN;
  const [owner, repo] = env.GITHUB_REPOSITORY?.split('/') ?? [];
  if (env.GITHUB_ACTIONS !== 'true' || !token || !env.GITHUB_SHA || !owner || !repo) return undefined;
  const tokens = [token, env.GITHUB_TOKEN, env.BACKLOT_GITHUB_TOKEN, ...config.sources.map((s) => (s.type === 'github' ? env[s.tokenEnv] : undefined))];
  const runUrl = workflowRunUrl(env);
  const portalUrl = portalUrlOf(config);
  const runLog = createRunLog({
    gh: createGithubApi({ token, baseUrl: apiBaseUrlFor(serverHost(env), env), throttle: env.BACKLOT_GITHUB_THROTTLE !== 'off' }),
    owner,
    repo,
    headSha: env.GITHUB_SHA,
    template,
    ...(env.GITHUB_RUN_ID ? { externalId: env.GITHUB_RUN_ID } : {}),
    ...(runUrl ? { detailsUrl: runUrl } : {}),
    ...(portalUrl ? { portalUrl } : {}),
    redact: createRedactor([...Object.values(secretsFromEnv(env)), ...tokens.filter((t): t is string => !!t)]),
    ...(env.BACKLOT_GITHUB_THROTTLE === 'off' ? { minInterval: 0 } : {}),
  });
  await runLog.start();
  if (runLog.url) console.log(`The step log: ${runLog.url}`);
  return runLog;
}

function workflowRunUrl(env: NodeJS.ProcessEnv): string | undefined {
  return env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

async function fromIssue(eventPath: string, configFile: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  const config = readConfig(configFile);
  const event = JSON.parse(await readFile(eventPath, 'utf8')) as IssueEvent;
  if (!event.issue || !event.repository) throw new Error(`${eventPath} is not an issues event`);
  const host = event.repository.html_url ? new URL(event.repository.html_url).host : serverHost(env);
  const clients = githubClients(config, env);
  const runUrl = workflowRunUrl(env);
  const portalEnv = { ...env, GITHUB_REPOSITORY: env.GITHUB_REPOSITORY ?? event.repository.full_name };
  const request = parseIssueBody(event.issue.body);
  const runLog = await startRunLog(config, portalEnv, request.ok ? request.templateRef : `scaffold request #${event.issue.number}`);
  const say = sayTo(runLog);
  let failing: Promise<void> | undefined;
  try {
    const code = await handleIssue({
      event,
      gh: clients(host),
      ...(config.scaffold ? { config: config.scaffold } : {}),
      ...(runUrl ? { runUrl } : {}),
      ...(runLog?.url ? { logUrl: runLog.url } : {}),
      log: say,
      failed: (message) => {
        failing ??= runLog?.fail(message);
      },
      async run(ref, values, login) {
        try {
          const { template, entities } = await loadTemplate(config, ref, false);
          const summary = await runAndReport({ config, template, entities, values, dryRun: undefined, login, env: portalEnv, say, runLog });
          return { markdown: formatSummaryMarkdown(summary) };
        } catch (err) {
          await runLog?.fail(err instanceof Error ? err.message : String(err), err instanceof ScaffoldError ? err.step : undefined);
          throw err;
        }
      },
    });
    await failing;
    return code;
  } catch (err) {
    await runLog?.fail(err instanceof Error ? err.message : String(err));
    throw err;
  }
}
