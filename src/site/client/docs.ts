// Docs pages in the browser: copy buttons everywhere, mermaid only where a page has a diagram.

import { startCopyButtons } from './code-copy.ts';

export function startDocs(): void {
  startCopyButtons();
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
