// Finding the template to run: by ref in the crawled catalog, or a template.yaml on disk (a template's own CI).

import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { createValidator } from '../catalog/validate/index.ts';
import type { CatalogEntity } from '../model/catalog.ts';
import type { Entity } from '../model/entity.ts';
import { entityRefOf, parseEntityRef, stringifyEntityRef } from '../model/entityRef.ts';
import type { BacklotConfig, LocalSourceConfig } from '../config/types.ts';
import { openLocalRepos, openLocalSource } from '../sources/local.ts';
import type { RepoInfo, Snapshot } from '../snapshot/types.ts';
import { gitRemoteOf } from './gitRemote.ts';
import { ScaffoldError, type LoadedTemplate, type TemplateSpec } from './types.ts';

export { TEMPLATE_API_VERSION } from '../model/relations.ts';
import { TEMPLATE_API_VERSION } from '../model/relations.ts';

/** `--template` names a file when it looks like one or exists; otherwise it is an entity ref. */
export function isTemplatePath(arg: string, cwd = process.cwd()): boolean {
  return /\.ya?ml$/i.test(arg) || (existsSync(resolve(cwd, arg)) && statSync(resolve(cwd, arg)).isFile());
}

/** Canonical ref of a `--template` argument: kind defaults to Template, namespace to default. */
export function templateRef(arg: string): string {
  return stringifyEntityRef(parseEntityRef(arg.trim(), { defaultKind: 'template', defaultNamespace: 'default' }));
}

export function templateFromEntity(entity: Entity, snapshot: Snapshot, repo: RepoInfo, file: string): LoadedTemplate {
  const ref = entityRefOf(entity);
  if (entity.kind !== 'Template' || entity.apiVersion !== TEMPLATE_API_VERSION) {
    throw new ScaffoldError(`${ref} is not a software template (needs apiVersion ${TEMPLATE_API_VERSION}, kind Template)`);
  }
  const spec = entity.spec as unknown as TemplateSpec | undefined;
  if (!spec || !Array.isArray(spec.steps)) throw new ScaffoldError(`${ref} has no spec.steps`);
  return { ref, entity, spec, snapshot, repo, file };
}

/** A Template entity from the pipeline's catalog, with the repo its files come from. */
export function findTemplate(entities: readonly CatalogEntity[], snapshot: Snapshot, arg: string): LoadedTemplate {
  const ref = templateRef(arg);
  const found = entities.find((e) => e.ref === ref);
  if (!found) {
    const templates = entities.filter((e) => e.entity.kind === 'Template').map((e) => e.ref);
    throw new ScaffoldError(
      `no template ${ref} in the catalog${templates.length ? `; templates: ${templates.join(', ')}` : ' (it has no templates)'}`,
    );
  }
  const repo = snapshot.repos.find((r) => r.name === found.source.repo);
  if (!repo) throw new ScaffoldError(`the repo ${found.source.repo} of ${ref} is not in the snapshot`);
  return templateFromEntity(found.entity, snapshot, repo, found.source.file);
}

/** The folder that stands for the template's repo: the nearest enclosing git checkout, else the file's folder. */
function repoRootOf(file: string): string {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return dirname(file);
  }
}

/** The configured folder of repos the file lies in, and the name of its repo there (the first folder under it). */
function localRepoOf(file: string, config: BacklotConfig | undefined): { source: LocalSourceConfig; dir: string; repo: string } | undefined {
  for (const source of config?.sources ?? []) {
    if (source.type !== 'local') continue;
    const dir = resolve(config!.root, source.path);
    const parts = relative(dir, file).split(sep);
    if (parts.length >= 2 && parts[0] !== '..' && !isAbsolute(parts[0]!)) return { source, dir, repo: parts[0]! };
  }
  return undefined;
}

/**
 * A template.yaml on disk. Its repo is the repo folder it lies in when that is under a configured folder of repos
 * (the other repos there can then be fetched from, as in a build), else the git work tree it lives in, so
 * `../../skeletons/x` and URLs into that repo resolve as Backstage resolves them.
 */
export async function loadTemplateFile(path: string, cwd = process.cwd(), config?: BacklotConfig): Promise<LoadedTemplate> {
  const file = resolve(cwd, path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new ScaffoldError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const docs = parseAllDocuments(text);
  const entities: Entity[] = [];
  for (const doc of docs) {
    if (!('toJS' in doc)) continue;
    if (doc.errors.length) throw new ScaffoldError(`${path}: YAML syntax: ${doc.errors[0]!.message.split('\n')[0]}`);
    const value = doc.toJS() as Entity | null;
    if (value && typeof value === 'object' && value.kind === 'Template') entities.push(value);
  }
  if (entities.length !== 1) throw new ScaffoldError(`${path} must hold exactly one Template entity, found ${entities.length}`);
  const entity = entities[0]!;
  const issues = createValidator()(entity);
  if (issues.length) {
    throw new ScaffoldError(`${path} is not a valid template:\n${issues.map((i) => `  /${i.path.join('/')} ${i.message}`).join('\n')}`);
  }
  const local = localRepoOf(file, config);
  if (local) {
    const snapshot = await openLocalSource(local.source, config!.root);
    const repo = snapshot.repos.find((r) => r.name === local.repo);
    if (repo) return templateFromEntity(entity, snapshot, repo, relative(join(local.dir, local.repo), file).split(sep).join('/'));
  }
  const root = repoRootOf(file);
  const remote = gitRemoteOf(root);
  const snapshot = await openLocalRepos([{ name: remote?.name ?? basename(root), dir: root }], {
    org: remote?.owner ?? 'local', host: remote?.host ?? 'github.com', defaultBranch: 'main',
  });
  return templateFromEntity(entity, snapshot, snapshot.repos[0]!, relative(root, file).split(sep).join('/'));
}
