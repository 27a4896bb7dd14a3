// Roadie's utils module (@roadiehq/scaffolder-backend-module-utils) beyond `merge`: file writes and parses, and
// JSONata over data or a workspace file, as real templates chain them (sanity-io's catalog updates). JSONata is a
// query language with no access to the process, files or network, so running a crawled expression is as safe as
// the templating.

import jsonata from 'jsonata';
import { parse, parseAllDocuments, stringify } from 'yaml';
import type { ActionContext, ScaffoldAction } from '../types.ts';
import { optionalString, requiredString } from './input.ts';

const PARSERS: Readonly<Record<string, (text: string) => unknown>> = {
  yaml: (text) => parse(text),
  json: (text) => JSON.parse(text),
  multiyaml: (text) => parseAllDocuments(text).map((doc) => doc.toJSON()),
};

/** The path Roadie's actions output: the file's place on disk (the workspace's name and the file in it). */
const outputPath = (ctx: ActionContext, file: string) => `${ctx.workspace}/${file}`;

async function evaluate(expression: string, data: unknown): Promise<unknown> {
  try {
    return await jsonata(expression).evaluate(data);
  } catch (err) {
    const message = err && typeof err === 'object' && 'message' in err ? String(err.message) : 'unknown JSONata evaluation error';
    throw new Error(`JSONata failed to evaluate the expression: ${message}`);
  }
}

export const roadieFsWrite: ScaffoldAction = {
  id: 'roadiehq:utils:fs:write',
  async handler(ctx) {
    const path = requiredString(ctx.input, 'path');
    const content = optionalString(ctx.input, 'content');
    if (content === undefined) throw new Error('input "content" is required');
    const file = ctx.files.resolve(path);
    await ctx.files.write(file, content, { replace: true });
    ctx.output('path', outputPath(ctx, file));
  },
};

export const roadieFsParse: ScaffoldAction = {
  id: 'roadiehq:utils:fs:parse',
  async handler(ctx) {
    const file = ctx.files.resolve(requiredString(ctx.input, 'path'));
    const parser = optionalString(ctx.input, 'parser');
    if (parser !== undefined && !PARSERS[parser]) throw new Error(`input "parser" must be yaml, json or multiyaml, got "${parser}"`);
    const text = await ctx.files.read(file);
    ctx.output('content', (parser ? PARSERS[parser]! : (t: string) => t)(text));
  },
};

export const roadieJsonata: ScaffoldAction = {
  id: 'roadiehq:utils:jsonata',
  async handler(ctx) {
    ctx.output('result', (await evaluate(requiredString(ctx.input, 'expression'), ctx.input.data)));
  },
};

/** `:yaml:transform` and `:json:transform`: the expression over a workspace file; `result` is the text it becomes. */
function transform(id: string, read: (text: string) => unknown, write: (value: unknown, options: Record<string, unknown>) => string): ScaffoldAction {
  return {
    id,
    async handler(ctx) {
      const data = read(await ctx.files.read(ctx.files.resolve(requiredString(ctx.input, 'path'))));
      const options = ctx.input.options && typeof ctx.input.options === 'object' && !Array.isArray(ctx.input.options) ? (ctx.input.options as Record<string, unknown>) : {};
      ctx.output('result', write(await evaluate(requiredString(ctx.input, 'expression'), data), options));
    },
  };
}

export const roadieYamlTransform = transform('roadiehq:utils:jsonata:yaml:transform', parse, (value, options) =>
  stringify(value, { ...(typeof options.indent === 'number' ? { indent: options.indent } : {}), ...(typeof options.lineWidth === 'number' ? { lineWidth: Math.max(0, options.lineWidth) } : {}) }),
);

export const roadieJsonTransform = transform('roadiehq:utils:jsonata:json:transform', JSON.parse, (value, options) =>
  JSON.stringify(value, options.replacer as never, (options.space as number | string | undefined) ?? undefined),
);
