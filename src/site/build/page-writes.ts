// The site child's pages written on a writer thread (../../util/threadWrites.ts), through the one hook Astro gives
// for how pages are made: its prerenderer (`setPrerenderer`). Astro renders each page with the prerenderer's
// render() and writes the body it gets back; a response without a body it leaves unwritten. So render() here
// hands the page's bytes to the writer thread and gives Astro the response without them. Nothing of Node's `fs`
// is replaced. Teardown (after the last page) waits for the last write. (With `--verbose`, Astro's log says
// "file not created, response body was empty" for each such page: this module wrote it.)

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { fileWriter, type FileWriter, type WrittenFiles } from '../../util/threadWrites.ts';
import type { ShellPages } from './shell-pages.ts';

const DECODER = new TextDecoder();

/** Astro names these `404.html` and `500.html`, not `404/index.html`: left to Astro. */
const STATUS_PAGES = new Set(['/404', '/500']);

/**
 * Where Astro writes a page or endpoint rendered for `url` with the `directory` format and `base`; undefined for
 * what this does not take over (Astro then writes it as usual).
 */
export function pageFile(outDir: string, base: string, url: string, type: string): string | undefined {
  const prefix = base.replace(/\/+$/, '');
  const encoded = new URL(url).pathname;
  if (!encoded.startsWith(`${prefix}/`)) return undefined;
  const path = decodeURIComponent(encoded.slice(prefix.length));
  if (type === 'endpoint') return path.endsWith('/') ? undefined : join(outDir, path);
  if (type !== 'page') return undefined;
  const page = path.replace(/\/+$/, '');
  if (STATUS_PAGES.has(page)) return undefined;
  return join(outDir, page, 'index.html');
}

/** Files of another folder to put into the site by hard links (../../util/linkFiles.ts). */
export interface PageLinks {
  fromDir: string;
  /** Relative to both folders. */
  files: readonly string[];
}

/**
 * Astro's prerenderer as it is, its pages' bytes written on a writer thread from its setup (before the first page)
 * to its teardown (after the last). `done` receives what was written (and the first failed write: the build fails).
 * `links`, asked once every route's paths are known (a rebuild's reuse decisions are made there: ./reuse.ts), names
 * the files the same thread hard-links into the site while Astro renders the pages. `shells`: routes whose pages
 * are written from a shell once Astro has rendered the first ones (./shell-pages.ts).
 */
export function writePagesOnThread(done: (written: WrittenFiles) => void, links?: () => PageLinks | undefined, shells?: ShellPages): AstroIntegration {
  let outDir: string | undefined;
  let base = '/';
  return {
    name: 'backlot:page-writes',
    hooks: {
      'astro:config:done': ({ config }) => {
        // Only the layout pageFile knows; any other leaves the writes to Astro.
        outDir = config.build.format === 'directory' ? fileURLToPath(config.outDir) : undefined;
        base = config.base;
      },
      'astro:build:start': ({ setPrerenderer }) =>
        setPrerenderer((astro) => {
          let writer: FileWriter | undefined;
          return {
            ...astro,
            name: 'backlot:page-writes',
            setup: async () => {
              await astro.setup?.();
              if (outDir) writer = fileWriter();
            },
            getStaticPaths: async () => {
              const paths = await astro.getStaticPaths();
              const linked = writer && links?.();
              if (linked) writer!.link(linked.files, linked.fromDir, outDir!);
              return paths;
            },
            render: async (request, options) => {
              const shell = writer && shells ? await shells.write(options.routeData.route, decodeURIComponent(new URL(request.url).pathname)) : undefined;
              if (shell && 'html' in shell) {
                const file = pageFile(outDir!, base, request.url, options.routeData.type);
                if (file) {
                  await writer!.write(file, shell.html);
                  return new Response(null, { status: 200, headers: { 'Content-Type': 'text/html' } });
                }
              }
              const rendered = await astro.render(request, options);
              const response = rendered instanceof Response ? rendered : rendered.response;
              const file = writer && response.status === 200 && response.body ? pageFile(outDir!, base, request.url, options.routeData.type) : undefined;
              if (!file) return rendered;
              const bytes = new Uint8Array(await response.arrayBuffer());
              if (shell && 'learn' in shell) shell.learn?.(DECODER.decode(bytes));
              await writer!.write(file, bytes);
              const bodiless = new Response(null, { status: response.status, headers: response.headers });
              return rendered instanceof Response ? bodiless : { ...rendered, response: bodiless };
            },
            teardown: async () => {
              try {
                if (writer) done(await writer.finish());
              } finally {
                await astro.teardown?.();
              }
            },
          };
        }),
    },
  };
}
