// Parses a catalog file into one result per YAML document, keeping node positions.
// Each document stands alone: a syntax error in one must not hide the others.

import { LineCounter, isMap, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node, type YAMLError } from 'yaml';
import type { SourcePosition } from '../model/catalog.ts';
import { parseCatalogEvents } from './parse-events.ts';
import { splitAtMarkers } from './parse-split.ts';
import { collectPositions } from './positions.ts';

export type ParsedDocument =
  | {
      kind: 'entity';
      /** Order in the file: 0-based index among its documents (empty ones included), or of its part when read in parts. */
      index: number;
      value: Record<string, unknown>;
      root: SourcePosition;
      positions: Record<string, SourcePosition>;
    }
  | {
      kind: 'error';
      index: number;
      code: 'yaml-syntax' | 'not-an-object';
      message: string;
      hint: string;
      line: number;
      column: number;
    };

// YAML 1.2 core schema; merge keys off, as Backstage has them (`enableYamlMerge: false`).
// logLevel 'error': the library's own warnings would go to stderr; real problems become diagnostics.
const OPTIONS = { merge: false, prettyErrors: false, uniqueKeys: true, logLevel: 'error' } as const;

/** Documents of a catalog file; empty (null) documents are left out. */
export function parseCatalogFile(text: string): ParsedDocument[] {
  return parseCatalogEvents(text) ?? parseInParts(text);
}

/**
 * A file the fast path passed on, one document at a time: an error (an unclosed quote runs on through
 * `---`) then costs its own document only. The parts that are plain still take the fast path.
 */
function parseInParts(text: string): ParsedDocument[] {
  const parts = splitAtMarkers(text);
  if (parts.length <= 1) return parseCatalogFileWithYaml(text);
  const out: ParsedDocument[] = [];
  parts.forEach((part, n) => {
    // A part holds at most one document, so its number keeps the file's order.
    for (const doc of parseCatalogEvents(part.text) ?? parseCatalogFileWithYaml(part.text)) out.push(shiftLines(doc, n, part.lineOffset));
  });
  return out;
}

function shiftLines(doc: ParsedDocument, index: number, by: number): ParsedDocument {
  if (doc.kind === 'error') return { ...doc, index, line: doc.line + by };
  const move = (p: SourcePosition): SourcePosition => ({ line: p.line + by, column: p.column });
  const positions: Record<string, SourcePosition> = {};
  for (const [pointer, p] of Object.entries(doc.positions)) positions[pointer] = move(p);
  return { ...doc, index, root: move(doc.root), positions };
}

/** The full path, for every file the fast one (./parse-events.ts) passes on: syntax errors, aliases, tags. */
export function parseCatalogFileWithYaml(text: string): ParsedDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter });
  const out: ParsedDocument[] = [];
  docs.forEach((doc, index) => {
    const parsed = parseDocument(doc, index, lineCounter);
    if (parsed) out.push(parsed);
  });
  return out;
}

function parseDocument(doc: Document, index: number, lineCounter: LineCounter): ParsedDocument | undefined {
  const error = doc.errors[0];
  if (error) {
    const open = unclosed(doc, error);
    if (open) {
      const { line, col } = lineCounter.linePos(open.node.range![0]);
      return { kind: 'error', index, code: 'yaml-syntax', message: open.message, hint: open.hint, line, column: col };
    }
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return { kind: 'error', index, code: 'yaml-syntax', message: syntaxMessage(error), hint: syntaxHint(error), line, column: col };
  }
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return undefined;
  const rootPos = lineCounter.linePos(root.range?.[0] ?? 0);
  const position = { line: rootPos.line, column: rootPos.col };
  if (!isMap(root)) {
    const got = isSeq(root) ? 'an array' : describeType(isScalar(root) ? root.value : undefined);
    return {
      kind: 'error',
      index,
      code: 'not-an-object',
      message: `Expected an object at the document root, got ${got}`,
      hint: 'Each YAML document of a catalog file must be one entity: a mapping with apiVersion, kind, metadata and spec.',
      ...position,
    };
  }
  const js = toJS(doc);
  if ('error' in js) {
    return { kind: 'error', index, code: 'yaml-syntax', message: js.error, hint: 'Use fewer YAML aliases.', ...position };
  }
  return {
    kind: 'entity',
    index,
    value: js.value as Record<string, unknown>,
    root: position,
    positions: collectPositions(root, lineCounter),
  };
}

function toJS(doc: Document): { value: unknown } | { error: string } {
  try {
    return { value: doc.toJS() };
  } catch (e) {
    return { error: `YAML error: ${(e as Error).message}` };
  }
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'an alias or other node';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * The quote or flow bracket an "unclosed" error is about: the node that runs up to the error. The parser
 * reports where it gave up (the end of the document); the author needs the line where it was opened.
 */
function unclosed(doc: Document, error: YAMLError): { node: Node; message: string; hint: string } | undefined {
  const flow = /^Flow (sequence|map)/.exec(error.message)?.[1];
  const quote = error.code === 'MISSING_CHAR' && /quote/i.test(error.message);
  if (!flow && !quote) return undefined;
  let found: Node | undefined;
  const reaches = (node: Node) => node.range?.[1] === error.pos[0];
  visit(doc, {
    Scalar(_key, node) {
      if (quote && (node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE') && reaches(node)) found = node;
    },
    // The last one visited is the innermost: `[a, {b: 1` reports the `{`.
    Seq(_key, node) {
      if (flow === 'sequence' && node.flow && reaches(node)) found = node;
    },
    Map(_key, node) {
      if (flow === 'map' && node.flow && reaches(node)) found = node;
    },
  });
  if (!found) return undefined;
  if (isScalar(found)) {
    const double = found.type === 'QUOTE_DOUBLE';
    const q = double ? '"' : "'";
    return {
      node: found,
      message: `YAML syntax error: the ${double ? 'double' : 'single'} quote (${q}) opened here is never closed`,
      hint: `Close the quote at the end of the value (${q}…${q}) or remove it; ${double ? 'inside double quotes write a quote as \\"' : "inside single quotes write a quote as ''"}. The file's other documents are read on their own.`,
    };
  }
  const [open, close] = isSeq(found) ? ['[', ']'] : ['{', '}'];
  return {
    node: found,
    message: `YAML syntax error: the ${open} opened here is never closed`,
    hint: `Add the closing ${close} at the end of the value, or write it as a block, one entry per indented line. The file's other documents are read on their own.`,
  };
}

function syntaxMessage(error: YAMLError): string {
  const text = error.message.trim().replace(/\.$/, '');
  return `YAML syntax error: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function syntaxHint(error: YAMLError): string {
  switch (error.code) {
    case 'DUPLICATE_KEY':
      return 'A key appears twice in the same mapping; remove or rename one of them.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces; YAML does not allow tabs for indentation.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A value probably contains ": " or spans lines; quote it ("…") or put the nested mapping on its own indented lines.';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and closing brackets/quotes on this line and the ones before it.';
    case 'BAD_ALIAS':
      return 'An alias (*name) refers to an anchor (&name) that is not defined before it in this document.';
    default:
      return 'Fix the YAML syntax at this position; each `---` starts a new document, parsed on its own.';
  }
}

/** Parses a `$yaml` placeholder file: exactly one document. */
export function parseSingleYaml(text: string): { value: unknown } | { error: string } {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...OPTIONS, lineCounter });
  if (docs.length !== 1) {
    return { error: `expected to find exactly one document in the file, found ${docs.length}` };
  }
  const doc = docs[0]!;
  const error = doc.errors[0];
  if (error) {
    const open = unclosed(doc, error);
    const { line, col } = lineCounter.linePos(open ? open.node.range![0] : error.pos[0]);
    return { error: `${open?.message ?? syntaxMessage(error)} at line ${line}, column ${col}` };
  }
  return toJS(doc);
}
