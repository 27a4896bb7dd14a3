// MkDocs page meta: a YAML block between `---` lines at the very top. Its lines are blanked (so line
// numbers stay true) and `title` is kept.

import { parse } from 'yaml';

export interface FrontMatter {
  body: string;
  title?: string;
}

export function splitFrontMatter(text: string): FrontMatter {
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return { body: text };
  const blank = '\n'.repeat(m[0].split(/\r?\n/).length - 1);
  let title: string | undefined;
  try {
    const meta = parse(m[1]!) as unknown;
    if (meta && typeof meta === 'object' && typeof (meta as { title?: unknown }).title === 'string') title = (meta as { title: string }).title;
  } catch {
    // Not YAML: MkDocs renders such a block as Markdown too; we drop it like meta it could not read.
  }
  return { body: blank + text.slice(m[0].length), ...(title ? { title } : {}) };
}
