// `fetch:plain:file` (Backstage's): one file from the template's repo (or another crawled repo), copied as it is
// to `targetPath`, replacing what is there as Backstage's fetchFile does. `token` is not needed: the file comes
// from the crawled snapshot.

import { readSkeletonFile, resolveTemplateUrl } from '../skeleton.ts';
import type { ScaffoldAction } from '../types.ts';
import { writeWorkspaceFile } from '../workspace.ts';
import { requiredString } from './input.ts';

export const fetchPlainFile: ScaffoldAction = {
  id: 'fetch:plain:file',
  async handler(ctx) {
    const url = requiredString(ctx.input, 'url');
    const targetPath = requiredString(ctx.input, 'targetPath');
    const location = resolveTemplateUrl(ctx.template, url);
    if (location.note) ctx.log(`note: ${location.note}`);
    const file = await readSkeletonFile(ctx.template, location);
    await writeWorkspaceFile(ctx.workspace, targetPath, file.text ?? file.bytes!, true, file.executable);
    ctx.log(`wrote ${targetPath} from ${url}`);
  },
};
