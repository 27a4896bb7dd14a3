// `fetch:plain:file` (Backstage's): one file from the template's repo (or another crawled repo), copied as it is
// to `targetPath`, replacing what is there as Backstage's fetchFile does. the file comes from the crawled snapshot, or
// from GitHub with the run's token for a repo of a crawled org the crawl left out (as fetch:plain).

import { insideWorkspace } from '../files.ts';
import { readSkeletonFile, resolveTemplateUrl } from '../skeleton.ts';
import type { ScaffoldAction } from '../types.ts';
import { requiredString } from './input.ts';

export const fetchPlainFile: ScaffoldAction = {
  id: 'fetch:plain:file',
  async handler(ctx) {
    const url = requiredString(ctx.input, 'url');
    const targetPath = requiredString(ctx.input, 'targetPath');
    const location = resolveTemplateUrl(ctx.template, url);
    if (location.note) ctx.log(`note: ${location.note}`);
    const file = await readSkeletonFile(ctx.template, location, ctx);
    await ctx.files.write(insideWorkspace(targetPath), file.text ?? file.bytes!, { replace: true, executable: !!file.executable });
    ctx.log(`wrote ${targetPath} from ${url}`);
  },
};
