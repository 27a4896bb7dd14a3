// Build time: the skeleton files each template's fetch steps name, read from the snapshot for the Create page's
// preview. Only a fixed `url` can be known before the run; a computed one, or a repo the portal does not crawl,
// is listed as missing, and a skeleton over MAX_PREVIEW_BYTES makes no preview at all (the page says why).

import type { CatalogEntity } from '../model/catalog.ts';
import { MAX_PREVIEW_BYTES, type PreviewRepo, type TemplatePreview } from '../model/templatePreview.ts';
import type { Snapshot } from '../snapshot/types.ts';
import { isTemplate } from './check.ts';
import { resolveTemplateUrl } from './skeleton.ts';
import type { LoadedTemplate, TemplateSpec } from './types.ts';

const FETCHES = new Set(['fetch:template', 'fetch:plain', 'fetch:cookiecutter', 'fetch:template:file', 'fetch:plain:file']);

const kb = (n: number) => `${Math.ceil(n / 1024).toLocaleString('en')} KB`;

async function previewOf(template: LoadedTemplate, snapshot: Snapshot): Promise<TemplatePreview> {
  // The template's own repo always: URLs and relative paths resolve against it.
  const wanted = new Map<string, Set<string>>([[template.repo.name, new Set()]]);
  const missing: string[] = [];
  const steps = Array.isArray(template.spec.steps) ? template.spec.steps : [];
  for (const [index, step] of steps.entries()) {
    if (!step || !FETCHES.has(step.action)) continue;
    const id = typeof step.id === 'string' && step.id ? step.id : `step-${index + 1}`;
    const url = step.input?.url;
    if (typeof url !== 'string' || /\$\{\{|\{%/.test(url)) {
      missing.push(`step "${id}" (${step.action}): its url is computed when the template runs, so the preview has none of its files`);
      continue;
    }
    let location;
    try {
      location = resolveTemplateUrl(template, url);
    } catch (err) {
      missing.push(`step "${id}" (${step.action}): ${(err as Error).message}`);
      continue;
    }
    if (location.remote) {
      missing.push(`step "${id}" (${step.action}): ${location.repo.url} is not crawled; a run reads it from GitHub with its token, a preview cannot`);
      continue;
    }
    const paths = wanted.get(location.repo.name) ?? new Set<string>();
    wanted.set(location.repo.name, paths);
    const all = await snapshot.list(location.repo.name).catch(() => [] as string[]);
    const prefix = location.path ? `${location.path}/` : '';
    const found = step.action === 'fetch:template:file' || step.action === 'fetch:plain:file' ? all.filter((p) => p === location.path) : all.filter((p) => p.startsWith(prefix));
    for (const p of found) paths.add(p);
  }
  const repos: PreviewRepo[] = [];
  let bytes = 0;
  for (const [name, paths] of wanted) {
    const repo = snapshot.repos.find((r) => r.name === name)!;
    const entry: PreviewRepo = { repo, text: {}, binary: {}, executables: [] };
    const executables = await snapshot.executables(name);
    for (const file of await snapshot.read([...paths].sort().map((path) => ({ repo: name, path })))) {
      if (file.kind === 'text') {
        entry.text[file.path] = file.text;
        bytes += file.text.length;
      } else if (file.kind === 'skipped') {
        entry.binary[file.path] = file.size;
      }
      if (executables.has(file.path)) entry.executables.push(file.path);
    }
    if (bytes > MAX_PREVIEW_BYTES) {
      return { unavailable: `its skeleton is more than ${kb(MAX_PREVIEW_BYTES)} of text, too much for a preview in the browser; run \`backlot scaffold --dry-run\` to see what it makes` };
    }
    repos.push(entry);
  }
  return { data: { ref: template.ref, entity: template.entity, repo: template.repo.name, file: template.file, repos, missing }, bytes };
}

/** Every template's preview, by ref; a template's repo missing from the snapshot gets none. */
export async function templatePreviews(entities: readonly CatalogEntity[], snapshot: Snapshot): Promise<Record<string, TemplatePreview>> {
  const out: Record<string, TemplatePreview> = {};
  for (const e of entities) {
    if (!isTemplate(e) || !Array.isArray((e.entity.spec as { steps?: unknown } | undefined)?.steps)) continue;
    const repo = snapshot.repos.find((r) => r.name === e.source.repo);
    if (!repo) continue;
    const template: LoadedTemplate = { ref: e.ref, entity: e.entity, spec: e.entity.spec as unknown as TemplateSpec, snapshot, repo, file: e.source.file };
    out[e.ref] = await previewOf(template, snapshot);
  }
  return out;
}
