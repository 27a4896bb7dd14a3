// `fetch:template`: copies a skeleton folder into the workspace, rendering paths and contents with `values`.

import picomatch from 'picomatch';
import { childPath, insideWorkspace } from '../files.ts';
import { describeLocation, readSkeleton, resolveTemplateUrl } from '../skeleton.ts';
import type { FileTemplateOptions } from '../templating.ts';
import type { ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalObject, optionalString, optionalStrings, requiredString } from './input.ts';

/** Backstage skips a file whose rendered path is empty, absolute, or has an empty folder name in it. */
export function isSkippedPath(path: string): boolean {
  return path === '' || path.startsWith('/') || path.includes('//');
}

/** Matches `copyWithoutTemplating` globs; a folder (`.github/workflows/`) matches everything under it. */
export function rawMatcher(globs: readonly string[]): (path: string) => boolean {
  const matchers = globs.flatMap((glob) => {
    const folder = glob.replace(/\/+$/, '');
    return [picomatch(glob, { dot: true }), picomatch(`${folder}/**`, { dot: true })];
  });
  return (path) => matchers.some((m) => m(path));
}

function extensionOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false) return undefined;
  if (value === true) return '.njk';
  if (typeof value !== 'string' || value === '') throw new Error('input "templateFileExtension" must be true or an extension such as ".njk"');
  return value.startsWith('.') ? value : `.${value}`;
}

export const fetchTemplate: ScaffoldAction = {
  id: 'fetch:template',
  async handler(ctx) {
    const { input } = ctx;
    const url = requiredString(input, 'url');
    const targetPath = optionalString(input, 'targetPath') ?? './';
    const values = optionalObject(input, 'values') ?? {};
    const copyWithoutTemplating = optionalStrings(input, 'copyWithoutTemplating');
    // Deprecated in Backstage but still honoured: same globs, and a matched file's path is not rendered either.
    const copyWithoutRender = optionalStrings(input, 'copyWithoutRender');
    if (copyWithoutRender && copyWithoutTemplating) {
      throw new Error('input "copyWithoutRender" and "copyWithoutTemplating" cannot be used at the same time');
    }
    const copyOnly = copyWithoutRender ?? copyWithoutTemplating;
    const cookiecutterCompat = optionalBoolean(input, 'cookiecutterCompat') ?? false;
    const extension = extensionOf(input.templateFileExtension);
    const replace = optionalBoolean(input, 'replace') ?? false;
    const options: FileTemplateOptions = {
      cookiecutterCompat,
      trimBlocks: optionalBoolean(input, 'trimBlocks') ?? false,
      lstripBlocks: optionalBoolean(input, 'lstripBlocks') ?? false,
    };
    if (extension && (copyOnly || cookiecutterCompat)) {
      throw new Error('input "templateFileExtension" cannot be combined with "copyWithoutTemplating", "copyWithoutRender" or "cookiecutterCompat"');
    }
    if (copyWithoutRender) ctx.log('warning: [Deprecated] "copyWithoutRender" is deprecated; use "copyWithoutTemplating" instead');

    const outDir = insideWorkspace(targetPath);
    const location = resolveTemplateUrl(ctx.template, url);
    if (location.note) ctx.log(`note: ${location.note}`);
    const files = await readSkeleton(ctx.template, location, ctx);
    const isRaw = rawMatcher(copyOnly ?? []);
    const context = { [cookiecutterCompat ? 'cookiecutter' : 'values']: values };
    let written = 0;
    let skipped = 0;
    for (const file of files) {
      let path = file.path;
      let renderContents: boolean;
      if (extension) {
        renderContents = path.endsWith(extension);
        if (renderContents) path = path.slice(0, -extension.length);
      } else {
        renderContents = !isRaw(file.path);
      }
      if (renderContents || !copyWithoutRender) path = ctx.templating.renderFile(path, context, `the path of ${file.path}`, options);
      if (isSkippedPath(path)) {
        skipped++;
        continue;
      }
      const data =
        file.text === undefined
          ? file.bytes!
          : renderContents
            ? ctx.templating.renderFile(file.text, context, `file ${file.path}`, options)
            : file.text;
      if (await ctx.files.write(childPath(outDir, path), data, { replace, executable: !!file.executable })) written++;
      else ctx.log(`kept existing ${path} (set "replace: true" to overwrite)`);
    }
    ctx.log(`wrote ${written} file${written === 1 ? '' : 's'} from ${describeLocation(ctx.template, location)} into ${targetPath}${skipped ? `, skipped ${skipped} whose path rendered empty` : ''}`);
  },
};
