// Builds the Pagefind search index over a built site by running the Pagefind CLI that ships in the
// `pagefind` package (measured faster than its Node API on large sites).

import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface IndexSiteOptions {
  /** Bundle fragments into shared files above this many pages (Pagefind ≥ 1.6); helps very large sites. */
  maxFragments?: number;
  /** Receives Pagefind's output lines (default: discarded). */
  log?: (line: string) => void;
  /** Override the Pagefind runner script (tests). */
  runner?: string;
}

export interface IndexSiteResult {
  pages: number;
  ms: number;
}

/** Path of the `bin` script declared in the installed pagefind package's package.json. */
export function pagefindRunner(): string {
  // The package only exports ".", so find its folder from the main entry and read package.json there.
  let dir = dirname(fileURLToPath(import.meta.resolve('pagefind')));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; bin?: string | Record<string, string> };
      if (pkg.name === 'pagefind') {
        const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.pagefind;
        if (!bin) throw new Error(`pagefind's package.json at ${manifest} declares no bin`);
        return join(dir, bin);
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the pagefind package; is it installed?');
    dir = parent;
  }
}

/** Reads "Indexed N pages" from Pagefind's summary. */
export function parseIndexedPages(output: string): number | undefined {
  const match = /Indexed (\d+) pages?/.exec(output);
  return match ? Number(match[1]) : undefined;
}

export function pagefindArgs(outDir: string, options: IndexSiteOptions = {}): string[] {
  const args = ['--site', resolve(outDir)];
  if (options.maxFragments !== undefined) args.push('--max-fragments', String(options.maxFragments));
  return args;
}

export async function indexSite(outDir: string, options: IndexSiteOptions = {}): Promise<IndexSiteResult> {
  const site = resolve(outDir);
  if (!existsSync(site)) throw new Error(`Search index: the site folder ${site} does not exist; build the site first`);
  const runner = options.runner ?? pagefindRunner();
  const started = performance.now();
  const { code, output } = await run(process.execPath, [runner, ...pagefindArgs(site, options)], options.log);
  const ms = Math.round(performance.now() - started);
  const errors = output.split('\n').filter((l) => /^\s*error\b/i.test(l));
  if (code !== 0 || errors.length > 0) {
    const detail = (errors.length ? [...new Set(errors)] : output.trim().split('\n').slice(-5)).join('\n');
    throw new Error(`Pagefind failed to index ${site} (exit code ${code}):\n${detail}`);
  }
  const pages = parseIndexedPages(output);
  if (pages === undefined) throw new Error(`Pagefind ran but did not report how many pages it indexed:\n${output.trim()}`);
  return { pages, ms };
}

function run(command: string, args: string[], log?: (line: string) => void): Promise<{ code: number | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let output = '';
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output += text;
      if (log) for (const line of text.split('\n')) if (line.trim()) log(line);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (err) => reject(new Error(`Cannot start Pagefind (${command} ${args[0]}): ${err.message}`)));
    child.on('close', (code) => resolvePromise({ code, output }));
  });
}
