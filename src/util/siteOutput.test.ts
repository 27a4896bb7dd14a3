import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimSiteOutput } from './siteOutput.ts';

let dir: string;
let outDir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'site-output-'));
  outDir = join(dir, 'dist');
  mkdirSync(outDir);
  writeFileSync(join(outDir, 'index.html'), 'previous');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const entries = () => readdirSync(dir).sort();

/** Another process that claims the folder, writes half a site into its work folder and waits there. */
async function halfBuild() {
  const script = `import { claimSiteOutput } from ${JSON.stringify(new URL('./siteOutput.ts', import.meta.url).href)};
    const out = await claimSiteOutput(${JSON.stringify(outDir)});
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(out.site, { recursive: true }); writeFileSync(out.site + '/half.html', 'half');
    console.log('ready'); setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  return child;
}

describe('claimSiteOutput', () => {
  it('builds beside the output folder and swaps the finished site in', async () => {
    const out = await claimSiteOutput(outDir);
    expect(out.site.startsWith(join(dir, '.dist.build-'))).toBe(true);
    expect(entries()).toContain('.dist.lock');
    mkdirSync(out.site, { recursive: true });
    writeFileSync(join(out.site, 'index.html'), 'next');
    mkdirSync(out.scratch('api'));
    await out.commit();
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('next');
    // No lock, no work folder; the previous site set aside whole, for the next build to delete.
    const aside = entries().filter((e) => e !== 'dist');
    expect(aside).toEqual([expect.stringMatching(/^\.dist\.previous-\d+-[0-9a-f]+$/)]);
    expect(readFileSync(join(dir, aside[0]!, 'index.html'), 'utf8')).toBe('previous');
    expect(readFileSync(join(dir, aside[0]!, '.gitignore'), 'utf8')).toBe('*\n'); // git ignores it whole
  });

  it('deletes the sites earlier builds set aside when the next build ends, swapped in or failed', async () => {
    for (const next of ['one', 'two']) {
      const out = await claimSiteOutput(outDir);
      mkdirSync(join(out.site, 'a/b'), { recursive: true });
      writeFileSync(join(out.site, 'index.html'), next);
      writeFileSync(join(out.site, 'a/b/page.html'), next);
      await out.commit();
    }
    // The second build deleted what the first set aside; the first site (set aside by the second) is left.
    expect(entries().filter((e) => e.startsWith('.dist.previous-'))).toHaveLength(1);
    const third = await claimSiteOutput(outDir);
    await third.abandon(); // deleted before the build ends, even a failed one
    expect(entries()).toEqual(['dist']);
    expect(readFileSync(join(outDir, 'a/b/page.html'), 'utf8')).toBe('two');
  });

  it('leaves the previous site whole when the build is abandoned', async () => {
    const out = await claimSiteOutput(outDir);
    mkdirSync(out.site, { recursive: true });
    writeFileSync(join(out.site, 'half.html'), 'half');
    await out.abandon();
    expect(readdirSync(outDir)).toEqual(['index.html']);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous');
    expect(entries()).toEqual(['dist']);
  });

  it('writes a first site where there was none', async () => {
    rmSync(outDir, { recursive: true });
    const out = await claimSiteOutput(outDir);
    mkdirSync(out.site, { recursive: true });
    writeFileSync(join(out.site, 'index.html'), 'first');
    await out.commit();
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('first');
    expect(entries()).toEqual(['dist']); // nothing to set aside
  });

  it('gives each build its own work folder', async () => {
    const a = await claimSiteOutput(outDir);
    await a.abandon();
    const b = await claimSiteOutput(outDir);
    expect(b.work).not.toBe(a.work);
    expect(b.scratch('search')).not.toBe(a.scratch('search'));
    await b.abandon();
  });

  it('waits while a live build holds the folder, then takes it', async () => {
    const first = await claimSiteOutput(outDir);
    const waits: number[] = [];
    let second: Awaited<ReturnType<typeof claimSiteOutput>> | undefined;
    const claiming = claimSiteOutput(outDir, { pollMs: 10, onWait: (holder) => waits.push(holder.pid) }).then((o) => (second = o));
    await new Promise((r) => setTimeout(r, 100));
    expect(second).toBeUndefined();
    expect(waits).toEqual([process.pid]);
    await first.abandon();
    await claiming;
    expect(second!.work).not.toBe(first.work);
    await second!.abandon();
  });

  it('takes over the lock and deletes the leftovers of a build that was killed', async () => {
    // A process that claims the folder and is killed before it can clean up (SIGKILL runs no handler).
    const child = await halfBuild();
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(entries().filter((e) => e.startsWith('.dist.'))).toHaveLength(2); // its lock and its work folder
    const out = await claimSiteOutput(outDir, { onWait: () => expect.unreachable('the holder is dead') });
    expect(entries()).toEqual(['.dist.lock', 'dist', out.work.slice(dir.length + 1)].sort());
    await out.abandon();
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous');
  });

  it('cleans up and dies of the signal when interrupted', async () => {
    const child = await halfBuild();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((r) => child.once('exit', (c, s) => r([c, s])));
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });
    expect(entries()).toEqual(['dist']);
    expect(existsSync(join(outDir, 'half.html'))).toBe(false);
  });
});
