// KaTeX's fonts, relative to its stylesheet (vendor/katex/katex.min.css → fonts/<name>.woff2).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { katexDistDir, katexFonts } from '../../../../build/katex-files.ts';

export function getStaticPaths() {
  // A build copies the files instead (../../../../build/vendor-files.ts); `astro dev` serves them from here.
  if (!import.meta.env.DEV) return [];
  const dir = katexDistDir();
  return katexFonts(dir).map((font) => ({ params: { font }, props: { path: join(dir, 'fonts', `${font}.woff2`) } }));
}

export const GET: APIRoute = async ({ props }) => new Response(await readFile(props.path as string), { headers: { 'content-type': 'font/woff2' } });
