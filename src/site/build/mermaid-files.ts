// mermaid's own prebuilt ESM build (the entry and the chunks it imports relatively), served as-is under
// vendor/mermaid/ so Vite never bundles mermaid's tree (d3, cytoscape, elk, katex) into the site.

import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const MERMAID_ENTRY = 'mermaid.esm.min.mjs';
const CHUNKS = 'chunks/mermaid.esm.min';

/** The installed mermaid package's dist folder, wherever node_modules puts it. */
export function mermaidDistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('mermaid/package.json')), 'dist');
}

/** The entry and its chunks, as `/`-separated paths relative to the dist folder; no source maps. */
export function mermaidFiles(dir: string = mermaidDistDir()): string[] {
  const chunks = readdirSync(join(dir, CHUNKS))
    .filter((name) => name.endsWith('.mjs'))
    .sort()
    .map((name) => `${CHUNKS}/${name}`);
  return [MERMAID_ENTRY, ...chunks];
}
