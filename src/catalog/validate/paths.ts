// Paths inside an entity: from ajv's JSON pointers, to readable field names, in document order.

export type IssuePath = Array<string | number>;

/** Splits a JSON pointer; segments that index an array in `root` become numbers. */
export function pointerToPath(pointer: string, root: unknown): IssuePath {
  if (pointer === '') return [];
  const path: IssuePath = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      const index = Number(segment);
      path.push(index);
      node = node[index];
    } else {
      path.push(segment);
      node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

/** `metadata.name`, `spec.steps[0].action`, `metadata.annotations["backstage.io/x"]`; the root is `the entity`. */
export function fieldName(path: IssuePath): string {
  if (path.length === 0) return 'the entity';
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** A value quoted for a message, cut short when long. */
export function quoteValue(value: string): string {
  const shown = value.length > 100 ? `${value.slice(0, 97)}…` : value;
  return JSON.stringify(shown);
}

/** What a value is, for "must be X, not Y". */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'empty';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return `a string (${quoteValue(value)})`;
    case 'number':
      return `a number (${value})`;
    case 'boolean':
      return `a boolean (${value})`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

/** Positions of the path's segments among their siblings, so issues can be sorted in the author's order. */
function ranks(path: IssuePath, root: unknown): number[] {
  const out: number[] = [];
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node) && typeof segment === 'number') {
      out.push(segment);
      node = node[segment];
    } else if (node !== null && typeof node === 'object') {
      const index = Object.keys(node).indexOf(String(segment));
      out.push(index < 0 ? Number.MAX_SAFE_INTEGER : index);
      node = (node as Record<string, unknown>)[String(segment)];
    } else {
      out.push(Number.MAX_SAFE_INTEGER);
      node = undefined;
    }
  }
  return out;
}

/** Stable sort by where the path's node sits in the entity (a parent before its children). */
export function sortByDocumentOrder<T extends { path: IssuePath }>(items: T[], root: unknown): T[] {
  const keyed = items.map((item) => ({ item, rank: ranks(item.path, root) }));
  keyed.sort((a, b) => {
    const n = Math.min(a.rank.length, b.rank.length);
    for (let i = 0; i < n; i++) {
      const d = (a.rank[i] as number) - (b.rank[i] as number);
      if (d !== 0) return d;
    }
    return a.rank.length - b.rank.length;
  });
  return keyed.map((k) => k.item);
}
