// The `graphql` part of a plugin: fields of GitHub's Repository type asked in the crawl's own listing queries, so a
// plugin's per-repo data costs no request of its own. Each plugin's top-level fields are aliased with a prefix of its
// own (`p0_github__releases: releases(first: 1) {…}`): plugins never clash with each other or with the crawl's
// fields, and each plugin gets back only its own answer, unaliased.

import { Kind, parse, print, validate, type FieldNode, type GraphQLSchema, type SelectionNode, type SelectionSetNode } from 'graphql';
import type { PluginContext } from './index.ts';
import type { LoadedPlugin } from './load.ts';

/** A plugin's part of the listing query, or why it was left out. */
export type PluginFields = { prefix: string; selection: string } | { error: string };

/** The aliased selection of one plugin; throws on a syntax error, a variable or a fragment spread. */
export function aliasSelection(prefix: string, selection: string): string {
  const doc = parse(`{ ${selection} }`, { noLocation: true });
  const op = doc.definitions[0];
  if (doc.definitions.length !== 1 || op?.kind !== Kind.OPERATION_DEFINITION) throw new Error('fields of Repository only, no fragments or operations');
  const text = print(op.selectionSet);
  if (/\$[A-Za-z_]/.test(text)) throw new Error('variables are not allowed: write values inline');
  return aliased(op.selectionSet, prefix).map((s) => print(s)).join(' ');
}

function aliased(set: SelectionSetNode, prefix: string): SelectionNode[] {
  return set.selections.map((s) => {
    if (s.kind === Kind.FIELD) return { ...s, alias: { kind: Kind.NAME, value: `${prefix}${(s.alias ?? s.name).value}` } } satisfies FieldNode;
    if (s.kind === Kind.INLINE_FRAGMENT) return { ...s, selectionSet: { ...s.selectionSet, selections: aliased(s.selectionSet, prefix) } };
    throw new Error(`fragment spread ...${s.name.value} is not allowed: write the fields inline`);
  });
}

/** The prefix of the plugin at `index` in the config: unique, and a valid GraphQL name whatever the plugin's name. */
export const fieldsPrefix = (index: number, name: string) => `p${index}_${name.replace(/[^A-Za-z0-9]/g, '_')}__`;

export { ownFields } from './fields.ts';

let schema: Promise<GraphQLSchema | undefined> | undefined;

/**
 * GitHub's published schema (@octokit/graphql-schema), when installed (about 2 s to build): a plugin's fields are
 * checked against it before the crawl, because GitHub rejects a whole listing page for one bad field.
 */
export function githubSchema(): Promise<GraphQLSchema | undefined> {
  schema ??= (async () => {
    try {
      const [{ schema: published }, { buildSchema }] = await Promise.all([import('@octokit/graphql-schema'), import('graphql')]);
      // The published SDL defines two fields twice, so SDL validation is skipped (as the emulator does).
      return buildSchema(published.idl, { assumeValidSDL: true });
    } catch {
      return undefined;
    }
  })();
  return schema;
}

/** Why GitHub would refuse these (aliased) fields of a Repository, or undefined when it would accept them. */
export function schemaProblem(schema: GraphQLSchema, selection: string): string | undefined {
  const doc = parse(`query Check { repository(owner: "o", name: "n") { ...Fields } } fragment Fields on Repository { ${selection} }`);
  const errors = validate(schema, doc);
  return errors.length ? errors.map((e) => e.message).join('; ') : undefined;
}

/**
 * Each plugin's fields (set on `plugin.fields`), and the selection the crawl adds to its listing: the plugins'
 * parts that parse and, with `check`, that GitHub's schema accepts. A plugin whose part fails gets `{ error }`,
 * which src/plugins/run.ts reports; the crawl goes on without it.
 */
export async function prepareRepoFields(plugins: readonly LoadedPlugin[], options: { check: boolean; env?: NodeJS.ProcessEnv }): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const parts: string[] = [];
  for (const [index, plugin] of plugins.entries()) {
    const graphql = plugin.definition.graphql;
    if (!graphql) continue;
    const prefix = fieldsPrefix(index, plugin.definition.name);
    try {
      const ctx: PluginContext<any> = { options: plugin.config.options, env: Object.fromEntries(plugin.config.env.map((n) => [n, env[n]])) };
      const text = typeof graphql === 'function' ? graphql(ctx) : graphql;
      if (!text.trim()) continue;
      const selection = aliasSelection(prefix, text);
      const checked = options.check ? await githubSchema() : undefined;
      const problem = checked ? schemaProblem(checked, selection) : undefined;
      if (problem) throw new Error(`GitHub's schema refuses it: ${problem}`);
      plugin.fields = { prefix, selection };
      parts.push(selection);
    } catch (err) {
      plugin.fields = { error: (err instanceof Error ? err.message : String(err)).split('\n')[0]! };
    }
  }
  return parts.length ? parts.join('\n  ') : undefined;
}
