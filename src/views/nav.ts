// The header's main nav: the portal's sections in order, plugins' pages that ask for a link before Problems.

import type { PortalModel } from '../model/portal.ts';
import { CATALOG_PATH, CHANGES_PATH, CREATE_PATH, DOCS_PATH, PROBLEMS_PATH, SEARCH_PATH } from '../model/routes.ts';
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
    { id: 'catalog', label: 'Catalog', path: CATALOG_PATH },
    { id: 'docs', label: 'Docs', path: DOCS_PATH },
    { id: 'search', label: 'Search', path: SEARCH_PATH },
    { id: 'create', label: 'Create', path: CREATE_PATH },
    { id: 'changes', label: 'Changes', path: CHANGES_PATH },
    ...pluginNavLinks(model),
    { id: 'problems', label: 'Problems', path: PROBLEMS_PATH },
  ];
}
