// KaTeX's stylesheet and fonts, served under vendor/katex/ for docs pages with math (docs/markdown/math.ts
// typesets at build time; the page only needs this CSS). woff2 only: every browser the portal supports
// reads it, so the woff and ttf fallbacks are left out of the CSS and the output.

import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const KATEX_CSS = 'vendor/katex/katex.min.css';

export function katexDistDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve('katex/package.json')), 'dist');
}

export function katexCss(dir: string = katexDistDir()): string {
  return readFileSync(join(dir, 'katex.min.css'), 'utf8').replace(/,url\(fonts\/[\w-]+\.(?:woff|ttf)\) format\("(?:woff|truetype)"\)/g, '');
}

/** Font names without the `.woff2`. */
export function katexFonts(dir: string = katexDistDir()): string[] {
  return readdirSync(join(dir, 'fonts'))
    .filter((name) => name.endsWith('.woff2'))
    .sort()
    .map((name) => name.slice(0, -'.woff2'.length));
}
