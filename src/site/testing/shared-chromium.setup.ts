// vitest globalSetup of the build project: one headless Chromium for the whole run, which every build test file
// connects to through launchChromium() (./browser.ts). A launch and first page cost 1-4 s and ~1 s of CPU on
// the 2-core machine, once per file before. Each file still gets its own contexts, closed when it disconnects.

import { chromium } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await chromium.launchServer({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
  project.provide('chromiumEndpoint', server.wsEndpoint());
  return () => server.close();
}
