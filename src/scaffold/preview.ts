// The Create page's "Preview": the template's steps run in the browser as `backlot scaffold --dry-run` runs them
// (the same steps core, actions and nunjitsu templating), into a workspace in memory, from the skeleton files the
// build wrote beside the page. Nothing here touches Node, the disk or the network.

import { parseAllDocuments } from 'yaml';
import { stringifyEntityRef } from '../model/entityRef.ts';
import { memorySnapshot } from '../snapshot/memory.ts';
import type { TemplatePreviewData } from '../model/templatePreview.ts';
import { catalogWrite } from './actions/catalogWrite.ts';
import { debugLog } from './actions/debugLog.ts';
import { fetchCookiecutter } from './actions/fetchCookiecutter.ts';
import { fetchPlain } from './actions/fetchPlain.ts';
import { fetchPlainFile } from './actions/fetchPlainFile.ts';
import { fetchTemplate } from './actions/fetchTemplate.ts';
import { fetchTemplateFile } from './actions/fetchTemplateFile.ts';
import { fsDelete, fsRename } from './actions/fs.ts';
import { fsRead, fsReaddir } from './actions/fsRead.ts';
import { githubActionsDispatch } from './actions/githubDispatch.ts';
import { roadieMerge } from './actions/roadieMerge.ts';
import { roadieFsParse, roadieFsWrite, roadieJsonata, roadieJsonTransform, roadieYamlTransform } from './actions/roadieUtils.ts';
import { optionalString, requiredString } from './actions/input.ts';
import { parseRepoUrl } from './filters.ts';
import { memoryFiles } from './files.ts';
import { runSteps } from './steps.ts';
import { createTemplating } from './templating.ts';
import type { ActionContext, LoadedTemplate, ScaffoldAction, ScaffoldOutput, StepEvent, TemplateSpec } from './types.ts';

export interface PreviewFile {
  path: string;
  /** Text contents; absent for a binary file. */
  text?: string;
  size: number;
  executable: boolean;
}

export interface PreviewStep {
  id: string;
  name: string;
  action: string;
  /** `simulated`: a step that acts on GitHub, shown as what it would do. */
  status: 'done' | 'simulated' | 'skipped' | 'failed' | 'not run';
  log: string[];
  /** What a GitHub step would do, one line each. */
  would: string[];
  error?: string;
}

export interface PreviewResult {
  files: PreviewFile[];
  steps: PreviewStep[];
  /** The run's error (a step's, the values', or the template's), naming the step. */
  error?: { message: string; step?: string };
  output?: ScaffoldOutput;
  /** Fetch steps whose files the preview does not have (src/scaffold/previewData.ts). */
  missing: string[];
}

/** Steps that act on GitHub; in a preview they only say what they would do, with Backstage's dry-run outputs. */
const publishGithub: ScaffoldAction = {
  id: 'publish:github',
  external: true,
  async handler(ctx) {
    const { host, owner, repo } = parseRepoUrl(requiredString(ctx.input, 'repoUrl'));
    const branch = optionalString(ctx.input, 'defaultBranch') ?? 'main';
    const visibility = optionalString(ctx.input, 'repoVisibility') ?? 'private';
    const files = await ctx.files.list(ctx.files.resolve(optionalString(ctx.input, 'sourcePath') ?? '.'));
    const web = `https://${host}/${owner}/${repo}`;
    ctx.effect(`create ${visibility} repo ${owner}/${repo} on ${host} and push ${files.length} file${files.length === 1 ? '' : 's'} to ${branch}`, { repo: `${host}/${owner}/${repo}` });
    ctx.output('remoteUrl', `${web}.git`);
    ctx.output('repoContentsUrl', `${web}/blob/${branch}`);
    ctx.output('commitHash', '0'.repeat(40));
    published.set(ctx.state, [...(published.get(ctx.state) ?? []), { contents: `${web}/blob/${branch}`, dir: ctx.files.resolve(optionalString(ctx.input, 'sourcePath') ?? '.') }]);
  },
};

/** What publish:github pushed in this preview, so catalog:register can name the entity (as the real steps do). */
const published = new WeakMap<object, Array<{ contents: string; dir: string }>>();

/** The ref Backstage's catalog:register reports: the file's Component, else its first entity. */
async function registeredRef(ctx: ActionContext, url: string): Promise<string | undefined> {
  const repo = (published.get(ctx.state) ?? []).find((p) => url.startsWith(`${p.contents}/`));
  if (!repo) return undefined;
  const path = `${repo.dir ? `${repo.dir}/` : ''}${url.slice(repo.contents.length + 1)}`;
  if (!(await ctx.files.exists(path))) return undefined;
  const refs = parseAllDocuments(await ctx.files.read(path)).flatMap((doc) => {
    const e = ('toJS' in doc ? doc.toJS() : null) as { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } } | null;
    if (!e || typeof e.kind !== 'string' || typeof e.metadata?.name !== 'string') return [];
    const namespace = typeof e.metadata.namespace === 'string' ? e.metadata.namespace : undefined;
    return [{ kind: e.kind, ref: stringifyEntityRef({ kind: e.kind, name: e.metadata.name, ...(namespace ? { namespace } : {}) }) }];
  });
  return (refs.find((r) => r.kind === 'Component') ?? refs[0])?.ref;
}

const publishPullRequest: ScaffoldAction = {
  id: 'publish:github:pull-request',
  external: true,
  async handler(ctx) {
    const repoUrl = requiredString(ctx.input, 'repoUrl');
    const { owner, repo } = parseRepoUrl(repoUrl);
    const branch = requiredString(ctx.input, 'branchName');
    const title = requiredString(ctx.input, 'title');
    const files = await ctx.files.list(ctx.files.resolve(optionalString(ctx.input, 'sourcePath') ?? '.'));
    ctx.effect(`open a pull request "${title}" on ${owner}/${repo} from ${branch} with ${files.length} file${files.length === 1 ? '' : 's'}`, { repo: `${owner}/${repo}` });
    ctx.output('targetBranchName', branch);
    ctx.output('remoteUrl', repoUrl);
    ctx.output('pullRequestNumber', 43);
  },
};

const catalogRegister: ScaffoldAction = {
  id: 'catalog:register',
  external: true,
  async handler(ctx) {
    const contents = optionalString(ctx.input, 'repoContentsUrl');
    const url = optionalString(ctx.input, 'catalogInfoUrl') ?? (contents ? `${contents.replace(/\/+$/, '')}/${(optionalString(ctx.input, 'catalogInfoPath') ?? '/catalog-info.yaml').replace(/^\/+/, '')}` : undefined);
    if (!url) throw new Error('input "catalogInfoUrl" or "repoContentsUrl" is required');
    ctx.effect(`register ${url}: ask the portal to rebuild, whose crawl then finds it`, { catalogInfoUrl: url });
    ctx.output('catalogInfoUrl', url);
    const entityRef = await registeredRef(ctx, url);
    if (entityRef) ctx.output('entityRef', entityRef);
  },
};

/** debug:wait waits for nothing in a preview. */
const debugWait: ScaffoldAction = { id: 'debug:wait', handler: async (ctx: ActionContext) => ctx.log('(a wait; the preview does not wait)') };

export const previewActions: ReadonlyMap<string, ScaffoldAction> = new Map(
  [fetchTemplate, fetchPlain, fetchPlainFile, fetchTemplateFile, fetchCookiecutter, fsRename, fsDelete, fsRead, fsReaddir, debugLog, debugWait, catalogWrite, publishGithub, publishPullRequest, githubActionsDispatch, catalogRegister, roadieMerge, roadieFsWrite, roadieFsParse, roadieJsonata, roadieYamlTransform, roadieJsonTransform].map((a) => [a.id, a]),
);

/** The template as the steps core loads it, over a snapshot of the skeleton files. */
export function previewTemplate(data: TemplatePreviewData): LoadedTemplate {
  const snapshot = memorySnapshot(
    data.repos.map((r) => ({
      repo: r.repo,
      // A binary file's bytes are not carried: zeros of its size, so it is copied (and listed) as binary.
      files: { ...r.text, ...Object.fromEntries(Object.entries(r.binary).map(([path, size]) => [path, new Uint8Array(size)])) },
      executables: r.executables,
    })),
  );
  const repo = snapshot.repos.find((r) => r.name === data.repo)!;
  return { ref: data.ref, entity: data.entity, spec: data.entity.spec as unknown as TemplateSpec, snapshot, repo, file: data.file };
}

/** Runs the template on `values` in memory: the files it would make, each step's log, and where it stopped. */
export async function runPreview(data: TemplatePreviewData, values: unknown): Promise<PreviewResult> {
  const files = memoryFiles();
  const steps: PreviewStep[] = [];
  let current: PreviewStep | undefined;
  const onStep = (event: StepEvent) => {
    if (event.type === 'plan') {
      for (const s of event.steps) steps.push({ ...s, status: 'not run', log: [], would: [] });
    } else if (event.type === 'start') {
      current = steps.find((s) => s.id === event.id);
    } else {
      const step = steps.find((s) => s.id === event.id);
      if (step) {
        step.status = event.status === 'done' && step.would.length ? 'simulated' : event.status;
        if (event.error) step.error = event.error;
      }
      current = undefined;
    }
  };
  const log = (line: string) => {
    if (!current) return;
    const own = line.match(/^\[[^\]]*\] {3}(.*)$/s);
    if (!own) return; // the step's heading line
    if (own[1]!.startsWith('would ')) current.would.push(own[1]!.slice('would '.length));
    else current.log.push(own[1]!);
  };
  const result: PreviewResult = { files: [], steps, missing: data.missing };
  try {
    const run = await runSteps({
      template: previewTemplate(data),
      values,
      workspace: '/workspace',
      files,
      dryRun: true,
      actions: new Map(previewActions),
      templating: createTemplating(),
      taskId: 'preview',
      github: () => {
        throw new Error('a preview has no token: it reads only the repos the build crawled');
      },
      log,
      onStep,
    });
    result.output = run.output;
  } catch (err) {
    const step = (err as { step?: unknown }).step;
    result.error = { message: (err as Error).message, ...(typeof step === 'string' ? { step } : {}) };
  }
  result.files = files.entries().map(({ path, data: content, executable }) =>
    typeof content === 'string' ? { path, text: content, size: new TextEncoder().encode(content).length, executable } : { path, size: content.byteLength, executable },
  );
  return result;
}
