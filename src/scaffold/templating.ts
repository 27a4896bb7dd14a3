// `${{ }}` templating in nunjitsu's closed interpreter: no code generation, no file or process access,
// only the filters registered here. Errors are thrown, never swallowed (Backstage keeps the raw string).

import { createTemplateRenderer, TemplateLimitError, TemplateRenderError, type TemplateContext, type TemplateRenderer } from 'nunjitsu';
import { scaffolderFilters } from './filters.ts';
import type { WhenEvaluator } from '../model/templateParameters.ts';
import type { JsonObject } from './types.ts';

export interface FileTemplateOptions {
  cookiecutterCompat?: boolean;
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
}

export interface Templating {
  /** Renders every string inside `value`; a string that is one whole `${{ }}` keeps the expression's type. */
  renderValue(value: unknown, context: JsonObject, where: string): unknown;
  /** Renders a file's contents or path to text (regexes allowed, as Backstage allows them for files). */
  renderFile(source: string, context: JsonObject, where: string, options?: FileTemplateOptions): string;
  /** Filter names used in these sources that no renderer knows. */
  unknownFilters(sources: readonly string[]): string[];
  /** Why `source` does not parse as a `${{ }}` template (with its line and column), or undefined when it does. */
  syntaxError(source: string): string | undefined;
}

/** A render failure, naming where it happened and the expression that failed. */
export class TemplateError extends Error {
  readonly where: string;
  readonly expression: string;
  constructor(where: string, expression: string, reason: string) {
    super(`cannot render ${where} ${JSON.stringify(clip(expression))}: ${reason}`);
    this.name = 'TemplateError';
    this.where = where;
    this.expression = expression;
  }
}

function clip(text: string): string {
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** Plain JSON data only: drops undefined and anything that is not data. */
export function toTemplateContext(context: JsonObject): TemplateContext {
  return JSON.parse(JSON.stringify(context)) as TemplateContext;
}

/** nunjitsu returns frozen, prototype-less copies; hand ordinary objects on. */
export function toPlain(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Set) return [...value].map(toPlain);
  const entries = value instanceof Map ? [...value.entries()].map(([k, v]) => [String(k), v] as const) : Object.entries(value);
  const out: JsonObject = {};
  for (const [k, v] of entries) if (v !== undefined) out[k] = toPlain(v);
  return out;
}

const EXPRESSION = /\$\{\{([\s\S]*?)\}\}|\{%([\s\S]*?)%\}/g;
const REPLACE_ALL = /(?<=[\w$\])])\s*\.replaceAll\s*\(/g;

/**
 * Backstage renders with real Nunjucks, where a string's own methods work; nunjitsu allows a safe list that lacks
 * `replaceAll` (0.7.0), which real templates use (`\${{ values.envs.replaceAll(',', '-') }}`). Inside expressions, and
 * outside string literals, `x.replaceAll(a, b)` becomes `x | replace(a, b)`: Nunjucks' filter replaces every match too.
 */
export function shimStringMethods(source: string): string {
  if (!source.includes('replaceAll')) return source;
  return source.replace(EXPRESSION, (whole) => {
    let out = '';
    let last = 0;
    for (const literal of whole.matchAll(STRING_LITERAL)) {
      out += whole.slice(last, literal.index).replace(REPLACE_ALL, ' | replace(') + literal[0];
      last = literal.index! + literal[0].length;
    }
    return out + whole.slice(last).replace(REPLACE_ALL, ' | replace(');
  });
}
const STRING_LITERAL = /'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g;
const FILTER_USE = /\|\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)/g;

export function createTemplating(): Templating {
  const values = createTemplateRenderer({ filters: scaffolderFilters });
  const files = new Map<string, TemplateRenderer>();

  function fileRenderer(options: FileTemplateOptions): TemplateRenderer {
    const key = `${!!options.cookiecutterCompat}|${!!options.trimBlocks}|${!!options.lstripBlocks}`;
    let renderer = files.get(key);
    if (!renderer) {
      renderer = createTemplateRenderer({
        filters: scaffolderFilters,
        allowRegexExecution: true,
        cookiecutterCompat: !!options.cookiecutterCompat,
        trimBlocks: !!options.trimBlocks,
        lstripBlocks: !!options.lstripBlocks,
      });
      files.set(key, renderer);
    }
    return renderer;
  }

  function walk(value: unknown, context: TemplateContext, where: string): unknown {
    if (typeof value === 'string') {
      try {
        return toPlain(values.renderValue(shimStringMethods(value), context, { coercion: 'json' }));
      } catch (err) {
        throw new TemplateError(where, value, (err as Error).message);
      }
    }
    if (Array.isArray(value)) return value.map((item, i) => walk(item, context, `${where}[${i}]`));
    if (value !== null && typeof value === 'object') {
      const out: JsonObject = {};
      for (const [key, item] of Object.entries(value)) {
        const rendered = walk(item, context, `${where}.${key}`);
        if (rendered !== undefined) out[key] = rendered;
      }
      return out;
    }
    return value;
  }

  function isKnownFilter(name: string): boolean {
    try {
      values.render(`\${{ 1 | ${name} }}`);
      return true;
    } catch (err) {
      return !/Unknown template filter/.test((err as Error).message);
    }
  }

  return {
    renderValue: (value, context, where) => walk(value, toTemplateContext(context), where),
    renderFile(source, context, where, options = {}) {
      try {
        return fileRenderer(options).render(shimStringMethods(source), toTemplateContext(context));
      } catch (err) {
        throw new TemplateError(where, source, (err as Error).message);
      }
    },
    syntaxError(source) {
      try {
        values.render(shimStringMethods(source), {});
        return undefined;
      } catch (err) {
        // Only parsing counts: with no values, evaluation may fail where a real run would not.
        const parse = (err instanceof TemplateRenderError || err instanceof TemplateLimitError) && err.phase === 'parse';
        if (!parse || /Unknown template filter/.test((err as Error).message)) return undefined;
        return (err as Error).message.split('\n')[0];
      }
    },
    unknownFilters(sources) {
      const names = new Set<string>();
      for (const source of sources) {
        for (const match of source.matchAll(EXPRESSION)) {
          const body = (match[1] ?? match[2] ?? '').replace(STRING_LITERAL, "''");
          for (const use of body.matchAll(FILTER_USE)) names.add(use[1]!);
        }
      }
      return [...names].filter((name) => !isKnownFilter(name)).sort();
    },
  };
}

/** A parameter page's `when: ${{ … }}`, rendered as `backlot scaffold` and the browser's form both render it. */
export function whenEvaluator(templating: Templating): WhenEvaluator {
  return (expression, parameters) => templating.renderValue(expression, { parameters: parameters as JsonObject }, 'the when of a parameter page');
}
