// The Create page's preview runs the steps core and its actions in the browser: nothing it imports, however
// deep, may need Node. (An action that starts using node:fs would otherwise only fail in a visitor's browser.)

import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const IMPORT = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every module reachable from `entry` through value imports (type-only imports vanish when bundled). */
function reachable(entry: string): { files: string[]; packages: Map<string, string> } {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (/^\s*(?:import|export)\s+type\s/.test(match[0].replace(/^[\s;]/, ''))) continue;
      const spec = (match[1] ?? match[2])!;
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec));
      else packages.set(spec, file);
    }
  }
  return { files: [...seen], packages };
}

describe('the preview runner', () => {
  it('imports nothing of Node, directly or through the steps core and the actions it runs', () => {
    const { files, packages } = reachable(fileURLToPath(new URL('./preview.ts', import.meta.url)));
    expect(files.map((f) => f.slice(f.lastIndexOf('/src/') + 1))).toEqual(expect.arrayContaining(['src/scaffold/steps.ts', 'src/scaffold/actions/fetchTemplate.ts', 'src/scaffold/actions/fs.ts', 'src/scaffold/skeleton.ts']));
    const builtins = new Set(builtinModules);
    const node = [...packages].filter(([spec]) => spec.startsWith('node:') || builtins.has(spec.split('/')[0]!)).map(([spec, file]) => `${spec} in ${file.slice(file.lastIndexOf('/src/') + 1)}`);
    expect(node).toEqual([]);
  });
});
