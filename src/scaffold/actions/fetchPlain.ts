// `fetch:plain`: copies files from the template's repo into the workspace as they are.

import { childPath, insideWorkspace } from '../files.ts';
import { describeLocation, readSkeleton, resolveTemplateUrl } from '../skeleton.ts';
import type { ScaffoldAction } from '../types.ts';
import { optionalBoolean, optionalString, requiredString } from './input.ts';

export const fetchPlain: ScaffoldAction = {
  id: 'fetch:plain',
  async handler(ctx) {
    const url = requiredString(ctx.input, 'url');
    const targetPath = optionalString(ctx.input, 'targetPath') ?? './';
    const replace = optionalBoolean(ctx.input, 'replace') ?? false;
    const outDir = insideWorkspace(targetPath);
    const location = resolveTemplateUrl(ctx.template, url);
    if (location.note) ctx.log(`note: ${location.note}`);
    let written = 0;
    for (const file of await readSkeleton(ctx.template, location, ctx)) {
      if (await ctx.files.write(childPath(outDir, file.path), file.text ?? file.bytes!, { replace, executable: !!file.executable })) written++;
    }
    ctx.log(`copied ${written} file${written === 1 ? '' : 's'} from ${describeLocation(ctx.template, location)} into ${targetPath}`);
  },
};
