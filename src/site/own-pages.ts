// The platform team's own pages as the site renders them (listed and compiled by ../own-pages.ts at build time).

import { ownPages as modules, type OwnPageModule } from 'virtual:backlot/own-pages';

export interface OwnPage {
  /** Site path relative to the base; `` is the home page. */
  route: string;
  /** The file inside the pages folder. */
  source: string;
  title: string;
  description?: string;
  /** Frontmatter `order`: lower first in lists, then by title. */
  order: number;
  Content: OwnPageModule['default'];
}

const pages: OwnPage[] = modules
  .map(({ route, source, module }) => {
    const fm = module.frontmatter ?? {};
    const title = typeof fm.title === 'string' && fm.title.trim() ? fm.title : titleFromPath(route);
    return {
      route,
      source,
      title,
      ...(typeof fm.description === 'string' && fm.description ? { description: fm.description } : {}),
      order: typeof fm.order === 'number' ? fm.order : Number.MAX_SAFE_INTEGER,
      Content: module.default,
    };
  })
  .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title) || a.route.localeCompare(b.route));

/** Every own page but the home page, in list order. */
export function ownPages(): OwnPage[] {
  return pages.filter((p) => p.route !== '');
}

/** `index.mdx` at the top of the pages folder: it replaces the default home page. */
export function ownHome(): OwnPage | undefined {
  return pages.find((p) => p.route === '');
}

function titleFromPath(route: string): string {
  const last = route.split('/').filter(Boolean).pop() ?? 'Home';
  return last.replace(/[-_]+/g, ' ').replace(/^./, (c) => c.toUpperCase());
}
