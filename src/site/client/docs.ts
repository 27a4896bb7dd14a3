// Docs pages in the browser: copy buttons everywhere, mermaid only where a page has a diagram.

import { startCopyButtons } from './code-copy.ts';

export function startDocs(): void {
  startCopyButtons();
  const diagrams = [...document.querySelectorAll<HTMLElement>('.docs-content pre.mermaid')];
  if (diagrams.length > 0) void import('./mermaid.ts').then((m) => m.startDiagrams(diagrams));
}
