// `roadiehq:utils:merge` (Roadie's @roadiehq/scaffolder-backend-module-utils, installed by many Backstage setups:
// Red Hat's and Roadie's template sets use it): merges `content` into an existing JSON or YAML file of the
// workspace with lodash's `merge`. Workspace files only, so it needs no backend.

import { parse, parseAllDocuments, stringify } from 'yaml';
import type { ScaffoldAction } from '../types.ts';
import { describe, optionalBoolean, optionalObject, requiredString } from './input.ts';

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * lodash's `merge`: plain objects and arrays merged key by key (arrays by index), an `undefined` source value
 * skipped, anything else replacing. With `concatArrays` (the action's `mergeArrays`), arrays are appended.
 */
export function lodashMerge(target: unknown, source: unknown, concatArrays = false): unknown {
  if (source === undefined) return target;
  if (Array.isArray(source)) {
    if (!Array.isArray(target)) return source.map((v) => lodashMerge(undefined, v, concatArrays));
    if (concatArrays) return [...target, ...source];
    const out = [...target];
    source.forEach((v, i) => (out[i] = lodashMerge(out[i], v, concatArrays)));
    return out;
  }
  if (isPlain(source)) {
    const out: Record<string, unknown> = isPlain(target) ? { ...target } : {};
    for (const [key, value] of Object.entries(source)) {
      if (key === '__proto__') continue;
      const merged = lodashMerge(out[key], value, concatArrays);
      if (merged !== undefined) out[key] = merged;
    }
    return out;
  }
  return source;
}

/** Node's `extname` for a workspace path: `.json`, or '' for `Makefile` and `.bashrc`. */
function extension(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

export const roadieMerge: ScaffoldAction = {
  id: 'roadiehq:utils:merge',
  async handler(ctx) {
    const path = requiredString(ctx.input, 'path');
    const content = ctx.input.content;
    if (content === undefined || content === null) throw new Error('input "content" is required');
    if (typeof content !== 'string' && !isPlain(content)) throw new Error(`input "content" must be an object or a string, got ${describe(content)}`);
    const mergeArrays = optionalBoolean(ctx.input, 'mergeArrays') ?? false;
    const options = optionalObject(ctx.input, 'options');
    if (optionalBoolean(ctx.input, 'preserveYamlComments')) ctx.log('warning: preserveYamlComments is not supported; the merged YAML is written without comments');
    const file = ctx.files.resolve(path);
    if (!(await ctx.files.exists(file))) throw new Error(`The file ${path} does not exist.`);
    const original = await ctx.files.read(file);
    let merged: string;
    switch (extension(file)) {
      case '.json': {
        const add = typeof content === 'string' ? JSON.parse(content) : content;
        merged = JSON.stringify(lodashMerge(JSON.parse(original), add, mergeArrays), null, 2);
        break;
      }
      case '.yml':
      case '.yaml': {
        const documents = parseAllDocuments(original);
        if (Array.isArray(documents) && documents.length > 1) {
          throw new Error(`${path} holds ${documents.length} YAML documents; roadiehq:utils:merge merges into a file of one document`);
        }
        const add = typeof content === 'string' ? parse(content) : content;
        const indent = typeof options?.indent === 'number' ? options.indent : undefined;
        const lineWidth = typeof options?.lineWidth === 'number' ? options.lineWidth : undefined;
        merged = stringify(lodashMerge(parse(original), add, mergeArrays), {
          ...(indent ? { indent } : {}),
          ...(lineWidth !== undefined ? { lineWidth: lineWidth < 0 ? 0 : lineWidth } : {}),
        });
        break;
      }
      default:
        // As Roadie's action: a file that is neither JSON nor YAML is left alone, with no output.
        ctx.log(`${path} is neither JSON nor YAML: left as it is`);
        return;
    }
    await ctx.files.write(file, merged, { replace: true });
    ctx.log(`merged into ${path}`);
    ctx.output('path', `${ctx.workspace}/${file}`);
  },
};
