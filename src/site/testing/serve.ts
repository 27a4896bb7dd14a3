// A tiny static file server for tests: serves a built site on 127.0.0.1 under its base path,
// directories as index.html, unknown paths as the site's 404.html with status 404.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
  // Pagefind's index files are binary.
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream',
};

export function contentType(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticServer {
  /** Origin plus base, e.g. `http://127.0.0.1:41234/portal/`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  /** Base path the site was built for; requests outside it get 404. Default `/`. */
  base?: string;
  /** Gzip text files for clients that accept it, as GitHub Pages does (for measuring what a browser downloads). */
  compress?: boolean;
}

export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const dir = resolve(root);
  let base = options.base ?? '/';
  if (!base.startsWith('/')) base = `/${base}`;
  if (!base.endsWith('/')) base += '/';

  const server = createServer((req, res) => {
    handle(dir, base, !!options.compress, req, res).catch((err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err));
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: origin + base,
    origin,
    close: () =>
      new Promise<void>((ok, fail) => {
        server.closeAllConnections();
        server.close((err) => (err ? fail(err) : ok()));
      }),
  };
}

async function handle(dir: string, base: string, compress: boolean, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return notFound(dir, req, res);
  }
  if (!(pathname + '/').startsWith(base)) return notFound(dir, req, res);
  const rel = pathname.slice(base.length);
  const file = resolve(dir, rel);
  if (file !== dir && !file.startsWith(dir + sep)) return notFound(dir, req, res);

  const info = await stat(file).catch(() => undefined);
  if (info?.isDirectory()) {
    if (!pathname.endsWith('/')) {
      res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    return sendFile(join(file, 'index.html'), 200, compress, req, res, () => notFound(dir, req, res));
  }
  if (info?.isFile()) return sendFile(file, 200, compress, req, res, () => notFound(dir, req, res));
  return notFound(dir, req, res);
}

async function sendFile(file: string, status: number, compress: boolean, req: IncomingMessage, res: ServerResponse, orElse: () => Promise<void>): Promise<void> {
  let body = await readFile(file).catch(() => undefined);
  if (!body) return orElse();
  const type = contentType(file);
  const headers: Record<string, string | number> = { 'content-type': type, 'cache-control': 'no-store' };
  if (compress && /^(text\/|application\/(json|xml)|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
    body = gzipSync(body);
    headers['content-encoding'] = 'gzip';
  }
  headers['content-length'] = body.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function notFound(dir: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return sendFile(join(dir, '404.html'), 404, false, req, res, async () => {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
  });
}
