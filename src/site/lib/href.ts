// The one place pages get their base path from: Astro inlines BASE_URL at build time.

import { withBase } from './paths.ts';

export function href(path: string): string {
  return withBase(path, import.meta.env.BASE_URL ?? '/');
}
