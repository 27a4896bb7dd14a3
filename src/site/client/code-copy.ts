// "Copy" buttons on highlighted code blocks (markup from the docs stage). Line numbers are CSS, so the
// code element's text is exactly the code.

import { copyText } from './dom.ts';

export function startCopyButtons(root: Document | HTMLElement = document): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.code-copy');
    const code = button?.parentElement?.querySelector('pre code');
    if (!button || !code) return;
    copyText(button, code.textContent ?? '');
  });
}
