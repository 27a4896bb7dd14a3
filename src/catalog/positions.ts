// Source positions of YAML nodes, keyed by RFC 6901 JSON pointer.
//
// `positions['/spec/owner']` is where the value node starts. Map keys are recorded too, under the
// pointer plus KEY_SUFFIX (`/metadata/labels/Bad Key#key`), for issues that blame the key itself
// (e.g. an unknown field). The root node is `''`.

import { isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml';
import type { SourcePosition } from '../model/catalog.ts';

export const KEY_SUFFIX = '#key';

export type JsonPath = ReadonlyArray<string | number>;

export function escapePointerSegment(segment: string | number): string {
  const text = String(segment);
  // Most keys have neither character: called for every key of every catalog file.
  if (!text.includes('~') && !text.includes('/')) return text;
  return text.replace(/~/g, '~0').replace(/\//g, '~1');
}

export function toPointer(path: JsonPath): string {
  return path.map((s) => `/${escapePointerSegment(s)}`).join('');
}

export function keyPointer(pointer: string): string {
  return pointer + KEY_SUFFIX;
}

/** Positions of a node and everything below it. Aliases are recorded but not followed. */
export function collectPositions(root: Node, lineCounter: LineCounter): Record<string, SourcePosition> {
  const positions: Record<string, SourcePosition> = {};
  const at = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const walk = (node: unknown, pointer: string): void => {
    if (!node || typeof node !== 'object') return;
    const range = (node as { range?: [number, number, number] | null }).range;
    if (range) positions[pointer] = at(range[0]);
    if (isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const child = `${pointer}/${escapePointerSegment(String(pair.key.value))}`;
        if (pair.key.range) positions[keyPointer(child)] = at(pair.key.range[0]);
        walk(pair.value, child);
        // `key:` with no value has an empty node at the line's end: point it at its key instead.
        const value = pair.value as Node | null;
        const empty = !value?.range || (isScalar(value) && value.range[0] === value.range[1]);
        const keyAt = positions[keyPointer(child)];
        if (empty && keyAt) positions[child] = keyAt;
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item, `${pointer}/${i}`));
    }
  };
  walk(root, '');
  return positions;
}

/**
 * Where to report an issue at `path`: the node itself (or its key when `onKey`), else the nearest
 * ancestor that exists in the file (a missing required field points at its parent map).
 */
export function findPosition(
  positions: Record<string, SourcePosition>,
  path: JsonPath,
  onKey = false,
): SourcePosition | undefined {
  if (onKey) {
    const key = positions[keyPointer(toPointer(path))];
    if (key) return key;
  }
  for (let n = path.length; n >= 0; n--) {
    const found = positions[toPointer(path.slice(0, n))];
    if (found) return found;
  }
  return undefined;
}
