// mermaid's prebuilt ESM files at <base>vendor/mermaid/, in their own relative layout (client/mermaid.ts loads
// the entry), for `astro dev` only: a build gives this route no paths and copies the files after Astro
// (../../../build/vendor-files.ts). The `.mjs` is in the route's name because Astro exempts only routes with an
// extension from trailingSlash: 'always'.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { APIRoute } from 'astro';
import { mermaidDistDir, mermaidFiles } from '../../../build/mermaid-files.ts';

export function getStaticPaths() {
  // A build copies the files instead (../../../build/vendor-files.ts); `astro dev` serves them from here.
  if (!import.meta.env.DEV) return [];
  const dir = mermaidDistDir();
  return mermaidFiles(dir).map((file) => ({ params: { file: file.replace(/\.mjs$/, '') }, props: { path: join(dir, file) } }));
}

export const GET: APIRoute = async ({ props }) =>
  new Response(await readFile(props.path as string), { headers: { 'content-type': 'text/javascript; charset=utf-8' } });
