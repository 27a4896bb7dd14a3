// The steps of a template run in order, as Backstage's NunjucksWorkflowRunner runs them, but failing loudly: a
// render error or an unknown filter stops the run with the step and the expression named. Pure: no Node, no
// disk; `backlot scaffold` (./runner.ts) gives it a folder on disk, the Create page's preview one in memory.

import { ACTION_INPUTS, templateProblems } from './check.ts';
import type { CatalogLookup } from './catalogApi.ts';
import type { WorkspaceFiles } from './files.ts';
import type { GithubApi } from './github.ts';
import { renderOutput } from './output.ts';
import { whenEvaluator, type Templating } from './templating.ts';
import { isTruthy } from '../model/templateParameters.ts';
import {
  ScaffoldError,
  type ActionContext,
  type JsonObject,
  type LoadedTemplate,
  type PortalRepo,
  type RunState,
  type ScaffoldAction,
  type ScaffoldResult,
  type ScaffoldUser,
  type StepEvent,
  type StepReport,
  type TemplateStep,
} from './types.ts';
import { ANNOTATION_SECRETS, declaredSecrets, referencedSecrets, SECRET_ENV_PREFIX } from './secrets.ts';
import { formatValuesProblems, parameterPages, validateValues, withDefaults, type PageCondition } from './values.ts';

export interface StepsOptions {
  template: LoadedTemplate;
  values: unknown;
  /** Where the steps write: its name (an absolute folder on disk) and its files. */
  workspace: string;
  files: WorkspaceFiles;
  /** Render into the workspace, but only describe what GitHub actions would do. */
  dryRun: boolean;
  actions: Map<string, ScaffoldAction>;
  templating: Templating;
  /** `context.task.id`. */
  taskId: string;
  log: (line: string) => void;
  /** GitHub client per host; required unless dry-running. */
  github?: (host: string) => GithubApi;
  portalRepo?: PortalRepo;
  catalog?: CatalogLookup;
  /** Why the portal would never read a catalog file URL (catalog:register); see ../scaffold/crawled.ts. */
  unreadCatalogFile?: (url: string) => string | undefined;
  user?: ScaffoldUser;
  /** Each step's start and end, for a live log; lines logged between them are the step's. */
  onStep?: (event: StepEvent) => void;
  /** Secret values by name (the scaffold workflow's `BACKLOT_SECRET_*`); a template sees those it declares. */
  secrets?: Record<string, string>;
}

/**
 * Problems found before anything runs: the steps' shape, unknown actions and required inputs, filters, `${{ }}`
 * syntax. `warnings` (a step id used twice, which Backstage runs) are left out unless asked for.
 */
export function checkTemplate(template: LoadedTemplate, actions: Map<string, ScaffoldAction>, templating: Templating, warnings = false): string[] {
  const inputs = Object.fromEntries([...actions.keys()].map((id) => [id, ACTION_INPUTS[id] ?? []]));
  return templateProblems(template.spec as unknown as JsonObject, inputs, templating)
    .filter((p) => (p.severity === 'warning') === warnings)
    .map((p) => `${p.message}${p.hint ? `; ${p.hint}` : ''}`);
}

const stepId = (step: TemplateStep, index: number) => (typeof step.id === 'string' && step.id ? step.id : `step-${index + 1}`);

/** Each step's name in the step log: its id, then `id#2`, `id#3` for a reused id, so each keeps its own line. */
function logIds(steps: readonly TemplateStep[]): string[] {
  const seen = new Map<string, number>();
  return steps.map((step, index) => {
    const id = stepId(step, index);
    const n = (seen.get(id) ?? 0) + 1;
    seen.set(id, n);
    return n === 1 ? id : `${id}#${n}`;
  });
}

/** The `secrets` a template sees: those it declares, from those passed; a declared one missing fails a real run. */
function templateSecrets(options: StepsOptions, log: (line: string) => void): JsonObject {
  const { template } = options;
  const provided = options.secrets ?? {};
  const declared = declaredSecrets(template.entity);
  const out: JsonObject = {};
  for (const name of declared) {
    if (provided[name] !== undefined) out[name] = provided[name];
    else if (options.dryRun) log(`note: secret ${name} is not passed (set ${SECRET_ENV_PREFIX}${name}); secrets.${name} stays empty in this dry run`);
    else {
      throw new ScaffoldError(
        `${template.ref} needs the secret ${name}, which the scaffold workflow does not pass: add the Actions secret ${name} to the portal repo and "${SECRET_ENV_PREFIX}${name}: \${{ secrets.${name} }}" to the env of scaffold.yml's run step`,
      );
    }
  }
  const undeclared = referencedSecrets([template.spec.steps, template.spec.output]).filter((name) => !declared.includes(name));
  if (undeclared.length) {
    log(`warning: the template reads secrets.${undeclared.join(', secrets.')} without listing ${undeclared.length === 1 ? 'it' : 'them'} in the ${ANNOTATION_SECRETS} annotation; ${undeclared.length === 1 ? 'it stays' : 'they stay'} empty`);
  }
  return out;
}

export async function runSteps(options: StepsOptions): Promise<ScaffoldResult> {
  const { template, workspace, dryRun, log, actions, templating, files } = options;
  const onStep = options.onStep ?? (() => {});
  const steps = Array.isArray(template.spec.steps) ? template.spec.steps : [];
  const logged = logIds(steps);
  onStep({
    type: 'plan',
    steps: steps.map((step, index) => ({ id: logged[index]!, name: typeof step.name === 'string' && step.name ? step.name : String(step.action), action: String(step.action) })),
  });

  const problems = checkTemplate(template, actions, templating);
  if (problems.length) throw new ScaffoldError(`template ${template.ref} cannot run:\n  ${problems.join('\n  ')}`);
  for (const warning of checkTemplate(template, actions, templating, true)) log(`warning: ${warning}`);
  const isObject = options.values !== null && typeof options.values === 'object' && !Array.isArray(options.values);
  // A page with `when: ${{ … }}` counts only when its condition holds for the values, as in Backstage's form.
  const evaluate = whenEvaluator(templating);
  const isShown: PageCondition = (when, values) => {
    try {
      return evaluate(when, values);
    } catch (err) {
      throw new ScaffoldError((err as Error).message);
    }
  };
  const parameters = isObject ? withDefaults(parameterPages(template.spec.parameters), options.values as JsonObject, isShown) : options.values;
  const valueProblems = validateValues(template.spec.parameters, parameters, isShown);
  if (valueProblems.length) {
    throw new ScaffoldError(`the values do not match the parameters of ${template.ref}:\n${formatValuesProblems(valueProblems)}`);
  }

  const user = options.user ?? { ref: 'user:default/guest' };
  const context: JsonObject & { steps: Record<string, { output: JsonObject }> } = {
    parameters,
    steps: {},
    user: { ref: user.ref, ...(user.entity ? { entity: user.entity } : {}) },
    context: { task: { id: options.taskId } },
    secrets: templateSecrets(options, log),
  };
  const state: RunState = { published: [], effects: [] };
  const reports: StepReport[] = [];
  const github =
    options.github ??
    (() => {
      throw new Error('no GitHub token: set GITHUB_TOKEN (or use --dry-run)');
    });

  for (const [index, step] of template.spec.steps.entries()) {
    const id = stepId(step, index);
    const logId = logged[index]!;
    const name = typeof step.name === 'string' && step.name ? step.name : step.action;
    const action = actions.get(step.action)!;
    const started = performance.now();
    const fail = (err: unknown): never => {
      onStep({ type: 'end', id: logId, status: 'failed', ms: performance.now() - started, error: (err as Error).message });
      throw new ScaffoldError(`step "${id}" (${step.action}) failed: ${(err as Error).message}`, logId);
    };
    onStep({ type: 'start', id: logId });

    try {
      if (step.if !== undefined) {
        const condition = typeof step.if === 'boolean' ? step.if : templating.renderValue(step.if, context, 'if');
        if (!isTruthy(condition)) {
          log(`[${id}] ${name}: skipped (if is false)`);
          reports.push({ id: logId, name, action: step.action, status: 'skipped', ms: 0 });
          onStep({ type: 'end', id: logId, status: 'skipped', ms: 0 });
          continue;
        }
      }
      let iterations: Array<JsonObject | undefined> = [undefined];
      if (step.each !== undefined) {
        const each = typeof step.each === 'string' ? templating.renderValue(step.each, context, 'each') : step.each;
        if (each === null || typeof each !== 'object') {
          throw new Error(`"each" must render to a list or an object, got ${each === undefined ? 'nothing' : typeof each}`);
        }
        iterations = Object.entries(each).map(([key, value]) => ({ key, value }));
      }
      log(`[${id}] ${name}${dryRun && action.external ? ' (dry run)' : ''}`);
      const output: JsonObject = {};
      for (const each of iterations) {
        const scope = each ? { ...context, each } : context;
        const input = (templating.renderValue(step.input ?? {}, scope, 'input') ?? {}) as JsonObject;
        const ctx: ActionContext = {
          stepId: id,
          input,
          workspace,
          files,
          template,
          templating,
          dryRun,
          github,
          ...(options.portalRepo ? { portalRepo: options.portalRepo } : {}),
          ...(options.catalog ? { catalog: options.catalog } : {}),
          ...(options.unreadCatalogFile ? { unreadCatalogFile: options.unreadCatalogFile } : {}),
          state,
          log: (message) => log(`[${id}]   ${message}`),
          output: (key, value) => {
            if (!each) output[key] = value;
            else ((output[key] ??= []) as unknown[]).push(value);
          },
          effect: (summary, details) => {
            state.effects.push({ step: id, action: step.action, summary, details, dryRun });
            log(`[${id}]   ${dryRun ? 'would ' : ''}${summary}`);
          },
        };
        await action.handler(ctx);
      }
      context.steps[id] = { output };
      const ms = performance.now() - started;
      reports.push({ id: logId, name, action: step.action, status: 'done', ms });
      onStep({ type: 'end', id: logId, status: 'done', ms });
    } catch (err) {
      fail(err);
    }
  }

  let output;
  try {
    output = renderOutput(template.spec.output, context, templating);
  } catch (err) {
    throw new ScaffoldError(`the template's output failed: ${(err as Error).message}`);
  }
  return { output, steps: reports, effects: state.effects, workspace };
}
