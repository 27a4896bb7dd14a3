// `backlot dev` on the demo org: the real CLI starts Astro's dev server over the model, and the links the pages
// carry answer, the raw API definitions (linked without a trailing slash, as files in a build) included.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../site/build/build.ts';

const work = join(REPO_ROOT, '.backlot', `dev-test-${process.pid}`);
let child: ChildProcess;
let base: string;

beforeAll(async () => {
  mkdirSync(work, { recursive: true });
  const config = readFileSync(join(REPO_ROOT, 'backlot.config.yaml'), 'utf8')
    .replace('path: content', `path: ${JSON.stringify(join(REPO_ROOT, 'content'))}`)
    .replace('pages: pages', `pages: ${JSON.stringify(join(REPO_ROOT, 'pages'))}`);
  writeFileSync(join(work, 'backlot.config.yaml'), config);
  child = spawn(process.execPath, [join(REPO_ROOT, 'src/cli/backlot.js'), 'dev', '--config', join(work, 'backlot.config.yaml')], {
    cwd: REPO_ROOT,
    // As a user runs it: under Vitest's variables Astro's dev server takes itself for a test and serves no routes.
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV')), NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  base = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev server did not start:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/localhost:\d+\//.exec(output)?.[0];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`dev exited with ${code}:\n${output}`)));
  });
}, 90_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(work, { recursive: true, force: true });
});

describe('backlot dev', () => {
  it('serves the pages and the raw definitions they link to', async () => {
    const page = await fetch(new URL('catalog/default/api/customer-graphql/', base));
    expect(page.status).toBe(200);
    const html = await page.text();
    const raw = /href="([^"]*schema\.graphql)"/.exec(html)?.[1];
    expect(raw).toBe('/catalog/default/api/customer-graphql/schema.graphql');
    const file = await fetch(new URL(raw!, base));
    expect(file.status).toBe(200);
    expect(await file.text()).toMatch(/type \w+/);
  }, 60_000);

  it('serves the platform team’s own MDX pages', async () => {
    const page = await fetch(new URL('guides/getting-started/', base));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-create-button="template:default/node-service"');
  }, 60_000);
});
