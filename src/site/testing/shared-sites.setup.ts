// vitest globalSetup of the build project: one folder per test run where the fixture org's sites are built once
// and shared by every file that asks for the same one (./fixture-site.ts). Removed after the run.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    sharedSites: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'backlot-shared-sites-'));
  project.provide('sharedSites', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
