// "Copy" buttons on highlighted code blocks (markup from the docs stage). Line numbers are CSS, so the
// code element's text is exactly the code.

export function startCopyButtons(root: Document | HTMLElement = document): void {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest<HTMLButtonElement>('.code-copy');
    const code = button?.parentElement?.querySelector('pre code');
    if (!button || !code) return;
    copyText(button, code.textContent ?? '');
  });
}

/** Copies `text` to the clipboard and says on `button` for 1.5 s whether it worked (the register page's Copy too). */
export function copyText(button: HTMLButtonElement, text: string): void {
  navigator.clipboard?.writeText(text).then(
    () => flash(button, 'Copied'),
    () => flash(button, 'Copy failed'),
  );
}

function flash(button: HTMLButtonElement, label: string): void {
  button.textContent = label;
  button.dataset.state = label === 'Copied' ? 'done' : 'failed';
  setTimeout(() => {
    button.textContent = 'Copy';
    delete button.dataset.state;
  }, 1500);
}
