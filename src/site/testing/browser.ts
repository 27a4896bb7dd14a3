// Headless Chromium for tests: Debian's /usr/bin/chromium (or CHROME_PATH) driven by playwright-core.

import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared Chromium's address, from ./shared-chromium.setup.ts. */
    chromiumEndpoint: string;
  }
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function chromiumPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.CHROME_PATH || '/usr/bin/chromium';
}

/** Chromium for a test: the run's shared one when the build project's globalSetup started it, else a new one. */
export async function launchChromium(): Promise<Browser> {
  const shared = await sharedEndpoint();
  if (shared) return chromium.connect(shared);
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: CHROMIUM_ARGS });
}

export function chromiumExecutable(): string {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}; install it (apt-get install chromium) or set CHROME_PATH`);
  }
  return executablePath;
}

/** The shared Chromium's address (./shared-chromium.setup.ts); none outside vitest (scripts) or in the unit project. */
async function sharedEndpoint(): Promise<string | undefined> {
  if (!process.env.VITEST) return undefined;
  const { inject } = await import('vitest');
  return inject('chromiumEndpoint');
}
