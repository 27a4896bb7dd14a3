// `backlot validate`: the catalog stages only, diagnostics out, exit code for CI.

import { defaultConfig } from '../config/load.ts';
import { runPipeline } from '../pipeline/index.ts';
import { addViewDiagnostics } from './viewChecks.ts';
import { openConfigured, openRepoFolders, readConfig } from './context.ts';
import { formatDiagnostics, summarise, type Format } from './format.ts';

export interface ValidateOptions {
  config: string | undefined;
  format: Format;
  strict: boolean;
  paths: string[];
}

export async function validateCommand(options: ValidateOptions): Promise<number> {
  const alone = options.paths.length > 0;
  const config = alone && !options.config ? defaultConfig() : readConfig(options.config);
  const ctx = alone ? await openRepoFolders(config, options.paths) : await openConfigured(config);
  const result = await runPipeline(ctx.config, ctx.snapshot, { catalogPath: ctx.catalogPath, ignoreDangling: alone, diagrams: 'browser' });
  addViewDiagnostics(result);
  const { diagnostics, catalog } = result;
  const color = options.format === 'text' && !!process.stdout.isTTY && !process.env.NO_COLOR;
  process.stdout.write(formatDiagnostics(diagnostics, options.format, { color, pathOf: ctx.pathOf }));
  const { errors, warnings } = summarise(diagnostics);
  if (options.format === 'text') {
    const files = catalog.files.length;
    console.error(
      `${catalog.entities.length} valid entities in ${files} file${files === 1 ? '' : 's'} of ${ctx.snapshot.repos.length} repo${ctx.snapshot.repos.length === 1 ? '' : 's'}; ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
    );
  }
  return errors > 0 || (options.strict && warnings > 0) ? 1 : 0;
}
