// Zoom, pan and fit for the relations graphs pages draw at build time, and controls to redraw them at another
// depth (1–3), kind and relation filter or direction (./graph-draw.ts, loaded on first use with the graph data
// file). Keys on the graph: + and − zoom, 0 fits, arrows pan. Without JavaScript the page's SVG stands alone.

import { h } from './dom.ts';
import type { GraphDirection } from '../../views/graph-layout.ts';
import { GRAPH_DATA, withBase } from '../../model/routes.ts';
import { siteBase } from '../render/href.ts';

/** Nodes a graph drawn in the browser shows before counting the rest; dagre lays out 200 in well under a second. */
export const BROWSER_NODES = 200;
const ZOOM_STEP = 1.25;
/** Zoomed out at most to half the fitted size, in at most to four times the natural size. */
const MIN_OF_FIT = 0.5;
const MAX_SCALE = 4;
const PAN_STEP = 0.15;

const DIRECTIONS: Array<[GraphDirection, string]> = [
  ['LR', 'Left to right'],
  ['RL', 'Right to left'],
  ['TB', 'Top to bottom'],
  ['BT', 'Bottom to top'],
];

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function startGraphs(root: ParentNode = document): void {
  for (const view of root.querySelectorAll<HTMLElement>('.graph-view[data-graph]')) startGraph(view);
}

function startGraph(view: HTMLElement): void {
  const box = view.querySelector<HTMLElement>('.graph-box');
  if (!box) return;
  const center = view.dataset.graph!;
  // The page says the data file only when it is not the site's own (../render/entity-html.ts).
  const base = view.dataset.base ?? siteBase;
  const src = view.dataset.src ?? withBase(GRAPH_DATA, base);
  const label = view.dataset.label ?? 'Relations graph';
  const state = {
    depth: Number(view.dataset.depth) || 1,
    direction: 'LR' as GraphDirection,
    kinds: undefined as Set<string> | undefined,
    relations: view.dataset.relations ? new Set(view.dataset.relations.split(' ')) : undefined,
  };

  let svg = box.querySelector<SVGSVGElement>('svg');
  let size = { w: 0, h: 0 };
  let fitted: Box = { x: 0, y: 0, w: 1, h: 1 };
  let current: Box = fitted;

  view.classList.add('live');
  box.tabIndex = 0;
  box.setAttribute('role', 'group');
  box.setAttribute('aria-label', `${label}. Keys: + and − zoom, 0 fits the graph, arrow keys pan.`);

  // The box's scale: screen pixels per graph unit (the SVG meets its box).
  const scaleOf = (b: Box) => Math.min(box.clientWidth / b.w, box.clientHeight / b.h);
  const apply = (b: Box) => {
    current = b;
    svg?.setAttribute('viewBox', `${b.x} ${b.y} ${b.w} ${b.h}`);
    view.classList.toggle('zoomed', scaleOf(b) > scaleOf(fitted) * 1.01);
  };

  /** The whole graph in the box, never enlarged past its natural size; the box as tall as that needs. */
  const fit = () => {
    if (!svg) return;
    const width = box.clientWidth || size.w;
    const scale = Math.min(1, width / size.w);
    const height = Math.max(200, Math.min(size.h * scale + 8, window.innerHeight * 0.7));
    box.style.height = `${Math.round(height)}px`;
    const w = Math.max(size.w, width / scale);
    const hh = Math.max(size.h, height / scale);
    fitted = { x: (size.w - w) / 2, y: (size.h - hh) / 2, w, h: hh };
    apply(fitted);
  };

  const zoom = (factor: number, at?: { x: number; y: number }) => {
    const fitScale = scaleOf(fitted);
    const target = Math.min(MAX_SCALE, Math.max(fitScale * MIN_OF_FIT, scaleOf(current) * factor));
    const f = target / scaleOf(current);
    if (!Number.isFinite(f) || f === 1) return;
    const px = at?.x ?? current.x + current.w / 2;
    const py = at?.y ?? current.y + current.h / 2;
    const w = current.w / f;
    const hh = current.h / f;
    apply({ x: px - (px - current.x) / f, y: py - (py - current.y) / f, w, h: hh });
  };

  const pan = (dx: number, dy: number) => apply({ ...current, x: current.x + dx, y: current.y + dy });

  const adopt = () => {
    svg = box.querySelector<SVGSVGElement>('svg');
    if (!svg) return;
    const [, , w, hh] = (svg.getAttribute('viewBox') ?? '0 0 1 1').split(' ').map(Number);
    size = { w: w || 1, h: hh || 1 };
    svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
    fit();
  };

  // Controls.
  const button = (text: string, name: string, key: string, action: () => void) => {
    const b = h('button', { type: 'button', class: 'icon-button', 'aria-label': name, title: `${name} (${key})` }, text);
    b.addEventListener('click', action);
    return b;
  };
  const depth = h('select', { 'data-control': 'depth' }, ...[1, 2, 3].map((d) => h('option', { value: d, selected: d === state.depth }, String(d))));
  const direction = h('select', { 'data-control': 'direction' }, ...DIRECTIONS.map(([value, text]) => h('option', { value }, text)));
  const kindsSet = h('fieldset', {}, h('legend', {}, 'Kinds'));
  const relationsSet = h('fieldset', {}, h('legend', {}, 'Relations'));
  const filters = h('details', { class: 'graph-filters' }, h('summary', {}, 'Filters'), kindsSet, relationsSet);
  const status = h('p', { class: 'graph-status meta', 'aria-live': 'polite' });
  const omitted = Number(view.dataset.omitted) || 0;
  // An explorer's build-time drawing is its first step: "Draw all" draws its whole depth.
  const fullDepth = Number(view.dataset.fullDepth) || state.depth;
  const drawAll = () => {
    state.depth = fullDepth;
    depth.value = String(fullDepth);
    void redraw();
  };
  const moreButton = (n: number) => {
    const b = button('Draw all', `Draw all: ${n} entities are not drawn yet`, 'up to ' + BROWSER_NODES, drawAll);
    b.className = 'button';
    return b;
  };
  let more = omitted > 0 ? moreButton(omitted) : null;
  const tools = h(
    'div',
    { class: 'graph-tools' },
    button('−', 'Zoom out', '−', () => zoom(1 / ZOOM_STEP)),
    button('+', 'Zoom in', '+', () => zoom(ZOOM_STEP)),
    button('Fit', 'Fit to box', '0', fit),
    h('label', {}, 'Depth ', depth),
    h('label', {}, 'Direction ', direction),
    more,
  );
  view.prepend(tools, filters);
  view.append(status);

  let drawing = 0;
  const redraw = async (maxNodes = BROWSER_NODES) => {
    const run = ++drawing;
    status.textContent = 'Drawing…';
    try {
      const { drawGraph } = await import('./graph-draw.ts');
      const drawn = await drawGraph(src, base, center, label, { ...state, maxNodes });
      if (run !== drawing) return;
      const focused = box.contains(document.activeElement);
      box.innerHTML = drawn.svg;
      adopt();
      if (focused) box.focus();
      more?.remove();
      more = null;
      // The first drawing of a page without its SVG keeps to the build's size, with "Draw all" for the rest.
      // An explorer's first drawing is its first step: the page says how many more its whole depth has.
      const rest = Math.max(drawn.omitted, run === 1 ? omitted : 0);
      if (maxNodes < BROWSER_NODES && rest > 0) tools.append((more = moreButton(rest)));
      view.dataset.drawn = String(drawn.nodes);
      view.dataset.draws = String(run);
      status.textContent = `${drawn.nodes} ${drawn.nodes === 1 ? 'entity' : 'entities'} drawn${drawn.omitted ? `; ${drawn.omitted} more not drawn` : ''}.`;
    } catch (err) {
      if (run === drawing) status.textContent = `Could not draw the graph: ${(err as Error).message}`;
    }
  };

  depth.addEventListener('change', () => {
    state.depth = Number(depth.value);
    void redraw();
  });
  direction.addEventListener('change', () => {
    state.direction = direction.value as GraphDirection;
    void redraw();
  });
  // The filter choices come with the graph data: loaded when the filters are first opened.
  filters.addEventListener('toggle', () => void fillFilters(), { once: true });
  const fillFilters = async () => {
    const { loadGraphData } = await import('./graph-draw.ts');
    const { filters: choices } = await loadGraphData(src, base);
    const check = (name: string, value: string, text: string, checked: boolean, onChange: (input: HTMLInputElement) => void) => {
      const input = h('input', { type: 'checkbox', name, value, checked });
      input.addEventListener('change', () => onChange(input));
      return h('label', {}, input, ` ${text}`);
    };
    for (const kind of choices.kinds) {
      kindsSet.append(
        check('kind', kind.value, kind.label, !state.kinds || state.kinds.has(kind.value), () => {
          state.kinds = checked(kindsSet);
          void redraw();
        }),
      );
    }
    for (const relation of choices.relations) {
      relationsSet.append(
        check('relation', relation.types.join(' '), relation.label, !state.relations || relation.types.some((t) => state.relations!.has(t)), () => {
          state.relations = new Set([...relationsSet.querySelectorAll<HTMLInputElement>('input:checked')].flatMap((i) => i.value.split(' ')));
          void redraw();
        }),
      );
    }
  };

  // Keys on the graph.
  box.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const step = { x: current.w * PAN_STEP, y: current.h * PAN_STEP };
    const actions: Record<string, () => void> = {
      '+': () => zoom(ZOOM_STEP),
      '=': () => zoom(ZOOM_STEP),
      '-': () => zoom(1 / ZOOM_STEP),
      '0': fit,
      ArrowLeft: () => pan(-step.x, 0),
      ArrowRight: () => pan(step.x, 0),
      ArrowUp: () => pan(0, -step.y),
      ArrowDown: () => pan(0, step.y),
    };
    const action = actions[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  // Ctrl + wheel (and a trackpad's pinch) zooms at the pointer; a plain wheel scrolls the page.
  box.addEventListener(
    'wheel',
    (event) => {
      if (!event.ctrlKey) return;
      event.preventDefault();
      zoom(event.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, toGraph(event));
    },
    { passive: false },
  );

  // Dragging pans. Touch drags only once zoomed in, so a finger over the graph still scrolls the page.
  let drag: { x: number; y: number; moved: boolean } | undefined;
  box.addEventListener('pointerdown', (event) => {
    if (event.button !== 0 || (event.pointerType === 'touch' && !view.classList.contains('zoomed'))) return;
    drag = { x: event.clientX, y: event.clientY, moved: false };
  });
  box.addEventListener('pointermove', (event) => {
    if (!drag) return;
    const dx = event.clientX - drag.x;
    const dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    if (!drag.moved) box.setPointerCapture(event.pointerId);
    drag.moved = true;
    const scale = scaleOf(current);
    pan(-dx / scale, -dy / scale);
    drag.x = event.clientX;
    drag.y = event.clientY;
  });
  // A drag that moved is not a click on the node it started on.
  let dragEnded = -Infinity; // not 0: performance.now() starts near 0, so a click in the page's first 300 ms was swallowed
  box.addEventListener('click', (event) => performance.now() - dragEnded < 300 && event.preventDefault(), { capture: true });
  const end = () => {
    if (drag?.moved) dragEnded = performance.now();
    drag = undefined;
  };
  box.addEventListener('pointerup', end);
  box.addEventListener('pointercancel', () => (drag = undefined));

  const toGraph = (event: MouseEvent) => {
    const rect = box.getBoundingClientRect();
    const scale = scaleOf(current);
    const ox = (rect.width - current.w * scale) / 2;
    const oy = (rect.height - current.h * scale) / 2;
    return { x: current.x + (event.clientX - rect.left - ox) / scale, y: current.y + (event.clientY - rect.top - oy) / scale };
  };

  let width = box.clientWidth;
  new ResizeObserver(() => {
    if (box.clientWidth === width) return;
    width = box.clientWidth;
    fit();
  }).observe(box);
  adopt();
  // A page built without the SVG (`site.entityGraph: browser`): drawn now, from the graph data.
  if (!svg) void redraw(Number(view.dataset.max) || BROWSER_NODES);
}

function checked(fieldset: HTMLElement): Set<string> {
  return new Set([...fieldset.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value));
}
