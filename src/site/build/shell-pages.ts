// Entity pages written from a shell. Astro renders each page through its whole machinery (a request, the layout
// component, a Response whose body it streams back): at 10,000 entities that was ~0.25 ms a page, about a third of
// the site child's render thread, for pages that differ only in their title, description and content. So Astro
// renders the first pages of the route itself; the HTML around those three values (the shell) is taken from one
// of them, checked against the next pages Astro renders (each must be the shell with its values, byte for byte),
// and only then are the other pages written as the shell with their values put in, escaped as Astro escapes them.
// A route's pages with and without a description of their own have shells of their own (the layout falls back
// to the site's description); any mismatch leaves the route to Astro for the rest of the build.

import { escapeAttribute, escapeHtml } from '../render/html.ts';

/** What differs from one page of a route to the next: as the page gives them to its layout. */
export interface PageParts {
  /** The page's own title (the layout adds the site's). */
  title: string;
  /** Its own description; none: the layout shows the site's. */
  description?: string;
  /** The content of <main>, as HTML. */
  html: string;
}

/** A route whose pages may be written from a shell: registered by the page (its getStaticPaths). */
export interface ShellRoute {
  /** The parts of the page at `pathname` (as requested, decoded), computed as the page does; undefined: not one of its pages. */
  parts(pathname: string): Promise<PageParts | undefined>;
}

/** Pages Astro renders that must agree with the shell before it writes the rest. */
export const SHELL_CHECKS = 2;

interface Shape {
  /** The literal HTML between the values: before the title, [after it, before the description,] before the content, after it. */
  shell?: string[];
  checked: number;
  off: boolean;
}

/** The shell of a route (per shape) and the pages in flight; one per site build, shared by the pages and the page writer. */
export class ShellPages {
  private readonly routes = new Map<string, ShellRoute>();
  private readonly shapes = new Map<string, Shape>();
  /** Parts computed for a page that Astro then renders: the page takes them (takeParts) rather than computing them again. */
  private readonly pending = new Map<string, PageParts>();
  /** Pages written from a shell so far. */
  written = 0;

  /** `route` as Astro names it (`/catalog/[namespace]/[kind]/[name]`). */
  register(route: string, shellRoute: ShellRoute): void {
    this.routes.set(route, shellRoute);
  }

  /**
   * The page at `pathname` of `route`: its HTML from the shell, or else what Astro must do (render it, then hand
   * what it made to `learn` while the route's shell is being learnt). The page's parts are computed once either way.
   */
  async write(route: string, pathname: string): Promise<{ html: string } | { learn?: (astroHtml: string) => void } | undefined> {
    const shellRoute = this.routes.get(route);
    if (!shellRoute) return undefined;
    const parts = await shellRoute.parts(pathname);
    if (!parts) return undefined;
    const key = `${route}\0${parts.description === undefined ? 'site' : 'own'}`;
    let shape = this.shapes.get(key);
    if (!shape) this.shapes.set(key, (shape = { checked: 0, off: false }));
    if (shape.shell && !shape.off && shape.checked >= SHELL_CHECKS) {
      this.written++;
      return { html: fill(shape.shell, parts) };
    }
    this.pending.set(pathname, parts);
    if (shape.off) return {};
    const learning = shape;
    return {
      learn: (astroHtml) => {
        if (learning.off) return;
        if (!learning.shell) {
          learning.shell = shellOf(astroHtml, parts);
          if (!learning.shell) learning.off = true;
        } else if (fill(learning.shell, parts) === astroHtml) learning.checked++;
        else learning.off = true;
      },
    };
  }

  /** The parts `write` computed for the page Astro is rendering at `pathname` (taken: asked once). */
  takeParts(pathname: string): PageParts | undefined {
    const parts = this.pending.get(pathname);
    this.pending.delete(pathname);
    return parts;
  }
}

/** The values as the layout writes them, in page order: the title as text, the description as an attribute value, the content. */
function escaped(parts: PageParts): { title: string; description?: string; html: string } {
  return { title: escapeHtml(parts.title), ...(parts.description === undefined ? {} : { description: escapeAttribute(parts.description) }), html: parts.html };
}

function values(parts: PageParts): string[] {
  const { title, description, html } = escaped(parts);
  return description === undefined ? [title, html] : [title, description, html];
}

/** The page: the shell's literal pieces with the values between them. */
export function fill(shell: readonly string[], parts: PageParts): string {
  const vals = values(parts);
  let out = shell[0]!;
  for (let i = 0; i < vals.length; i++) out += vals[i]! + shell[i + 1]!;
  return out;
}

/**
 * The shell of a page Astro rendered from `parts`: where its title (right after `<title>`), its description (the
 * `content` of the description meta) and its content (all of <main>'s) sit. Undefined when they are not found
 * there, or when the page is not the pieces found with its values between them.
 */
export function shellOf(html: string, parts: PageParts): string[] | undefined {
  const { title, description, html: content } = escaped(parts);
  const t = html.indexOf(`<title>${title}`);
  if (t < 0) return undefined;
  const tStart = t + '<title>'.length;
  const pieces: string[] = [html.slice(0, tStart)];
  let at = tStart + title.length;
  if (description !== undefined) {
    const marker = `<meta name="description" content="${description}"`;
    const d = html.indexOf(marker, at);
    if (d < 0) return undefined;
    const dStart = d + marker.length - description.length - 1;
    pieces.push(html.slice(at, dStart));
    at = dStart + description.length;
  }
  const main = html.indexOf(`tabindex="-1">${content}</main>`, at);
  if (main < 0) return undefined;
  const cStart = main + 'tabindex="-1">'.length;
  pieces.push(html.slice(at, cStart));
  pieces.push(html.slice(cStart + content.length));
  return fill(pieces, parts) === html ? pieces : undefined;
}
