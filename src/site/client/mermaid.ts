// Draws the page's ```mermaid diagrams in the browser: strict security (no scripts, no click handlers),
// the site's light or dark theme (redrawn when it changes), and a readable error with the diagram's
// source when it does not parse. Loaded only on pages that have a diagram (see docs.ts).
// mermaid itself is its own prebuilt ESM build, served by pages/vendor/mermaid/ and imported at run time:
// letting Vite bundle its tree cost ~2.9 s of every site build.

import type { Mermaid } from 'mermaid';
import { siteBase } from '../render/href.ts';
import { withBase } from '../../model/routes.ts';
import { effectiveTheme, type Theme } from './theme.ts';
import { addFullView, keepReadable } from './diagram-view.ts';

interface Diagram {
  source: string;
  box: HTMLElement;
}

let drawing = 0;
let loading: Promise<Mermaid> | undefined;

function loadMermaid(): Promise<Mermaid> {
  const url = withBase('vendor/mermaid/mermaid.esm.min.mjs', siteBase);
  loading ??= (import(/* @vite-ignore */ url) as Promise<{ default: Mermaid }>).then((m) => m.default);
  return loading;
}

export async function startDiagrams(blocks: HTMLElement[]): Promise<void> {
  const diagrams: Diagram[] = blocks.map((pre) => {
    const box = document.createElement('div');
    box.className = 'mermaid-diagram';
    box.setAttribute('role', 'img');
    // The box scrolls sideways when the diagram is wider than the column: keyboard users scroll it too.
    box.tabIndex = 0;
    const source = pre.textContent ?? '';
    box.setAttribute('aria-label', diagramLabel(pre, source));
    pre.replaceWith(box);
    addFullView(box);
    return { source, box };
  });
  const media = matchMedia('(prefers-color-scheme: dark)');
  const theme = (): Theme => effectiveTheme(document.documentElement.dataset.theme as Theme | undefined, media.matches);
  let shown: Theme | undefined;
  const redraw = async () => {
    const wanted = theme();
    if (wanted === shown) return;
    shown = wanted;
    await draw(diagrams, wanted);
  };
  new MutationObserver(() => void redraw()).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  media.addEventListener('change', () => void redraw());
  await redraw();
}

async function draw(diagrams: Diagram[], theme: Theme): Promise<void> {
  const run = ++drawing;
  let mermaid: Mermaid;
  try {
    mermaid = await loadMermaid();
  } catch (error) {
    loading = undefined; // a later redraw tries again
    for (const diagram of diagrams) showError(diagram, error, 'The diagrams could not be loaded');
    return;
  }
  if (run !== drawing) return;
  // layout 'dagre': mermaid 12's default, ELK, is a 1.6 MB script (509 KB gzip) that a flowchart's first draw
  // loaded and compiled: 0.93 s of long tasks against 0.27 s with dagre (headless Chromium, one flowchart), which
  // GitHub's and mermaid 11's drawings use. A diagram that asks for ELK in its own config still gets it.
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: theme === 'dark' ? 'dark' : 'default', layout: 'dagre', suppressErrorRendering: true });
  for (const [i, diagram] of diagrams.entries()) {
    // One diagram per task, so a page with several never blocks input for all of them at once.
    if (i > 0) await nextTask();
    if (run !== drawing) return;
    try {
      const { svg } = await mermaid.render(`mermaid-${run}-${i}`, diagram.source);
      if (run !== drawing) return;
      diagram.box.innerHTML = svg;
      keepReadable(diagram.box);
      diagram.box.dataset.theme = theme;
      diagram.box.classList.remove('has-error');
    } catch (error) {
      if (run !== drawing) return;
      showError(diagram, error, 'This diagram has an error');
    }
  }
  document.documentElement.dataset.diagrams = theme;
}

function showError(diagram: Diagram, error: unknown, lead: string): void {
  const message = document.createElement('p');
  message.textContent = `${lead}: ${error instanceof Error ? error.message : String(error)}`;
  const source = document.createElement('pre');
  source.textContent = diagram.source;
  const box = document.createElement('div');
  box.className = 'mermaid-error';
  box.setAttribute('role', 'alert');
  box.append(message, source);
  diagram.box.replaceChildren(box);
  diagram.box.classList.add('has-error');
}

/** `Diagram: Booking (sequenceDiagram)`: the section it sits in and its type; its first line when in no section. */
function diagramLabel(pre: HTMLElement, source: string): string {
  const line = (source.trim().split('\n')[0] ?? '').slice(0, 80);
  for (let el = pre.previousElementSibling; el; el = el.previousElementSibling) {
    if (/^H[1-6]$/.test(el.tagName)) {
      const heading = [...el.childNodes].filter((n) => !(n instanceof Element && n.classList.contains('headerlink'))).map((n) => n.textContent).join('').trim();
      if (heading) return `Diagram: ${heading} (${line.split(/\s/)[0]})`;
    }
  }
  return `Diagram: ${line}`;
}

function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
