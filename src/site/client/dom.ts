// A tiny element builder (text always goes in as text nodes, so crawled strings can never become markup), and
// the Copy buttons' clipboard copy: in the module every page's script loads already, not a chunk of its own.

type Attr = string | number | boolean | null | undefined;
type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, Attr> = {}, ...children: Array<Child | Child[]>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false || child === '') continue;
    el.append(child);
  }
  return el;
}

export { formatCount } from '../../views/count.ts';

/** Copies `text` to the clipboard and says on `button` for 1.5 s whether it worked (code blocks' and the register page's Copy). */
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
