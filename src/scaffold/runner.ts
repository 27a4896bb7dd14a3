// Runs a template for `backlot scaffold`: the steps (./steps.ts) in a folder on disk, every secret masked.

import { mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { actionRegistry } from './actions/index.ts';
import { diskFiles } from './diskFiles.ts';
import { runSteps, type StepsOptions } from './steps.ts';
import { createTemplating, type Templating } from './templating.ts';
import { isTruthy } from '../model/templateParameters.ts';
import { ScaffoldError, type ScaffoldAction, type ScaffoldResult, type StepEvent } from './types.ts';
import { createRedactor, redactDeep } from './secrets.ts';

/** runSteps' options (./steps.ts) with the files on disk, and defaults for the rest. */
export interface RunOptions extends Omit<StepsOptions, 'files' | 'actions' | 'templating' | 'taskId' | 'log'> {
  /** Absolute folder the steps write into; created when missing. */
  workspace: string;
  /** `context.task.id`; a run id in Actions. */
  taskId?: string;
  log?: (line: string) => void;
  actions?: Map<string, ScaffoldAction>;
  templating?: Templating;
}

export { isTruthy };
export { checkTemplate } from './steps.ts';

/** Runs the template; every secret value is masked in what it logs, returns and throws. */
export async function runTemplate(options: RunOptions): Promise<ScaffoldResult> {
  const redact = createRedactor(Object.values(options.secrets ?? {}));
  const print = options.log ?? ((line: string) => console.log(line));
  const log = (line: string) => print(redact(line));
  const onStep = options.onStep;
  try {
    await mkdir(options.workspace, { recursive: true });
    const result = await runSteps({
      ...options,
      log,
      files: diskFiles(options.workspace),
      actions: options.actions ?? actionRegistry(),
      templating: options.templating ?? createTemplating(),
      taskId: options.taskId ?? randomUUID(),
      ...(onStep ? { onStep: (event: StepEvent) => onStep(redactDeep(event, redact)) } : {}),
    });
    return redactDeep(result, redact);
  } catch (err) {
    if (err instanceof ScaffoldError) throw new ScaffoldError(redact(err.message), err.step);
    if (err instanceof Error) {
      err.message = redact(err.message);
      // The stack was written when the error was made, message and all.
      if (err.stack) err.stack = redact(err.stack);
    }
    throw err;
  }
}


