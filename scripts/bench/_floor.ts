// The floor: Astro and Pagefind alone on the same number of bare pages, no Backlot code at all, with the build
// settings Backlot's astro.config.mjs uses (so the floor gets the same head start from page concurrency).

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeFloorSite(dir: string, pages: number): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'src', 'pages', 'e'), { recursive: true });
  writeFileSync(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';
export default defineConfig({ output: 'static', trailingSlash: 'always', compressHTML: true, build: { format: 'directory', concurrency: 4 }, devToolbar: { enabled: false } });
`,
  );
  writeFileSync(
    join(dir, 'src', 'pages', 'e', '[id].astro'),
    `---
export function getStaticPaths() {
  return Array.from({ length: ${pages} }, (_, i) => ({ params: { id: String(i) } }));
}
const { id } = Astro.params;
---
<html lang="en">
  <head><meta charset="utf-8" /><title>Page {id}</title></head>
  <body>
    <main data-pagefind-body>
      <h1>Page {id}</h1>
      <p data-pagefind-filter="kind">Component</p>
      <p>Bare page number {id}, with a sentence of text for the search index to find.</p>
    </main>
  </body>
</html>
`,
  );
}
