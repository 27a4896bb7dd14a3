// The site child's pages written on a writer thread (../../util/threadWrites.ts), through the one hook Astro gives
// for how pages are made: its prerenderer (`setPrerenderer`). Astro renders each page with the prerenderer's
// render() and writes the body it gets back; a response without a body it leaves unwritten. So render() here
// hands the page's bytes to the writer thread and gives Astro the response without them. Nothing of Node's `fs`
// is replaced. Teardown (after the last page) waits for the last write. (With `--verbose`, Astro's log says
// "file not created, response body was empty" for each such page: this module wrote it.)

import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroPrerenderer } from 'astro';
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

/** What the page writer needs besides Astro's prerenderer. */
export interface PageWriting {
  /** The output folder (directory format only; none: Astro writes every page itself) and the site's base. */
  outDir: string | undefined;
  base: string;
  /** Receives what was written (and the first failed write: the build fails). */
  done: (written: WrittenFiles) => void;
  /**
   * Asked once every route's paths are known (a rebuild's reuse decisions are made there: ./reuse.ts): the files the
   * writer thread hard-links into the site while the pages render.
   */
  links?: (() => PageLinks | undefined) | undefined;
  /** Routes whose pages are written from a shell once the first ones have rendered (./shell-pages.ts). */
  shells?: ShellPages | undefined;
}

/**
 * A prerenderer (Astro's, or ./kept-bundle.ts replaying the last build's) whose pages' bytes are written on a
 * writer thread from its setup (before the first page) to its teardown (after the last). A page rendered to a
 * response without a body is one this wrote; one with a body (a status page) is the caller's to write.
 */
export function writingPrerenderer(astro: AstroPrerenderer, at: () => PageWriting): AstroPrerenderer {
  let writer: FileWriter | undefined;
  let outDir: string | undefined;
  let base = '/';
  let shells: ShellPages | undefined;
  return {
    ...astro,
    name: 'backlot:page-writes',
    setup: async () => {
      await astro.setup?.();
      ({ outDir, base, shells } = at());
      if (outDir) writer = fileWriter();
    },
    getStaticPaths: async () => {
      const paths = await astro.getStaticPaths();
      const linked = writer && at().links?.();
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
        if (writer) at().done(await writer.finish());
      } finally {
        await astro.teardown?.();
      }
    },
  };
}

/**
 * Astro's prerenderer through writingPrerenderer; `at` is read at its setup. `keep`: given Astro's, the prerenderer
 * to wrap instead (it keeps the bundle for the next build: ./kept-bundle.ts).
 */
export function writePagesOnThread(at: () => Omit<PageWriting, 'outDir' | 'base'>, keep?: (astro: AstroPrerenderer, outDir: string | undefined) => AstroPrerenderer): AstroIntegration {
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
        setPrerenderer((astro) => writingPrerenderer(keep ? keep(astro, outDir) : astro, () => ({ ...at(), outDir, base }))),
    },
  };
}
