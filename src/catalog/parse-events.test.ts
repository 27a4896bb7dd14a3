import { describe, expect, it } from 'vitest';
import { parseCatalogFileWithYaml } from './parse.ts';
import { parseCatalogEvents } from './parse-events.ts';

// The fast path must give exactly what the yaml path gives: values, document indices, and every position.
const SAME: Record<string, string> = {
  'an entity': `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: a\n  tags: [x, "y"]\nspec:\n  owner: team\n`,
  'block scalars, with headers, chomping and comments': `metadata:\n  description: |\n    one\n    two\n  other: >- # folded\n    a\n    b\n  list:\n    - |\n      item\n    - >+\n      kept\n\n`,
  'empty, quoted-empty and null values': `a:\nb: ''\nc: ""\nd: ~\ne: null\nf: # comment\ng: x\n`,
  'keys needing pointer escapes and quoting': `metadata:\n  annotations:\n    backstage.io/techdocs-ref: dir:.\n    "a~b": 1\n    'c d': 2\n`,
  'flow collections': `spec:\n  m: {a: 1, b: [2, 3], c: {d: e}}\n  s: [ {x: 1}, y ]\n  set: {k}\n`,
  'several documents, empty ones counted': `---\na: 1\n---\n---\n# only a comment\n---\nb: 2\n...\n---\nc: 3\n`,
  'scalar types of the core schema': `i: 12\no: 0o17\nh: 0x1F\nf: 1.5e3\ninf: -.inf\nnan: .nan\nt: true\nT: True\nno: no\nu: 1_000\nd: 2026-01-01\nz: 012\n`,
  'non-ASCII text before nodes': `metadata:\n  title: "Überwachung 🚚 of parcels"\n  name: x\nspec: {owner: "ø"}\n`,
  'CRLF line ends': `apiVersion: v1\r\nkind: Group\r\nmetadata:\r\n  name: g\r\nspec:\r\n  children: []\r\n`,
  'nested sequences of mappings': `spec:\n  steps:\n    - id: a\n      input:\n        values: [1, 2]\n    -   id: b\n        if: \${{ x }}\n`,
  'a document that is not an object is passed on': `- a\n- b\n`,
};

describe('parseCatalogEvents', () => {
  for (const [name, text] of Object.entries(SAME)) {
    it(`reads ${name} as the yaml path does`, () => {
      const fast = parseCatalogEvents(text);
      if (name.includes('passed on')) return expect(fast).toBeUndefined();
      expect(fast).toBeDefined();
      expect(fast).toEqual(parseCatalogFileWithYaml(text));
    });
  }

  it('passes every file with a syntax error, duplicate key, anchor, alias, tag or complex key to the yaml path', () => {
    for (const text of [
      'a: [1, 2\n',
      'a: 1\na: 2\n',
      'a: &x 1\nb: 2\n',
      'base: &b {x: 1}\nuse: *b\n',
      'a: !!str 1\n',
      'a: !custom x\n',
      '? [a, b]\n: 1\n',
      'good: 1\n---\nbad: [\n',
    ]) {
      expect(parseCatalogEvents(text), text).toBeUndefined();
    }
  });
});
