// `npm run bench [-- name…]`: runs the benchmarks (not tests: they measure, they do not assert).
// Each module in scripts/bench/ exports `run(args): Promise<void>` and prints its own figures. Words after a single
// benchmark's name that name no benchmark are its arguments (`npm run bench -- templates DIR`).

import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join(import.meta.dirname, 'bench');
const available = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('_'))
  .map((f) => f.replace(/\.ts$/, ''))
  .sort();
const argv = process.argv.slice(2);
const takesArgs = argv.length > 1 && available.includes(argv[0]!) && !argv.slice(1).some((a) => available.includes(a));
const wanted = takesArgs ? [argv[0]!] : argv;
const args = takesArgs ? argv.slice(1) : [];
const unknown = wanted.filter((w) => !available.includes(w));
if (unknown.length > 0) {
  console.error(`unknown benchmark(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
for (const name of wanted.length > 0 ? wanted : available) {
  console.log(`\n=== bench: ${name}`);
  const mod = (await import(join(dir, `${name}.ts`))) as { run: (args: string[]) => Promise<void> };
  await mod.run(args);
}
