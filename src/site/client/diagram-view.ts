// Diagrams people can read: a drawn diagram never shrinks below MIN_SCALE of its natural size (its box scrolls
// instead), and a button opens it in a dialog at the window's full width, with zoom.

import { h } from './dom.ts';

/**
 * Mermaid writes text at 16 px in the diagram's own units; fitting a wide sequence diagram into the 52rem docs
 * column scaled it to about 8 px at 1366 px. At 0.75 the text stays at 12 px and the box scrolls.
 */
export const MIN_SCALE = 0.75;
const ZOOM_STEP = 1.25;
const MAX_ZOOM = 4;

/** The natural width of a drawn mermaid SVG (its viewBox), or undefined before it is drawn. */
function naturalWidth(svg: SVGSVGElement | null): number | undefined {
  const width = svg?.viewBox.baseVal?.width;
  return width && width > 0 ? width : undefined;
}

/**
 * The drawing shown: a diagram drawn at build time has a light and a dark SVG and the theme's CSS hides one
 * (docs.css); one drawn in the browser has one.
 */
function shownSvg(box: HTMLElement): SVGSVGElement | null {
  const svgs = [...box.querySelectorAll<SVGSVGElement>(':scope > svg')];
  return svgs.find((svg) => getComputedStyle(svg).display !== 'none') ?? svgs[0] ?? null;
}

/** Keeps the diagram at MIN_SCALE or more: called after each draw (mermaid replaces the SVG). */
export function keepReadable(box: HTMLElement): void {
  for (const svg of box.querySelectorAll<SVGSVGElement>(':scope > svg')) {
    const width = naturalWidth(svg);
    if (width) svg.style.minWidth = `${Math.round(width * MIN_SCALE)}px`;
  }
}

let dialog: HTMLDialogElement | undefined;

/** Puts a "Full view" button before the diagram's box, or wires the one written at build time (nothing moves). */
export function addFullView(box: HTMLElement): void {
  const written = box.previousElementSibling;
  const button = written instanceof HTMLButtonElement && written.matches('[data-diagram-expand]') ? written : h('button', { type: 'button', class: 'diagram-expand', 'data-diagram-expand': true }, 'Full view');
  button.setAttribute('aria-label', `Full view: ${(box.getAttribute('aria-label') ?? 'diagram').replace(/^Diagram: /, '')}`);
  button.addEventListener('click', () => openFullView(box, button));
  if (button !== written) box.before(button);
}

function openFullView(box: HTMLElement, opener: HTMLElement): void {
  const svg = shownSvg(box);
  const natural = naturalWidth(svg);
  if (!svg || !natural) return;
  dialog ??= createDialog();
  const body = dialog.querySelector<HTMLElement>('[data-diagram-body]')!;
  const status = dialog.querySelector<HTMLElement>('[data-diagram-zoom]')!;
  dialog.querySelector('[data-diagram-title]')!.textContent = box.getAttribute('aria-label') ?? 'Diagram';
  // The SVG moves into the dialog (a copy would repeat its ids) and back when it closes.
  const placeholder = h('span', { hidden: true });
  svg.replaceWith(placeholder);
  body.replaceChildren(svg);
  svg.classList.add('diagram-full');
  let width = 0;
  const fit = () => Math.max(body.clientWidth - 2, natural * MIN_SCALE);
  const zoomTo = (px: number) => {
    width = Math.min(Math.max(px, natural * 0.25), natural * MAX_ZOOM);
    svg.style.width = `${Math.round(width)}px`;
    svg.style.minWidth = '0';
    svg.style.maxWidth = 'none';
    status.textContent = `${Math.round((width / natural) * 100)} %`;
  };
  const actions: Record<string, () => void> = {
    in: () => zoomTo(width * ZOOM_STEP),
    out: () => zoomTo(width / ZOOM_STEP),
    fit: () => zoomTo(fit()),
  };
  const onClick = (e: Event) => {
    const action = (e.target as Element).closest<HTMLElement>('[data-zoom]')?.dataset.zoom;
    if (action) actions[action]?.();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === '+' || e.key === '=') actions.in!();
    else if (e.key === '-') actions.out!();
    else if (e.key === '0') actions.fit!();
  };
  dialog.addEventListener('click', onClick);
  dialog.addEventListener('keydown', onKey);
  dialog.addEventListener(
    'close',
    () => {
      dialog!.removeEventListener('click', onClick);
      dialog!.removeEventListener('keydown', onKey);
      svg.classList.remove('diagram-full');
      svg.style.width = svg.style.maxWidth = '';
      // A redraw while open (the theme changed) replaced the placeholder with a new SVG: keep that one.
      if (placeholder.isConnected) placeholder.replaceWith(svg);
      keepReadable(box);
      opener.focus();
    },
    { once: true },
  );
  dialog.showModal();
  zoomTo(fit());
}

function createDialog(): HTMLDialogElement {
  const zoomButton = (action: string, label: string, text: string) => h('button', { type: 'button', class: 'button', 'data-zoom': action, 'aria-label': label }, text);
  const close = h('button', { type: 'button', class: 'button', 'data-diagram-close': true }, 'Close');
  const el = h(
    'dialog',
    { class: 'diagram-dialog', 'aria-labelledby': 'diagram-dialog-title' },
    h(
      'div',
      { class: 'diagram-dialog-bar' },
      h('p', { id: 'diagram-dialog-title', class: 'diagram-dialog-title', 'data-diagram-title': true }),
      zoomButton('out', 'Zoom out', '−'),
      h('span', { class: 'diagram-dialog-zoom', 'data-diagram-zoom': true, 'aria-live': 'polite' }),
      zoomButton('in', 'Zoom in', '+'),
      zoomButton('fit', 'Fit to width', 'Fit'),
      close,
    ),
    h('div', { class: 'diagram-dialog-body', 'data-diagram-body': true, tabindex: 0, role: 'region', 'aria-label': 'Diagram' }),
  );
  close.addEventListener('click', () => el.close());
  document.body.append(el);
  return el;
}
