// The one place pages get their base path from. It comes from Astro's resolved config rather than
// import.meta.env.BASE_URL, because Astro lets a BASE_URL environment variable (vitest sets one, CI
// systems often do) override import.meta.env.BASE_URL in server code.

import { base } from 'astro:config/client';
import { withBase } from '../../model/routes.ts';

export const siteBase: string = base;

export function href(path: string): string {
  return withBase(path, base);
}
