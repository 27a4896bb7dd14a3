// Docs pages in the browser: copy buttons everywhere, mermaid only where a page has a diagram left to draw.

import { startCopyButtons } from './code-copy.ts';

export function startDocs(): void {
  startCopyButtons();
  // Drawn at build time (docs/mermaid/): only the full view is added, and mermaid is not loaded for them.
  const drawn = [...document.querySelectorAll<HTMLElement>('.docs-content .mermaid-diagram[data-drawn]')];
  if (drawn.length > 0) void import('./diagram-view.ts').then((m) => drawn.forEach((box) => m.addFullView(box)));
  const diagrams = [...document.querySelectorAll<HTMLElement>('.docs-content pre.mermaid')];
  if (diagrams.length > 0) whenNear(diagrams, () => void import('./mermaid.ts').then((m) => m.startDiagrams(diagrams)));
}

/**
 * Runs `start` once any of `elements` is within a screen of the viewport: mermaid (its module and a first draw,
 * a few hundred milliseconds of main thread on a laptop) costs nothing on a page read above its diagrams.
 */
function whenNear(elements: HTMLElement[], start: () => void): void {
  if (!('IntersectionObserver' in window)) return start();
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      observer.disconnect();
      start();
    },
    { rootMargin: '100% 0px' },
  );
  for (const el of elements) observer.observe(el);
}
