// mermaid's prebuilt files and KaTeX's fonts in a static build: copied as they are, after Astro. `astro dev`
// serves the same files through the routes in ../pages/vendor/, which a build leaves empty: rendered as Astro
// routes, the ~150 files cost a one-repo docs build about 200 ms of CPU (6 % of its user time), for a copy.

import { copyFileSync, linkSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { katexDistDir, katexFonts } from './katex-files.ts';
import { mermaidDistDir, mermaidFiles } from './mermaid-files.ts';

/** Copies them into `outDir` (the site's root) at the paths the routes serve; returns how many. */
export function copyVendorFiles(outDir: string): number {
  const mermaid = mermaidDistDir();
  const katex = katexDistDir();
  const files = [
    ...mermaidFiles(mermaid).map((file) => [join(mermaid, file), join(outDir, 'vendor', 'mermaid', file)] as const),
    ...katexFonts(katex).map((font) => [join(katex, 'fonts', `${font}.woff2`), join(outDir, 'vendor', 'katex', 'fonts', `${font}.woff2`)] as const),
  ];
  const made = new Set<string>();
  for (const [from, to] of files) {
    const dir = dirname(to);
    if (!made.has(dir)) mkdirSync(dir, { recursive: true });
    made.add(dir);
    linkOrCopy(from, to);
  }
  return files.length;
}

/**
 * A hard link where the output is on node_modules' filesystem (the files are never written to in place: a build
 * writes a new site folder): copying the ~150 files took 54 ms of a rebuild's site child (CPU profile, 10,000
 * entities), linking them a few.
 */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}
