// Every built-in kind, in the order hints list them.

import { api } from './api.ts';
import type { KindDefinition } from './common.ts';
import { component } from './component.ts';
import { domain } from './domain.ts';
import { group } from './group.ts';
import { location } from './location.ts';
import { resource } from './resource.ts';
import { system } from './system.ts';
import { template } from './template.ts';
import { user } from './user.ts';

export const builtinKinds: readonly KindDefinition[] = [
  component,
  api,
  resource,
  system,
  domain,
  group,
  user,
  location,
  template,
];
