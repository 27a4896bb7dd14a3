// KaTeX's stylesheet, linked by docs pages that have math (layouts/Docs.astro).

import type { APIRoute } from 'astro';
import { katexCss } from '../../../build/katex-files.ts';

export const GET: APIRoute = () => new Response(katexCss(), { headers: { 'content-type': 'text/css; charset=utf-8' } });
