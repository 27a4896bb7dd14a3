// Substitution placeholders (`$text`, `$json`, `$yaml`), as Backstage's PlaceholderProcessor has them:
// an object whose only key is one of these is replaced by the referenced file of the same repo.

import type { FileContent, RepoInfo } from '../snapshot/types.ts';
import { describeType, parseSingleYaml } from './parse.ts';
import { isAbsoluteUrl, parseRepoUrl, resolveRepoPath } from './paths.ts';

export type PlaceholderKind = '$text' | '$json' | '$yaml';

export interface Placeholder {
  /** Path of the object to replace; `[]` is the whole document. */
  path: Array<string | number>;
  kind: PlaceholderKind;
  target: unknown;
}

const KINDS: readonly string[] = ['$text', '$json', '$yaml'];

/**
 * Every placeholder in a value, outermost first. Like Backstage, an object with any `$` key is not
 * searched further: it is either a placeholder or (extra keys, unknown `$ref`-style key) left as is.
 */
export function findPlaceholders(value: unknown): Placeholder[] {
  const found: Placeholder[] = [];
  // One path, pushed and popped, copied only for a placeholder: this walks every node of every entity.
  const path: Array<string | number> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        path.push(i);
        walk(node[i]);
        path.pop();
      }
      return;
    }
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.some((k) => k.startsWith('$'))) {
      const key = keys[0]!;
      if (keys.length === 1 && KINDS.includes(key)) found.push({ path: [...path], kind: key as PlaceholderKind, target: record[key] });
      return;
    }
    for (const key of keys) {
      path.push(key);
      walk(record[key]);
      path.pop();
    }
  };
  walk(value);
  return found;
}

export const SAME_REPO_MESSAGE = 'Placeholder may only reference files from the same repository as the entity';

/** The repo file a placeholder reads, or why it may not. Never reads anything itself. */
export function placeholderFile(
  placeholder: Placeholder,
  file: string,
  repo: RepoInfo,
  repos: readonly RepoInfo[],
): { path: string } | { error: string; hint?: string } {
  const { kind, target } = placeholder;
  if (typeof target !== 'string' || target.trim() === '') {
    return {
      error: `Placeholder ${kind} must be a non-empty string (a path or a URL), got ${describeType(target)}`,
      hint: `Write e.g. \`${kind}: ./openapi.yaml\`.`,
    };
  }
  if (isAbsoluteUrl(target)) {
    const hit = parseRepoUrl(target, repos);
    if ('error' in hit) {
      const other = hit.inSnapshot ? '' : ` (${target} is outside this build)`;
      return { error: `${SAME_REPO_MESSAGE}${other}`, hint: `Point ${kind} at a file of ${repo.name}, e.g. a relative path.` };
    }
    if (hit.repo.name !== repo.name) {
      return { error: `${SAME_REPO_MESSAGE} (${target} is in ${hit.repo.name})`, hint: `Copy the file into ${repo.name} and use a relative path.` };
    }
    return { path: hit.path };
  }
  const path = resolveRepoPath(file, target);
  if (!path) {
    return {
      error: `Placeholder ${kind} path "${target}" leaves the repository`,
      hint: 'Paths are relative to the catalog file\'s folder; a leading "/" means the repository root.',
    };
  }
  return { path };
}

/** The value that replaces a placeholder, from the file it names. */
export function decodePlaceholder(kind: PlaceholderKind, target: string, content: FileContent): { value: unknown } | { error: string } {
  const where = `${content.repo}/${content.path}`;
  if (content.kind === 'missing') return { error: `Placeholder ${kind} file not found: "${target}" (looked for ${where})` };
  if (content.kind === 'skipped') return { error: `Placeholder ${kind} file ${where} was skipped (${content.reason}, ${content.size} bytes)` };
  if (content.kind === 'error') return { error: `Placeholder ${kind} file ${where} could not be read: ${content.message}` };
  if (kind === '$text') return { value: content.text };
  if (kind === '$json') {
    try {
      return { value: JSON.parse(content.text) };
    } catch (e) {
      return { error: `Placeholder $json file ${where} is not valid JSON: ${(e as Error).message}` };
    }
  }
  const parsed = parseSingleYaml(content.text);
  return 'error' in parsed ? { error: `Placeholder $yaml file ${where}: ${parsed.error}` } : parsed;
}

/** Replaces the value at `path` (not the root) in place. */
export function setAt(root: unknown, path: ReadonlyArray<string | number>, value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
}
