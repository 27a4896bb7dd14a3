// The shell of a route's pages: found in a page Astro rendered, checked against the next ones, then filled in.
// The layout here is written as Base.astro renders (escaping as Astro escapes text and attribute values).

import { describe, expect, it } from 'vitest';
import { fill, SHELL_CHECKS, shellOf, ShellPages, type PageParts } from './shell-pages.ts';

const ROUTE = '/catalog/[namespace]/[kind]/[name]';
const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;').replace(/"/g, '&quot;');
const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/** A page as the layout renders it: the site's description when the page has none. */
function page(parts: PageParts, site = { title: 'Org', description: 'The org’s portal' as string | undefined }): string {
  const description = parts.description ?? site.description;
  return `<!DOCTYPE html><html lang="en"> <head><meta charset="utf-8"><title>${escapeText(`${parts.title} · ${site.title}`)}</title>${description ? `<meta name="description" content="${escapeAttr(description)}">` : ''}<link rel="stylesheet" href="/_astro/entity.css"></head> <body><header>…</header><main id="main" class="inner" tabindex="-1">${parts.html}</main><footer class="site-footer"><div class="inner">Built by Backlot.</div></footer><script type="module" src="/_astro/page.js"></script></body></html>`;
}

const parts = (n: number, extra: Partial<PageParts> = {}): PageParts => ({ title: `Service ${n}`, description: `Does thing ${n}.`, html: `<h1>Service ${n}</h1><p>body ${n}</p>`, ...extra });
const hostile: PageParts = { title: `Tom & Jerry's <"Cheese"> Service`, description: `Eats "cheese" & <b>more</b>, it's 'fine'`, html: '<h1>Tom &amp; Jerry&#39;s</h1><p>tabindex="-1"></main></p>' };

describe('shellOf and fill', () => {
  it('finds the title, the description and the content, and fills them back byte for byte', () => {
    for (const p of [parts(1), hostile, { title: 'No description', html: '<p>x</p>' }]) {
      const html = page(p);
      const shell = shellOf(html, p)!;
      expect(shell).toBeDefined();
      expect(fill(shell, p)).toBe(html);
      // Another page of the same shape, from the same shell.
      const other = p.description === undefined ? { title: 'Other & co', html: '<p>other</p>' } : hostile;
      expect(fill(shell, other)).toBe(page(other));
    }
  });

  it('finds no shell where the values are not where the layout puts them', () => {
    expect(shellOf(page(parts(1)), parts(2))).toBeUndefined();
    expect(shellOf(page(parts(1)).replace('<main id="main" class="inner" tabindex="-1">', '<main>'), parts(1))).toBeUndefined();
    // Escaped as the layout does not: no shell.
    expect(shellOf(page(hostile).replace('Tom &amp; Jerry&#39;s &lt;', 'Tom & Jerry\'s <'), hostile)).toBeUndefined();
  });
});

describe('ShellPages', () => {
  /** Renders n pages as Astro and the page writer would: from the shell when it gives one, else "Astro". */
  async function run(shells: ShellPages, all: PageParts[], astro: (p: PageParts) => string = (p) => page(p)) {
    const byPath = new Map(all.map((p, i) => [`/p/${i}/`, p]));
    shells.register(ROUTE, { parts: async (pathname) => byPath.get(pathname) });
    const out: Array<{ html: string; from: 'shell' | 'astro' }> = [];
    for (const [pathname, p] of byPath) {
      const written = await shells.write(ROUTE, pathname);
      if (written && 'html' in written) out.push({ html: written.html, from: 'shell' });
      else {
        // The page takes the parts computed for it.
        expect(shells.takeParts(pathname)).toBe(p);
        const html = astro(p);
        if (written && 'learn' in written) written.learn?.(html);
        out.push({ html, from: 'astro' });
      }
    }
    return out;
  }

  it('lets Astro render the first pages of each shape, then writes the rest from the shell, the same bytes', async () => {
    const shells = new ShellPages();
    const all = [...Array.from({ length: 6 }, (_, i) => parts(i)), hostile, ...Array.from({ length: 5 }, (_, i) => ({ title: `Bare ${i}`, html: `<p>${i}</p>` }))];
    const out = await run(shells, all);
    expect(out.map((o) => o.html)).toEqual(all.map((p) => page(p)));
    // With a description: the first learns the shell, SHELL_CHECKS more check it; the same for the shape without.
    expect(out.slice(0, 7).map((o) => o.from)).toEqual([...Array(1 + SHELL_CHECKS).fill('astro'), ...Array(7 - 1 - SHELL_CHECKS).fill('shell')]);
    expect(out.slice(7).map((o) => o.from)).toEqual([...Array(1 + SHELL_CHECKS).fill('astro'), ...Array(5 - 1 - SHELL_CHECKS).fill('shell')]);
    expect(shells.written).toBe(out.filter((o) => o.from === 'shell').length);
  });

  it('leaves the route to Astro when a checked page is not its shell with its values', async () => {
    const shells = new ShellPages();
    const all = Array.from({ length: 8 }, (_, i) => parts(i));
    // The second page differs from the first beyond its values (say, a layout that shows more on some pages).
    const out = await run(shells, all, (p) => (p.title === 'Service 1' ? page(p).replace('<footer', '<aside>new</aside><footer') : page(p)));
    expect(out.every((o) => o.from === 'astro')).toBe(true);
    expect(shells.written).toBe(0);
  });

  it('writes nothing for routes no page registered, nor for paths the route does not have', async () => {
    const shells = new ShellPages();
    expect(await shells.write(ROUTE, '/p/0/')).toBeUndefined();
    shells.register(ROUTE, { parts: async () => undefined });
    expect(await shells.write(ROUTE, '/p/0/')).toBeUndefined();
  });
});
