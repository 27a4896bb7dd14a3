// The header's main nav: the portal's sections in order, plugins' pages that ask for a link before Problems.

import type { PortalModel } from '../model/portal.ts';
import { CHANGES_PATH } from '../model/routes.ts';
import { pluginNavLinks } from './plugins.ts';

export interface NavLink {
  /** What a page passes as its `nav` to be marked current. */
  id: string;
  label: string;
  /** Site-relative path, e.g. `catalog/`. */
  path: string;
}

export function navLinks(model: PortalModel): NavLink[] {
  return [
    { id: 'home', label: 'Home', path: '' },
    { id: 'catalog', label: 'Catalog', path: 'catalog/' },
    { id: 'docs', label: 'Docs', path: 'docs/' },
    { id: 'search', label: 'Search', path: 'search/' },
    { id: 'create', label: 'Create', path: 'create/' },
    { id: 'changes', label: 'Changes', path: CHANGES_PATH },
    ...pluginNavLinks(model),
    { id: 'problems', label: 'Problems', path: 'problems/' },
  ];
}
