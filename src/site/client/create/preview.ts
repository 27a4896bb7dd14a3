// The review step's "Preview": fetches the template's skeleton data and runs its steps in the browser (the runner
// and templating in their own chunk, loaded on the first press), then shows the files it would make, each
// viewable as text (text nodes only: a skeleton's HTML is shown, never rendered), what each step did or would do,
// and the error with its step.

import { h } from '../dom.ts';
import { withBase } from '../../../model/routes.ts';
import type { TemplatePreviewData } from '../../../model/templatePreview.ts';
import type { PreviewFile, PreviewResult, PreviewStep } from '../../../scaffold/preview.ts';
import type { CreatePageData } from '../../../views/create/page-data.ts';
import type { Values } from '../../../views/create/values.ts';
import { siteBase } from '../../render/href.ts';

const fmtBytes = (n: number) => (n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

interface Folder {
  folders: Map<string, Folder>;
  files: Array<{ name: string; file: PreviewFile }>;
}

function treeOf(files: readonly PreviewFile[]): Folder {
  const root: Folder = { folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split('/');
    let at = root;
    for (const part of parts.slice(0, -1)) {
      let next = at.folders.get(part);
      if (!next) at.folders.set(part, (next = { folders: new Map(), files: [] }));
      at = next;
    }
    at.files.push({ name: parts.at(-1)!, file });
  }
  return root;
}

// A file's text and a step's log scroll, so their <pre> takes focus (axe: scrollable-region-focusable).
function renderFolder(folder: Folder): HTMLElement {
  return h(
    'ul',
    {},
    ...[...folder.folders].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, sub]) => h('li', { 'data-preview-folder': name }, h('span', { class: 'preview-folder' }, `${name}/`), renderFolder(sub))),
    ...folder.files.map(({ name, file }) =>
      h(
        'li',
        {},
        h(
          'details',
          { 'data-preview-file': file.path },
          h('summary', {}, h('code', {}, name), ' ', h('span', { class: 'muted' }, `${fmtBytes(file.size)}${file.executable ? ', executable' : ''}`)),
          file.text === undefined ? h('p', { class: 'muted' }, 'A binary file, copied as it is.') : h('pre', { class: 'preview-text', tabindex: 0 }, h('code', {}, file.text)),
        ),
      ),
    ),
  );
}

const STATUS: Record<PreviewStep['status'], string> = {
  done: 'done',
  simulated: 'not run in a preview; it would',
  skipped: 'skipped (its if is false)',
  failed: 'failed',
  'not run': 'not run',
};

function renderSteps(steps: readonly PreviewStep[]): HTMLElement {
  return h(
    'ol',
    { class: 'preview-steps', 'data-preview-steps': true },
    ...steps.map((step) =>
      h(
        'li',
        { 'data-preview-step': step.id, 'data-step-status': step.status },
        h('strong', {}, step.name), ' ', h('code', {}, step.action), ': ', STATUS[step.status],
        step.would.length ? h('ul', { class: 'preview-would' }, ...step.would.map((w) => h('li', {}, w))) : null,
        step.error ? h('p', { class: 'field-error' }, step.error) : null,
        step.log.length ? h('pre', { class: 'preview-log', tabindex: 0 }, step.log.join('\n')) : null,
      ),
    ),
  );
}

/** The output a real run would end with; its links do not exist yet, so they are shown, not linked. */
function renderOutput(result: PreviewResult): HTMLElement[] {
  const links = result.output?.links ?? [];
  const text = result.output?.text ?? [];
  if (!links.length && !text.length) return [];
  return [
    h('h4', {}, 'Output of a real run'),
    h(
      'ul',
      { 'data-preview-output': true },
      ...links.map((l) => h('li', {}, `${l.title ?? 'Link'}: `, h('code', {}, l.url ?? l.entityRef ?? '(none)'))),
      ...text.map((t) => h('li', {}, `${t.title ?? 'Text'}: `, t.content ?? '')),
    ),
  ];
}

export function renderPreview(result: PreviewResult): HTMLElement[] {
  const failed = result.error ? result.steps.find((s) => s.id === result.error!.step) : undefined;
  return [
    result.error
      ? h('div', { class: 'error-summary', role: 'alert', 'data-preview-error': true }, h('p', {}, failed ? `Stopped at step “${failed.name}”:` : 'The template cannot run:'), h('p', {}, h('code', {}, result.error.message)))
      : null,
    ...result.missing.map((m) => h('p', { class: 'muted', 'data-preview-missing': true }, `Not in the preview: ${m}.`)),
    h('h4', {}, result.files.length ? `${result.files.length} file${result.files.length === 1 ? '' : 's'}${result.error ? ' so far' : ''}` : 'No files'),
    result.files.length ? h('div', { class: 'preview-tree', 'data-preview-tree': true }, renderFolder(treeOf(result.files))) : null,
    h('h4', {}, 'Steps'),
    renderSteps(result.steps),
    ...renderOutput(result),
  ].filter((e): e is HTMLElement => e !== null);
}

export function previewSection(data: CreatePageData, values: Values): HTMLElement {
  const section = h('section', { class: 'run-way', 'data-preview': true }, h('h3', {}, 'Preview'));
  if ('unavailable' in data.preview) {
    section.append(h('p', { class: 'muted', 'data-preview-unavailable': true }, `No preview: ${data.preview.unavailable}.`));
    return section;
  }
  const path = data.preview.path;
  const button = h('button', { type: 'button', class: 'button', 'data-preview-run': true }, 'Preview the files');
  // Only the one-line status is announced; the tree and the steps are there to read.
  const status = h('p', { role: 'status', 'data-preview-status': true });
  const out = h('div', { 'data-preview-result': true });
  button.addEventListener('click', () => {
    button.disabled = true;
    status.textContent = 'Running the template in your browser…';
    out.replaceChildren();
    void (async () => {
      try {
        const [response, { runPreview }] = await Promise.all([fetch(withBase(path, siteBase)), import('../../../scaffold/preview.ts')]);
        if (!response.ok) throw new Error(`the preview data answered ${response.status}`);
        const result = await runPreview((await response.json()) as TemplatePreviewData, values);
        out.replaceChildren(...renderPreview(result));
        const made = `${result.files.length} file${result.files.length === 1 ? '' : 's'}`;
        status.textContent = result.error ? `The preview stopped with an error, after making ${made}.` : `Done: the template would make ${made}.`;
        out.dataset.previewDone = result.error ? 'failed' : 'ok';
      } catch (err) {
        status.textContent = '';
        out.replaceChildren(h('p', { class: 'field-error', role: 'alert' }, `The preview could not run: ${(err as Error).message}`));
      } finally {
        button.disabled = false;
      }
    })();
  });
  section.append(
    h('p', {}, 'Runs the template here, in your browser, as ', h('code', {}, 'backlot scaffold --dry-run'), ' would: the files it would make, and what each step would do. Nothing is created and nothing leaves this page.'),
    button,
    status,
    out,
  );
  return section;
}
