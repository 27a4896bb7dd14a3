// `backlot dev`'s side of the dev server: after the CLI hands a rebuilt model over (../handover.ts), the pages
// must be rendered again and the browser told. A small Vite plugin reaches the server for that.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Plugin, ViteDevServer } from 'vite';

export interface LiveReloadOptions {
  /** Where `/` (under the base) leads, when not to the portal's home page: `backlot dev --docs` opens on the docs. */
  start?: () => string | undefined;
  /** Bytes served at a URL path (as requested, still encoded) the pages link to but Astro does not render: docs' images, plugins' scripts. */
  file?: (path: string) => Promise<Uint8Array | undefined>;
  base: string;
}

export interface LiveReload {
  plugin: Plugin;
  /** Drops Astro's cache of getStaticPaths (its props hold the old model) and reloads every open page. */
  reload(): void;
}

export function liveReload(options: LiveReloadOptions): LiveReload {
  let server: ViteDevServer | undefined;
  const plugin: Plugin = {
    name: 'backlot:live-reload',
    apply: 'serve',
    configureServer(s) {
      server = s;
      // Added here, before Astro's own handler (which a plugin adds after the internal middlewares).
      s.middlewares.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
        void serve(req, res).then((done) => done || next(), () => next());
      });
    },
  };

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const start = options.start?.();
    if (start && path === options.base) {
      res.writeHead(302, { location: start });
      res.end();
      return true;
    }
    if (!options.file || path.endsWith('/')) return false;
    const bytes = await options.file(path);
    if (!bytes) return false;
    // A crawled repo's file on the portal's origin: never sniffed, never run as a page (an SVG with a script).
    res.writeHead(200, { 'content-type': contentType(path), 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff', 'content-security-policy': 'sandbox' });
    res.end(req.method === 'HEAD' ? undefined : bytes);
    return true;
  }

  return {
    plugin,
    reload() {
      if (!server) return;
      // As Astro does when its content store changes: the server environments clear their route caches on this
      // event, then the browser reloads.
      for (const [name, environment] of Object.entries(server.environments)) {
        if (name !== 'client') environment.hot.send('astro:content-changed', {});
      }
      server.ws.send({ type: 'full-reload', path: '*' });
    },
  };
}

const TYPES: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  svg: 'image/svg+xml',
  webp: 'image/webp',
  avif: 'image/avif',
  ico: 'image/x-icon',
  pdf: 'application/pdf',
  js: 'text/javascript',
  css: 'text/css',
};

function contentType(path: string): string {
  return TYPES[path.slice(path.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}
