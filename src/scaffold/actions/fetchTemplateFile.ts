// `fetch:template:file`: one file from the template's repo, rendered with `values`, written to `targetPath`.

import { insideWorkspace } from '../files.ts';
import { readSkeletonFile, resolveTemplateUrl } from '../skeleton.ts';
import type { ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalObject, requiredString } from './input.ts';

export const fetchTemplateFile: ScaffoldAction = {
  id: 'fetch:template:file',
  async handler(ctx) {
    const { input } = ctx;
    const url = requiredString(input, 'url');
    const targetPath = requiredString(input, 'targetPath');
    const values = optionalObject(input, 'values') ?? {};
    const cookiecutterCompat = optionalBoolean(input, 'cookiecutterCompat') ?? false;
    const replace = optionalBoolean(input, 'replace') ?? false;
    const target = insideWorkspace(targetPath);
    if ((await ctx.files.exists(target)) && !replace) return ctx.log(`File ${targetPath} already exists in workspace, not replacing.`);
    const location = resolveTemplateUrl(ctx.template, url);
    if (location.note) ctx.log(`note: ${location.note}`);
    const file = await readSkeletonFile(ctx.template, location, ctx);
    const data =
      file.text === undefined
        ? file.bytes!
        : ctx.templating.renderFile(file.text, { [cookiecutterCompat ? 'cookiecutter' : 'values']: values }, `file ${url}`, {
            cookiecutterCompat,
            trimBlocks: optionalBoolean(input, 'trimBlocks') ?? false,
            lstripBlocks: optionalBoolean(input, 'lstripBlocks') ?? false,
          });
    await ctx.files.write(target, data, { replace: true, executable: !!file.executable });
    ctx.log(`wrote ${targetPath} from ${url}`);
  },
};
