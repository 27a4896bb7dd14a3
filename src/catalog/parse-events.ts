// The fast path of parseCatalogFile: js-yaml's event parser (YAML 1.2 core schema, like yaml's) gives values and
// node offsets about eight times faster than yaml's document model. It takes only plain files: any syntax error,
// duplicate key, anchor, alias, tag or non-scalar key sends the whole file to the yaml path, so diagnostics and
// alias limits stay exactly as they were.

import { CORE_SCHEMA, EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents, type Event } from 'js-yaml';
import type { SourcePosition } from '../model/catalog.ts';
import type { ParsedDocument } from './parse.ts';
import { escapePointerSegment, keyPointer } from './positions.ts';

/** The file's documents as parseCatalogFile returns them, or undefined when the yaml path must read it. */
export function parseCatalogEvents(text: string): ParsedDocument[] | undefined {
  let events: Event[];
  let values: unknown[];
  try {
    events = parseEvents(text, {});
    if (!plain(events)) return undefined;
    values = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
  const at = lineIndex(text);
  const out: ParsedDocument[] = [];
  let i = 0;
  let index = -1;
  // Where the previous node ended: a block scalar's header (`|`, `>`) lies between it and the scalar's text.
  let consumed = 0;

  const start = (e: Event): number => {
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) return e.start;
    if (e.type !== EVENT_ID.SCALAR || e.valueStart < 0) return -1;
    if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) return e.valueStart - 1;
    if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) {
      const header = text.slice(consumed, e.valueStart).search(/[|>]/);
      return header < 0 ? e.valueStart : consumed + header;
    }
    return e.valueStart;
  };

  // Walks the node starting at events[i], recording it and everything below under `pointer`.
  const walk = (positions: Record<string, SourcePosition>, pointer: string): void => {
    const e = events[i]!;
    const offset = start(e);
    if (offset >= 0) positions[pointer] = at(offset);
    i += 1;
    if (e.type === EVENT_ID.SCALAR) {
      if (e.valueEnd > consumed) consumed = e.valueEnd;
      return;
    }
    if (offset > consumed) consumed = offset;
    if (e.type === EVENT_ID.SEQUENCE) {
      for (let n = 0; events[i]!.type !== EVENT_ID.POP; n++) walk(positions, `${pointer}/${n}`);
    } else if (e.type === EVENT_ID.MAPPING) {
      while (events[i]!.type !== EVENT_ID.POP) {
        const key = events[i] as Extract<Event, { type: typeof EVENT_ID.SCALAR }>;
        const child = `${pointer}/${escapePointerSegment(getScalarValue(text, key))}`;
        const keyAt = start(key);
        if (keyAt >= 0) positions[keyPointer(child)] = at(keyAt);
        i += 1;
        if (key.valueEnd > consumed) consumed = key.valueEnd;
        const value = events[i]!;
        walk(positions, child);
        // `key:` with no value: point it at its key, as the yaml path does.
        if (value.type === EVENT_ID.SCALAR && value.style === SCALAR_STYLE.PLAIN && value.valueStart === value.valueEnd && keyAt >= 0) positions[child] = at(keyAt);
      }
    }
    i += 1; // the POP
  };

  while (i < events.length) {
    const e = events[i]!;
    if (e.type !== EVENT_ID.DOCUMENT) return undefined;
    index += 1;
    i += 1;
    const value = values[index];
    const root = events[i]!;
    if (value === null || value === undefined) {
      i = skip(events, i) + 2; // past the node and the document's POP
      continue;
    }
    if (root.type !== EVENT_ID.MAPPING) return undefined; // not an object: the yaml path words the error
    const positions: Record<string, SourcePosition> = {};
    walk(positions, '');
    i += 1; // the document's POP
    out.push({ kind: 'entity', index, value: value as Record<string, unknown>, root: positions['']!, positions });
  }
  return out;
}

/** Only what both parsers read alike: no anchors, aliases or tags, and scalar keys. */
function plain(events: Event[]): boolean {
  // One frame per open collection: for a mapping, whether its next child is a key.
  const frames: Array<{ mapping: boolean; keyNext: boolean }> = [];
  for (const e of events) {
    if (e.type === EVENT_ID.ALIAS) return false;
    if (e.type === EVENT_ID.POP) {
      frames.pop();
      continue;
    }
    if (e.type === EVENT_ID.DOCUMENT) {
      frames.push({ mapping: false, keyNext: false });
      continue;
    }
    if (e.anchorStart >= 0 || e.tagStart >= 0) return false;
    const frame = frames[frames.length - 1];
    if (frame?.mapping) {
      if (frame.keyNext && e.type !== EVENT_ID.SCALAR) return false;
      frame.keyNext = !frame.keyNext;
    }
    if (e.type === EVENT_ID.MAPPING || e.type === EVENT_ID.SEQUENCE) frames.push({ mapping: e.type === EVENT_ID.MAPPING, keyNext: true });
  }
  return true;
}

/** The index of the event that ends the node starting at events[i]. */
function skip(events: Event[], i: number): number {
  const e = events[i]!;
  if (e.type !== EVENT_ID.MAPPING && e.type !== EVENT_ID.SEQUENCE) return i;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const t = events[j]!.type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth += 1;
    else if (t === EVENT_ID.POP && --depth === 0) return j;
  }
  return events.length - 1;
}

/** Offset → 1-based line and column. */
function lineIndex(text: string): (offset: number) => SourcePosition {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  // The walk asks in document order, so the answer is mostly the last line or one just after: look there first.
  let last = 0;
  return (offset) => {
    let lo = last;
    while (lo + 1 < starts.length && starts[lo + 1]! <= offset && lo - last < 4) lo += 1;
    if (starts[lo]! > offset || (lo + 1 < starts.length && starts[lo + 1]! <= offset)) {
      lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
    }
    last = lo;
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
