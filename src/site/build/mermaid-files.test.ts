import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MERMAID_ENTRY, mermaidDistDir, mermaidFiles } from './mermaid-files.ts';

describe('mermaidFiles', () => {
  it('finds the installed dist folder and lists the entry first, then its chunks, without source maps', () => {
    const dir = mermaidDistDir();
    expect(existsSync(join(dir, MERMAID_ENTRY))).toBe(true);
    const files = mermaidFiles(dir);
    expect(files[0]).toBe(MERMAID_ENTRY);
    expect(files.every((f) => f.endsWith('.mjs'))).toBe(true);
    expect(files.slice(1).every((f) => f.startsWith('chunks/mermaid.esm.min/'))).toBe(true);
  });

  it('covers every file the entry imports, so the relative layout works when served', () => {
    const dir = mermaidDistDir();
    const entry = readFileSync(join(dir, MERMAID_ENTRY), 'utf8');
    const imported = [...entry.matchAll(/["']\.\/(chunks\/[^"']+)["']/g)].map((m) => m[1]!);
    expect(imported.length).toBeGreaterThan(10);
    const files = new Set(mermaidFiles(dir));
    expect(imported.filter((f) => !files.has(f))).toEqual([]);
  });
});
