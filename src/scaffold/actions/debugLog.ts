// `debug:log`: prints a message and, if asked, the workspace's files.

import type { ScaffoldAction } from '../types.ts';
import { optionalString } from './input.ts';

export const debugLog: ScaffoldAction = {
  id: 'debug:log',
  async handler(ctx) {
    // A message rendered from a step output may be a list or an object: logged as JSON rather than refused.
    const raw = ctx.input.message;
    const message = raw !== null && typeof raw === 'object' ? JSON.stringify(raw, null, 2) : optionalString(ctx.input, 'message');
    if (message !== undefined) ctx.log(message);
    const list = ctx.input.listWorkspace;
    if (list === undefined || list === false) return;
    if (list !== true && list !== 'with-filenames' && list !== 'with-contents') {
      throw new Error('input "listWorkspace" must be true, "with-filenames" or "with-contents"');
    }
    for (const entry of await ctx.files.list()) {
      ctx.log(list === 'with-contents' ? `${entry.path}:\n${await ctx.files.read(entry.path)}` : entry.path);
    }
  },
};
